/**
 * ConductorOne sandbox: a real HTTP server on loopback that imitates the app-connector operations of the C1 API
 * (`/api/v1/apps/{app_id}/connectors…`, `ConnectorService`), the app reads the gateway needs (`/api/v1/apps…`,
 * `/api/v1/search/apps`) and the client-credentials token endpoint (`/auth/v1/token`), backed by the deterministic
 * seed. Built on the vendor-neutral sandbox kit (request log, faults, latency, control API).
 *
 * C1 serves gRPC through grpc-gateway, and the sandbox answers the way that stack does: every error is a
 * `google.rpc.Status` body (`{code, message, details}`) with the HTTP status grpc-gateway derives from the gRPC code,
 * unknown JSON fields are ignored, unset fields are still written (`''`, `[]`, `null`), and page tokens are opaque.
 *
 * Where the vendor contract is silent the sandbox decides (each is noted where it is implemented): the token endpoint
 * takes only the plain `client_secret` form (C1's SDKs send a signed JWT assertion instead), an update needs an
 * explicit `updateMask`, unknown apps give 404 on every app-scoped route, and page tokens are bound to the listing
 * they came from.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { SandboxContext } from '../../../sandbox/app.js';
import { isJsonObject, mediaType, parseFormBody, readBody } from '../../../sandbox/bodies.js';
import type { RenderedFault } from '../../../sandbox/faults.js';
import { HttpError, sendJson } from '../../../sandbox/http.js';
import { Router, dispatchRoute, type RouteHandler, type RoutingErrors } from '../../../sandbox/router.js';
import { runSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox/runSandbox.js';
import { TokenStore, safeEqual } from '../../../sandbox/tokens.js';
import {
  C1_APP_TYPE_URL,
  C1_GRPC_CODES,
  C1_HTTP_STATUS_BY_CODE,
  C1_JWT_ASSERTION_TYPE,
  C1_SYNC_STATUSES,
  C1_TYPE_URL_PREFIX,
  type C1AnyWire,
  type C1AppSearchResponseWire,
  type C1AppServiceGetResponse,
  type C1AppServiceListResponse,
  type C1AppWire,
  type C1ConnectorServiceCreateResponse,
  type C1ConnectorServiceDeleteResponse,
  type C1ConnectorServiceGetResponse,
  type C1ConnectorServiceListResponse,
  type C1ConnectorServiceUpdateResponse,
  type C1ConnectorSyncCronScheduleWire,
  type C1ConnectorViewWire,
  type C1ConnectorWire,
  type C1ErrorWire,
  type C1GrpcCode,
  type C1OAuth2AuthorizedAsWire,
  type C1OAuthErrorWire,
  type C1SyncConfigWire,
  type C1SyncStatus,
  type C1TokenWire,
} from '../types.js';
import {
  c1Ksuid,
  createConductorOneSeed,
  rfc3339,
  type C1SandboxApp,
  type C1SandboxCatalogEntry,
  type C1SandboxConnector,
  type C1SandboxConnectorStatus,
} from './seed.js';

/** Default client id of the sandbox's API client (C1 client ids have this `name@tenant/pcc` shape). */
export const CONDUCTORONE_SANDBOX_CLIENT_ID = 'sandbox-gateway@sandbox.conductor.one/pcc';
/** Default client secret of that client (a fixed, public sandbox value). */
export const CONDUCTORONE_SANDBOX_CLIENT_SECRET = 'sandbox-conductorone-secret-5e2c9b14';
/** Default token lifetime. C1 documents none; an hour is the sandbox's choice. */
export const CONDUCTORONE_SANDBOX_TOKEN_TTL_SECONDS = 3600;
/** Page size used when a request gives none (or 0): C1's documented default. */
export const CONDUCTORONE_DEFAULT_PAGE_SIZE = 25;
/** Largest page size: larger requests are lowered to it (C1 documents `pageSize <= 100`). */
export const CONDUCTORONE_MAX_PAGE_SIZE = 100;

/** Largest request body: 4 MiB, gRPC's default message size limit. */
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;
/** The public API allows at most this many parallel sync workers. */
const MAX_PARALLEL_SYNC_WORKERS = 4;

/** Options of {@link startConductorOneSandbox}. */
export interface ConductorOneSandboxOptions extends SandboxOptions {
  /** Largest page size of every listing (default 100); the default page size is 25 or this, whichever is smaller. */
  pageSizeMax?: number;
}

/** Read access to the sandbox's data (deep copies in id order; changing them changes nothing). */
export interface ConductorOneSandboxStore {
  apps(): C1SandboxApp[];
  app(id: string): C1SandboxApp | undefined;
  /** The connectors of one app, or of every app when `appId` is omitted. */
  connectors(appId?: string): C1SandboxConnector[];
  connector(appId: string, id: string): C1SandboxConnector | undefined;
  /** The catalog entries connectors can be created from. */
  catalog(): C1SandboxCatalogEntry[];
}

/** A running ConductorOne sandbox. */
export interface ConductorOneSandbox extends RunningSandbox {
  /** API root: the origin, e.g. `http://127.0.0.1:PORT` (operations live under `/api/v1/…`). */
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly store: ConductorOneSandboxStore;
}

