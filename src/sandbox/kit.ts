/**
 * Vendor-neutral building blocks for the loopback sandboxes that imitate the vendor REST APIs: an HTTP server
 * wrapper, a request log, run-time fault injection and latency, control endpoints under `/__sandbox/`, body reading
 * with a size cap, JSON helpers, a tiny router and an OAuth2 client-credentials token store.
 *
 * Nothing here knows a vendor; each sandbox composes these pieces and renders its own wire shapes.
 */
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

// ---------------------------------------------------------------------------------------------------------------------
// HTTP server
// ---------------------------------------------------------------------------------------------------------------------

/** Options of {@link startHttpSandbox}. */
export interface StartHttpSandboxOptions {
  /** Interface to bind; loopback by default. */
  host?: string;
  /** Port to bind; 0 (default) picks a free one. */
  port?: number;
  /** The request listener (usually {@link SandboxApp.listener}). */
  handler: RequestListener;
}

/** A running HTTP sandbox server. */
export interface HttpSandbox {
  /** `http://host:port`, without a trailing slash. */
  readonly origin: string;
  readonly host: string;
  readonly port: number;
  readonly server: Server;
  /** Stops listening and ends every open socket, keep-alive ones included. Idempotent. */
  close(): Promise<void>;
}

/** Starts a `node:http` server for a sandbox and resolves once it listens. */
export async function startHttpSandbox(options: StartHttpSandboxOptions): Promise<HttpSandbox> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer(options.handler);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  // IPv6 literals need brackets inside a URL.
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Without this, idle keep-alive sockets would hold `close` open for seconds.
      server.closeAllConnections();
    });
    return closing;
  };
  return { origin, host, port, server, close };
}

// ---------------------------------------------------------------------------------------------------------------------
// Errors and response helpers
// ---------------------------------------------------------------------------------------------------------------------

/** An error that a handler throws to answer with a given status; the sandbox renders it in its vendor's shape. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Whether a response can still be written to (headers not sent, socket not gone). */
export function canRespond(res: ServerResponse): boolean {
  return !res.headersSent && !res.writableEnded && !res.destroyed;
}

/** Sends `body` as JSON with the given status. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  sendText(res, status, JSON.stringify(body), 'application/json; charset=utf-8', headers);
}

/** Sends a text body with an explicit content type. */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
  headers: OutgoingHttpHeaders = {},
): void {
  if (!canRespond(res)) return;
  const payload = Buffer.from(text, 'utf8');
  res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': payload.length });
  res.end(payload);
}

/** Sends a status without a body (e.g. 204). */
export function sendEmpty(res: ServerResponse, status: number, headers: OutgoingHttpHeaders = {}): void {
  if (!canRespond(res)) return;
  res.writeHead(status, headers);
  res.end();
}

// ---------------------------------------------------------------------------------------------------------------------
// Request bodies
// ---------------------------------------------------------------------------------------------------------------------

/** Default cap of {@link readBody}: 10 MiB. */
export const DEFAULT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/**
 * Reads the whole request body, refusing more than `limitBytes` with an {@link HttpError} 413 (which asks for
 * `Connection: close`, so the unread rest of the upload cannot poison a keep-alive socket).
 */
export async function readBody(req: IncomingMessage, limitBytes = DEFAULT_BODY_LIMIT_BYTES): Promise<Buffer> {
  const tooLarge = (): HttpError =>
    new HttpError(413, `request body exceeds ${limitBytes} bytes`, { Connection: 'close' });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    req.resume();
    throw tooLarge();
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** Reads and parses a JSON body; malformed JSON becomes an {@link HttpError} 400. */
export async function readJsonBody(req: IncomingMessage, limitBytes = DEFAULT_BODY_LIMIT_BYTES): Promise<unknown> {
  const raw = (await readBody(req, limitBytes)).toString('utf8');
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
}

/** The media type of a request (`Content-Type` without parameters, lower-cased), or '' when absent. */
export function mediaType(req: IncomingMessage): string {
  const header = req.headers['content-type'] ?? '';
  return (header.split(';')[0] ?? '').trim().toLowerCase();
}

/** Narrows `value` to a plain JSON object. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------------------------------
// Router
// ---------------------------------------------------------------------------------------------------------------------

/** Outcome of {@link Router.match}. */
export type RouteMatch<H> =
  | { kind: 'found'; handler: H; params: Record<string, string> }
  | { kind: 'methodNotAllowed'; allowed: string[] }
  | { kind: 'notFound' };

interface Route<H> {
  method: string;
  segments: string[];
  handler: H;
}

/** Splits a path into raw segments; a single trailing slash is ignored. */
function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.split('/').slice(1);
}

