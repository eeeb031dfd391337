/**
 * The upstream side: one undici keep-alive pool per source, timeouts and a deadline per call, bearer tokens,
 * retries of idempotent requests, a circuit breaker, a client-side rate limit, in-flight deduplication of GETs,
 * JSON and non-JSON bodies, and the mapping of every failure to a GatewayError code. Knows no vendor. Internal
 * module.
 */
import { Pool, errors as undiciErrors, type Dispatcher, type FormData } from 'undici';
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, IsolatedCircuitError, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import { dispatchBuffered, ResponseTooLargeError, type RawResponse } from './dispatch.js';
import { backgroundCalls, backoffMs, isIdempotent, isRetryableStatus, sleep, TokenBucket, type HttpMethod, type RateLimiter } from './resilience.js';
import type { Logger } from 'pino';
import { GatewayErrorCode, type SourceName } from '../errors/codes.js';
import { BadUserInputError, ensureError, GatewayError, UpstreamError } from '../errors/classes.js';
import type { UpstreamConfig } from '../config/types.js';
import type { TokenProvider } from './tokens.js';
import { scrubBody } from '../logger.js';
import { secretValuesIn, shownReason } from '../errors/reasons.js';
import type { UpstreamReason } from '../sources/port.js';
import { isWellFormed } from '../graph/ids.js';
import { failCall, startCallSpan } from './callTrace.js';
import type { TraceSpan } from '../observability/tracing.js';

/** A 5xx answer, thrown inside the breaker so that it counts as a failure; the caller reads it afterwards. */
class FailedStatus extends Error {
  constructor(readonly res: RawResponse) {
    super(`HTTP ${res.status}`);
  }
}

/** What a request sends, made once before the breaker and the tries: building it is the caller's part, not the source's. */
interface PreparedRequest {
  /** Path and query below the origin. */
  target: string;
  body: Dispatcher.DispatchOptions['body'];
  contentType: string | undefined;
}

/**
 * Whether an error thrown inside the breaker is a failure of the source: a 5xx, no answer (refused, reset, timed
 * out), a token endpoint that is down. A refusal (4xx, bad credentials), an answer larger than the gateway reads,
 * the caller's input and the gateway's own bugs (language errors) are not: they neither open the breaker nor make
 * `/readyz` report the source down.
 */
function isSourceFailure(error: unknown): boolean {
  if (error instanceof FailedStatus) return true;
  if (error instanceof UpstreamError) return error.code === GatewayErrorCode.UPSTREAM_UNAVAILABLE || error.code === GatewayErrorCode.UPSTREAM_TIMEOUT;
  return isNoAnswer(error);
}

/**
 * An exchange that ended without an answer (undici's and the socket's errors, timeouts), not a bug or a refusal.
 * An answer the gateway stopped reading for its size is an answer (what a caller stored may make it so).
 */
function isNoAnswer(error: unknown): boolean {
  return !(
    error instanceof GatewayError ||
    error instanceof ResponseTooLargeError ||
    error instanceof TypeError ||
    error instanceof RangeError ||
    error instanceof SyntaxError ||
    error instanceof URIError ||
    error instanceof ReferenceError
  );
}

/** One call to a source, relative to its API root. */
export interface UpstreamRequest {
  method: HttpMethod;
  /** Path below the API root, starting with `/`; segments must already be encoded. */
  path: string;
  /** The path's template for traces, e.g. `/connectors/{scriptName}` (the filled path may carry sensitive ids). */
  route?: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** A JSON value (sent as `contentType`, default application/json), a text, or multipart form data. */
  json?: unknown;
  text?: string;
  form?: FormData;
  contentType?: string;
  /** How to read a 2xx body: parsed JSON (default), text, or nothing. */
  expect?: 'json' | 'text' | 'none';
  /** Who is asking, for the log. */
  requestId?: string;
  /** A POST that only reads (a search): it does not end the sharing of GETs in flight. */
  readOnly?: boolean;
}

