/**
 * What spans the sources: `node(id)`, `connector(id)`, `connectors`, `patchConnector`, `deleteConnector`, the
 * settings forms (`updateConnectorSettings`, `testConnector`, `testNewConnector`) and the abstract types'
 * `__resolveType`, all through the port: the id names a node type, the type its source. Internal module.
 */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { GatewayContext } from '../context.js';
import { assertCanRead } from '../auth/roles.js';
import { isNotFound } from '../errors/notFound.js';
import type { GlobalId } from './globalId.js';
import { connectorsConnection } from './connectors.js';
import { deleteConnector, notAConnector, patchConnector } from './patchConnector.js';
import type { JsonPatchOperation } from './jsonPatch.js';
import { testConnector, testNewConnector, updateConnectorSettings } from './settingsEngine.js';

/** Loads the object a global id names, if the caller may read its source; null when its source no longer has it. */
async function loadNode(id: GlobalId, ctx: GatewayContext): Promise<object | null> {
  assertCanRead(ctx.caller.permissions, id.source);
  try {
    return await ctx.services.sources.get(id.source).load(ctx, id.type, id.key);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** The GraphQL type of a Node or Connector: its source says (parents are the sources' own objects). */
function typeOf(obj: object, ctx: GatewayContext): string {
  return ctx.services.sources.typeOf(obj);
}

export const graphResolvers: Resolvers = {
  Query: {
    node: (_root, { id }, ctx) => loadNode(ctx.services.sources.decodeGlobalId(id), ctx),
    connectors: (_root, args, ctx) => connectorsConnection(ctx, args),
    connector: async (_root, { id }, ctx) => {
      const decoded = ctx.services.sources.decodeGlobalId(id);
      if (!ctx.services.sources.isConnector(decoded.type)) throw notAConnector(decoded.type, '; use node(id:)');
      return loadNode(decoded, ctx);
    },
  },
  Mutation: {
    patchConnector: (_root, { id, operations }, ctx) => patchConnector(ctx, id, operations as JsonPatchOperation[]),
    deleteConnector: (_root, { id }, ctx) => deleteConnector(ctx, id),
    updateConnectorSettings: (_root, { id, values, dryRun }, ctx) => updateConnectorSettings(ctx, id, values, dryRun),
    testConnector: (_root, { id, values, sendTo }, ctx) => testConnector(ctx, id, values, sendTo),
    testNewConnector: (_root, { source, templateId, values, sendTo }, ctx) => testNewConnector(ctx, source, templateId, values, sendTo),
  },
  Node: { __resolveType: typeOf as never },
  Connector: { __resolveType: typeOf as never },
};