/**
 * A tiny router: `add('GET', '/v3/connectors/:scriptName', handler)`. Matching is on raw path segments, so an
 * encoded `/` inside a parameter stays inside it; parameters are URL-decoded (a malformed escape never matches).
 */
export class Router<H> {
  readonly #routes: Route<H>[] = [];

  /** Registers `handler` for `method` (upper case) and `pattern` (segments starting with `:` are parameters). */
  add(method: string, pattern: string, handler: H): this {
    this.#routes.push({ method: method.toUpperCase(), segments: splitPath(pattern), handler });
    return this;
  }

  /** Finds the route for a request; tells apart an unknown path from a known path with another method. */
  match(method: string, path: string): RouteMatch<H> {
    const segments = splitPath(path);
    const allowed: string[] = [];
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method.toUpperCase()) return { kind: 'found', handler: route.handler, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'methodNotAllowed', allowed } : { kind: 'notFound' };
  }
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const want = pattern[i] ?? '';
    const got = actual[i] ?? '';
    if (want.startsWith(':')) {
      if (got === '') return undefined;
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        return undefined;
      }
    } else if (want !== got) {
      return undefined;
    }
  }
  return params;
}

// ---------------------------------------------------------------------------------------------------------------------
// Request log
// ---------------------------------------------------------------------------------------------------------------------

/** One logged request. `status` is the status actually sent: 0 while pending or when the socket was reset. */
export interface RequestLogEntry {
  seq: number;
  /** Arrival time, milliseconds since the epoch. */
  ts: number;
  method: string;
  /** The raw (still encoded) path, without the query. */
  path: string;
  /** The raw query string without `?` ('' when none). */
  query: string;
  status: number;
  /** Whether the request carried valid credentials (a live bearer token, or right client credentials). */
  authorized: boolean;
  /** Whether an injected fault shaped this request's answer (status, body, reset, delay). */
  faulted: boolean;
}

/** Selects log entries: any given field must match; or a predicate. */
export type RequestLogFilter =
  | {
      method?: string;
      path?: string;
      pathPrefix?: string;
      status?: number;
      authorized?: boolean;
      faulted?: boolean;
    }
  | ((entry: RequestLogEntry) => boolean);

/** Whether `entry` passes `filter` (no filter: every entry). */
export function matchesLogFilter(entry: RequestLogEntry, filter?: RequestLogFilter): boolean {
  if (!filter) return true;
  if (typeof filter === 'function') return filter(entry);
  return (
    (filter.method === undefined || filter.method.toUpperCase() === entry.method) &&
    (filter.path === undefined || filter.path === entry.path) &&
    (filter.pathPrefix === undefined || entry.path.startsWith(filter.pathPrefix)) &&
    (filter.status === undefined || filter.status === entry.status) &&
    (filter.authorized === undefined || filter.authorized === entry.authorized) &&
    (filter.faulted === undefined || filter.faulted === entry.faulted)
  );
}

/** Counts the entries of `entries` that pass `filter`. */
export function countRequests(entries: readonly RequestLogEntry[], filter?: RequestLogFilter): number {
  let count = 0;
  for (const entry of entries) if (matchesLogFilter(entry, filter)) count += 1;
  return count;
}

