/**
 * What the unified graph asks of ConductorOne (through the port): its part of the `connectors` list, an app
 * connector or an app by key, the patchable representation of an app connector, delete, and a forced sync. The root
 * mutations of `resolvers.ts` use the same functions. Internal module.
 */
import { isDeepStrictEqual } from 'node:util';
import { BadUserInputError } from '../../errors/classes.js';
import { checkOffset, positionObject } from '../../graph/cursor.js';
import { keepSecrets } from '../../graph/merge.js';
import { looksSecret } from '../../graph/settings.js';
import type { NativeKey } from '../../graph/globalId.js';
import { connectorLockKey } from '../../graph/writeLocks.js';
import type { Patchable, SourceContext, WalkResult, WalkStep } from '../port.js';
import { forgetCatalog } from './catalog.js';
import { isApp, type C1Connector } from './client.js';
import { CONDUCTORONE, conductorone } from './context.js';
import type { ConnectorKey } from './loaders.js';
import { appConnectorId, connectorConfig, setString, TYPE_KEY } from './mappers.js';
import { C1_MAX_PAGE, checkPosition, collectPage } from './paging.js';
import type { C1ConnectorWire } from './types.js';

type Json = Record<string, unknown>;

/** The type of an object this source's resolvers return: an app (as its client returned it), or a connector of one (`appId`). */
export function conductoroneTypeOf(obj: object): string | undefined {
  if (isApp(obj)) return 'App';
  return 'appId' in obj ? 'AppConnector' : undefined;
}

/**
 * ConductorOne's part of `connectors`: apps page by page; the connectors of the apps of one apps page are asked for
 * at the same time (each for at most what the page still needs), then taken in app order. The position is
 * `{ a, x, c }`: the apps page token, the app's index in that page and the position within the app's connectors
 * (paging.ts), without `c` at the start of an app.
 */
export async function walkAppConnectors(ctx: SourceContext, want: number, position: unknown, search: string | undefined): Promise<WalkResult> {
  const pos = position === undefined ? undefined : positionObject(position);
  let appsToken = pos === undefined ? '' : checkPosition({ t: pos.a, s: 0, n: C1_MAX_PAGE }, C1_MAX_PAGE).t;
  let appIndex = pos === undefined ? 0 : checkOffset(pos.x, C1_MAX_PAGE);
  let inApp = pos?.c === undefined ? undefined : checkPosition(pos.c, C1_MAX_PAGE);
  const { client, loaders } = conductorone(ctx);
  const found: WalkStep[] = [];
  const keep = search === undefined ? undefined : (c: C1Connector) => (setString(c.displayName) ?? c.id).toLowerCase().includes(search);
  for (;;) {
    const apps = await client.listApps(C1_MAX_PAGE, appsToken, ctx.requestId);
    // A connector's `app` is then read from this page rather than searched for again.
    for (const app of apps.items) loaders.appById.prime(app.id, app);
    const need = want - found.length;
    const start = inApp;
    const parts = await Promise.all(
      apps.items
        .slice(appIndex)
        .map((app, k) =>
          collectPage(
            need,
            k === 0 ? start : undefined,
            C1_MAX_PAGE,
            (pageToken, pageSize) => loaders.connectorPage.load({ appId: app.id, pageSize, pageToken }),
            keep,
          ),
        ),
    );
    inApp = undefined;
    for (const [k, part] of parts.entries()) {
      const x = appIndex + k;
      for (const e of part.edges) {
        const step: WalkStep = { node: e.node, position: { a: appsToken, x, c: e.position } };
        found.push(step);
        if (found.length === want) {
          const last = e === part.edges.at(-1);
          const appHasMore = !last || part.hasNextPage;
          // Past an app's last connector, continue at the next app rather than re-reading this one.
          if (!appHasMore) step.position = { a: appsToken, x: x + 1 };
          const laterApps = parts.slice(k + 1).some((p) => p.edges.length > 0 || p.hasNextPage);
          return { found, more: appHasMore || laterApps || apps.nextPageToken !== '' };
        }
      }
    }
    if (!apps.nextPageToken) return { found, more: false };
    appsToken = apps.nextPageToken;
    appIndex = 0;
  }
}

/** An app connector's native key: its app's id and its own (the port checked both against AppConnector's id rules). */
export function connectorKeyOf(key: NativeKey): ConnectorKey {
  const [appId, id] = key;
  if (id === undefined) throw new Error('An AppConnector key has two parts: the app id and the connector id.');
  return { appId, id };
}

/** An app connector or an app by its native key. */
export function loadAppNode(ctx: SourceContext, type: string, key: NativeKey): Promise<object | null> {
  const { loaders } = conductorone(ctx);
  return type === 'App' ? loaders.appById.load(key[0]) : loaders.connectorByKey.load(connectorKeyOf(key));
}

