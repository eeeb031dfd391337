/**
 * What spans the sources: `node(id)`, `connector(id)` and the abstract types' `__resolveType`. Internal module.
 */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { GatewayContext } from '../context.js';
import { assertCanRead } from '../auth/roles.js';
import { BadUserInputError } from '../errors/classes.js';
import { isNotFound } from '../errors/notFound.js';
import type { ScriptConnectorRecord } from '../sources/sailpoint/mappers.js';
import type { LogtoConnectorWire } from '../sources/logto/types.js';
import type { C1AppWire, C1ConnectorWire } from '../sources/conductorone/types.js';
import { isApp } from '../sources/conductorone/client.js';
import { decodeGlobalId, type GlobalId } from './globalId.js';
import { connectorsConnection } from './connectors.js';
import { deleteConnector, patchConnector } from './patchConnector.js';
import type { JsonPatchOperation } from './jsonPatch.js';

/** Loads the object a global id names, if the caller may read its source; null when its source no longer has it. */
async function loadNode(
  id: GlobalId,
  ctx: GatewayContext,
): Promise<ScriptConnectorRecord | LogtoConnectorWire | C1ConnectorWire | C1AppWire | null> {
  assertCanRead(ctx.caller.permissions, id.source);
  try {
    switch (id.type) {
      case 'ScriptConnector':
        return await ctx.loaders.sailpoint.connectorByScriptName.load(id.key[0]!);
      case 'LoginConnector':
        return await ctx.loaders.logto.connectorById.load(id.key[0]!);
      case 'AppConnector':
        return await ctx.loaders.conductorone.connectorByKey.load({ appId: id.key[0]!, id: id.key[1]! });
      case 'App':
        return await ctx.loaders.conductorone.appById.load(id.key[0]!);
    }
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/**
 * The GraphQL type of a connector object. Parents are wire objects, told apart by the key each source's wire
 * shape has and the others lack: SailPoint's `scriptName`, Logto's `connectorId` (the factory id), ConductorOne's
 * `appId`.
 */
function connectorType(obj: object): 'ScriptConnector' | 'LoginConnector' | 'AppConnector' {
  if ('scriptName' in obj) return 'ScriptConnector';
  if ('connectorId' in obj) return 'LoginConnector';
  if ('appId' in obj) return 'AppConnector';
  throw new Error('connector object of unknown source');
}

/** The GraphQL type of any Node: an app (as its client returned it) or a connector. */
function nodeType(obj: object): 'ScriptConnector' | 'LoginConnector' | 'AppConnector' | 'App' {
  return isApp(obj) ? 'App' : connectorType(obj);
}

export const graphResolvers: Resolvers = {
  Query: {
    node: (_root, { id }, ctx) => loadNode(decodeGlobalId(id), ctx),
    connectors: (_root, args, ctx) => connectorsConnection(ctx, args) as never,
    connector: async (_root, { id }, ctx) => {
      const decoded = decodeGlobalId(id);
      if (decoded.type === 'App') throw new BadUserInputError('This id names an App, not a connector; use node(id:) or app(id:).', { argumentName: 'id' });
      return loadNode(decoded, ctx) as Promise<ScriptConnectorRecord | LogtoConnectorWire | C1ConnectorWire | null>;
    },
  },
  Mutation: {
    patchConnector: (_root, { id, operations }, ctx) => patchConnector(ctx, id, operations as JsonPatchOperation[]) as never,
    deleteConnector: (_root, { id }, ctx) => deleteConnector(ctx, id),
  },
  Node: { __resolveType: nodeType },
  Connector: { __resolveType: connectorType },
};
