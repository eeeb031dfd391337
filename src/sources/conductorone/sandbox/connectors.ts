/**
 * The app-connector operations of the ConductorOne sandbox (`/api/v1/apps/{app_id}/connectors…`, `ConnectorService`):
 * list with paging, get, both creates (configured, and delegated without a config), field-mask updates and delete,
 * with the app in `expanded` when the expand mask asks for it.
 *
 * Internal module of the ConductorOne sandbox.
 */
import { randomBytes } from 'node:crypto';
import type { SandboxContext } from '../../../sandbox/app.js';
import { sendJson } from '../../../sandbox/http.js';
import {
  C1_APP_TYPE_URL,
  C1_TYPE_URL_PREFIX,
  type C1AnyWire,
  type C1ConnectorServiceCreateResponse,
  type C1ConnectorServiceDeleteResponse,
  type C1ConnectorServiceGetResponse,
  type C1ConnectorServiceListResponse,
  type C1ConnectorServiceUpdateResponse,
  type C1ConnectorViewWire,
} from '../types.js';
import { readRpcBody } from './bodies.js';
import { parseConnector } from './connectorFields.js';
import { invalidArgument } from './errors.js';
import { MASK_PATHS, parseExpandMask, parseUpdateMask } from './masks.js';
import { byId, nextPageToken, pageOf, pageSizeOf, queryParam, type ConductorOnePaging } from './paging.js';
import { describeValue, parseAny, parseMessage, parseString, parseStrings } from './protojson.js';
import { c1Ksuid, rfc3339, type C1SandboxCatalogEntry, type C1SandboxConnector } from './seed.js';
import type { ConductorOneStore } from './store.js';
import { toAppWire, toConnectorWire } from './wire.js';

/** The public API allows at most this many parallel sync workers. */
const MAX_PARALLEL_SYNC_WORKERS = 4;

/** `GET …/apps/{appId}/connectors`: the app's connectors in id order, paged. */
export function listAppConnectors(ctx: SandboxContext, params: Record<string, string>, store: ConductorOneStore, paging: ConductorOnePaging): void {
  const appId = params.appId ?? '';
  const connectors = store.appConnectors(appId);
  const pageSize = pageSizeOf(queryParam(ctx.query, 'page_size', 'pageSize'), 'page_size', paging.pageSizeMax);
  const token = queryParam(ctx.query, 'page_token', 'pageToken') ?? '';
  const scope = `connectors:${appId}`;
  const after = token === '' ? undefined : paging.pageTokens.open(scope, token);
  const { page, lastId } = pageOf([...connectors.values()].sort(byId), pageSize, after);
  const body: C1ConnectorServiceListResponse = {
    list: page.map((connector) => connectorView(store, connector, false).view),
    nextPageToken: nextPageToken(paging.pageTokens, scope, lastId),
    expanded: [],
  };
  sendJson(ctx.res, 200, body);
}

/** `GET …/apps/{appId}/connectors/{id}`. */
export function getAppConnector(ctx: SandboxContext, params: Record<string, string>, store: ConductorOneStore): void {
  const { view, expanded } = connectorView(store, store.findConnector(params), false);
  const body: C1ConnectorServiceGetResponse = { connectorView: view, expanded };
  sendJson(ctx.res, 200, body);
}

/** `POST …/connectors/create`: a configured connector, named after its catalog entry (the request has no name). */
export async function createAppConnector(ctx: SandboxContext, params: Record<string, string>, store: ConductorOneStore): Promise<void> {
  const body = await readRpcBody(ctx.req, 'ConnectorServiceCreateRequest');
  // Fields are checked before the app is looked up, as C1's request validation runs before the handler.
  const catalogId = parseString(body.catalogId, 'catalogId');
  const config = parseAny(body.config, 'config');
  const description = parseString(body.description, 'description');
  const userIds = parseStrings(body.userIds, 'userIds');
  const expand = parseExpandMask(body.expandMask, 'expandMask');
  const message = 'ConnectorServiceCreateRequest';
  if (catalogId === '') throw invalidArgument(`invalid ${message}.catalogId: value is required`);
  checkUserIds(userIds, message);
  const connectors = store.appConnectors(params.appId ?? '');
  const entry = store.findCatalogEntry(catalogId, message);
  checkConfigType(config, entry);
  const connector = newConnector(store, params.appId ?? '', entry, { displayName: entry.displayName, description, userIds, config });
  connectors.set(connector.id, connector);
  sendConnectorView(ctx, store, connector, expand);
}

