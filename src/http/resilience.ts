/**
 * What keeps the gateway polite and steady towards a source: which requests may be retried, the backoff between
 * tries, and a client-side token bucket that keeps the gateway under a source's documented rate. Pure logic plus
 * timers; knows no vendor. Internal module.
 */
import { GatewayErrorCode, type SourceName } from '../errors/codes.js';
import { UpstreamError } from '../errors/classes.js';
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Marks the upstream calls made inside `backgroundCalls.run(true, fn)` as background work (the live hub's polls):
 * a limiter grants such a call a token only while more than a reserve of its budget is left, and never makes it
 * wait, so that polls cannot delay the callers' requests.
 */
export const backgroundCalls = new AsyncLocalStorage<boolean>();

/** The share of a budget kept for the callers' requests: a background call is refused when it would dig into it. */
export const BACKGROUND_RESERVE = 0.5;

/** A background call refused because the budget is down to its reserve (or the source said "not before"): nothing was sent. */
export class BudgetReservedError extends UpstreamError {
  constructor(source: SourceName) {
    super(source, undefined, { code: GatewayErrorCode.UPSTREAM_RATE_LIMITED });
  }
}

/** The HTTP methods the sources' APIs use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A rate: at most `requests` in any `perMs` window. */
export interface Rate {
  requests: number;
  perMs: number;
}

/** Parses `100/10s`, `5/500ms`, `60/1m`; `off` (or `0`) is no limit. Returns null for no limit, undefined when malformed. */
export function parseRate(text: string): Rate | null | undefined {
  if (text === 'off' || text === '0') return null;
  const m = /^(\d+)\/(\d+)(ms|s|m)$/.exec(text.trim());
  if (!m) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000 }[m[3] as 'ms' | 's' | 'm'];
  const rate = { requests: Number(m[1]), perMs: Number(m[2]) * unit };
  return rate.requests > 0 && rate.perMs > 0 ? rate : undefined;
}

/** Whether a request may be sent twice without harm: reads, file PUTs, deletes, and POSTs that only read. */
export function isIdempotent(method: HttpMethod, readOnly = false): boolean {
  return method === 'GET' || method === 'PUT' || method === 'DELETE' || readOnly;
}

/** Statuses worth another try for an idempotent request (the source was busy or briefly away). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504 || status === 408;
}

/** Exponential backoff with full jitter: a random wait in [0, min(max, base · 2^(attempt-1))]. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(maxMs, baseMs * 2 ** (attempt - 1)));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What `UpstreamClient.exchange` takes before each try: a token of the source's rate budget. */
export interface RateLimiter {
  /**
   * Resolves when the request may be sent (waiting when that is before `deadline`); else UPSTREAM_RATE_LIMITED at
   * once. `background`: at once or never (BudgetReservedError), and only while more than the reserve is left.
   */
  take(deadline: number, background?: boolean): Promise<void>;
  /** The source answered 429 with Retry-After: nothing is sent to it before `untilMs` (epoch milliseconds). */
  blockUntil?(untilMs: number): void;
}

/** UPSTREAM_RATE_LIMITED for a caller that would wait `waitMs` past its deadline (nothing is sent). */
export function rateLimited(source: SourceName, waitMs: number): UpstreamError {
  return new UpstreamError(source, undefined, { code: GatewayErrorCode.UPSTREAM_RATE_LIMITED, retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) });
}

/**
 * A token bucket of `rate.requests` tokens refilled evenly over `rate.perMs`. `take` waits for a token when it can
 * have one before `deadline`; otherwise it refuses at once with UPSTREAM_RATE_LIMITED (nothing is sent).
 */
export class TokenBucket implements RateLimiter {
  private tokens: number;
  private last: number;
  private readonly perToken: number;

  constructor(
    private readonly rate: Rate,
    private readonly source: SourceName,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = rate.requests;
    this.last = now();
    this.perToken = rate.perMs / rate.requests;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.rate.requests, this.tokens + (now - this.last) / this.perToken);
    this.last = now;
  }

  /** Milliseconds until a token is free (0 when one is), counting the callers already waiting. */
  private reserve(): number {
    this.refill();
    this.tokens -= 1; // may go negative: a reservation for a caller that waits
    return this.tokens >= 0 ? 0 : Math.ceil(-this.tokens * this.perToken);
  }

  async take(deadline: number, background = false): Promise<void> {
    if (background) {
      this.refill();
      if (this.tokens - 1 < this.rate.requests * BACKGROUND_RESERVE) throw new BudgetReservedError(this.source);
      this.tokens -= 1;
      return;
    }
    const wait = this.reserve();
    if (wait === 0) return;
    if (this.now() + wait > deadline) {
      this.tokens += 1; // give the reservation back: this caller does not wait
      throw new UpstreamError(this.source, undefined, { code: GatewayErrorCode.UPSTREAM_RATE_LIMITED, retryAfter: Math.ceil(wait / 1000) });
    }
    await sleep(wait);
  }
}

/**
 * This process's budget (a token bucket, when there is a rate) plus the source's own "not before" (a 429's
 * Retry-After): what a replica keeps to while the shared budget (Redis) is away.
 */
export class LocalLimiter implements RateLimiter {
  private blockedUntil = 0;
  private readonly bucket: TokenBucket | undefined;

  constructor(
    rate: Rate | null,
    private readonly source: SourceName,
    private readonly now: () => number = Date.now,
  ) {
    this.bucket = rate ? new TokenBucket(rate, source, now) : undefined;
  }

  async take(deadline: number, background = false): Promise<void> {
    const blocked = this.blockedUntil - this.now();
    if (blocked > 0) {
      if (background) throw new BudgetReservedError(this.source);
      if (this.now() + blocked > deadline) throw rateLimited(this.source, blocked);
      await sleep(blocked);
    }
    await this.bucket?.take(deadline, background);
  }

  blockUntil(untilMs: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, untilMs);
  }
}
