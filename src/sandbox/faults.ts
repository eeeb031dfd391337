/**
 * Fault injection of the sandboxes: the fault a test queues (a status, a body, a reset, a truncated body or only a
 * delay, for matching requests), the queue that hands them out oldest first, and the JSON form that
 * `POST /__sandbox/faults` accepts.
 *
 * Internal module of the sandbox kit; knows no vendor.
 */
import { isJsonObject } from './bodies.js';
import { HttpError } from './http.js';

/** Which requests a fault applies to; omitted fields match everything. */
interface FaultMatch {
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
  return (match.method === undefined || match.method.toUpperCase() === method) && (match.pathPrefix === undefined || path.startsWith(match.pathPrefix));
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
  describe(): Record<string, unknown>[] {
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

/** A rendered answer for a status-only fault. */
export interface RenderedFault {
  body: unknown;
  headers?: Record<string, string>;
}
