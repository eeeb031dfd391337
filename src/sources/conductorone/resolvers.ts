/**
 * Resolvers of the ConductorOne source: app connectors, apps, and the mutations that change connectors. Parents
 * are wire objects (codegen mappers); only reshaped fields have a resolver. Internal module.
 */
import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { BadUserInputError } from '../../errors/classes.js';
import { nullIfNotFound } from '../../errors/notFound.js';
import { checkPageSize } from '../../graph/cursor.js';
import { mergeObject } from '../../graph/merge.js';
import { buildSettings, looksSecret } from '../../graph/settings.js';
import { connectorLockKey } from '../../graph/writeLocks.js';
import type { SourceContext } from '../port.js';
import { catalogEntry, connectorCatalog, forgetCatalog } from './catalog.js';
import type { C1Connector } from './client.js';
import { CONDUCTORONE, conductorone } from './context.js';
import { deleteAppConnector, rememberAppConnector, syncAppConnector } from './graph.js';
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

/**
 * The config of a create: as given when it has its `@type`, else with the `configType` of its catalog entry (as the
 * tenant's connectors of it show it); refused when there is none to take.
 */
async function configForCreate(ctx: SourceContext, config: Record<string, unknown>, catalogId: string): Promise<C1AnyWire> {
  if (typeof config[TYPE_KEY] === 'string' && config[TYPE_KEY] !== '') return config as C1AnyWire;
  const entry = await catalogEntry(ctx, catalogId);
  if (entry?.configType == null) {
    throw new BadUserInputError(
      `input.config has no "@type", and no configured connector of the tenant is of catalog entry "${catalogId}" to take its config type from: give "@type".`,
      { argumentName: 'input.config' },
    );
  }
  return { ...config, [TYPE_KEY]: entry.configType };
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
    appConnector(_root, { appId, id }, ctx) {
      const key = { appId: toC1Id(appId, 'appId'), id: toC1Id(id, 'id') };
      return nullIfNotFound(conductorone(ctx).loaders.connectorByKey.load(key));
    },
    async connectorCatalog(_root, _args, ctx) {
      return (await connectorCatalog(ctx)).map((entry) => ({ ...entry, form: entry.form && buildSettings(entry.form, 'FORM_DEFAULTS') }));
    },
  },

  Mutation: {
    async createAppConnector(_root, { input }, ctx) {
      const appId = toC1Id(input.appId, 'input.appId');
      if (input.catalogId.trim() === '') throw new BadUserInputError('catalogId must not be empty.', { argumentName: 'input.catalogId' });
      if (input.config != null && (input.appEntitlementOwnerRefs != null || input.appManagedStateBindingRef != null)) {
        throw new BadUserInputError(
          "appEntitlementOwnerRefs and appManagedStateBindingRef are taken only by a create without config (ConductorOne's delegated create).",
          { argumentName: 'input' },
        );
      }
      const c1 = conductorone(ctx).client;
      // What neither create takes is set by one update right after it.
      const later: C1ConnectorWire = {};
      let created: C1Connector;
      if (input.config != null) {
        const config = await configForCreate(ctx, input.config, input.catalogId);
        if (input.displayName != null) later.displayName = input.displayName;
        created = await c1.createConnector(
          appId,
          {
            catalogId: input.catalogId,
            config,
            ...(input.description != null ? { description: input.description } : {}),
            ...(input.userIds != null ? { userIds: input.userIds } : {}),
          },
          ctx.requestId,
        );
      } else {
        created = await c1.createDelegatedConnector(
          appId,
          {
            catalogId: input.catalogId,
            ...(input.displayName != null ? { displayName: input.displayName } : {}),
            ...(input.description != null ? { description: input.description } : {}),
            ...(input.userIds != null ? { userIds: input.userIds } : {}),
            ...(input.appEntitlementOwnerRefs != null ? { appEntitlementOwnerRefs: input.appEntitlementOwnerRefs } : {}),
            ...(input.appManagedStateBindingRef != null ? { appManagedStateBindingRef: input.appManagedStateBindingRef } : {}),
          },
          ctx.requestId,
        );
      }
      forgetCatalog(ctx);
      if (input.profileAllowList != null) later.profileAllowList = input.profileAllowList;
      if (input.profileIgnoreList != null) later.profileIgnoreList = input.profileIgnoreList;
      if (input.disableCheckBadSync != null) later.disableCheckBadSync = input.disableCheckBadSync;
      const mask = Object.keys(later);
      if (mask.length === 0) return rememberAppConnector(ctx, created);
      try {
        return rememberAppConnector(ctx, await c1.updateConnector(appId, created.id, later, mask, ctx.requestId));
      } catch (error) {
        await c1.deleteConnector(appId, created.id, ctx.requestId).catch((undo: unknown) => {
          ctx.logger.error(
            { requestId: ctx.requestId, source: CONDUCTORONE, appId, id: created.id, err: undo },
            'could not undo a create whose follow-up update failed',
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

    syncAppConnector: (_root, { appId, id }, ctx) => syncAppConnector(ctx, toC1Id(appId, 'appId'), toC1Id(id, 'id')),
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