/** An in-memory request log; keeps the newest `maxEntries` entries (sequence numbers keep counting). */
export class RequestLog {
  #entries: RequestLogEntry[] = [];
  #seq = 0;

  constructor(readonly maxEntries = 200_000) {}

  /** Appends a live entry for a request that just arrived and returns it, so the caller can fill in the outcome. */
  begin(method: string, path: string, query: string): RequestLogEntry {
    this.#seq += 1;
    const entry: RequestLogEntry = {
      seq: this.#seq,
      ts: Date.now(),
      method,
      path,
      query,
      status: 0,
      authorized: false,
      faulted: false,
    };
    this.#entries.push(entry);
    // Trim in batches so a long benchmark does not shift the array on every request.
    if (this.#entries.length > this.maxEntries * 1.1) this.#entries = this.#entries.slice(-this.maxEntries);
    return entry;
  }

  /** Copies of the entries (oldest first) that pass `filter`. */
  entries(filter?: RequestLogFilter): RequestLogEntry[] {
    return this.#entries.filter((entry) => matchesLogFilter(entry, filter)).map((entry) => ({ ...entry }));
  }

  /** How many entries pass `filter`. */
  count(filter?: RequestLogFilter): number {
    return countRequests(this.#entries, filter);
  }

  /** Forgets every entry and restarts the sequence at 1. */
  reset(): void {
    this.#entries = [];
    this.#seq = 0;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Fault injection
// ---------------------------------------------------------------------------------------------------------------------

/** Which requests a fault applies to; omitted fields match everything. */
export interface FaultMatch {
  method?: string;
  pathPrefix?: string;
}

/**
 * A fault to inject. With `status`, `body`, `reset` or `malformed` it replaces the answer; with only `delayMs` it
 * delays the request, which then runs normally.
 */
export interface FaultSpec {
  match?: ((method: string, path: string) => boolean) | FaultMatch;
  /** How many matching requests it applies to (default 1; `Infinity` for all). */
  count?: number;
  status?: number;
  /** The body to send (JSON-encoded unless a string); the sandbox's default for `status` otherwise. */
  body?: unknown;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** Sets `Retry-After`: seconds, or an HTTP-date string. */
  retryAfter?: number | string;
  /** Waits this long before acting (or before the normal answer). */
  delayMs?: number;
  /** Destroys the socket without answering. */
  reset?: boolean;
  /** Answers `status` (default 200) with a truncated JSON body. */
  malformed?: boolean;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

function faultMatches(spec: FaultSpec, method: string, path: string): boolean {
  const match = spec.match;
  if (match === undefined) return true;
  if (typeof match === 'function') return match(method, path);
  return (
    (match.method === undefined || match.method.toUpperCase() === method) &&
    (match.pathPrefix === undefined || path.startsWith(match.pathPrefix))
  );
}

/** Whether a fault replaces the answer (rather than only delaying it). */
export function isTerminalFault(spec: FaultSpec): boolean {
  return spec.status !== undefined || spec.body !== undefined || spec.reset === true || spec.malformed === true;
}

/** Faults waiting to be applied; the oldest matching one is consumed first. */
export class FaultQueue {
  #faults: ActiveFault[] = [];

  /** Queues a fault. */
  inject(spec: FaultSpec): void {
    const count = spec.count ?? 1;
    if (!(count > 0)) throw new RangeError('fault count must be positive');
    this.#faults.push({ spec, remaining: count });
  }

  /** Removes every queued fault. */
  clear(): void {
    this.#faults = [];
  }

  /** How many faults are queued. */
  get size(): number {
    return this.#faults.length;
  }

  /** Queued faults in a JSON-friendly shape (a `match` function shows as `"function"`). */
  describe(): Array<Record<string, unknown>> {
    return this.#faults.map(({ spec, remaining }) => ({
      ...spec,
      match: typeof spec.match === 'function' ? 'function' : spec.match,
      remaining: Number.isFinite(remaining) ? remaining : 'Infinity',
    }));
  }

  /** Consumes one use of the oldest fault matching the request, if any. */
  take(method: string, path: string): FaultSpec | undefined {
    const index = this.#faults.findIndex((fault) => faultMatches(fault.spec, method, path));
    if (index < 0) return undefined;
    const fault = this.#faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#faults.splice(index, 1);
    return fault.spec;
  }
}

/**
 * Turns the JSON body of `POST /__sandbox/faults` into a {@link FaultSpec}; `count` may be a number, `"Infinity"`,
 * `null` or -1 (both meaning unlimited). Throws an {@link HttpError} 400 on a wrong shape.
 */
export function parseFaultJson(value: unknown): FaultSpec {
  if (!isJsonObject(value)) throw new HttpError(400, 'fault must be a JSON object');
  const spec: FaultSpec = {};
  const { method, pathPrefix, count, status, body, headers, retryAfter, delayMs, reset, malformed } = value;
  if (method !== undefined || pathPrefix !== undefined) {
    if (method !== undefined && typeof method !== 'string') throw new HttpError(400, 'method must be a string');
    if (pathPrefix !== undefined && typeof pathPrefix !== 'string') throw new HttpError(400, 'pathPrefix must be a string');
    spec.match = { ...(method === undefined ? {} : { method }), ...(pathPrefix === undefined ? {} : { pathPrefix }) };
  }
  if (count === null || count === 'Infinity' || count === -1) spec.count = Infinity;
  else if (count !== undefined) {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw new HttpError(400, 'count must be a positive integer');
    spec.count = count;
  }
  if (status !== undefined) {
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
      throw new HttpError(400, 'status must be an HTTP status code');
    }
    spec.status = status;
  }
  if (body !== undefined) spec.body = body;
  if (headers !== undefined) {
    if (!isJsonObject(headers) || !Object.values(headers).every((v) => typeof v === 'string')) {
      throw new HttpError(400, 'headers must map names to strings');
    }
    spec.headers = headers as Record<string, string>;
  }
  if (retryAfter !== undefined) {
    if (typeof retryAfter !== 'number' && typeof retryAfter !== 'string') throw new HttpError(400, 'retryAfter must be a number or string');
    spec.retryAfter = retryAfter;
  }
  if (delayMs !== undefined) {
    if (typeof delayMs !== 'number' || !(delayMs >= 0)) throw new HttpError(400, 'delayMs must be a non-negative number');
    spec.delayMs = delayMs;
  }
  if (reset !== undefined) {
    if (typeof reset !== 'boolean') throw new HttpError(400, 'reset must be a boolean');
    spec.reset = reset;
  }
  if (malformed !== undefined) {
    if (typeof malformed !== 'boolean') throw new HttpError(400, 'malformed must be a boolean');
    spec.malformed = malformed;
  }
  return spec;
}

// ---------------------------------------------------------------------------------------------------------------------
// Sandbox application: log + latency + faults + control endpoints around a vendor handler
// ---------------------------------------------------------------------------------------------------------------------

/** What a vendor handler gets for one request. */
export interface SandboxContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Upper-case method. */
  readonly method: string;
  /** Raw (encoded) path without query. */
  readonly path: string;
  /** Raw query string without `?`. */
  readonly rawQuery: string;
  readonly query: URLSearchParams;
  /** The live log entry; a handler may set `authorized` (e.g. after checking client credentials). */
  readonly entry: RequestLogEntry;
  /** Aborted when the sandbox is disposed, so long waits end with the server. */
  readonly signal: AbortSignal;
}