/** `POST …/connectors`: a connector waiting for its configuration (`config` stays `null`). */
export async function createDelegatedAppConnector(ctx: SandboxContext, params: Record<string, string>, store: ConductorOneStore): Promise<void> {
  const body = await readRpcBody(ctx.req, 'ConnectorServiceCreateDelegatedRequest');
  const message = 'ConnectorServiceCreateDelegatedRequest';
  const catalogId = parseString(body.catalogId, 'catalogId');
  const displayName = parseString(body.displayName, 'displayName');
  const description = parseString(body.description, 'description');
  const userIds = parseStrings(body.userIds, 'userIds');
  const expand = parseExpandMask(body.expandMask, 'expandMask');
  // Entitlement owners and the managed-state binding describe the app, not the connector: checked, not stored.
  checkRefs(body.appEntitlementOwnerRefs, 'appEntitlementOwnerRefs', ['appId', 'id']);
  parseMessage(body.appManagedStateBindingRef, 'appManagedStateBindingRef', (fields) =>
    ['appId', 'resourceId', 'resourceTypeId'].map((key) => parseString(fields[key], `appManagedStateBindingRef.${key}`)),
  );
  if (catalogId === '') throw invalidArgument(`invalid ${message}.catalogId: value is required`);
  checkUserIds(userIds, message);
  const connectors = store.appConnectors(params.appId ?? '');
  const entry = store.findCatalogEntry(catalogId, message);
  const name = displayName.trim() === '' ? entry.displayName : displayName;
  const connector = newConnector(store, params.appId ?? '', entry, { displayName: name, description, userIds, config: null });
  connectors.set(connector.id, connector);
  sendConnectorView(ctx, store, connector, expand);
}

function newConnector(
  store: ConductorOneStore,
  appId: string,
  entry: C1SandboxCatalogEntry,
  fields: { displayName: string; description: string; userIds: string[]; config: C1AnyWire | null },
): C1SandboxConnector {
  const now = Date.now();
  const at = rfc3339(now);
  let id = c1Ksuid(new Date(now), randomBytes(16));
  while (store.hasConnector(appId, id)) id = c1Ksuid(new Date(now), randomBytes(16));
  return {
    appId,
    canResumeSync: false,
    catalogId: entry.id,
    config: fields.config,
    configUpdatedAt: fields.config ? at : null,
    connectorApiVersion: 2,
    connectorSyncCronSchedule: null,
    createdAt: at,
    deletedAt: null,
    description: fields.description,
    disableCheckBadSync: false,
    displayName: fields.displayName,
    downloadUrl: '',
    id,
    oauthAuthorizedAs: null,
    parallelSyncWorkerCount: null,
    profileAllowList: [],
    profileIgnoreList: [],
    // A new connector has not synced yet.
    status: { status: 'SYNC_STATUS_UNSPECIFIED', startedAt: null, completedAt: null, lastError: '', updatedAt: null },
    syncConfig: null,
    syncDisabledAt: null,
    syncDisabledCategory: '',
    syncDisabledReason: '',
    updatedAt: at,
    userIds: fields.userIds,
  };
}

/**
 * `POST …/connectors/{id}`: changes exactly the fields the update mask names, each to its value in `connector`
 * (absent there: its zero value). Everything is checked before anything changes. The ids come from the URL; ids
 * and read-only fields in the body are ignored.
 */
export async function updateAppConnector(ctx: SandboxContext, params: Record<string, string>, store: ConductorOneStore): Promise<void> {
  const body = await readRpcBody(ctx.req, 'ConnectorServiceUpdateRequest');
  if (body.connector === undefined || body.connector === null) {
    throw invalidArgument('invalid ConnectorServiceUpdateRequest.connector: value is required');
  }
  const source = parseConnector(body.connector, 'connector');
  const paths = parseUpdateMask(body.updateMask);
  const expand = parseExpandMask(body.expandMask, 'expandMask');
  const stored = store.findConnector(params);
  const next = structuredClone(stored);
  for (const path of paths) MASK_PATHS[path]?.(next, source);
  checkUpdated(store, next, paths);
  const now = rfc3339(Date.now());
  next.updatedAt = now;
  if (paths.includes('config')) next.configUpdatedAt = next.config ? now : null;
  Object.assign(stored, next);
  sendConnectorView(ctx, store, stored, expand);
}