/** A successful answer. */
export interface UpstreamResponse<T> {
  status: number;
  /** A response header by lower-case name. */
  header: (name: string) => string | undefined;
  body: T;
}

/** One exchange with a source: its answer's status (undefined: none), how long it took, and who asked. */
export interface UpstreamEvent {
  source: SourceName;
  method: HttpMethod;
  status: number | undefined;
  ms: number;
  /** The request id of the caller (the first one, for a GET shared by several). */
  requestId: string | undefined;
}

/** Told of every exchange a client makes (each try, not token requests); the server counts them for logs and metrics. */
export type UpstreamObserver = (event: UpstreamEvent) => void;

export interface UpstreamClientOptions {
  source: SourceName;
  /** The API root, e.g. `https://acme.api.identitynow.com/v3`. */
  baseUrl: string;
  config: UpstreamConfig;
  tokens?: TokenProvider | undefined;
  logger: Logger;
  observer?: UpstreamObserver;
  /** Reads the source's reason from an error body (its message, code and field problems), when it has one. */
  reasonOf?: ((body: string) => UpstreamReason | undefined) | undefined;
  /** The source's rate budget (e.g. one shared by the replicas); by default a token bucket of `config.rate` in this process. */
  limiter?: RateLimiter | undefined;
}

/** How much of an upstream error body goes to the log. */
const LOGGED_BODY_CHARS = 500;
/** How much of a source's message is scrubbed before it is cut to what a caller sees (scrubBody reads at most 64 KiB). */
const SCRUBBED_REASON_CHARS = 64 * 1024;
/** A larger upstream answer is refused (UPSTREAM_BAD_RESPONSE), so that one answer cannot exhaust memory. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** An HTTP client for one source. */
export class UpstreamClient {
  readonly source: SourceName;
  readonly origin: string;
  readonly basePath: string;
  readonly pool: Pool;
  private readonly options: UpstreamClientOptions;
  /** GETs under way, by method, path and query: the in-flight deduplication. */
  private readonly inflight = new Map<string, Promise<UpstreamResponse<unknown>>>();
  /** Opens after consecutive failures (5xx, no answer); a probe closes it again. */
  private readonly breaker: CircuitBreakerPolicy;
  private readonly limiter: RateLimiter | undefined;

  constructor(options: UpstreamClientOptions) {
    const root = new URL(options.baseUrl);
    this.options = { ...options };
    this.source = options.source;
    this.origin = root.origin;
    this.basePath = root.pathname.replace(/\/+$/, '');
    this.pool = new Pool(this.origin, {
      connections: options.config.connections,
      connect: { timeout: options.config.connectTimeoutMs },
      headersTimeout: options.config.timeoutMs,
      bodyTimeout: options.config.timeoutMs,
      keepAliveTimeout: 30_000,
    });
    const { breaker, rate } = options.config;
    this.breaker = circuitBreaker(
      // Failures of the source itself: 5xx, no answer, a token endpoint that is down; not a refusal, not the caller's input.
      handleWhen(isSourceFailure),
      { halfOpenAfter: breaker.halfOpenMs, breaker: new ConsecutiveBreaker(breaker.failures) },
    );
    this.breaker.onStateChange((state) => {
      options.logger.warn({ source: this.source, breaker: CircuitState[state] }, `${this.source} circuit breaker is ${CircuitState[state]}`);
    });
    this.limiter = options.limiter ?? (rate ? new TokenBucket(rate, options.source) : undefined);
  }

