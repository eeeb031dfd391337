/**
 * What spans the sources: `node(id)`, `connector(id)` and the abstract types' `__resolveType`. Internal module.
 */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors/classes.js';
import { GatewayErrorCode } from '../errors/codes.js';
import type { ScriptConnectorRecord } from '../sources/sailpoint/mappers.js';
import type { LogtoConnectorWire } from '../sources/logto/types.js';
import { decodeGlobalId, type GlobalId } from './globalId.js';

/** True when `error` says the object does not exist at its source. */
export function isNotFound(error: unknown): boolean {
  return error instanceof GatewayError && error.code === GatewayErrorCode.NOT_FOUND;
}

/** Loads the object a global id names; null when its source no longer has it. */
async function loadNode(id: GlobalId, ctx: GatewayContext): Promise<ScriptConnectorRecord | LogtoConnectorWire | null> {
  try {
    switch (id.type) {
      case 'ScriptConnector':
        return await ctx.loaders.sailpoint.connectorByScriptName.load(id.key[0]!);
      case 'LoginConnector':
        return await ctx.loaders.logto.connectorById.load(id.key[0]!);
    }
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/**
 * The GraphQL type of a connector object. Parents are wire objects, told apart by the key each source's wire
 * shape has and the others lack: SailPoint's `scriptName`, Logto's `connectorId` (the factory id).
 */
function connectorType(obj: object): 'ScriptConnector' | 'LoginConnector' {
  if ('scriptName' in obj) return 'ScriptConnector';
  if ('connectorId' in obj) return 'LoginConnector';
  throw new Error('connector object of unknown source');
}

export const graphResolvers: Resolvers = {
  Query: {
    node: (_root, { id }, ctx) => loadNode(decodeGlobalId(id), ctx),
    connector: (_root, { id }, ctx) => loadNode(decodeGlobalId(id), ctx),
  },
  Node: { __resolveType: connectorType },
  Connector: { __resolveType: connectorType },
};
