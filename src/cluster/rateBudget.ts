/**
 * One rate budget per source and tenant shared by every replica (`REDIS_URL`), and the source's own "not before"
 * (a 429's Retry-After) honoured by all of them.
 *
 * The budget is a sliding log in a Lua script on Redis time: a sorted set of the send times granted (past ones for
 * one window, and those reserved by callers still waiting). A request is given the earliest time at which no window
 * of `period` holds more than `requests` sends, its own included: exactly the vendor's documented rule ("100
 * requests per 10 s"). Fixed windows (rate-limiter-flexible's RateLimiterRedis) let `requests` through at the end
 * of one window and `requests` more at the start of the next, twice the rate within one period; a token bucket
 * (GCRA) lets a full bucket through and then its refill, nearly twice the rate in the first period. A caller that
 * can send before its deadline reserves its time and waits (as the local bucket does); one that cannot is refused
 * at once, UPSTREAM_RATE_LIMITED with retryAfter, and reserves nothing. The window is a little longer than the
 * vendor's (jitterMarginMs), so that jitter between a grant and the vendor's count cannot push a window over.
 *
 * Redis away (or a command failing): this replica keeps to its own bucket of `requests / replicas` (and its own
 * copy of the source's "not before"), and goes back to the shared budget as soon as Redis answers. Knows no
 * vendor. Internal module.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SourceName } from '../errors/codes.js';
import { BACKGROUND_RESERVE, BudgetReservedError, LocalLimiter, rateLimited, sleep, type Rate, type RateLimiter } from '../http/resilience.js';
import type { RedisLink } from './redis.js';
import { runScript, script } from './scripts.js';

/**
 * KEYS[1] the sends (a sorted set by time), KEYS[2] the source's "not before" (ms of Redis time); ARGV: requests
 * per window (0: no budget, only the "not before"), the window, the longest wait the caller accepts, a unique id.
 * ARGV[5] > 0: a background call, granted only at once and while fewer than `requests - ARGV[5]` sends are in the
 * window (reserved ones included). Returns {granted 1/0, wait ms}. Times only move forward: a new send is never
 * before the last one granted.
 */
const TAKE = script(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local maxWait = tonumber(ARGV[3])
local at = now
local blocked = tonumber(redis.call('GET', KEYS[2]) or '0')
if blocked > at then at = blocked end
if limit <= 0 then
  if tonumber(ARGV[5]) > 0 and at > now then return {0, -1} end
  if at - now > maxWait then return {0, at - now} end
  return {1, at - now}
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - period)
local n = redis.call('ZCARD', KEYS[1])
if n > 0 then
  local last = tonumber(redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')[2])
  if last > at then at = last end
  if n >= limit then
    local kth = tonumber(redis.call('ZRANGE', KEYS[1], n - limit, n - limit, 'WITHSCORES')[2])
    if kth + period > at then at = kth + period end
  end
end
local wait = at - now
if wait > maxWait then return {0, wait} end
local reserve = tonumber(ARGV[5])
if reserve > 0 and (wait > 0 or n + reserve >= limit) then return {0, -1} end
redis.call('ZADD', KEYS[1], at, ARGV[4])
redis.call('PEXPIRE', KEYS[1], wait + period + 1000)
return {1, wait}
`);

/** KEYS[1] the source's "not before": moved to Redis time + ARGV[1] ms unless it is later already. */
const BLOCK = script(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ms = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if now + ms > current then
  redis.call('SET', KEYS[1], tostring(now + ms), 'PX', ms)
end
return 1
`);

export interface SharedRateLimiterOptions {
  link: RedisLink;
  source: SourceName;
  /** The tenant's URL: a source's budget is per tenant (hashed into the key; the URL is not stored). */
  tenantUrl: string;
  /** The vendor's rate for all replicas together; null: no budget, only the source's Retry-After is shared. */
  rate: Rate | null;
  /** How many replicas share the rate: while Redis is away, each keeps to `rate.requests / replicas`. */
  replicas: number;
}

/**
 * What the shared window adds to the vendor's: sends granted for the same instant leave replicas at slightly
 * different times and arrive with the network's jitter, and the vendor counts arrivals. A tenth of the window, at
 * most a second (100 per 10 s: at most 100 in any 11 s).
 */
export function jitterMarginMs(rate: Rate): number {
  return Math.min(1_000, Math.round(rate.perMs / 10));
}

/** The rate each replica keeps to while Redis is away: its share of the joint rate (at least one request per period). */
export function localShare(rate: Rate | null, replicas: number): Rate | null {
  if (!rate) return null;
  return { requests: Math.max(1, Math.floor(rate.requests / Math.max(1, replicas))), perMs: rate.perMs };
}

/** A source's rate budget on Redis, with this process's share as the fallback. */
export class SharedRateLimiter implements RateLimiter {
  private readonly local: LocalLimiter;
  private readonly budgetKey: string;
  private readonly blockedKey: string;
  private readonly limit: string;
  private readonly period: string;
  /** A background call's reserve (at least 1 with a budget; '1' without one: refused only while the source said "not before"). */
  private readonly reserve: string;

  constructor(private readonly options: SharedRateLimiterOptions) {
    const { link, source, tenantUrl, rate, replicas } = options;
    this.local = new LocalLimiter(localShare(rate, replicas), source);
    const tenant = createHash('sha256').update(tenantUrl).digest('hex').slice(0, 16);
    this.budgetKey = link.key('rate', source, tenant);
    this.blockedKey = link.key('rate', source, tenant, 'not-before');
    this.limit = rate ? String(rate.requests) : '0';
    this.reserve = rate ? String(Math.max(1, Math.ceil(rate.requests * BACKGROUND_RESERVE))) : '1';
    this.period = rate ? String(rate.perMs + jitterMarginMs(rate)) : '0';
  }

  async take(deadline: number, background = false): Promise<void> {
    const { link, source } = this.options;
    if (!link.available) return this.local.take(deadline, background);
    let reply: unknown;
    try {
      const maxWait = Math.max(0, deadline - Date.now());
      reply = await runScript(
        link.client,
        TAKE,
        [this.budgetKey, this.blockedKey],
        [this.limit, this.period, String(maxWait), randomUUID(), background ? this.reserve : '0'],
      );
    } catch {
      return this.local.take(deadline, background); // Redis failed this command: this replica's share, as while it is away
    }
    const [granted, wait] = reply as [number, number];
    if (granted !== 1) throw background ? new BudgetReservedError(source) : rateLimited(source, wait);
    if (wait > 0) await sleep(wait);
  }

  blockUntil(untilMs: number): void {
    this.local.blockUntil(untilMs);
    const { link } = this.options;
    const ms = Math.ceil(untilMs - Date.now());
    if (!link.available || ms <= 0) return;
    runScript(link.client, BLOCK, [this.blockedKey], [String(ms)]).catch(() => {
      // Redis away: this replica holds back on its own (above); the others learn of it from their own 429s.
    });
  }
}