/** Starts a ConductorOne sandbox on loopback (a free port unless `port` is given). */
export async function startConductorOneSandbox(options: ConductorOneSandboxOptions = {}): Promise<ConductorOneSandbox> {
  const clientId = options.clientId ?? CONDUCTORONE_SANDBOX_CLIENT_ID;
  const clientSecret = options.clientSecret ?? CONDUCTORONE_SANDBOX_CLIENT_SECRET;
  const pageSizeMax = options.pageSizeMax ?? CONDUCTORONE_MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSizeMax) || pageSizeMax < 1) throw new RangeError('pageSizeMax must be a positive integer');
  const api = new ConductorOneApi({
    clientId,
    clientSecret,
    tokenTtlSeconds: options.tokenTtlSeconds ?? CONDUCTORONE_SANDBOX_TOKEN_TTL_SECONDS,
    pageSizeMax,
  });
  const running = await runSandbox(api, {
    renderFault: (status) => renderFault(status),
    renderError: (error, ctx) => renderError(error, ctx),
    latencyMs: options.latencyMs,
    host: options.host,
    port: options.port,
  });
  return { ...running, url: running.origin, clientId, clientSecret,
    store: api.storeView() };
}

// ---------------------------------------------------------------------------------------------------------------------
// Error bodies
// ---------------------------------------------------------------------------------------------------------------------

/** An error answered as a `google.rpc.Status`, with the HTTP status grpc-gateway gives its code. */
class C1RpcError extends HttpError {
  constructor(
    readonly code: C1GrpcCode,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(C1_HTTP_STATUS_BY_CODE[code], message, headers);
    this.name = 'C1RpcError';
  }

  get body(): C1ErrorWire {
    return { code: this.code, message: this.message, details: [] };
  }
}

const invalidArgument = (message: string): C1RpcError => new C1RpcError(C1_GRPC_CODES.INVALID_ARGUMENT, message);
const notFound = (message: string): C1RpcError => new C1RpcError(C1_GRPC_CODES.NOT_FOUND, message);

/** The gRPC code behind a bare HTTP status (injected faults, the kit's own errors such as 413). */
function codeForStatus(status: number): C1GrpcCode {
  switch (status) {
    case 400:
      return C1_GRPC_CODES.INVALID_ARGUMENT;
    case 401:
      return C1_GRPC_CODES.UNAUTHENTICATED;
    case 403:
      return C1_GRPC_CODES.PERMISSION_DENIED;
    case 404:
      return C1_GRPC_CODES.NOT_FOUND;
    case 409:
      return C1_GRPC_CODES.ABORTED;
    case 413:
    case 429:
      return C1_GRPC_CODES.RESOURCE_EXHAUSTED;
    case 499:
      return C1_GRPC_CODES.CANCELLED;
    case 501:
      return C1_GRPC_CODES.UNIMPLEMENTED;
    case 503:
      return C1_GRPC_CODES.UNAVAILABLE;
    case 504:
      return C1_GRPC_CODES.DEADLINE_EXCEEDED;
    default:
      return status >= 500 ? C1_GRPC_CODES.INTERNAL : C1_GRPC_CODES.UNKNOWN;
  }
}

const FAULT_MESSAGES: Record<number, string> = {
  400: 'invalid argument',
  401: 'unauthenticated',
  403: 'permission denied',
  404: 'not found',
  429: 'rate limit exceeded; retry later',
  500: 'internal error',
  502: 'bad gateway',
  503: 'service unavailable',
  504: 'deadline exceeded',
};

function statusBody(status: number, message: string): C1ErrorWire {
  return { code: codeForStatus(status), message, details: [] };
}

function renderFault(status: number): RenderedFault {
  return { body: statusBody(status, FAULT_MESSAGES[status] ?? `injected fault ${status}`) };
}

function renderError(error: unknown, ctx: SandboxContext): void {
  if (error instanceof C1RpcError) sendJson(ctx.res, error.status, error.body, error.headers);
  // The kit's own errors (413 body too large) keep their status but get the vendor's body.
  else if (error instanceof HttpError) sendJson(ctx.res, error.status, statusBody(error.status, error.message), error.headers);
  else sendJson(ctx.res, 500, statusBody(500, 'internal error'));
}

// ---------------------------------------------------------------------------------------------------------------------
// Page tokens
// ---------------------------------------------------------------------------------------------------------------------

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Opaque page tokens: the last id of a page, encrypted and authenticated (AES-256-GCM) with a key only this sandbox
 * instance knows, and bound to the listing (`scope`, e.g. one app's connectors) as associated data. A token that
 * was altered, comes from another sandbox, or belongs to another listing fails to open: 400 "invalid page token".
 * Positions are ids, not offsets, so deleting or creating rows between pages neither skips nor repeats the others.
 */
class PageTokens {
  readonly #key = randomBytes(32);

  seal(scope: string, lastId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(scope, 'utf8'));
    const sealed = Buffer.concat([cipher.update(JSON.stringify({ v: 1, after: lastId }), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /** The id a token continues after; throws a 400 for anything this sandbox did not issue for `scope`. */
  open(scope: string, token: string): string {
    const invalid = () => invalidArgument('invalid page token'); // made only when thrown: most tokens are good
    if (!/^[A-Za-z0-9_-]+$/.test(token)) throw invalid();
    const raw = Buffer.from(token, 'base64url');
    if (raw.length <= IV_BYTES + TAG_BYTES) throw invalid();
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(scope, 'utf8'));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      const parsed = JSON.parse(plain) as unknown;
      if (isJsonObject(parsed) && parsed['v'] === 1 && typeof parsed['after'] === 'string') return parsed['after'];
    } catch {
      // An authentication failure: altered or foreign.
    }
    throw invalid();
  }
}

/** One page of an id-ordered list and the id the next page continues after (undefined on the last page). */
function pageOf<T extends { id: string }>(items: readonly T[], pageSize: number, after: string | undefined): { page: T[]; lastId: string | undefined } {
  const rest = after === undefined ? items : items.filter((item) => item.id > after);
  const page = rest.slice(0, pageSize);
  return { page, lastId: rest.length > pageSize ? page[page.length - 1]?.id : undefined };
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

// ---------------------------------------------------------------------------------------------------------------------
// Field parsing (protojson rules: `null` means the zero value, int32 may be a string, unknown fields are dropped)
// ---------------------------------------------------------------------------------------------------------------------

/** A value as an error message quotes it. */
const describe = (value: unknown): string => JSON.stringify(value) ?? String(value);

function parseString(value: unknown, path: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') throw invalidArgument(`invalid value for string field ${path}: ${describe(value)}`);
  return value;
}

function parseBool(value: unknown, path: string): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value !== 'boolean') throw invalidArgument(`invalid value for bool field ${path}: ${describe(value)}`);
  return value;
}

function parseStrings(value: unknown, path: string): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw invalidArgument(`invalid value for repeated string field ${path}: ${describe(value)}`);
  }
  return [...(value as string[])];
}