  /**
   * Sends one request; throws an UpstreamError for anything but a 2xx with a readable body. Identical GETs in
   * flight at the same time share one exchange and its answer (callers must not change what they receive).
   */
  request<T = unknown>(req: UpstreamRequest): Promise<UpstreamResponse<T>> {
    let prepared: PreparedRequest;
    try {
      prepared = this.prepare(req);
    } catch (error) {
      return Promise.reject(ensureError(error)); // the caller's input: nothing sent, nothing counted
    }
    if (req.method !== 'GET' && !req.readOnly) {
      // Read your writes: a GET that started before this change ends must not answer a read made after it.
      this.inflight.clear();
      return this.exchange<T>(req, prepared).finally(() => {
        this.inflight.clear();
      });
    }
    if (req.method !== 'GET' || !this.options.config.dedupe) return this.exchange<T>(req, prepared);
    const key = `${req.expect ?? 'json'} ${prepared.target}`;
    const pending = this.inflight.get(key);
    if (pending) return pending as Promise<UpstreamResponse<T>>;
    // A background call (which the limiter may refuse) joins a caller's exchange, but no caller joins one of its.
    if (this.limiter && backgroundCalls.getStore() === true) return this.exchange<T>(req, prepared);
    const exchange = this.exchange<T>(req, prepared).finally(() => this.inflight.delete(key));
    this.inflight.set(key, exchange);
    return exchange;
  }

  /**
   * One upstream call: the rate limiter's token, then tries through the circuit breaker. An idempotent request
   * (GET, file PUT, DELETE, read-only POST) is tried again after a failure without an answer, a timeout, 408, 429,
   * 502, 503 or 504, with exponential backoff and full jitter, or after the source's `Retry-After` when it sent
   * one, as long as the call's deadline allows; a create or a PATCH is sent once. A `Retry-After` past the
   * deadline is UPSTREAM_RATE_LIMITED (429) with `retryAfter`.
   */
  private exchange<T>(req: UpstreamRequest, prepared: PreparedRequest): Promise<UpstreamResponse<T>> {
    const span = startCallSpan(this.source, req.method, req.route, this.origin, this.breakerState());
    return span ? this.traced<T>(req, prepared, span) : this.tries<T>(req, prepared, undefined);
  }

  /** A call in a traced request, in its own span. */
  private async traced<T>(req: UpstreamRequest, prepared: PreparedRequest, span: TraceSpan): Promise<UpstreamResponse<T>> {
    try {
      return await this.tries<T>(req, prepared, span);
    } catch (error) {
      failCall(span, error);
      throw error;
    } finally {
      span.end();
    }
  }

