/**
 * The connector operations of the SailPoint sandbox (`/v3/connectors…`): the list with its paging, count and
 * `filters`, the detail (in a `locale`), create, delete and JSON Patch.
 *
 * Internal module of the SailPoint sandbox.
 */
import type { SandboxContext } from '../../../sandbox/app.js';
import { isJsonObject, readJsonBody } from '../../../sandbox/bodies.js';
import { sendEmpty, sendJson } from '../../../sandbox/http.js';
import type { SailPointConnectorStatus } from '../types.js';
import { BODY_LIMIT_BYTES, requireMediaType } from './bodies.js';
import { badRequest } from './errors.js';
import { parseConnectorFilter } from './filters.js';
import { resolveLocale } from './locale.js';
import { parsePatch, patchConnectorFields } from './patch.js';
import { createCustomConnector } from './seed.js';
import type { SailPointConnectorStore } from './store.js';
import { toConnectorDetail, toConnectorDto } from './wire.js';

/** `limit` bounds of `GET /connectors` (standard collection parameters). */
const MAX_LIMIT = 250;

const CREATABLE_STATUSES: readonly SailPointConnectorStatus[] = ['DEVELOPMENT', 'DEMO', 'RELEASED'];

function intParam(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw badRequest(`${name} must be a non-negative integer, got '${raw}'`);
  const value = Number(raw);
  if (value > max) throw badRequest(`${name} must be at most ${max}, got ${raw}`);
  return value;
}

function boolParam(query: URLSearchParams, name: string): boolean {
  const raw = query.get(name);
  if (raw === null || raw === '') return false;
  const lowered = raw.toLowerCase();
  if (lowered !== 'true' && lowered !== 'false') throw badRequest(`${name} must be true or false, got '${raw}'`);
  return lowered === 'true';
}

/** `GET /v3/connectors`: RELEASED connectors only unless `listAllStatuses`, then `filters`, `offset` and `limit`. */
export function listConnectors(ctx: SandboxContext, store: SailPointConnectorStore, listAllStatuses: boolean): void {
  const limit = intParam(ctx.query, 'limit', MAX_LIMIT, MAX_LIMIT);
  const offset = intParam(ctx.query, 'offset', 0, Number.MAX_SAFE_INTEGER);
  const count = boolParam(ctx.query, 'count');
  // `locale` only localises texts the list does not carry, and the vendor falls back to "en" for unknown
  // values, so it is accepted and ignored.
  const filters = ctx.query.get('filters')?.trim();
  const predicate = filters ? parseConnectorFilter(filters) : () => true;
  const matching = store
    .all()
    .filter((c) => listAllStatuses || c.status === 'RELEASED')
    .filter(predicate);
  const headers = count ? { 'X-Total-Count': String(matching.length) } : {};
  sendJson(ctx.res, 200, matching.slice(offset, offset + limit).map(toConnectorDto), headers);
}

/** `GET /v3/connectors/{scriptName}`: the detail in the `locale` asked for; an unknown or missing locale is `en`. */
export function getConnector(ctx: SandboxContext, params: Record<string, string>, store: SailPointConnectorStore): void {
  sendJson(ctx.res, 200, toConnectorDetail(store.find(params), resolveLocale(ctx.query.get('locale'))));
}

/** `POST /v3/connectors`: a custom connector from a name and a class name. */
export async function createConnector(ctx: SandboxContext, store: SailPointConnectorStore): Promise<void> {
  requireMediaType(ctx, 'application/json');
  const body = await readJsonBody(ctx.req, BODY_LIMIT_BYTES);
  if (!isJsonObject(body)) throw badRequest('The request body must be a JSON object.');
  const { name, className, type, directConnect, status } = body;
  if (typeof name !== 'string' || name.trim() === '') throw badRequest("'name' is required and must be a non-empty string.");
  if (typeof className !== 'string' || className.trim() === '') {
    throw badRequest("'className' is required and must be a non-empty string.");
  }
  if (type !== undefined && type !== null && typeof type !== 'string') throw badRequest("'type' must be a string.");
  if (directConnect !== undefined && directConnect !== null && typeof directConnect !== 'boolean') {
    throw badRequest("'directConnect' must be a boolean.");
  }
  if (status !== undefined && status !== null && !CREATABLE_STATUSES.includes(status as SailPointConnectorStatus)) {
    throw badRequest(`'status' must be one of ${CREATABLE_STATUSES.join(', ')}.`);
  }
  // Names are unique per tenant; the sandbox compares them trimmed and case-insensitively.
  const key = name.trim().toLowerCase();
  if (store.all().some((c) => c.name.trim().toLowerCase() === key)) {
    throw badRequest(`A connector named '${name}' already exists.`);
  }
  const connector = createCustomConnector({
    name,
    className,
    type: typeof type === 'string' && type !== '' ? type : `custom ${name}`,
    scriptName: store.uniqueScriptName(name),
    directConnect: typeof directConnect === 'boolean' ? directConnect : true,
    // The contract gives no default status; RELEASED keeps a new connector visible in the (RELEASED-only) list.
    status: (status as SailPointConnectorStatus | undefined | null) ?? 'RELEASED',
  });
  store.add(connector);
  sendJson(ctx.res, 200, toConnectorDto(connector));
}

/** `DELETE /v3/connectors/{scriptName}`. */
export function deleteConnector(ctx: SandboxContext, params: Record<string, string>, store: SailPointConnectorStore): void {
  // The vendor speaks of deleting custom connectors; the sandbox lets tests delete any connector.
  const connector = store.find(params);
  store.delete(connector.scriptName);
  sendEmpty(ctx.res, 204);
}

/** `PATCH /v3/connectors/{scriptName}`: a JSON Patch of the patchable fields (all or nothing). */
export async function patchConnector(ctx: SandboxContext, params: Record<string, string>, store: SailPointConnectorStore): Promise<void> {
  requireMediaType(ctx, 'application/json-patch+json');
  const connector = store.find(params);
  const body = await readJsonBody(ctx.req, BODY_LIMIT_BYTES);
  const operations = parsePatch(body);
  Object.assign(connector, patchConnectorFields(connector, operations));
  sendJson(ctx.res, 200, toConnectorDetail(connector));
}