/** A vendor route's handler: the request and the path's parameters. */
export type RouteHandler = (ctx: SandboxContext, params: Record<string, string>) => Promise<void> | void;

/** How a vendor answers a request that no route takes: its own error for a known path's other method, and for an unknown path. */
export interface RoutingErrors {
  methodNotAllowed(ctx: SandboxContext, allowed: string[]): Error;
  notFound(ctx: SandboxContext): Error;
}

/** Runs the route that matches the request, or throws the vendor's routing error. */
export async function dispatchRoute(router: Router<RouteHandler>, ctx: SandboxContext, errors: RoutingErrors): Promise<void> {
  const match = router.match(ctx.method, ctx.path);
  if (match.kind === 'found') return match.handler(ctx, match.params);
  throw match.kind === 'methodNotAllowed' ? errors.methodNotAllowed(ctx, match.allowed) : errors.notFound(ctx);
}

/** A rendered answer for a status-only fault. */
export interface RenderedFault {
  body: unknown;
  headers?: Record<string, string>;
}

/** Options of {@link SandboxApp}. */
export interface SandboxAppOptions {
  /** The vendor's request handler (routing, auth enforcement, answers). */
  handle(ctx: SandboxContext): Promise<void> | void;
  /** Whether the request carries valid credentials; evaluated before faults so the log records it either way. */
  authorize?(ctx: SandboxContext): boolean;
  /** The vendor's body for an injected fault that gives only a status. */
  renderFault?(status: number, ctx: SandboxContext): RenderedFault;
  /** Renders an error thrown by `handle` (an {@link HttpError} or anything else); must answer. */
  renderError?(error: unknown, ctx: SandboxContext): void;
  /** Initial extra latency for every answer, in milliseconds. */
  latencyMs?: number;
}

