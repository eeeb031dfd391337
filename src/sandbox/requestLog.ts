/**
 * The sandboxes' in-memory request log: one entry per request (method, raw path and query, media type, the status
 * sent, whether it was authorized or faulted), and the filters tests count entries with.
 *
 * Internal module of the sandbox kit; knows no vendor.
 */

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
  /** The request's media type (`Content-Type` without parameters, lower-cased; '' when none), so tests see what a client sent. */
  mediaType: string;
  status: number;
  /** Whether the request carried valid credentials (a live bearer token, or right client credentials). */
  authorized: boolean;
  /** Whether an injected fault shaped this request's answer (status, body, reset, delay). */
  faulted: boolean;
  /** The W3C `traceparent` header the request carried ('' when none), so tests see a trace continued. */
  traceparent: string;
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
function matchesLogFilter(entry: RequestLogEntry, filter?: RequestLogFilter): boolean {
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
function countRequests(entries: readonly RequestLogEntry[], filter?: RequestLogFilter): number {
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
  begin(method: string, path: string, query: string, mediaType = '', traceparent = ''): RequestLogEntry {
    this.#seq += 1;
    const entry: RequestLogEntry = {
      seq: this.#seq,
      ts: Date.now(),
      method,
      path,
      query,
      mediaType,
      status: 0,
      authorized: false,
      faulted: false,
      traceparent,
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