  /** The tries of one call (see exchange), recorded on its span when it has one. */
  private async tries<T>(req: UpstreamRequest, prepared: PreparedRequest, span: TraceSpan | undefined): Promise<UpstreamResponse<T>> {
    const policy = this.options.config;
    const deadline = Date.now() + policy.deadlineMs;
    const retryable = isIdempotent(req.method, req.readOnly);
    let rateWaitMs = 0;
    for (let attempt = 1; ; attempt++) {
      if (this.limiter) {
        // no await (and no extra tick) without a limiter
        const waitStarted = span ? performance.now() : 0;
        await this.limiter.take(deadline, backgroundCalls.getStore() === true);
        if (span) {
          rateWaitMs += performance.now() - waitStarted;
          span.setAttribute('gateway.rate_limit.wait_ms', Math.round(rateWaitMs * 10) / 10);
        }
      }
      let res: RawResponse;
      try {
        res = await this.breaker.execute(() => this.attempt(req, prepared, deadline, span));
      } catch (error) {
        if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
          throw new UpstreamError(this.source, undefined, { code: GatewayErrorCode.UPSTREAM_UNAVAILABLE, cause: error });
        }
        if (error instanceof GatewayError) throw error; // e.g. the token endpoint refused the credentials
        if (error instanceof ResponseTooLargeError) throw this.tooLarge(req, error); // an answer: not tried again
        if (error instanceof FailedStatus) {
          res = error.res;
        } else if (!isNoAnswer(error)) {
          throw error; // a bug of the gateway's: neither retried nor reported as the source's failure
        } else {
          const wait = backoffMs(attempt, policy.retryBaseMs, policy.retryMaxMs);
          if (!retryable || attempt > policy.retries || Date.now() + wait >= deadline) throw this.networkError(req, error);
          this.options.logger.debug({ requestId: req.requestId, source: this.source, attempt, wait }, 'retrying after a failure without an answer');
          span?.addEvent('retry', { attempt, 'retry.reason': isTimeout(error) ? 'timeout' : 'no answer', 'retry.wait_ms': wait });
          await sleep(wait);
          continue;
        }
      }
      if (res.status === 429 && this.limiter?.blockUntil) {
        // The source's "not before" holds for every caller (and, with a shared budget, every replica).
        const retryAfter = parseRetryAfter(res.header('retry-after'));
        if (retryAfter !== undefined && retryAfter > 0) this.limiter.blockUntil(Date.now() + retryAfter * 1000);
      }
      if (retryable && attempt <= policy.retries && isRetryableStatus(res.status)) {
        const retryAfter = parseRetryAfter(res.header('retry-after'));
        const wait = retryAfter !== undefined ? retryAfter * 1000 : backoffMs(attempt, policy.retryBaseMs, policy.retryMaxMs);
        if (Date.now() + wait < deadline) {
          this.options.logger.debug({ requestId: req.requestId, source: this.source, attempt, status: res.status, wait }, 'retrying');
          span?.addEvent('retry', { attempt, 'http.response.status_code': res.status, 'retry.wait_ms': wait });
          await sleep(wait);
          continue;
        }
      }
      if (res.status < 200 || res.status >= 300) throw await this.refusal(req, res);
      return this.read<T>(req, res);
    }
  }

  /** One try: the bearer token, the exchange, and one refresh of the token after a 401. 5xx answers throw FailedStatus so the breaker counts them. */
  private async attempt(req: UpstreamRequest, prepared: PreparedRequest, deadline: number, span: TraceSpan | undefined): Promise<RawResponse> {
    const { tokens } = this.options;
    let token = tokens ? await tokens.getToken(req.requestId) : undefined;
    let res = await this.send(req, prepared, token, deadline, span);
    if (res.status === 401 && tokens && token !== undefined) {
      // The token may have been revoked or expired early: refresh it once and try once more.
      tokens.invalidate(token);
      token = await tokens.getToken(req.requestId);
      res = await this.send(req, prepared, token, deadline, span);
    }
    if (res.status >= 500) throw new FailedStatus(res);
    return res;
  }

  /** The breaker's state, for `/readyz`. */
  breakerState(): 'closed' | 'open' | 'half-open' {
    switch (this.breaker.state) {
      case CircuitState.Open:
      case CircuitState.Isolated:
        return 'open';
      case CircuitState.HalfOpen:
        return 'half-open';
      default:
        return 'closed';
    }
  }

  /** Sets the token provider (it may need this client's pool, so it is made after the client). */
  setTokens(tokens: TokenProvider): void {
    this.options.tokens = tokens;
  }

  /** Closes the pool's sockets. */
  async close(): Promise<void> {
    await this.pool.close();
  }

  /**
   * The target and body of a request, made once before the breaker and the tries (and so never counted as the
   * source's failure): a JSON body that cannot be serialised (nested too deeply to stringify, not JSON) or a
   * query value that is not well-formed Unicode is the caller's error, BAD_USER_INPUT.
   */
  private prepare(req: UpstreamRequest): PreparedRequest {
    const target = this.basePath + req.path + queryString(req.query);
    if (req.json !== undefined) {
      let body: string;
      try {
        body = JSON.stringify(req.json);
      } catch (cause) {
        throw new BadUserInputError(
          `A value of the request cannot be sent as JSON: ${cause instanceof RangeError ? 'it is nested too deeply' : 'it is not JSON'}.`,
        );
      }
      return { target, body, contentType: req.contentType ?? 'application/json' };
    }
    if (req.text !== undefined) return { target, body: req.text, contentType: req.contentType ?? 'text/plain; charset=utf-8' };
    // undici sets the multipart boundary of form data itself.
    return { target, body: req.form, contentType: undefined };
  }

  private async send(
    req: UpstreamRequest,
    prepared: PreparedRequest,
    token: string | undefined,
    deadline: number,
    span: TraceSpan | undefined,
  ): Promise<RawResponse> {
    const headers: Record<string, string> = { accept: req.expect === 'text' ? 'text/plain, application/xml, */*' : 'application/json' };
    // The source continues the trace (W3C trace context).
    if (span) headers.traceparent = span.traceparent();
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (prepared.contentType !== undefined) headers['content-type'] = prepared.contentType;
    const { body } = prepared;
    const started = performance.now();
    try {
      // Timeouts: every try is cut off after the try timeout, and no try outlives the call's deadline (a precise
      // timer; undici's own connect, headers and body timeouts stay as a backstop).
      const left = Math.max(1, Math.min(this.options.config.timeoutMs, deadline - Date.now()));
      const res = await dispatchBuffered(
        this.pool,
        { origin: this.origin, method: req.method, path: prepared.target, headers, body, headersTimeout: left, bodyTimeout: left },
        MAX_RESPONSE_BYTES,
        left,
      );
      this.options.observer?.({ source: this.source, method: req.method, status: res.status, ms: performance.now() - started, requestId: req.requestId });
      span?.setAttribute('http.response.status_code', res.status);
      return res;
    } catch (cause) {
      // An answer cut off for its size still shows the source serving: its status, not "no answer".
      const status = cause instanceof ResponseTooLargeError ? cause.status : undefined;
      this.options.observer?.({ source: this.source, method: req.method, status, ms: performance.now() - started, requestId: req.requestId });
      throw cause; // the caller decides: another try, tooLarge() or networkError()
    }
  }

  /**
   * The error for an answer that is not a 2xx. The body goes to the log, scrubbed of secret-looking values, this
   * source's credentials and the secrets the request carried; a refusal (4xx) also shows the caller the source's
   * reason (its message, code and field problems, read by `reasonOf`), scrubbed the same way and bounded. A 5xx's
   * body stays in the log.
   */
  private async refusal(req: UpstreamRequest, res: RawResponse): Promise<UpstreamError> {
    const { status } = res;
    const retryAfter = status === 429 || status === 503 ? parseRetryAfter(res.header('retry-after')) : undefined;
    const body = res.body.toString('utf8');
    const reason = this.reasonOf(req, body);
    const known = [...(this.options.tokens?.credentials?.() ?? []), ...(await requestSecrets(req))];
    const shown = reason && status >= 400 && status < 500 ? shownReason(reason, (text) => scrubBody(text, known, SCRUBBED_REASON_CHARS)) : undefined;
    const error = new UpstreamError(this.source, status, {
      // Only ever scrubbed: a source may echo the credentials or secrets it was sent (see scrubBody).
      detail: { method: req.method, path: req.path, body: scrubBody(body, known, LOGGED_BODY_CHARS) },
      ...(retryAfter !== undefined ? { retryAfter } : {}),
      ...(reason?.vendorCode !== undefined ? { vendorCode: reason.vendorCode } : {}),
      ...(shown ? { reason: shown } : {}),
    });
    this.options.logger.warn(
      {
        requestId: req.requestId,
        source: this.source,
        method: req.method,
        path: req.path,
        status,
        vendorCode: reason?.vendorCode === undefined ? undefined : scrubBody(reason.vendorCode, known, LOGGED_BODY_CHARS),
        upstreamBody: error.detail?.body,
      },
      'upstream request failed',
    );
    return error;
  }

  /** The source's reason in an error body; a body its reader cannot read (or a reader that fails) gives none. */
  private reasonOf(req: UpstreamRequest, body: string): UpstreamReason | undefined {
    try {
      return this.options.reasonOf?.(body);
    } catch (error) {
      this.options.logger.warn({ requestId: req.requestId, source: this.source, err: describe(error) }, "the source's error body could not be read");
      return undefined;
    }
  }

  private read<T>(req: UpstreamRequest, res: RawResponse): UpstreamResponse<T> {
    const { status } = res;
    const expect = req.expect ?? 'json';
    if (expect === 'none') return { status, header: res.header, body: undefined as T };
    const text = res.body.toString('utf8');
    if (expect === 'text') return { status, header: res.header, body: text as T };
    try {
      return { status, header: res.header, body: JSON.parse(text) as T };
    } catch (cause) {
      this.options.logger.warn(
        { requestId: req.requestId, source: this.source, method: req.method, path: req.path, status, upstreamBody: this.scrubbed(text) },
        'upstream answered with a body that is not JSON',
      );
      throw new UpstreamError(this.source, status, { code: GatewayErrorCode.UPSTREAM_BAD_RESPONSE, cause });
    }
  }

  /** The start of an upstream body as the log may hold it: secret-looking values and this source's credentials scrubbed. */
  private scrubbed(body: string): string {
    return scrubBody(body, this.options.tokens?.credentials?.() ?? [], LOGGED_BODY_CHARS);
  }

  /** An answer over MAX_RESPONSE_BYTES: UPSTREAM_BAD_RESPONSE with its status (the source answered; nothing of the body is kept). */
  private tooLarge(req: UpstreamRequest, cause: ResponseTooLargeError): UpstreamError {
    this.options.logger.warn(
      { requestId: req.requestId, source: this.source, method: req.method, path: req.path, status: cause.status, maxBytes: MAX_RESPONSE_BYTES },
      'upstream answered with a body larger than the gateway reads',
    );
    return new UpstreamError(this.source, cause.status, { code: GatewayErrorCode.UPSTREAM_BAD_RESPONSE, cause });
  }

  private networkError(req: UpstreamRequest, cause: unknown): UpstreamError {
    const code = isTimeout(cause) ? GatewayErrorCode.UPSTREAM_TIMEOUT : GatewayErrorCode.UPSTREAM_UNAVAILABLE;
    this.options.logger.warn(
      { requestId: req.requestId, source: this.source, method: req.method, path: req.path, err: describe(cause) },
      code === GatewayErrorCode.UPSTREAM_TIMEOUT ? 'upstream request timed out' : 'upstream request failed without an answer',
    );
    return new UpstreamError(this.source, undefined, { code, cause });
  }
}

