/**
 * The response cache in Redis, shared by the replicas (`REDIS_URL`), with the clock and marks of store.ts kept in
 * Redis: `cache:clock`, `cache:mark:<tag>`, entries `cache:entry:<key>` (a hash: stamp, tags, record) that expire
 * with their TTL. Writing checks the marks and reading checks them again, each atomically in one Lua script, so a
 * change made through any replica keeps every replica from serving what it changed.
 *
 * Redis away: every call is a bypass (a miss, nothing written), and a failed invalidation leaves this replica
 * bypassing until it has marked everything (`*`) invalidated. Whenever the link comes up (at start and after every
 * outage) this replica marks everything invalidated before it uses the cache again, and a response begun before
 * a switch is never written: what cannot be proven fresh is flushed. Needs a single Redis (the scripts build keys
 * they are not given), not Redis Cluster. Knows no vendor. Internal module.
 */
import type { RedisLink } from '../cluster/redis.js';
import { runScript, script } from '../cluster/scripts.js';
import { ALL, decodeRecord, encodeRecord, remainingMs, type CacheRecord } from './record.js';
import type { CacheStore, Stamp } from './store.js';

/** KEYS[1] entry; ARGV[1] mark prefix, ARGV[2] stamp, ARGV[3] TTL ms, ARGV[4] tags (\n-joined), ARGV[5] record. */
const SET = script(`
local stamp = tonumber(ARGV[2])
if tonumber(redis.call('GET', ARGV[1] .. '*') or '0') > stamp then return 0 end
for tag in string.gmatch(ARGV[4], '[^\\n]+') do
  if tonumber(redis.call('GET', ARGV[1] .. tag) or '0') > stamp then return 0 end
end
redis.call('HSET', KEYS[1], 'stamp', ARGV[2], 'tags', ARGV[4], 'record', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`);

/** KEYS[1] entry; ARGV[1] mark prefix. The record, or false when there is none or one of its tags was marked since. */
const GET = script(`
local e = redis.call('HMGET', KEYS[1], 'stamp', 'tags', 'record')
if not e[1] then return false end
local stamp = tonumber(e[1])
local stale = tonumber(redis.call('GET', ARGV[1] .. '*') or '0') > stamp
if not stale then
  for tag in string.gmatch(e[2], '[^\\n]+') do
    if tonumber(redis.call('GET', ARGV[1] .. tag) or '0') > stamp then stale = true break end
  end
end
if stale then redis.call('DEL', KEYS[1]) return false end
return e[3]
`);

/** KEYS[1] clock; ARGV[1] mark prefix, ARGV[2..] tags. Advances the clock and marks the tags with it. */
const INVALIDATE = script(`
local now = redis.call('INCR', KEYS[1])
for i = 2, #ARGV do redis.call('SET', ARGV[1] .. ARGV[i], now) end
return now
`);

export class RedisStore implements CacheStore {
  /** Link switches seen: a response begun before one is not written. */
  private epoch = 0;
  /**
   * The epoch in which this replica last marked everything invalidated; the cache is used only while it is the
   * current one (at start, after every switch and after a failed invalidation it is not).
   */
  private flushedIn = -1;
  private readonly clockKey: string;
  private readonly markPrefix: string;

  constructor(private readonly link: RedisLink) {
    this.clockKey = link.key('cache', 'clock');
    this.markPrefix = link.key('cache', 'mark', '');
    link.onSwitch((available) => {
      this.epoch += 1;
      if (available) void this.flush();
    });
    if (link.available) void this.flush();
  }

  /** Marks everything invalidated (at every link-up); the cache is usable in this epoch once that is done. */
  private async flush(): Promise<void> {
    const epoch = this.epoch;
    try {
      await runScript(this.link.client, INVALIDATE, [this.clockKey], [this.markPrefix, ALL]);
      if (epoch === this.epoch) this.flushedIn = epoch;
    } catch {
      // Tried again by the next `begin`.
    }
  }

  async begin(): Promise<Stamp | undefined> {
    if (!this.link.available) return undefined;
    const epoch = this.epoch;
    try {
      if (this.flushedIn !== epoch) await this.flush();
      const clock = await this.link.client.get(this.clockKey);
      // The stamp carries the epoch: a response begun before a switch is refused on write (set).
      return this.usable(epoch) ? { clock: Number(clock ?? 0), epoch } : undefined;
    } catch {
      return undefined;
    }
  }

  async get(key: string, now: number): Promise<CacheRecord | undefined> {
    const epoch = this.epoch;
    if (!this.usable(epoch)) return undefined;
    try {
      const reply = await runScript(this.link.client, GET, [this.entryKey(key)], [this.markPrefix]);
      const record = typeof reply === 'string' ? decodeRecord(reply) : undefined;
      return record !== undefined && remainingMs(record, now) > 0 && this.usable(epoch) ? record : undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, record: CacheRecord, stamp: Stamp): Promise<boolean> {
    const { clock, epoch } = stamp;
    if (!this.usable(epoch)) return false;
    try {
      const reply = await runScript(
        this.link.client,
        SET,
        [this.entryKey(key)],
        [this.markPrefix, String(clock), String(Math.max(1, Math.round(record.ttlMs))), record.tags.join('\n'), encodeRecord(record)],
      );
      return reply === 1;
    } catch {
      return false;
    }
  }

  async invalidate(tags: readonly string[]): Promise<void> {
    try {
      if (!this.link.available) throw new Error('Redis is away');
      await runScript(this.link.client, INVALIDATE, [this.clockKey], [this.markPrefix, ...tags]);
    } catch {
      // Not recorded in Redis: this replica bypasses until it has invalidated everything (begin).
      this.flushedIn = -1;
    }
  }

  /** Whether the cache may be used for what began in `epoch` (the link up, no switch since, flushed in it). */
  private usable(epoch: number): boolean {
    return this.link.available && epoch === this.epoch && this.flushedIn === epoch;
  }

  private entryKey(key: string): string {
    return this.link.key('cache', 'entry', key);
  }
}
