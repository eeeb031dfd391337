/**
 * One HTTP exchange over an undici dispatcher with a minimal handler: the body is collected as Buffers and
 * handed over whole, headers stay raw until one is asked for. This skips the Readable body stream and header
 * parsing of `undici.request`, which cost more than the JSON parse on a hot list path. Internal module.
 */
import { errors as undiciErrors, type Dispatcher } from 'undici';

/** A complete answer. */
export interface RawResponse {
  status: number;
  body: Buffer;
  /** A response header by lower-case name (the first one, when repeated). */
  header: (name: string) => string | undefined;
}

/** An answer refused before its whole body was read: larger than the caller allows. The source did answer, with `status`. */
export class ResponseTooLargeError extends Error {
  override name = 'ResponseTooLargeError';
  constructor(
    readonly status: number,
    maxBodyBytes: number,
  ) {
    super(`response body larger than ${maxBodyBytes} bytes`);
  }
}

/**
 * Sends `options` and resolves with the whole answer; rejects with undici's error (timeouts, resets) otherwise.
 * `timeoutMs` bounds the whole exchange, waiting for a pooled connection included, to the millisecond: undici's
 * own headers and body timeouts run on coarse timers (about a second of resolution), so alone they would let a
 * 300 ms try last a second. A try cut off this way fails with undici's HeadersTimeoutError or BodyTimeoutError.
 */
export function dispatchBuffered(dispatcher: Dispatcher, options: Dispatcher.DispatchOptions, maxBodyBytes: number, timeoutMs?: number): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let status = 0;
    let rawHeaders: (Buffer | string)[] = [];
    const chunks: Buffer[] = [];
    let size = 0;
    let abort: ((err?: Error) => void) | undefined;
    let timedOut: Error | undefined;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = status === 0 ? new undiciErrors.HeadersTimeoutError() : new undiciErrors.BodyTimeoutError();
            abort?.(timedOut); // not connected yet: onConnect aborts it, so it is never sent
            reject(timedOut);
          }, timeoutMs);
    // undici 7 still drives handlers with these methods; one without onRequestStart is used as it is (no wrapper).
    const handler = {
      onConnect(abortRequest: (err?: Error) => void) {
        abort = abortRequest;
        if (timedOut) abortRequest(timedOut);
      },
      onHeaders(statusCode: number, headers: (Buffer | string)[] | null) {
        if (statusCode < 200) return true; // 1xx: the real answer follows
        status = statusCode;
        rawHeaders = headers ?? [];
        return true;
      },
      onData(chunk: Buffer) {
        size += chunk.length;
        if (size > maxBodyBytes) {
          abort?.(new ResponseTooLargeError(status, maxBodyBytes));
          return false;
        }
        chunks.push(chunk);
        return true;
      },
      onComplete() {
        clearTimeout(timer);
        const [first] = chunks;
        const body = chunks.length === 1 && first !== undefined ? first : Buffer.concat(chunks, size);
        resolve({ status, body, header: (name) => findHeader(rawHeaders, name) });
      },
      onError(error: Error) {
        clearTimeout(timer);
        reject(error);
      },
    };
    dispatcher.dispatch(options, handler);
  });
}

/** The value of header `name` (lower case) in undici's raw name/value list. */
function findHeader(raw: readonly (Buffer | string)[], name: string): string | undefined {
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const key = raw[i];
    const value = raw[i + 1];
    if (key === undefined || value === undefined) break;
    if (key.length === name.length && key.toString('latin1').toLowerCase() === name) return value.toString('latin1');
  }
  return undefined;
}