function parseInt32(value: unknown, path: string): number | null {
  if (value === null || value === undefined) return null;
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < -(2 ** 31) || number > 2 ** 31 - 1) {
    throw invalidArgument(`invalid value for int32 field ${path}: ${describe(value)}`);
  }
  return number;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function parseTimestamp(value: unknown, path: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalidArgument(`invalid google.protobuf.Timestamp value for field ${path}: ${describe(value)}`);
  }
  return rfc3339(Date.parse(value));
}

/** A `google.protobuf.Any`: needs a `@type` URL; the other keys are kept as given. */
function parseAny(value: unknown, path: string): C1AnyWire | null {
  if (value === null || value === undefined) return null;
  if (!isJsonObject(value)) throw invalidArgument(`invalid value for google.protobuf.Any field ${path}: ${describe(value)}`);
  const type = value['@type'];
  if (typeof type !== 'string' || !/^[^/\s]+(\/[^/\s]+)*\/[A-Za-z_][\w.]*$/.test(type)) {
    throw invalidArgument(`invalid google.protobuf.Any field ${path}: missing or malformed "@type"`);
  }
  return { ...structuredClone(value), '@type': type };
}

/** A nested message: an object (or `null`, meaning unset) whose known fields are parsed by `parse`. */
function parseMessage<T>(value: unknown, path: string, parse: (fields: Record<string, unknown>) => T): T | null {
  if (value === null || value === undefined) return null;
  if (!isJsonObject(value)) throw invalidArgument(`invalid value for message field ${path}: ${describe(value)}`);
  return parse(value);
}

function parseSyncStatus(value: unknown, path: string): C1SyncStatus {
  if (value === null || value === undefined) return 'SYNC_STATUS_UNSPECIFIED';
  // protojson also accepts an enum's number.
  const byNumber = typeof value === 'number' ? C1_SYNC_STATUSES[value] : undefined;
  if (byNumber) return byNumber;
  if (typeof value === 'string' && (C1_SYNC_STATUSES as readonly string[]).includes(value)) return value as C1SyncStatus;
  throw invalidArgument(`invalid value for enum field ${path}: ${describe(value)}`);
}

const parseStatus = (value: unknown, path: string): C1SandboxConnectorStatus | null =>
  parseMessage(value, path, (fields) => ({
    status: parseSyncStatus(fields['status'], `${path}.status`),
    startedAt: parseTimestamp(fields['startedAt'], `${path}.startedAt`),
    completedAt: parseTimestamp(fields['completedAt'], `${path}.completedAt`),
    lastError: parseString(fields['lastError'], `${path}.lastError`),
    updatedAt: parseTimestamp(fields['updatedAt'], `${path}.updatedAt`),
  }));

const parseOAuth = (value: unknown, path: string): C1OAuth2AuthorizedAsWire | null =>
  parseMessage(value, path, (fields) => ({
    authEmail: parseString(fields['authEmail'], `${path}.authEmail`),
    authorizedAt: parseTimestamp(fields['authorizedAt'], `${path}.authorizedAt`),
  }));

const parseSyncConfig = (value: unknown, path: string): C1SyncConfigWire | null =>
  parseMessage(value, path, (fields) => ({ syncResourceTypeIds: parseStrings(fields['syncResourceTypeIds'], `${path}.syncResourceTypeIds`) }));

const parseCron = (value: unknown, path: string): C1ConnectorSyncCronScheduleWire | null =>
  parseMessage(value, path, (fields) => ({
    cronSpec: parseString(fields['cronSpec'], `${path}.cronSpec`),
    timezone: parseString(fields['timezone'], `${path}.timezone`),
    start: parseTimestamp(fields['start'], `${path}.start`),
  }));

type ConnectorKey = keyof C1SandboxConnector;

/**
 * Every field of `c1.api.app.v1.Connector`: how its JSON is parsed, and whether an update may change it. Read-only
 * fields (output only in the proto, or owned by the sync engine) are still type-checked when a body carries them.
 */
const CONNECTOR_FIELDS: { [K in ConnectorKey]: { parse: (value: unknown, path: string) => C1SandboxConnector[K]; writable: boolean } } = {
  appId: { parse: parseString, writable: false },
  canResumeSync: { parse: parseBool, writable: true },
  catalogId: { parse: parseString, writable: false },
  config: { parse: parseAny, writable: true },
  configUpdatedAt: { parse: parseTimestamp, writable: false },
  connectorApiVersion: { parse: (value, path) => parseInt32(value, path) ?? 0, writable: false },
  connectorSyncCronSchedule: { parse: parseCron, writable: true },
  createdAt: { parse: parseTimestamp, writable: false },
  deletedAt: { parse: parseTimestamp, writable: false },
  description: { parse: parseString, writable: true },
  disableCheckBadSync: { parse: parseBool, writable: true },
  displayName: { parse: parseString, writable: true },
  downloadUrl: { parse: parseString, writable: false },
  id: { parse: parseString, writable: false },
  oauthAuthorizedAs: { parse: parseOAuth, writable: false },
  parallelSyncWorkerCount: { parse: parseInt32, writable: true },
  profileAllowList: { parse: parseStrings, writable: true },
  profileIgnoreList: { parse: parseStrings, writable: true },
  status: {
    parse: (value, path) => parseStatus(value, path) ?? { status: 'SYNC_STATUS_UNSPECIFIED', startedAt: null, completedAt: null, lastError: '', updatedAt: null },
    writable: false,
  },
  syncConfig: { parse: parseSyncConfig, writable: true },
  syncDisabledAt: { parse: parseTimestamp, writable: false },
  syncDisabledCategory: { parse: parseString, writable: false },
  syncDisabledReason: { parse: parseString, writable: false },
  updatedAt: { parse: parseTimestamp, writable: false },
  userIds: { parse: parseStrings, writable: true },
};

