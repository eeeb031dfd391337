/**
 * `patchConnector` and `deleteConnector`: one JSON Patch and one delete for a connector of any source, through the
 * port. The patch goes to the engine (patchEngine.ts) with the source's patchable representation: checked, then,
 * holding the connector's write lock, read afresh, applied and written with only what changed (SailPoint takes the
 * operations natively). All or nothing: a refused patch sends nothing. The patched document must fit
 * `config.patch` (see jsonPatch.ts). Internal module.
 */
import type { GatewayContext } from '../context.js';
import { assertCanWrite } from '../auth/roles.js';
import { BadUserInputError } from '../errors/classes.js';
import { encodeGlobalId, type GlobalId } from './globalId.js';
import type { JsonPatchOperation } from './jsonPatch.js';
import { applyConnectorPatch } from './patchEngine.js';

/** The refusal of an id of a node type that is not a connector (an App) where a connector is expected. */
export function notAConnector(type: string, hint = ''): BadUserInputError {
  return new BadUserInputError(`This id names a${/^[AEIOU]/.test(type) ? 'n' : ''} ${type}, not a connector${hint}.`, { argumentName: 'id' });
}

/** The connector a global id names, if the caller may change its source; an id of another node type is BAD_USER_INPUT. */
function writableConnector(ctx: GatewayContext, globalId: string): GlobalId {
  const id = ctx.services.sources.decodeGlobalId(globalId);
  assertCanWrite(ctx.caller.permissions, id.source);
  if (!ctx.services.sources.isConnector(id.type)) throw notAConnector(id.type);
  return id;
}

/** `Mutation.patchConnector`: refused unless the caller may change the id's source. */
export async function patchConnector(ctx: GatewayContext, globalId: string, operations: readonly JsonPatchOperation[]): Promise<object> {
  const id = writableConnector(ctx, globalId);
  const source = ctx.services.sources.get(id.source);
  if (!source.patchable) throw new BadUserInputError(`${id.source} connectors cannot be patched.`, { argumentName: 'id' });
  return applyConnectorPatch(ctx, source.name, source.patchable, id.type, id.key, operations);
}

/** `Mutation.deleteConnector`: returns the deleted connector's global id; refused unless the caller may change its source. */
export async function deleteConnector(ctx: GatewayContext, globalId: string): Promise<string> {
  const id = writableConnector(ctx, globalId);
  await ctx.services.sources.get(id.source).delete(ctx, id.type, id.key);
  return encodeGlobalId(id.type, ...id.key);
}
