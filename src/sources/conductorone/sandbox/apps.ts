/**
 * The app operations of the ConductorOne sandbox that the gateway needs: get an app, list apps, and search apps
 * (`POST /api/v1/search/apps`), with paging.
 *
 * Internal module of the ConductorOne sandbox.
 */
import { createHash } from 'node:crypto';
import type { SandboxContext } from '../../../sandbox/app.js';
import { sendJson } from '../../../sandbox/http.js';
import type { C1AppSearchResponseWire, C1AppServiceGetResponse, C1AppServiceListResponse } from '../types.js';
import { readRpcBody } from './bodies.js';
import { byId, nextPageToken, pageOf, pageSizeOf, queryParam, type ConductorOnePaging } from './paging.js';
import { parseString, parseStrings } from './protojson.js';
import type { ConductorOneStore } from './store.js';
import { toAppWire } from './wire.js';

/** `GET /api/v1/apps/{appId}`. */
export function getApp(ctx: SandboxContext, params: Record<string, string>, store: ConductorOneStore): void {
  const body: C1AppServiceGetResponse = { app: toAppWire(store.findApp(params.appId ?? '')) };
  sendJson(ctx.res, 200, body);
}

/** `GET /api/v1/apps`: every app in id order, paged. */
export function listApps(ctx: SandboxContext, store: ConductorOneStore, paging: ConductorOnePaging): void {
  const pageSize = pageSizeOf(queryParam(ctx.query, 'page_size', 'pageSize'), 'page_size', paging.pageSizeMax);
  const token = queryParam(ctx.query, 'page_token', 'pageToken') ?? '';
  const scope = 'apps';
  const after = token === '' ? undefined : paging.pageTokens.open(scope, token);
  const { page, lastId } = pageOf(store.apps().sort(byId), pageSize, after);
  const body: C1AppServiceListResponse = { list: page.map(toAppWire), nextPageToken: nextPageToken(paging.pageTokens, scope, lastId) };
  sendJson(ctx.res, 200, body);
}

/** `POST /api/v1/search/apps`: all given criteria must hold; ids that do not exist are simply not in the answer. */
export async function searchApps(ctx: SandboxContext, store: ConductorOneStore, paging: ConductorOnePaging): Promise<void> {
  const body = await readRpcBody(ctx.req, 'SearchAppsRequest');
  const appIds = parseStrings(body.appIds, 'appIds');
  const excludeAppIds = new Set(parseStrings(body.excludeAppIds, 'excludeAppIds'));
  const displayName = parseString(body.displayName, 'displayName');
  const query = parseString(body.query, 'query').trim().toLowerCase();
  const pageSize = pageSizeOf(body.pageSize, 'pageSize', paging.pageSizeMax);
  const token = parseString(body.pageToken, 'pageToken');
  // A page token only continues the same search.
  const criteria = JSON.stringify([[...new Set(appIds)].sort(), [...excludeAppIds].sort(), displayName, query]);
  const scope = `search-apps:${createHash('sha256').update(criteria).digest('base64url')}`;
  const after = token === '' ? undefined : paging.pageTokens.open(scope, token);
  const wanted = appIds.length > 0 ? new Set(appIds) : undefined;
  const matching = store
    .apps()
    .filter((app) => (!wanted || wanted.has(app.id)) && !excludeAppIds.has(app.id))
    .filter((app) => displayName === '' || app.displayName === displayName)
    .filter((app) => query === '' || `${app.displayName}\n${app.description}`.toLowerCase().includes(query))
    .sort(byId);
  const { page, lastId } = pageOf(matching, pageSize, after);
  const answer: C1AppSearchResponseWire = { list: page.map(toAppWire), nextPageToken: nextPageToken(paging.pageTokens, scope, lastId) };
  sendJson(ctx.res, 200, answer);
}
