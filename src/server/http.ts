/**
 * The downstream HTTP side: a node:http request handler in front of Apollo Server (no framework in between).
 * Routes `/graphql` (GET, POST JSON, POST multipart uploads, POST accepting `text/event-stream`: subscriptions, sse.ts), `/console`, `/healthz`, `/readyz` and `/metrics`. Body limits
 * are enforced while reading; multipart requests must pass Apollo's CSRF preflight rule before a byte of the body
 * is read. CORS on `/graphql` for an allow-list of origins: a preflight is answered before authentication and
 * before any body is read. Internal module.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import processRequest from 'graphql-upload/processRequest.mjs';
import type { Logger } from 'pino';
import type { GatewayContext } from '../context.js';
import type { Authenticator, Caller } from '../auth/authenticate.js';
import { UnauthenticatedError } from '../errors/classes.js';
import { ASSET_PATH, serveLandingAsset } from './landing.js';
import { CONSOLE_PATH, serveConsole, type ConsoleBuild } from './console.js';
import type { SseRequest } from './sse.js';
import type { RedisLinkView } from '../cluster/redis.js';
import { ageSeconds, remainingMs, type Lookup, type ResponseCache } from '../cache/index.js';
import { withSpan, type Tracing } from '../observability/tracing.js';

export interface HttpHandlerOptions {
  apollo: ApolloServer<GatewayContext>;
  createContext: (requestId: string, caller: Caller) => GatewayContext;
  /** Subscriptions over SSE (a POST that accepts `text/event-stream`); undefined: not served. */
  sse?: ((req: IncomingMessage, res: ServerResponse, request: SseRequest) => Promise<void>) | undefined;
  /** Caller authentication, checked before a request's body is read. */
  authenticator: Authenticator;
  /** Whether GraphiQL's files are served (the landing page is GraphiQL); else they are not even read. */
  landingAssets: boolean;
  /** The console at /console (`build` undefined: switched on but not built, which the page says); undefined: not served. */
  console?: { build: ConsoleBuild | undefined } | undefined;
  logger: Logger;
  bodyLimitBytes: number;
  uploads: { maxFileSize: number; maxFiles: number };
  /** Per-source readiness, for `/readyz`. */
  readiness: () => Promise<{ ready: boolean; sources: Record<string, unknown>; redis?: RedisLinkView }>;
  /** Prometheus metrics for `/metrics` (no caller authentication); undefined: not served. */
  metrics?: { contentType: string; openMetricsContentType: string; scrape(openMetrics?: boolean): Promise<string> } | undefined;
  /** Browser origins allowed to call `/graphql` across origins, exact (`GATEWAY_CORS_ORIGINS`); none: no CORS headers. */
  corsOrigins?: readonly string[];
  /** The response cache (`GATEWAY_RESPONSE_CACHE=on`): used on the direct path (one JSON POST) only. */
  cache?: ResponseCache | undefined;
  /** Tracing (OpenTelemetry); undefined: off, and requests pay nothing for it. */
  tracing?: Tracing | undefined;
}

export const GRAPHQL_PATH = '/graphql';

/** Headers that satisfy Apollo's CSRF prevention for requests a browser could send without a preflight. */
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The request headers a cross-origin caller may send: the gateway's own and those of Apollo's clients and Studio. */
const CORS_ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'x-api-key',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
];
/** Further headers granted when a preflight asks for them (a browser asks for these only with unusual values). */
const CORS_ALSO_ALLOWED = new Set(['accept', 'accept-language', 'content-language', 'x-request-id']);
/** How long a browser may cache a preflight's answer (Chromium caps it at 2 hours). */
const CORS_MAX_AGE_S = 7200;

/**
 * CORS for a `/graphql` request when an allow-list is set: `Vary: Origin` on every answer (it depends on the
 * origin), and for an allowed origin `Access-Control-Allow-Origin` (that origin, never `*`) and the request id as
 * an exposed header. A preflight (OPTIONS with `Origin` and `Access-Control-Request-Method`) is answered here, 204,
 * before authentication and without reading a body: for an allowed origin with the methods, headers and max age;
 * for another with no CORS headers. Returns true when it answered the request.
 */
function applyCors(origins: ReadonlySet<string>, req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  const allowed = origin !== undefined && origins.has(origin);
  const preflight = req.method === 'OPTIONS' && origin !== undefined && req.headers['access-control-request-method'] !== undefined;
  if (!preflight) {
    res.setHeader('vary', 'Origin');
    if (allowed) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', 'x-request-id');
    }
    return false;
  }
  req.resume();
  const headers: Record<string, string> = { vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers', 'content-length': '0' };
  if (allowed) {
    const asked = (req.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => CORS_ALSO_ALLOWED.has(name));
    Object.assign(headers, {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': [...new Set([...CORS_ALLOWED_HEADERS, ...asked])].join(', '),
      'access-control-max-age': String(CORS_MAX_AGE_S),
    });
  }
  res.writeHead(204, headers);
  res.end();
  return true;
}