const isConnectorKey = (key: string): key is ConnectorKey => Object.hasOwn(CONNECTOR_FIELDS, key);

/** A connector from a request body: every known field, absent ones at their zero value; unknown keys dropped. */
function parseConnector(value: unknown, path: string): C1SandboxConnector {
  if (!isJsonObject(value)) throw invalidArgument(`invalid value for message field ${path}: ${describe(value)}`);
  const out: Partial<Record<ConnectorKey, unknown>> = {};
  for (const key of Object.keys(CONNECTOR_FIELDS) as ConnectorKey[]) out[key] = CONNECTOR_FIELDS[key].parse(value[key], `${path}.${key}`);
  return out as C1SandboxConnector;
}

/** Applies one update-mask path, copying the value from `source` (already at its zero value when absent). */
type MaskApplier = (target: C1SandboxConnector, source: C1SandboxConnector) => void;

function topLevel<K extends ConnectorKey>(key: K): MaskApplier {
  return (target, source) => {
    target[key] = structuredClone(source[key]);
  };
}

/** Sub-paths of the two writable nested messages: the parent is created when it was unset. */
const NESTED_MASK_PATHS: Record<string, MaskApplier> = {
  'syncConfig.syncResourceTypeIds': (target, source) => {
    target.syncConfig = { ...target.syncConfig, syncResourceTypeIds: [...(source.syncConfig?.syncResourceTypeIds ?? [])] };
  },
  'connectorSyncCronSchedule.cronSpec': (target, source) => {
    target.connectorSyncCronSchedule = { ...emptyCron(target), cronSpec: source.connectorSyncCronSchedule?.cronSpec ?? '' };
  },
  'connectorSyncCronSchedule.timezone': (target, source) => {
    target.connectorSyncCronSchedule = { ...emptyCron(target), timezone: source.connectorSyncCronSchedule?.timezone ?? '' };
  },
  'connectorSyncCronSchedule.start': (target, source) => {
    target.connectorSyncCronSchedule = { ...emptyCron(target), start: source.connectorSyncCronSchedule?.start ?? null };
  },
};

const emptyCron = (target: C1SandboxConnector): C1ConnectorSyncCronScheduleWire =>
  target.connectorSyncCronSchedule ?? { cronSpec: '', timezone: '', start: null };

/** Every path an update mask may name. */
const MASK_PATHS: Record<string, MaskApplier> = {
  ...Object.fromEntries(
    (Object.keys(CONNECTOR_FIELDS) as ConnectorKey[]).filter((key) => CONNECTOR_FIELDS[key].writable).map((key) => [key, topLevel(key)]),
  ),
  ...NESTED_MASK_PATHS,
};

/**
 * Parses a `google.protobuf.FieldMask` in JSON form (comma-separated lowerCamelCase paths) against the connector's
 * updatable fields. The sandbox requires a mask: without one, grpc-gateway would derive it from the body (for PATCH)
 * or replace every field, and neither is something a gateway should rely on.
 */
function parseUpdateMask(value: unknown): string[] {
  if (value === null || value === undefined || value === '') {
    throw invalidArgument('update_mask is required: name the fields to change, e.g. "displayName,description"');
  }
  if (typeof value !== 'string') throw invalidArgument(`invalid value for google.protobuf.FieldMask field updateMask: ${describe(value)}`);
  const paths = value.split(',').map((path) => path.trim());
  for (const path of paths) {
    if (path === '') throw invalidArgument(`invalid update_mask "${value}": empty field path`);
    if (path === '*') throw invalidArgument('invalid update_mask: a wildcard mask is not supported; list the fields');
    if (Object.hasOwn(MASK_PATHS, path)) continue;
    const root = path.split('.')[0] ?? '';
    if (isConnectorKey(root) && !CONNECTOR_FIELDS[root].writable) {
      throw invalidArgument(`invalid update_mask: field "${path}" cannot be updated`);
    }
    throw invalidArgument(`invalid update_mask: unknown field path "${path}" in c1.api.app.v1.Connector`);
  }
  return [...new Set(paths)];
}

/** Parses a `ConnectorExpandMask`; whether the app is to be expanded (paths `app_id` or `*`). */
function parseExpandMask(value: unknown, path: string): boolean {
  const mask = parseMessage(value, path, (fields) => parseStrings(fields['paths'], `${path}.paths`)) ?? [];
  for (const item of mask) {
    if (item !== 'app_id' && item !== '*') throw invalidArgument(`invalid ${path}: unknown path "${item}"; use "app_id" or "*"`);
  }
  return mask.length > 0;
}

