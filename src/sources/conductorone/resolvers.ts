/**
 * Resolvers of the ConductorOne source: app connectors, apps, and the mutations that change connectors. Parents
 * are wire objects (codegen mappers); only reshaped fields have a resolver. Internal module.
 */
import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { BadUserInputError } from '../../errors/classes.js';
import { checkPageSize } from '../../graph/cursor.js';
import { mergeObject } from '../../graph/merge.js';
import { looksSecret } from '../../graph/settings.js';
import { connectorLockKey } from '../../graph/writeLocks.js';
import type { SourceContext } from '../port.js';
import type { C1Connector } from './client.js';
import { CONDUCTORONE, conductorone } from './context.js';
import { deleteAppConnector, rememberAppConnector } from './graph.js';
import { toC1Id } from './inputs.js';
import { appConnectorId, appGlobalId, connectorConfig, setString, syncStatus, TYPE_KEY } from './mappers.js';
import { C1_MAX_PAGE, collectPage, decodePosition, encodePosition, type TokenPosition } from './paging.js';
import type { C1AnyWire, C1ConnectorWire } from './types.js';

const CURSOR_KIND = 'c1';

/** An edge whose cursor is encoded only when a client selects it. */
class PositionEdge {
  constructor(
    readonly node: C1Connector,
    private readonly position: TokenPosition,
  ) {}

  get cursor(): string {
    return encodePosition(CURSOR_KIND, this.position);
  }
}