/** Sets a header Apollo chose; a `vary` adds to the gateway's own instead of replacing it. */
function setResponseHeader(res: ServerResponse, name: string, value: string): void {
  const current = name.toLowerCase() === 'vary' ? res.getHeader('vary') : undefined;
  res.setHeader(name, typeof current === 'string' && current !== '' ? `${current}, ${value}` : value);
}

/** Builds the handler that `http.createServer` calls for every request. */
export function createHttpHandler(options: HttpHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const origins = new Set(options.corsOrigins ?? []);
  const run = (req: IncomingMessage, res: ServerResponse): void => {
    handle(options, origins, req, res).catch((error: unknown) => {
      options.logger.error({ err: error }, 'request handling failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.destroy();
    });
  };
  const { tracing } = options;
  if (!tracing) return run;
  return (req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const route = routeOf(req.url ?? '/');
    const header = req.headers.traceparent;
    const span = tracing.serverSpan(`${method} ${route}`, Array.isArray(header) ? header[0] : header, {
      'http.request.method': method,
      'http.route': route,
    });
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.fail(String(res.statusCode));
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    withSpan(span, () => {
      run(req, res);
    });
  };
}

/** The route of a request for its span: one of the gateway's paths, never the query (it may hold variables). */
function routeOf(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (path === GRAPHQL_PATH || path === `${GRAPHQL_PATH}/`) return GRAPHQL_PATH;
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return path;
  if (path === CONSOLE_PATH || path.startsWith(`${CONSOLE_PATH}/`)) return CONSOLE_PATH;
  if (path.startsWith(ASSET_PATH)) return ASSET_PATH;
  return 'other';
}

async function handle(options: HttpHandlerOptions, origins: ReadonlySet<string>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const search = q === -1 ? '' : url.slice(q);
  if (path === GRAPHQL_PATH || path === `${GRAPHQL_PATH}/`) {
    if (origins.size > 0 && applyCors(origins, req, res)) return;
    return graphql(options, req, res, search);
  }
  if (options.landingAssets && path.startsWith(ASSET_PATH)) {
    serveLandingAsset(req, res, path);
    return;
  }
  if (options.console !== undefined && (path === CONSOLE_PATH || path.startsWith(`${CONSOLE_PATH}/`))) {
    serveConsole(options.console.build, req, res, path);
    return;
  }
  if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
    sendJson(res, 200, { status: 'ok' });
    return;
  }
  if (path === '/readyz' && (req.method === 'GET' || req.method === 'HEAD')) {
    const readiness = await options.readiness();
    // Redis away does not make a replica unready: it serves on local limits and caches (an orchestrator must not
    // take every replica out because Redis went away); it says so.
    const status = !readiness.ready ? 'not ready' : readiness.redis?.status === 'down' ? 'degraded' : 'ready';
    sendJson(res, readiness.ready ? 200 : 503, { status, sources: readiness.sources, ...(readiness.redis ? { redis: readiness.redis } : {}) });
    return;
  }
  if (path === '/metrics' && options.metrics && (req.method === 'GET' || req.method === 'HEAD')) {
    // OpenMetrics (with exemplars linking latency buckets to traces) when the scraper asks for it.
    const openMetrics = (req.headers.accept ?? '').includes('application/openmetrics-text');
    const text = await options.metrics.scrape(openMetrics);
    const contentType = openMetrics ? options.metrics.openMetricsContentType : options.metrics.contentType;
    res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  sendJson(res, 404, { error: 'Not found. The GraphQL endpoint is ' + GRAPHQL_PATH });
}

async function graphql(options: HttpHandlerOptions, req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const requestIdHeader = headers.get('x-request-id');
  const requestId = requestIdHeader && REQUEST_ID.test(requestIdHeader) ? requestIdHeader : randomUUID();
  res.setHeader('x-request-id', requestId);

  // Who is calling, before a byte of the body is read. Only the landing page (a browser's GET without an
  // operation) is served to anyone: its caller may run no operation at all (refused as UNAUTHENTICATED).
  let caller: Caller;
  if (req.method === 'GET' && !/[?&](query|extensions)=/.test(search) && (headers.get('accept') ?? '').includes('text/html')) {
    caller = options.authenticator.landingPageCaller;
  } else {
    try {
      const authenticated = options.authenticator.authenticate(req.headers);
      caller = authenticated instanceof Promise ? await authenticated : authenticated;
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) throw error;
      options.logger.info({ requestId, reason: error.message }, 'caller refused');
      req.resume();
      res.setHeader('www-authenticate', options.authenticator.challenge);
      sendRequestError(res, 401, error.message, 'UNAUTHENTICATED');
      return;
    }
  }

  if (options.sse && req.method === 'POST' && (headers.get('accept') ?? '').includes('text/event-stream')) {
    return eventStream(options, options.sse, req, res, headers, requestId, caller);
  }

  let body: unknown;
  if (req.method === 'POST') {
    const contentType = headers.get('content-type') ?? '';
    if (contentType.startsWith('multipart/form-data')) {
      const parsed = await readMultipart(options, req, res, headers);
      if (parsed === undefined) return;
      body = parsed;
    } else {
      const text = await readBody(req, options.bodyLimitBytes);
      if (text === undefined) {
        sendRequestError(res, 413, `Request body larger than ${options.bodyLimitBytes} bytes.`, 'PAYLOAD_TOO_LARGE');
        return;
      }
      if (/^application\/(graphql-response\+)?json\b/.test(contentType)) {
        try {
          body = text === '' ? {} : JSON.parse(text);
        } catch {
          sendRequestError(res, 400, 'The request body is not valid JSON.', 'BAD_REQUEST');
          return;
        }
      } else {
        // Apollo answers other content types itself (CSRF prevention, or "invalid Content-Type").
        body = text;
      }
    }
  }

  const method = (req.method ?? 'GET').toUpperCase();
  const httpGraphQLRequest: HTTPGraphQLRequest = { method, headers, search, body };
  const responseType = method === 'POST' ? fastResponseType(headers, body) : undefined;
  if (responseType !== undefined) return executeSingle(options, res, httpGraphQLRequest, body as JsonOperation, responseType, requestId, caller);
  const response = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest,
    context: () => Promise.resolve(options.createContext(requestId, caller)),
  });
  for (const [name, value] of response.headers) setResponseHeader(res, name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * A subscription over SSE: a JSON body only (browsers preflight it, so no CSRF risk), read within the body limit,
 * then graphql-sse's handler (sse.ts).
 */
async function eventStream(
  options: HttpHandlerOptions,
  sse: NonNullable<HttpHandlerOptions['sse']>,
  req: IncomingMessage,
  res: ServerResponse,
  headers: HeaderMap,
  requestId: string,
  caller: Caller,
): Promise<void> {
  if (!/^application\/json\b/.test(headers.get('content-type') ?? '')) {
    req.resume();
    sendRequestError(res, 415, 'A subscription is a POST with a JSON body (content-type: application/json).', 'BAD_REQUEST');
    return;
  }
  const text = await readBody(req, options.bodyLimitBytes);
  if (text === undefined) {
    sendRequestError(res, 413, `Request body larger than ${options.bodyLimitBytes} bytes.`, 'PAYLOAD_TOO_LARGE');
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    sendRequestError(res, 400, 'The request body is not valid JSON.', 'BAD_REQUEST');
    return;
  }
  await sse(req, res, { caller, requestId, body });
}

/** A POSTed operation as JSON. */
interface JsonOperation {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json; charset=utf-8';

/**
 * The response content type when a request can take the direct path, else undefined. Direct: a JSON POST (so no
 * CSRF risk: browsers preflight it) of one plain operation, whose Accept header is absent or one plain media type
 * that Apollo would answer with the same type. Everything else (GET, multipart, batches, q-values, odd bodies)
 * goes through Apollo's own HTTP handling, which also produces its error answers.
 */
function fastResponseType(headers: HeaderMap, body: unknown): string | undefined {
  const contentType = headers.get('content-type');
  if (contentType !== 'application/json' && contentType !== JSON_TYPE && contentType !== 'application/json;charset=utf-8') return undefined;
  const accept = headers.get('accept');
  let type: string;
  if (accept === undefined || accept === 'application/json' || accept === '*/*' || accept === JSON_TYPE) type = JSON_TYPE;
  else if (accept === 'application/graphql-response+json') type = GRAPHQL_RESPONSE_TYPE;
  else return undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const op = body as Record<string, unknown>;
  if (typeof op.query !== 'string') return undefined;
  if (op.operationName != null && typeof op.operationName !== 'string') return undefined;
  if (!isRecordOrNull(op.variables) || !isRecordOrNull(op.extensions)) return undefined;
  return type;
}

function isRecordOrNull(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value));
}