/** Reads a request body as grpc-gateway does: an empty body is `{}`, anything else must be a JSON object. */
async function readRpcBody(req: IncomingMessage, message: string): Promise<Record<string, unknown>> {
  const raw = await readBody(req, BODY_LIMIT_BYTES);
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8')) as unknown;
  } catch (error) {
    throw invalidArgument(`invalid ${message} body: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isJsonObject(parsed)) throw invalidArgument(`invalid ${message} body: expected a JSON object`);
  return parsed;
}

/** `page_size` from the query (or body): 0/absent → default, above the maximum → the maximum, negative → 400. */
function pageSizeOf(value: unknown, name: string, max: number): number {
  const size = value === '' ? null : parseInt32(value, name);
  if (size === null || size === 0) return Math.min(CONDUCTORONE_DEFAULT_PAGE_SIZE, max);
  if (size < 0) throw invalidArgument(`invalid ${name}: must not be negative, got ${size}`);
  // Google's API guidelines (which C1 follows) lower an oversized page size rather than refusing it.
  return Math.min(size, max);
}

/** A query parameter by its proto name or its JSON name (grpc-gateway accepts both). */
const queryParam = (query: URLSearchParams, protoName: string, jsonName: string): string | null => query.get(protoName) ?? query.get(jsonName);

// ---------------------------------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------------------------------

/** A stored connector as the API writes it (a copy; `parallelSyncWorkerCount` left out while never set). */
export function toConnectorWire(connector: C1SandboxConnector): C1ConnectorWire {
  const wire: C1ConnectorWire = structuredClone(connector);
  // The vendor's document declares unset timestamps and messages as absent, not null (only the repeated fields and
  // `parallelSyncWorkerCount` may be null), so unset fields are left out, at every level of the connector.
  dropNulls(wire as Record<string, unknown>);
  return wire;
}

/** Fields the vendor's document lets be null: the repeated ones. */
const NULLABLE_FIELDS = new Set(['profileAllowList', 'profileIgnoreList', 'userIds', 'syncResourceTypeIds']);

/** Deletes null-valued keys (but NULLABLE_FIELDS) from `value` and the plain objects inside it; not inside `config`. */
function dropNulls(value: Record<string, unknown>): void {
  for (const [key, v] of Object.entries(value)) {
    if (v === null) {
      if (!NULLABLE_FIELDS.has(key)) delete value[key];
    } else if (typeof v === 'object' && !Array.isArray(v) && key !== 'config') {
      dropNulls(v as Record<string, unknown>);
    }
  }
}

/** A stored app as the API writes it (a copy). */
export function toAppWire(app: C1SandboxApp): C1AppWire {
  return structuredClone(app);
}

// ---------------------------------------------------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------------------------------------------------

/** grpc-gateway's routing errors: an unknown path is NOT_FOUND, a known path with another method UNIMPLEMENTED. */
const ROUTING_ERRORS: RoutingErrors = {
  methodNotAllowed: () => new C1RpcError(C1_GRPC_CODES.UNIMPLEMENTED, 'Method Not Allowed'),
  notFound: () => notFound('Not Found'),
};

interface ApiOptions {
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds: number;
  pageSizeMax: number;
}

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

class ConductorOneApi {
  readonly tokens: TokenStore;
  readonly #pageTokens = new PageTokens();
  #apps = new Map<string, C1SandboxApp>();
  /** Connectors by app id, then by connector id. */
  #connectors = new Map<string, Map<string, C1SandboxConnector>>();
  #catalog = new Map<string, C1SandboxCatalogEntry>();
  readonly #options: ApiOptions;
  readonly #router = new Router<RouteHandler>();

  constructor(options: ApiOptions) {
    this.#options = options;
    this.tokens = new TokenStore({ ttlSeconds: options.tokenTtlSeconds });
    this.reseed();
    // `/connectors/create` comes before `/connectors/:id`, so a POST there is a create, not an update of "create".
    this.#router
      .add('POST', '/auth/v1/token', (ctx) => this.#token(ctx))
      .add('GET', '/api/v1/apps', (ctx) => this.#listApps(ctx))
      .add('GET', '/api/v1/apps/:appId', (ctx, p) => this.#getApp(ctx, p))
      .add('POST', '/api/v1/search/apps', (ctx) => this.#searchApps(ctx))
      .add('GET', '/api/v1/apps/:appId/connectors', (ctx, p) => this.#list(ctx, p))
      .add('POST', '/api/v1/apps/:appId/connectors', (ctx, p) => this.#createDelegated(ctx, p))
      .add('POST', '/api/v1/apps/:appId/connectors/create', (ctx, p) => this.#create(ctx, p))
      .add('GET', '/api/v1/apps/:appId/connectors/:id', (ctx, p) => this.#get(ctx, p))
      .add('POST', '/api/v1/apps/:appId/connectors/:id', (ctx, p) => this.#update(ctx, p))
      .add('DELETE', '/api/v1/apps/:appId/connectors/:id', (ctx, p) => this.#delete(ctx, p));
  }

  /** Replaces apps, connectors and catalog with a fresh seed. */
  reseed(): void {
    const seed = createConductorOneSeed();
    this.#apps = new Map(seed.apps.map((app) => [app.id, app]));
    this.#connectors = new Map(seed.apps.map((app) => [app.id, new Map<string, C1SandboxConnector>()]));
    for (const connector of seed.connectors) this.#connectors.get(connector.appId)?.set(connector.id, connector);
    this.#catalog = new Map(seed.catalog.map((entry) => [entry.id, entry]));
  }

  storeView(): ConductorOneSandboxStore {
    return {
      apps: () => [...this.#apps.values()].sort(byId).map((app) => structuredClone(app)),
      app: (id) => {
        const app = this.#apps.get(id);
        return app ? structuredClone(app) : undefined;
      },
      connectors: (appId) => {
        const maps = appId === undefined ? [...this.#connectors.values()] : [this.#connectors.get(appId) ?? new Map<string, C1SandboxConnector>()];
        return maps.flatMap((map) => [...map.values()]).sort(byId).map((connector) => structuredClone(connector));
      },
      connector: (appId, id) => {
        const connector = this.#connectors.get(appId)?.get(id);
        return connector ? structuredClone(connector) : undefined;
      },
      catalog: () => [...this.#catalog.values()].sort(byId).map((entry) => structuredClone(entry)),
    };
  }

  /** Whether the request carries valid credentials for the log (API calls: a live bearer token). */
  authorize(ctx: SandboxContext): boolean {
    return isApiPath(ctx.path) && this.tokens.checkRequest(ctx.req).ok;
  }

  async handle(ctx: SandboxContext): Promise<void> {
    // Authentication runs before routing, so unknown API paths need a token too.
    if (isApiPath(ctx.path)) this.#requireToken(ctx);
    await dispatchRoute(this.#router, ctx, ROUTING_ERRORS);
  }

  #requireToken(ctx: SandboxContext): void {
    const check = this.tokens.checkRequest(ctx.req);
    if (check.ok) return;
    const message = {
      missing: 'unauthenticated: the request has no bearer token',
      unknown: 'unauthenticated: the bearer token is not valid',
      expired: 'unauthenticated: the bearer token has expired',
    }[check.reason];
    throw new C1RpcError(C1_GRPC_CODES.UNAUTHENTICATED, message);
  }

  #app(appId: string): C1SandboxApp {
    const app = this.#apps.get(appId);
    if (!app) throw notFound(`app not found: "${appId}"`);
    return app;
  }

  /** The connectors of an app (404 for an unknown app). */
  #appConnectors(appId: string): Map<string, C1SandboxConnector> {
    this.#app(appId); // NOT_FOUND for an unknown app; every known app got its map in reseed()
    return this.#connectors.get(appId)!;
  }

  #find(params: Record<string, string>): C1SandboxConnector {
    const appId = params['appId'] ?? '';
    const id = params['id'] ?? '';
    const connector = this.#appConnectors(appId).get(id);
    if (!connector) throw notFound(`connector not found: "${id}" in app "${appId}"`);
    return connector;
  }

  /** The catalog entry a (non-empty) `catalogId` names; an unknown id is a bad argument, like any invalid field. */
  #catalogEntry(catalogId: string, message: string): C1SandboxCatalogEntry {
    const entry = this.#catalog.get(catalogId);
    if (!entry) throw invalidArgument(`invalid ${message}.catalogId: no catalog entry has the id "${catalogId}"`);
    return entry;
  }

  // --- Token ---------------------------------------------------------------------------------------------------

  /**
   * `POST /auth/v1/token`: client credentials in the body (form, or JSON), as C1 requires; HTTP Basic is not read.
   * C1's SDKs authenticate with a JWT assertion signed with a key derived from the secret; the sandbox cannot check
   * such a signature and accepts only the plain `client_secret` form, answering an assertion with 400
   * `unsupported_client_auth` so that a client sending one notices at once.
   */
  async #token(ctx: SandboxContext): Promise<void> {
    const raw = await readBody(ctx.req, 64 * 1024);
    const oauthError = (status: number, error: string, description: string): void => {
      const body: C1OAuthErrorWire = { error, error_description: description };
      sendJson(ctx.res, status, body, NO_STORE);
    };
    const params = tokenParams(mediaType(ctx.req), raw);
    if (!params) {
      oauthError(400, 'invalid_request', 'send the token request as application/x-www-form-urlencoded (or a JSON object)');
      return;
    }
    if (params.has('client_assertion') || params.has('client_assertion_type')) {
      const kind = params.get('client_assertion_type') === C1_JWT_ASSERTION_TYPE ? 'JWT client assertions' : 'client assertions';
      oauthError(400, 'unsupported_client_auth', `the sandbox does not accept ${kind}; send client_id and client_secret in the body`);
      return;
    }
    const clientId = params.get('client_id') ?? '';
    const clientSecret = params.get('client_secret') ?? '';
    if (!safeEqual(clientId, this.#options.clientId) || !safeEqual(clientSecret, this.#options.clientSecret)) {
      oauthError(401, 'invalid_client', 'client authentication failed; credentials must be sent in the request body');
      return;
    }
    ctx.entry.authorized = true;
    const grantType = params.get('grant_type');
    if (!grantType) {
      oauthError(400, 'invalid_request', "missing required parameter 'grant_type'");
      return;
    }
    if (grantType !== 'client_credentials') {
      oauthError(400, 'unsupported_grant_type', `grant type '${grantType}' is not supported; use client_credentials`);
      return;
    }
    const issued = this.tokens.issue(clientId);
    const body: C1TokenWire = { access_token: issued.token, token_type: 'Bearer', expires_in: issued.expiresIn };
    sendJson(ctx.res, 200, body, NO_STORE);
  }

  // --- Apps ------------------------------------------------------------------------------------------------------

  #getApp(ctx: SandboxContext, params: Record<string, string>): void {
    const body: C1AppServiceGetResponse = { app: toAppWire(this.#app(params['appId'] ?? '')) };
    sendJson(ctx.res, 200, body);
  }

  #listApps(ctx: SandboxContext): void {
    const pageSize = pageSizeOf(queryParam(ctx.query, 'page_size', 'pageSize'), 'page_size', this.#options.pageSizeMax);
    const token = queryParam(ctx.query, 'page_token', 'pageToken') ?? '';
    const scope = 'apps';
    const after = token === '' ? undefined : this.#pageTokens.open(scope, token);
    const { page, lastId } = pageOf([...this.#apps.values()].sort(byId), pageSize, after);
    const body: C1AppServiceListResponse = { list: page.map(toAppWire), nextPageToken: this.#nextToken(scope, lastId) };
    sendJson(ctx.res, 200, body);
  }

  /** `POST /api/v1/search/apps`: all given criteria must hold; ids that do not exist are simply not in the answer. */
  async #searchApps(ctx: SandboxContext): Promise<void> {
    const body = await readRpcBody(ctx.req, 'SearchAppsRequest');
    const appIds = parseStrings(body['appIds'], 'appIds');
    const excludeAppIds = new Set(parseStrings(body['excludeAppIds'], 'excludeAppIds'));
    const displayName = parseString(body['displayName'], 'displayName');
    const query = parseString(body['query'], 'query').trim().toLowerCase();
    const pageSize = pageSizeOf(body['pageSize'], 'pageSize', this.#options.pageSizeMax);
    const token = parseString(body['pageToken'], 'pageToken');
    // A page token only continues the same search.
    const criteria = JSON.stringify([[...new Set(appIds)].sort(), [...excludeAppIds].sort(), displayName, query]);
    const scope = `search-apps:${createHash('sha256').update(criteria).digest('base64url')}`;
    const after = token === '' ? undefined : this.#pageTokens.open(scope, token);
    const wanted = appIds.length > 0 ? new Set(appIds) : undefined;
    const matching = [...this.#apps.values()]
      .filter((app) => (!wanted || wanted.has(app.id)) && !excludeAppIds.has(app.id))
      .filter((app) => displayName === '' || app.displayName === displayName)
      .filter((app) => query === '' || `${app.displayName}\n${app.description}`.toLowerCase().includes(query))
      .sort(byId);
    const { page, lastId } = pageOf(matching, pageSize, after);
    const answer: C1AppSearchResponseWire = { list: page.map(toAppWire), nextPageToken: this.#nextToken(scope, lastId) };
    sendJson(ctx.res, 200, answer);
  }

  #nextToken(scope: string, lastId: string | undefined): string {
    return lastId === undefined ? '' : this.#pageTokens.seal(scope, lastId);
  }

  // --- Connectors --------------------------------------------------------------------------------------------------

  #list(ctx: SandboxContext, params: Record<string, string>): void {
    const appId = params['appId'] ?? '';
    const connectors = this.#appConnectors(appId);
    const pageSize = pageSizeOf(queryParam(ctx.query, 'page_size', 'pageSize'), 'page_size', this.#options.pageSizeMax);
    const token = queryParam(ctx.query, 'page_token', 'pageToken') ?? '';
    const scope = `connectors:${appId}`;
    const after = token === '' ? undefined : this.#pageTokens.open(scope, token);
    const { page, lastId } = pageOf([...connectors.values()].sort(byId), pageSize, after);
    const body: C1ConnectorServiceListResponse = {
      list: page.map((connector) => this.#view(connector, false).view),
      nextPageToken: this.#nextToken(scope, lastId),
      expanded: [],
    };
    sendJson(ctx.res, 200, body);
  }

  #get(ctx: SandboxContext, params: Record<string, string>): void {
    const { view, expanded } = this.#view(this.#find(params), false);
    const body: C1ConnectorServiceGetResponse = { connectorView: view, expanded };
    sendJson(ctx.res, 200, body);
  }

  /** `POST …/connectors/create`: a configured connector, named after its catalog entry (the request has no name). */
  async #create(ctx: SandboxContext, params: Record<string, string>): Promise<void> {
    const body = await readRpcBody(ctx.req, 'ConnectorServiceCreateRequest');
    // Fields are checked before the app is looked up, as C1's request validation runs before the handler.
    const catalogId = parseString(body['catalogId'], 'catalogId');
    const config = parseAny(body['config'], 'config');
    const description = parseString(body['description'], 'description');
    const userIds = parseStrings(body['userIds'], 'userIds');
    const expand = parseExpandMask(body['expandMask'], 'expandMask');
    const message = 'ConnectorServiceCreateRequest';
    if (catalogId === '') throw invalidArgument(`invalid ${message}.catalogId: value is required`);
    checkUserIds(userIds, message);
    const connectors = this.#appConnectors(params['appId'] ?? '');
    const entry = this.#catalogEntry(catalogId, message);
    checkConfigType(config, entry);
    const connector = this.#newConnector(params['appId'] ?? '', entry, { displayName: entry.displayName, description, userIds, config });
    connectors.set(connector.id, connector);
    this.#sendView(ctx, connector, expand);
  }

  /** `POST …/connectors`: a connector waiting for its configuration (`config` stays `null`). */
  async #createDelegated(ctx: SandboxContext, params: Record<string, string>): Promise<void> {
    const body = await readRpcBody(ctx.req, 'ConnectorServiceCreateDelegatedRequest');
    const message = 'ConnectorServiceCreateDelegatedRequest';
    const catalogId = parseString(body['catalogId'], 'catalogId');
    const displayName = parseString(body['displayName'], 'displayName');
    const description = parseString(body['description'], 'description');
    const userIds = parseStrings(body['userIds'], 'userIds');
    const expand = parseExpandMask(body['expandMask'], 'expandMask');
    // Entitlement owners and the managed-state binding describe the app, not the connector: checked, not stored.
    checkRefs(body['appEntitlementOwnerRefs'], 'appEntitlementOwnerRefs', ['appId', 'id']);
    parseMessage(body['appManagedStateBindingRef'], 'appManagedStateBindingRef', (fields) =>
      ['appId', 'resourceId', 'resourceTypeId'].map((key) => parseString(fields[key], `appManagedStateBindingRef.${key}`)),
    );
    if (catalogId === '') throw invalidArgument(`invalid ${message}.catalogId: value is required`);
    checkUserIds(userIds, message);
    const connectors = this.#appConnectors(params['appId'] ?? '');
    const entry = this.#catalogEntry(catalogId, message);
    const name = displayName.trim() === '' ? entry.displayName : displayName;
    const connector = this.#newConnector(params['appId'] ?? '', entry, { displayName: name, description, userIds, config: null });
    connectors.set(connector.id, connector);
    this.#sendView(ctx, connector, expand);
  }

  #newConnector(
    appId: string,
    entry: C1SandboxCatalogEntry,
    fields: { displayName: string; description: string; userIds: string[]; config: C1AnyWire | null },
  ): C1SandboxConnector {
    const now = Date.now();
    const at = rfc3339(now);
    let id = c1Ksuid(new Date(now), randomBytes(16));
    while (this.#connectors.get(appId)?.has(id)) id = c1Ksuid(new Date(now), randomBytes(16));
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
  async #update(ctx: SandboxContext, params: Record<string, string>): Promise<void> {
    const body = await readRpcBody(ctx.req, 'ConnectorServiceUpdateRequest');
    if (body['connector'] === undefined || body['connector'] === null) {
      throw invalidArgument('invalid ConnectorServiceUpdateRequest.connector: value is required');
    }
    const source = parseConnector(body['connector'], 'connector');
    const paths = parseUpdateMask(body['updateMask']);
    const expand = parseExpandMask(body['expandMask'], 'expandMask');
    const stored = this.#find(params);
    const next = structuredClone(stored);
    for (const path of paths) MASK_PATHS[path]?.(next, source);
    this.#checkUpdated(next, paths);
    const now = rfc3339(Date.now());
    next.updatedAt = now;
    if (paths.includes('config')) next.configUpdatedAt = next.config ? now : null;
    Object.assign(stored, next);
    this.#sendView(ctx, stored, expand);
  }

  #checkUpdated(next: C1SandboxConnector, paths: string[]): void {
    if (paths.includes('displayName') && next.displayName.trim() === '') {
      throw invalidArgument('invalid Connector.displayName: value must not be empty');
    }
    const workers = next.parallelSyncWorkerCount;
    if (workers !== null && (workers < 0 || workers > MAX_PARALLEL_SYNC_WORKERS)) {
      throw invalidArgument(`invalid Connector.parallelSyncWorkerCount: value must be between 0 and ${MAX_PARALLEL_SYNC_WORKERS}, got ${workers}`);
    }
    checkUserIds(next.userIds, 'Connector');
    const entry = this.#catalog.get(next.catalogId);
    if (entry && paths.includes('config')) checkConfigType(next.config, entry);
  }

  async #delete(ctx: SandboxContext, params: Record<string, string>): Promise<void> {
    // The body is `{}` (the ids are in the URL); anything else that is a JSON object is ignored.
    await readRpcBody(ctx.req, 'ConnectorServiceDeleteRequest');
    const connector = this.#find(params);
    this.#connectors.get(connector.appId)?.delete(connector.id);
    const body: C1ConnectorServiceDeleteResponse = {};
    sendJson(ctx.res, 200, body);
  }

  /** A connector view and the `expanded` array it points into (with the app when `expandApp`). */
  #view(connector: C1SandboxConnector, expandApp: boolean): { view: C1ConnectorViewWire; expanded: C1AnyWire[] } {
    const expanded: C1AnyWire[] = [];
    const view: C1ConnectorViewWire = { connector: toConnectorWire(connector), appPath: '', capabilitiesPath: '', usersPath: '' };
    const app = this.#apps.get(connector.appId);
    if (expandApp && app) {
      expanded.push({ '@type': C1_APP_TYPE_URL, ...toAppWire(app) });
      view.appPath = `expanded[${expanded.length - 1}]`;
    }
    return { view, expanded };
  }

  #sendView(ctx: SandboxContext, connector: C1SandboxConnector, expandApp: boolean): void {
    const { view, expanded } = this.#view(connector, expandApp);
    const body: C1ConnectorServiceCreateResponse | C1ConnectorServiceUpdateResponse = { connectorView: view, expanded };
    sendJson(ctx.res, 200, body);
  }
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** The parameters of a token request body, or undefined when its media type is neither form nor JSON. */
function tokenParams(type: string, raw: Buffer): URLSearchParams | undefined {
  if (type === 'application/x-www-form-urlencoded') return parseFormBody(raw);
  if (type !== 'application/json') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
  if (!isJsonObject(parsed)) return undefined;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') params.set(key, value);
  return params;
}

function checkUserIds(userIds: string[], message: string): void {
  if (userIds.some((id) => id.trim() === '')) throw invalidArgument(`invalid ${message}.userIds: items must not be empty`);
}

/** A config must pack the message its catalog entry takes (C1 unpacks it into that type). */
function checkConfigType(config: C1AnyWire | null, entry: C1SandboxCatalogEntry): void {
  if (!config || config['@type'] === entry.configType) return;
  const given = config['@type'].startsWith(C1_TYPE_URL_PREFIX) ? config['@type'].slice(C1_TYPE_URL_PREFIX.length) : config['@type'];
  throw invalidArgument(
    `invalid config: "${given}" is not the config type of the catalog entry "${entry.displayName}" (expects "${entry.configType}")`,
  );
}

/** Checks a repeated message of string fields (entitlement refs). */
function checkRefs(value: unknown, path: string, keys: string[]): void {
  if (value === null || value === undefined) return;
  if (!Array.isArray(value)) throw invalidArgument(`invalid value for repeated message field ${path}: ${describe(value)}`);
  value.forEach((item: unknown, index) =>
    parseMessage(item, `${path}[${index}]`, (fields) => keys.map((key) => parseString(fields[key], `${path}[${index}].${key}`))),
  );
}