/** A page of an app's connectors as a Relay connection. */
async function appConnectorConnection(appId: string, first: number | null | undefined, after: string | null | undefined, ctx: SourceContext) {
  const size = checkPageSize(first, 50, C1_MAX_PAGE, 1);
  const position = after == null ? undefined : decodePosition(CURSOR_KIND, after, C1_MAX_PAGE);
  const page = await collectPage(size, position, C1_MAX_PAGE, (pageToken, pageSize) =>
    conductorone(ctx).loaders.connectorPage.load({ appId, pageSize, pageToken }),
  );
  const edges = page.edges.map((e) => new PositionEdge(e.node, e.position));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** A config with its `@type`: what ConductorOne's Any needs. */
function typedConfig(config: Record<string, unknown>, argumentName: string): C1AnyWire {
  if (typeof config[TYPE_KEY] !== 'string' || config[TYPE_KEY] === '') {
    throw new BadUserInputError(`${argumentName} needs "@type", the config's type URL (e.g. type.googleapis.com/…).`, { argumentName });
  }
  return config as C1AnyWire;
}

/** The fields of UpdateAppConnectorInput that map one to one onto the connector message. */
const PLAIN_FIELDS = ['displayName', 'description', 'profileAllowList', 'profileIgnoreList', 'disableCheckBadSync', 'userIds'] as const;

export const conductoroneResolvers: Resolvers = {
  Query: {
    async app(_root, { id }, ctx) {
      return conductorone(ctx).loaders.appById.load(toC1Id(id, 'id'));
    },
    appConnectors: (_root, { appId, first, after }, ctx) => appConnectorConnection(toC1Id(appId, 'appId'), first, after, ctx),
  },

  Mutation: {
    async createAppConnector(_root, { input }, ctx) {
      toC1Id(input.appId, 'input.appId');
      const body = {
        catalogId: input.catalogId,
        ...(input.config != null ? { config: typedConfig(input.config, 'input.config') } : {}),
        ...(input.description != null ? { description: input.description } : {}),
        ...(input.userIds != null ? { userIds: input.userIds } : {}),
      };
      if (input.catalogId.trim() === '') throw new BadUserInputError('catalogId must not be empty.', { argumentName: 'input.catalogId' });
      const c1 = conductorone(ctx).client;
      const created = await c1.createConnector(input.appId, body, ctx.requestId);
      if (input.displayName == null) return rememberAppConnector(ctx, created);
      // ConductorOne's configured create has no display name: set it with an update, or undo the create.
      try {
        return rememberAppConnector(ctx, await c1.updateConnector(input.appId, created.id, { displayName: input.displayName }, ['displayName'], ctx.requestId));
      } catch (error) {
        await c1.deleteConnector(input.appId, created.id, ctx.requestId).catch((undo: unknown) => {
          ctx.logger.error(
            { requestId: ctx.requestId, source: CONDUCTORONE, appId: input.appId, id: created.id, err: undo },
            'could not undo a create whose rename failed',
          );
        });
        throw error;
      }
    },

    async updateAppConnector(_root, { input }, ctx) {
      toC1Id(input.appId, 'input.appId');
      toC1Id(input.id, 'input.id');
      const connector: C1ConnectorWire = {};
      const mask: string[] = [];
      for (const field of PLAIN_FIELDS) {
        const value = input[field];
        if (value == null) continue;
        (connector as Record<string, unknown>)[field] = value;
        mask.push(field);
      }
      if (input.config != null) mask.push('config');
      if (mask.length === 0) throw new BadUserInputError('input changes nothing: give at least one field to change.', { argumentName: 'input' });
      // Read, merge and write holding the connector's write lock, as a patch does: neither overwrites the other.
      return ctx.services.writeLocks.run(connectorLockKey(CONDUCTORONE, input.appId, input.id), async () => {
        if (input.config != null) {
          // ConductorOne replaces config whole: merge the given keys onto the config stored now (secrets kept), not
          // what this request read before the lock.
          const key = { appId: input.appId, id: input.id };
          const current = await conductorone(ctx).loaders.connectorByKey.clear(key).load(key);
          const merged = mergeObject(current.config ?? undefined, input.config, looksSecret);
          connector.config = typedConfig(merged, 'input.config');
        }
        return rememberAppConnector(ctx, await conductorone(ctx).client.updateConnector(input.appId, input.id, connector, mask, ctx.requestId));
      });
    },

    deleteAppConnector: (_root, { appId, id }, ctx) => deleteAppConnector(ctx, toC1Id(appId, 'appId'), toC1Id(id, 'id')),
  },

  AppConnector: {
    // `appId`, `createdAt`, `updatedAt`, `profileAllowList`, `profileIgnoreList`, `disableCheckBadSync`,
    // `syncDisabledAt`, `userIds` and `deletedAt` are the wire's own fields: no resolver, so the jit executor reads
    // them inline (a resolver costs a call and a resolve-info object per connector; absent reads as null).
    id: (c) => appConnectorId(c.appId, c.id),
    source: () => CONDUCTORONE,
    nativeId: (c) => c.id,
    displayName: (c) => setString(c.displayName) ?? c.id,
    description: (c) => setString(c.description) ?? null,
    // `settings` comes from the port (index.ts).
    app: (c, _args, ctx) => conductorone(ctx).loaders.appById.load(c.appId),
    catalogId: (c) => setString(c.catalogId) ?? null,
    config: (c) => connectorConfig(c.config),
    connectorStatus: (c) =>
      c.status
        ? {
            status: syncStatus(c.status.status),
            startedAt: c.status.startedAt ?? null,
            completedAt: c.status.completedAt ?? null,
            updatedAt: c.status.updatedAt ?? null,
            lastError: setString(c.status.lastError) ?? null,
          }
        : null,
    oAuth2AuthorizedAs: (c) =>
      c.oauthAuthorizedAs ? { authEmail: setString(c.oauthAuthorizedAs.authEmail) ?? null, authorizedAt: c.oauthAuthorizedAs.authorizedAt ?? null } : null,
    syncDisabledCategory: (c) => setString(c.syncDisabledCategory) ?? null,
    syncDisabledReason: (c) => setString(c.syncDisabledReason) ?? null,
    downloadUrl: (c) => setString(c.downloadUrl) ?? null,
  },

  App: {
    id: (a) => appGlobalId(a.id),
    nativeId: (a) => a.id,
    displayName: (a) => setString(a.displayName) ?? null,
    connectors: (a, { first, after }, ctx) => appConnectorConnection(a.id, first, after, ctx),
  },
};
