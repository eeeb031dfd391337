/**
 * What the unified graph asks of Logto (through the port): its part of the `connectors` list, a login connector by
 * id, its patchable representation, delete. The root mutations of `resolvers.ts` use the same functions. Internal
 * module.
 */
import { isDeepStrictEqual } from 'node:util';
import { BadUserInputError } from '../../errors/classes.js';
import { checkOffset, positionObject } from '../../graph/cursor.js';
import { keepSecrets } from '../../graph/merge.js';
import { maskSecrets } from '../../graph/settings.js';
import { connectorLockKey } from '../../graph/writeLocks.js';
import type { Patchable, SourceContext, WalkResult } from '../port.js';
import { LOGTO, logto } from './context.js';
import { checkConfig, checkMetadata } from './inputs.js';
import { ALL } from './loaders.js';
import { loginConnectorId, logtoSecretTest, phrase } from './mappers.js';
import type { LogtoConnectorWire, LogtoUpdateConnectorWire } from './types.js';

type Json = Record<string, unknown>;

/** The type of an object this source's resolvers return: a login connector names its factory (`connectorId`). */
export function logtoTypeOf(obj: object): string | undefined {
  return 'connectorId' in obj ? 'LoginConnector' : undefined;
}

/** Logto's part of `connectors`: one list call; the position `{ i }` is the index in the filtered list. */
export async function walkLoginConnectors(ctx: SourceContext, want: number, position: unknown, search: string | undefined): Promise<WalkResult> {
  const start = position === undefined ? 0 : checkOffset(positionObject(position).i);
  const listed = await logto(ctx).loaders.connectorList.load(ALL);
  const all = search === undefined ? listed : listed.filter((c) => (phrase(c.name) ?? c.id).toLowerCase().includes(search));
  const slice = all.slice(start, start + want);
  return {
    found: slice.map((node, k) => ({ node, position: { i: start + k + 1 } })),
    more: start + slice.length < all.length,
  };
}

/** Later reads in this request see what a mutation returned. */
export function rememberLoginConnector(ctx: SourceContext, connector: LogtoConnectorWire): LogtoConnectorWire {
  const { loaders } = logto(ctx);
  loaders.connectorById.clear(connector.id).prime(connector.id, connector);
  loaders.connectorList.clearAll();
  return connector;
}

/** Deletes a login connector, holding its write lock (not in the middle of a patch or update of it); returns its global id. */
export async function deleteLoginConnector(ctx: SourceContext, id: string): Promise<string> {
  const { client, loaders } = logto(ctx);
  await ctx.services.writeLocks.run(connectorLockKey(LOGTO, id), () => client.deleteConnector(id, ctx.requestId));
  loaders.connectorById.clear(id);
  loaders.connectorList.clearAll();
  return loginConnectorId(id);
}

function requireType(ok: boolean, field: string, what: string): void {
  if (!ok) throw new BadUserInputError(`After the patch, ${field} must be ${what}.`, { argumentName: 'operations' });
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A login connector as `patchConnector` patches it: `{ syncProfile, metadata, config }`, confidential config values
 * (and secret-looking keys) read as null at any depth, so that a `test` cannot be used to guess one; a secret left
 * at null keeps its stored value. The result is checked (types, the factory's form) and sent as Logto's PATCH with
 * only the fields that changed.
 */
export const loginConnectorPatchable: Patchable<LogtoConnectorWire, LogtoConnectorWire> = {
  fields: ['syncProfile', 'metadata', 'config'],
  async read(ctx, _type, [id]) {
    const current = await logto(ctx).loaders.connectorById.clear(id).load(id);
    const masked = maskSecrets(current.config, logtoSecretTest(current.formItems));
    return { document: { syncProfile: current.syncProfile, metadata: current.metadata, config: masked }, stored: current };
  },
  async write(ctx, _type, [id], { read }) {
    // Without needsRead, the engine reads before every write.
    if (read === undefined) throw new Error('A login connector patch is written only after it is read.');
    const { document: before, after, stored: current } = read;
    const body: LogtoUpdateConnectorWire = {};
    if (after.syncProfile !== before.syncProfile) {
      requireType(typeof after.syncProfile === 'boolean', 'syncProfile', 'true or false');
      body.syncProfile = after.syncProfile as boolean;
    }
    if (!isDeepStrictEqual(after.metadata, before.metadata)) {
      requireType(isObject(after.metadata), 'metadata', 'an object');
      checkMetadata(after.metadata as Record<string, unknown>, 'metadata');
      body.metadata = after.metadata as Json;
    }
    if (!isDeepStrictEqual(after.config, before.config)) {
      requireType(isObject(after.config), 'config', 'an object');
      const config = keepSecrets(after.config, current.config, logtoSecretTest(current.formItems)) as Json;
      checkConfig(current.formItems, config, 'operations');
      body.config = config;
    }
    if (Object.keys(body).length === 0) return current; // nothing changed: nothing to send
    return rememberLoginConnector(ctx, await logto(ctx).client.updateConnector(id, body, ctx.requestId));
  },
};
