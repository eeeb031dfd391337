/**
 * The sandbox application around a vendor handler: a request log entry per request, the global latency, injected
 * faults (applied before the vendor's routes), errors rendered in the vendor's shape, and the control endpoints
 * under `/__sandbox/` (request log, faults, latency).
 *
 * Internal module of the sandbox kit; knows no vendor.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { isJsonObject, mediaType, readJsonBody } from './bodies.js';
import { FaultQueue, isTerminalFault, parseFaultJson, type FaultSpec, type RenderedFault } from './faults.js';
import { HttpError, canRespond, sendEmpty, sendJson, sendText } from './http.js';
import { RequestLog, type RequestLogEntry } from './requestLog.js';

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
const CONTROL_PREFIX = '/__sandbox';

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
    const traceparent = req.headers.traceparent;
    const entry = this.log.begin(method, path, rawQuery, mediaType(req), typeof traceparent === 'string' ? traceparent : '');
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
          const ms = isJsonObject(body) ? body.ms : undefined;
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
  const original = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = (...args: unknown[]): ServerResponse => {
    if (typeof args[0] === 'number') entry.status = args[0];
    return original(...args);
  };
}