/**
 * Runs one operation through Apollo's request pipeline (plugins, document cache, validation, execution, error
 * formatting) without its HTTP layer, and writes the answer as Apollo would: its status and headers, the result
 * serialised in the order errors, data, extensions. With the response cache, a query is looked up first (the
 * caller is known by now): a hit is answered from it (with `Age` and `Cache-Control: private, max-age`), and a
 * miss's response is stored when it has no errors; what is not cached says `Cache-Control: no-store`.
 */
async function executeSingle(
  options: HttpHandlerOptions,
  res: ServerResponse,
  http: HTTPGraphQLRequest,
  op: JsonOperation,
  contentType: string,
  requestId: string,
  caller: Caller,
): Promise<void> {
  const cache = options.cache;
  let lookup: Lookup | undefined;
  if (cache !== undefined) {
    lookup = await cache.lookup(op, caller.permissions);
    if (lookup.kind === 'hit') {
      const now = Date.now();
      res.writeHead(200, {
        'content-type': contentType,
        age: String(ageSeconds(lookup.record, now)),
        'cache-control': `private, max-age=${Math.max(0, Math.floor(remainingMs(lookup.record, now) / 1000))}`,
        'content-length': Buffer.byteLength(lookup.record.body),
      });
      res.end(lookup.record.body);
      return;
    }
  }
  const contextValue = options.createContext(requestId, caller);
  const response = await options.apollo.executeOperation(
    {
      query: op.query,
      ...(op.operationName != null ? { operationName: op.operationName } : {}),
      ...(op.variables != null ? { variables: op.variables } : {}),
      ...(op.extensions != null ? { extensions: op.extensions } : {}),
      http,
    },
    { contextValue },
  );
  if (response.body.kind !== 'single') throw new Error('incremental delivery is not enabled');
  const { errors, data, extensions } = response.body.singleResult;
  const text = JSON.stringify({ errors, data, extensions });
  res.statusCode = response.http.status ?? 200;
  res.setHeader('content-type', contentType); // unless a plugin chose one (below)
  for (const [name, value] of response.http.headers) setResponseHeader(res, name, value);
  if (cache !== undefined) {
    const cacheable = res.statusCode === 200 && errors === undefined && data != null;
    const stored = lookup?.kind === 'miss' && cacheable && (await cache.store(lookup, text, contextValue.sourcesRead));
    res.setHeader('cache-control', stored ? `private, max-age=${Math.floor(cache.ttlOf(contextValue.sourcesRead) / 1000)}` : 'no-store');
  }
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

/** Reads a multipart (GraphQL multipart request spec) body; answers the request itself and returns undefined when it refuses it. */
async function readMultipart(options: HttpHandlerOptions, req: IncomingMessage, res: ServerResponse, headers: HeaderMap): Promise<unknown> {
  // Apollo checks this too, but only after the body was read: refuse before reading anything.
  if (!PREFLIGHT_HEADERS.some((h) => (headers.get(h) ?? '') !== '')) {
    req.resume();
    sendRequestError(
      res,
      400,
      'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Multipart requests must carry a non-empty `Apollo-Require-Preflight` (or `X-Apollo-Operation-Name`) header.',
      'BAD_REQUEST',
    );
    return;
  }
  const { maxFileSize, maxFiles } = options.uploads;
  const declared = Number(headers.get('content-length'));
  // Whole request: the files plus the operations and map fields; a larger declared length is refused unread.
  if (Number.isFinite(declared) && declared > maxFileSize * maxFiles + 2 * options.bodyLimitBytes) {
    req.resume();
    sendRequestError(res, 413, `Request body larger than the upload limits allow (${maxFiles} files of at most ${maxFileSize} bytes).`, 'PAYLOAD_TOO_LARGE');
    return;
  }
  try {
    return await processRequest(req, res, { maxFieldSize: options.bodyLimitBytes, maxFileSize, maxFiles });
  } catch (error) {
    const status = (error as { status?: number }).status;
    const expose = (error as { expose?: boolean }).expose;
    const message = expose && error instanceof Error ? error.message : 'The multipart request could not be read.';
    sendRequestError(
      res,
      typeof status === 'number' && status >= 400 && status < 500 ? status : 400,
      message,
      status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST',
    );
    return undefined;
  }
}

/** Reads the whole body as UTF-8; undefined (and the rest discarded) once it exceeds `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const [first] = chunks;
      resolve(size > limit ? undefined : chunks.length === 1 && first !== undefined ? first.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** A request-level error in the GraphQL-over-HTTP shape. */
function sendRequestError(res: ServerResponse, status: number, message: string, code: string): undefined {
  sendJson(res, status, { errors: [{ message, extensions: { code, http: { status } } }] });
  return undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