/**
 * The secret values a request's body carries (see secretValuesIn): of a JSON body, a text body, and each part of a
 * multipart body (a part named like a secret is one; a file is read as text).
 */
async function requestSecrets(req: UpstreamRequest): Promise<string[]> {
  if (req.json !== undefined) return [...secretValuesIn(req.json)];
  if (req.text !== undefined) return [...secretValuesIn(req.text)];
  if (!req.form) return [];
  const found: string[] = [];
  for (const [name, value] of req.form) {
    const text = typeof value === 'string' ? value : await value.text();
    found.push(...secretValuesIn(typeof value === 'string' ? { [name]: text } : text));
  }
  return found;
}

/** Builds `?a=1&b=x` from the defined values; a value that is not well-formed Unicode (a lone surrogate) is BAD_USER_INPUT. */
export function queryString(query: UpstreamRequest['query']): string {
  if (!query) return '';
  let out = '';
  for (const key in query) {
    const value = query[key];
    if (value === undefined) continue;
    const text = String(value);
    if (!isWellFormed(text)) throw new BadUserInputError(`The ${key} parameter is not well-formed Unicode (it holds a lone surrogate).`);
    out += `${out ? '&' : '?'}${encodeURIComponent(key)}=${encodeURIComponent(text)}`;
  }
  return out;
}

/** Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); undefined when absent or bad. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  if (/^\s*\d+\s*$/.test(raw)) return Number(raw);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function isTimeout(cause: unknown): boolean {
  return (
    cause instanceof undiciErrors.HeadersTimeoutError ||
    cause instanceof undiciErrors.BodyTimeoutError ||
    cause instanceof undiciErrors.ConnectTimeoutError ||
    (cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError'))
  );
}

function describe(cause: unknown): { name?: string; message: string; code?: unknown } {
  if (cause instanceof Error) return { name: cause.name, message: cause.message, code: (cause as { code?: unknown }).code };
  return { message: String(cause) };
}