/** Later reads in this request see what a mutation returned. */
export function rememberAppConnector(ctx: SourceContext, connector: C1Connector): C1Connector {
  const { loaders } = conductorone(ctx);
  const key = { appId: connector.appId, id: connector.id };
  loaders.connectorByKey.clear(key).prime(key, connector);
  loaders.connectorPage.clearAll();
  forgetCatalog(ctx);
  return connector;
}

/** Deletes an app connector, holding its write lock (not in the middle of a patch or update of it); returns its global id. */
export async function deleteAppConnector(ctx: SourceContext, appId: string, id: string): Promise<string> {
  const { client, loaders } = conductorone(ctx);
  await ctx.services.writeLocks.run(connectorLockKey(CONDUCTORONE, appId, id), () => client.deleteConnector(appId, id, ctx.requestId));
  loaders.connectorByKey.clear({ appId, id });
  loaders.connectorPage.clearAll();
  forgetCatalog(ctx);
  return appConnectorId(appId, id);
}

/**
 * Forces a sync of an app connector and reads it back (status RUNNING), holding its write lock: a sync asked for
 * while an update or patch of the connector is in flight starts after that write, on the config it wrote.
 */
export async function syncAppConnector(ctx: SourceContext, appId: string, id: string): Promise<C1Connector> {
  const { client, loaders } = conductorone(ctx);
  const key = { appId, id };
  const connector = await ctx.services.writeLocks.run(connectorLockKey(CONDUCTORONE, appId, id), async () => {
    await client.forceSync(appId, id, ctx.requestId);
    return loaders.connectorByKey.clear(key).load(key);
  });
  return rememberAppConnector(ctx, connector);
}

function requireType(ok: boolean, field: string, what: string): void {
  if (!ok) throw new BadUserInputError(`After the patch, ${field} must be ${what}.`, { argumentName: 'operations' });
}

const isStringList = (v: unknown) => v === null || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const APP_CONNECTOR_FIELDS = ['displayName', 'description', 'config', 'profileAllowList', 'profileIgnoreList', 'disableCheckBadSync', 'userIds'] as const;

/**
 * An app connector as `patchConnector` patches it: `{ displayName, description, config: { typeUrl, value },
 * profileAllowList, profileIgnoreList, disableCheckBadSync, userIds }`, secret-looking config values read as null; a
 * secret left at null keeps its stored value. The result is checked (types) and sent as ConductorOne's update with
 * an update mask of the fields that changed.
 */
export const appConnectorPatchable: Patchable<C1Connector, C1Connector> = {
  fields: APP_CONNECTOR_FIELDS,
  async read(ctx, _type, nativeKey) {
    const key = connectorKeyOf(nativeKey);
    const current = await conductorone(ctx).loaders.connectorByKey.clear(key).load(key);
    const document: Json = {
      displayName: current.displayName ?? '',
      description: current.description ?? '',
      config: connectorConfig(current.config ?? null),
      profileAllowList: current.profileAllowList ?? null,
      profileIgnoreList: current.profileIgnoreList ?? null,
      disableCheckBadSync: current.disableCheckBadSync ?? false,
      userIds: current.userIds ?? null,
    };
    return { document, stored: current };
  },
  async write(ctx, _type, nativeKey, { read }) {
    // Without needsRead, the engine reads before every write.
    if (read === undefined) throw new Error('An app connector patch is written only after it is read.');
    const { document: before, after, stored: current } = read;
    const changes: C1ConnectorWire = {};
    const mask: string[] = [];
    for (const field of APP_CONNECTOR_FIELDS) {
      if (isDeepStrictEqual(after[field], before[field])) continue;
      const value = after[field];
      switch (field) {
        case 'displayName':
        case 'description':
          requireType(typeof value === 'string', field, 'a string');
          break;
        case 'disableCheckBadSync':
          requireType(typeof value === 'boolean', field, 'true or false');
          break;
        case 'config': {
          requireType(isObject(value) && typeof value.typeUrl === 'string' && value.typeUrl !== '' && isObject(value.value), 'config', '{ typeUrl, value }');
          const { typeUrl, value: values } = value as { typeUrl: string; value: Json };
          changes.config = { ...(keepSecrets(values, current.config ?? null, looksSecret) as Json), [TYPE_KEY]: typeUrl };
          mask.push('config');
          continue;
        }
        default:
          requireType(isStringList(value), field, 'a list of strings');
      }
      (changes as Json)[field] = value;
      mask.push(field);
    }
    if (mask.length === 0) return current;
    const { appId, id } = connectorKeyOf(nativeKey);
    return rememberAppConnector(ctx, await conductorone(ctx).client.updateConnector(appId, id, changes, mask, ctx.requestId));
  },
};