function checkUpdated(store: ConductorOneStore, next: C1SandboxConnector, paths: string[]): void {
  if (paths.includes('displayName') && next.displayName.trim() === '') {
    throw invalidArgument('invalid Connector.displayName: value must not be empty');
  }
  const workers = next.parallelSyncWorkerCount;
  if (workers !== null && (workers < 0 || workers > MAX_PARALLEL_SYNC_WORKERS)) {
    throw invalidArgument(`invalid Connector.parallelSyncWorkerCount: value must be between 0 and ${MAX_PARALLEL_SYNC_WORKERS}, got ${workers}`);
  }
  checkUserIds(next.userIds, 'Connector');
  const entry = store.catalogEntry(next.catalogId);
  if (entry && paths.includes('config')) checkConfigType(next.config, entry);
}

/** `DELETE …/apps/{appId}/connectors/{id}`. */
export async function deleteAppConnector(ctx: SandboxContext, params: Record<string, string>, store: ConductorOneStore): Promise<void> {
  // The body is `{}` (the ids are in the URL); anything else that is a JSON object is ignored.
  await readRpcBody(ctx.req, 'ConnectorServiceDeleteRequest');
  const connector = store.findConnector(params);
  store.removeConnector(connector);
  const body: C1ConnectorServiceDeleteResponse = {};
  sendJson(ctx.res, 200, body);
}

/** A connector view and the `expanded` array it points into (with the app when `expandApp`). */
function connectorView(store: ConductorOneStore, connector: C1SandboxConnector, expandApp: boolean): { view: C1ConnectorViewWire; expanded: C1AnyWire[] } {
  const expanded: C1AnyWire[] = [];
  const view: C1ConnectorViewWire = { connector: toConnectorWire(connector), appPath: '', capabilitiesPath: '', usersPath: '' };
  const app = store.app(connector.appId);
  if (expandApp && app) {
    expanded.push({ '@type': C1_APP_TYPE_URL, ...toAppWire(app) });
    view.appPath = `expanded[${expanded.length - 1}]`;
  }
  return { view, expanded };
}

function sendConnectorView(ctx: SandboxContext, store: ConductorOneStore, connector: C1SandboxConnector, expandApp: boolean): void {
  const { view, expanded } = connectorView(store, connector, expandApp);
  const body: C1ConnectorServiceCreateResponse | C1ConnectorServiceUpdateResponse = { connectorView: view, expanded };
  sendJson(ctx.res, 200, body);
}

function checkUserIds(userIds: string[], message: string): void {
  if (userIds.some((id) => id.trim() === '')) throw invalidArgument(`invalid ${message}.userIds: items must not be empty`);
}

/** A config must pack the message its catalog entry takes (C1 unpacks it into that type). */
function checkConfigType(config: C1AnyWire | null, entry: C1SandboxCatalogEntry): void {
  if (!config || config['@type'] === entry.configType) return;
  const given = config['@type'].startsWith(C1_TYPE_URL_PREFIX) ? config['@type'].slice(C1_TYPE_URL_PREFIX.length) : config['@type'];
  throw invalidArgument(`invalid config: "${given}" is not the config type of the catalog entry "${entry.displayName}" (expects "${entry.configType}")`);
}

/** Checks a repeated message of string fields (entitlement refs). */
function checkRefs(value: unknown, path: string, keys: string[]): void {
  if (value === null || value === undefined) return;
  if (!Array.isArray(value)) throw invalidArgument(`invalid value for repeated message field ${path}: ${describeValue(value)}`);
  value.forEach((item: unknown, index) =>
    parseMessage(item, `${path}[${index}]`, (fields) => keys.map((key) => parseString(fields[key], `${path}[${index}].${key}`))),
  );
}