/** Prefix of the control endpoints; requests below it are neither logged, delayed nor faulted. */
export const CONTROL_PREFIX = '/__sandbox';

/**
 * Wraps a vendor handler with the shared sandbox behaviour: a request log entry per request, the global latency,
 * injected faults (applied before the vendor's routes), and the `/__sandbox/` control endpoints.
 */
export class SandboxApp {
  readonly log = new RequestLog();
  readonly faults = new FaultQueue();
  readonly listener: RequestListener;
  #latencyMs: number;
  readonly #options: SandboxAppOptions;
  readonly #abort = new AbortController();

  constructor(options: SandboxAppOptions) {
    this.#options = options;
    this.#latencyMs = checkLatency(options.latencyMs ?? 0);
    this.listener = (req, res) => {
      void this.#serve(req, res);
    };
  }

  /** The current extra latency in milliseconds. */
  get latencyMs(): number {
    return this.#latencyMs;
  }

  /** Changes the extra latency added to every answer. */
  setLatency(ms: number): void {
    this.#latencyMs = checkLatency(ms);
  }

  /** Queues a fault (see {@link FaultSpec}). */
  injectFault(spec: FaultSpec): void {
    this.faults.inject(spec);
  }

  /** Removes every queued fault. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** Ends pending waits (latency, fault delays); call when the server closes. */
  dispose(): void {
    this.#abort.abort();
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    } catch {
      sendJson(res, 400, { error: 'unparsable request target' });
      return;
    }
    const path = url.pathname;
    if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
      await this.#control(req, res, path);
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const rawQuery = url.search.startsWith('?') ? url.search.slice(1) : url.search;
    const entry = this.log.begin(method, path, rawQuery);
    recordStatus(res, entry);
    const ctx: SandboxContext = { req, res, method, path, rawQuery, query: url.searchParams, entry, signal: this.#abort.signal };
    try {
      entry.authorized = this.#options.authorize?.(ctx) ?? false;
      if (this.#latencyMs > 0) await sleep(this.#latencyMs, undefined, { signal: this.#abort.signal });
      const fault = this.faults.take(method, path);
      if (fault && (await this.#applyFault(fault, ctx))) return;
      await this.#options.handle(ctx);
      if (canRespond(res)) throw new Error(`no answer for ${method} ${path}`);
    } catch (error) {
      if (this.#abort.signal.aborted) {
        res.destroy();
        return;
      }
      this.#renderError(error, ctx);
    }
  }

  /** Applies a fault; true when it answered (or reset) instead of the normal handler. */
  async #applyFault(fault: FaultSpec, ctx: SandboxContext): Promise<boolean> {
    ctx.entry.faulted = true;
    if (fault.delayMs !== undefined && fault.delayMs > 0) await sleep(fault.delayMs, undefined, { signal: this.#abort.signal });
    if (!isTerminalFault(fault)) return false;
    if (fault.reset) {
      ctx.entry.status = 0;
      ctx.req.socket.destroy();
      return true;
    }
    const headers: Record<string, string> = { ...fault.headers };
    if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
    if (fault.malformed) {
      sendText(ctx.res, fault.status ?? 200, '{"items":[{"name":"truncated', 'application/json; charset=utf-8', headers);
      return true;
    }
    const status = fault.status ?? 500;
    let body = fault.body;
    let allHeaders = headers;
    if (body === undefined) {
      const rendered = this.#options.renderFault?.(status, ctx) ?? { body: { error: `injected fault ${status}` } };
      body = rendered.body;
      // The fault's own headers win over the vendor's defaults.
      allHeaders = { ...rendered.headers, ...headers };
    }
    if (typeof body === 'string') sendText(ctx.res, status, body, 'application/json; charset=utf-8', allHeaders);
    else sendJson(ctx.res, status, body, allHeaders);
    return true;
  }

  #renderError(error: unknown, ctx: SandboxContext): void {
    if (!canRespond(ctx.res)) {
      if (!ctx.res.writableEnded) ctx.res.destroy();
      return;
    }
    if (this.#options.renderError) {
      this.#options.renderError(error, ctx);
      return;
    }
    const status = error instanceof HttpError ? error.status : 500;
    const message = error instanceof Error ? error.message : String(error);
    sendJson(ctx.res, status, { error: message }, error instanceof HttpError ? error.headers : {});
  }

  async #control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const route = `${method} ${path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path}`;
    try {
      switch (route) {
        case `GET ${CONTROL_PREFIX}/log`:
          sendJson(res, 200, { entries: this.log.entries(), latencyMs: this.#latencyMs, pendingFaults: this.faults.size });
          return;
        case `POST ${CONTROL_PREFIX}/log/reset`:
          this.log.reset();
          sendEmpty(res, 204);
          return;
        case `GET ${CONTROL_PREFIX}/faults`:
          sendJson(res, 200, { faults: this.faults.describe() });
          return;
        case `POST ${CONTROL_PREFIX}/faults`: {
          const body = await readJsonBody(req, 1024 * 1024);
          const specs = Array.isArray(body) ? body.map(parseFaultJson) : [parseFaultJson(body)];
          for (const spec of specs) this.faults.inject(spec);
          sendJson(res, 201, { queued: specs.length, pendingFaults: this.faults.size });
          return;
        }
        case `DELETE ${CONTROL_PREFIX}/faults`:
          this.faults.clear();
          sendEmpty(res, 204);
          return;
        case `POST ${CONTROL_PREFIX}/latency`: {
          const body = await readJsonBody(req, 64 * 1024);
          const ms = isJsonObject(body) ? body['ms'] : undefined;
          if (typeof ms !== 'number') throw new HttpError(400, 'body must be {"ms": number}');
          this.setLatency(ms);
          sendJson(res, 200, { latencyMs: this.#latencyMs });
          return;
        }
        default:
          sendJson(res, 404, { error: `no control endpoint ${route}` });
      }
    } catch (error) {
      const status = error instanceof HttpError ? error.status : error instanceof RangeError ? 400 : 500;
      sendJson(res, status, { error: error instanceof Error ? error.message : String(error) });
    }
  }
}

function checkLatency(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError('latency must be a non-negative number of milliseconds');
  return ms;
}

/**
 * Records the status into the log entry when the head is written. `writeHead` runs (explicitly or implicitly)
 * before any byte leaves, so the entry is final before the client can see the answer.
 */
function recordStatus(res: ServerResponse, entry: RequestLogEntry): void {
  const original = res.writeHead as (this: ServerResponse, ...args: unknown[]) => ServerResponse;
  const patched = function (this: ServerResponse, ...args: unknown[]): ServerResponse {
    if (typeof args[0] === 'number') entry.status = args[0];
    return original.apply(this, args);
  };
  res.writeHead = patched as unknown as ServerResponse['writeHead'];
}

// ---------------------------------------------------------------------------------------------------------------------
// OAuth2 client credentials
// ---------------------------------------------------------------------------------------------------------------------

/** Parses an `application/x-www-form-urlencoded` body. */
export function parseFormBody(body: Buffer | string): URLSearchParams {
  return new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'));
}

/** Decodes `Authorization: Basic …` (RFC 6749 §2.3.1: both parts form-urlencoded); undefined when absent/garbled. */
export function parseBasicAuth(header: string | undefined): { username: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const formDecode = (part: string): string => {
    try {
      return decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return part;
    }
  };
  return { username: formDecode(decoded.slice(0, colon)), password: formDecode(decoded.slice(colon + 1)) };
}

/** The token of `Authorization: Bearer <token>`, or undefined. */
export function readBearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** Client credentials found in a token request. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  source: 'basic' | 'body' | 'query';
}

/** Finds client credentials: HTTP Basic first, then the form body, then the query string. */
export function extractClientCredentials(input: {
  authorization?: string | undefined;
  form?: URLSearchParams;
  query?: URLSearchParams;
}): ClientCredentials | undefined {
  const basic = parseBasicAuth(input.authorization);
  if (basic) return { clientId: basic.username, clientSecret: basic.password, source: 'basic' };
  for (const [source, params] of [['body', input.form], ['query', input.query]] as const) {
    const clientId = params?.get('client_id');
    if (clientId) return { clientId, clientSecret: params?.get('client_secret') ?? '', source };
  }
  return undefined;
}

/** Compares two secrets in constant time. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A token issued by a {@link TokenStore}. */
export interface IssuedToken {
  token: string;
  jti: string;
  clientId: string;
  scope: string;
  issuedAt: number;
  expiresAt: number;
  /** The lifetime in whole seconds, as `expires_in` reports it. */
  expiresIn: number;
}

/** Result of {@link TokenStore.check}. */
export type TokenCheck =
  | { ok: true; token: IssuedToken }
  | { ok: false; reason: 'missing' | 'unknown' | 'expired' };

/** Options of {@link TokenStore}. */
export interface TokenStoreOptions {
  /** Lifetime of issued tokens in seconds. */
  ttlSeconds: number;
  /** Clock (ms since epoch); injectable for tests. */
  now?: () => number;
}

/** Issues opaque random bearer tokens and validates them against their expiry. */
export class TokenStore {
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #now: () => number;
  #ttlSeconds: number;

  constructor(options: TokenStoreOptions) {
    this.#ttlSeconds = options.ttlSeconds;
    this.#now = options.now ?? Date.now;
  }

  /** Lifetime of tokens issued from now on. */
  set ttlSeconds(seconds: number) {
    this.#ttlSeconds = seconds;
  }

  get ttlSeconds(): number {
    return this.#ttlSeconds;
  }

  /** Issues a new token for `clientId`. */
  issue(clientId: string, scope = ''): IssuedToken {
    this.#prune();
    const issuedAt = this.#now();
    const issued: IssuedToken = {
      token: randomBytes(32).toString('base64url'),
      jti: randomUUID(),
      clientId,
      scope,
      issuedAt,
      expiresAt: issuedAt + this.#ttlSeconds * 1000,
      expiresIn: Math.max(0, Math.floor(this.#ttlSeconds)),
    };
    this.#tokens.set(issued.token, issued);
    return issued;
  }

  /** Checks a presented token (undefined: none presented). */
  check(token: string | undefined): TokenCheck {
    if (!token) return { ok: false, reason: 'missing' };
    const issued = this.#tokens.get(token);
    if (!issued) return { ok: false, reason: 'unknown' };
    if (this.#now() >= issued.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, token: issued };
  }

  /** Checks the bearer token of a request's `Authorization` header. */
  checkRequest(req: IncomingMessage): TokenCheck {
    return this.check(readBearerToken(req.headers.authorization));
  }

  /** Every token issued and not yet forgotten (tests check that none of them reached a log). */
  issuedTokens(): string[] {
    return [...this.#tokens.keys()];
  }

  /** Makes every issued token expired (they are still recognised, so clients see "expired"). */
  expireAll(): void {
    const now = this.#now();
    for (const issued of this.#tokens.values()) issued.expiresAt = Math.min(issued.expiresAt, now);
  }

  /** Forgets every issued token (clients then see "unknown"). */
  revokeAll(): void {
    this.#tokens.clear();
  }

  /** How many tokens are held. */
  get size(): number {
    return this.#tokens.size;
  }

  #prune(): void {
    // Drop long-expired tokens now and then so a benchmark that keeps asking for tokens does not grow the map.
    if (this.#tokens.size < 1000) return;
    const cutoff = this.#now() - 60 * 60 * 1000;
    for (const [key, issued] of this.#tokens) if (issued.expiresAt < cutoff) this.#tokens.delete(key);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// A running vendor sandbox
// ---------------------------------------------------------------------------------------------------------------------

/** Options every vendor sandbox takes. */
export interface SandboxOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  clientId?: string;
  clientSecret?: string;
  /** Extra latency for every answer, in milliseconds. */
  latencyMs?: number;
  /** Lifetime of issued tokens (each vendor's default otherwise). */
  tokenTtlSeconds?: number;
}

/** The vendor side that a sandbox plugs into the kit. */
export interface VendorApi {
  handle(ctx: SandboxContext): Promise<void> | void;
  authorize(ctx: SandboxContext): boolean;
  /** Restores the seed data. */
  reseed(): void;
  readonly tokens: { expireAll(): void; issuedTokens(): string[] };
}

/** What every vendor sandbox offers besides its API root, credentials and store. */
export interface RunningSandbox {
  readonly origin: string;
  readonly port: number;
  readonly log: {
    entries(filter?: RequestLogFilter): RequestLogEntry[];
    reset(): void;
    count(filter?: RequestLogFilter): number;
  };
  injectFault(spec: FaultSpec): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  /** Makes every issued token expired, so the next API call answers 401. */
  expireTokens(): void;
  /** The bearer tokens this sandbox has issued. */
  issuedTokens(): string[];
  /** Restores the seed data and clears the request log and faults (issued tokens stay valid). */
  reset(): void;
  close(): Promise<void>;
}

/** Serves `api` on loopback with the kit's request log, faults, latency and control endpoints. */
export async function runSandbox(
  api: VendorApi,
  options: Pick<SandboxAppOptions, 'renderFault' | 'renderError' | 'latencyMs'> & { host?: string | undefined; port?: number | undefined },
): Promise<RunningSandbox> {
  const app = new SandboxApp({
    handle: (ctx) => api.handle(ctx),
    authorize: (ctx) => api.authorize(ctx),
    ...(options.renderFault ? { renderFault: options.renderFault } : {}),
    ...(options.renderError ? { renderError: options.renderError } : {}),
    latencyMs: options.latencyMs ?? 0,
  });
  const http = await startHttpSandbox({ host: options.host ?? '127.0.0.1', port: options.port ?? 0, handler: app.listener });
  return {
    origin: http.origin,
    port: http.port,
    log: {
      entries: (filter) => app.log.entries(filter),
      reset: () => app.log.reset(),
      count: (filter) => app.log.count(filter),
    },
    injectFault: (spec) => app.injectFault(spec),
    clearFaults: () => app.clearFaults(),
    setLatency: (ms) => app.setLatency(ms),
    expireTokens: () => api.tokens.expireAll(),
    issuedTokens: () => api.tokens.issuedTokens(),
    reset: () => {
      api.reseed();
      app.log.reset();
      app.clearFaults();
    },
    close: async () => {
      app.dispose();
      await http.close();
    },
  };
}
