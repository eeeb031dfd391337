/**
 * The per-connector write lock held across replicas (`REDIS_URL`): first this process's FIFO (LocalWriteLocks),
 * so that at most one holder per key and process asks Redis; then a Redis lock per key (SET NX PX, with a lease
 * longer than the longest hold, tried again with jitter until the caller's wait is over, released by
 * compare-and-delete). Redis away or failing: the local lock alone, as with one replica. Knows no vendor.
 * Internal module.
 */
import { createHash, randomUUID } from 'node:crypto';
import { GatewayErrorCode } from '../errors/codes.js';
import { GatewayError } from '../errors/classes.js';
import { LocalWriteLocks, type WriteLocks } from '../graph/writeLocks.js';
import { sleep } from '../http/resilience.js';
import type { RedisLink } from './redis.js';
import { COMPARE_AND_DELETE, runScript } from './scripts.js';

export interface RedisWriteLocksOptions {
  link: RedisLink;
  /** How long a holder keeps the lock if it never releases it (its process died): longer than any hold. */
  leaseMs: number;
  /** How long a caller waits for a lock another replica holds, before WRITE_LOCK_BUSY. */
  waitMs: number;
}

/** The first and longest pause between two tries for a lock held elsewhere (each jittered). */
const RETRY_MIN_MS = 10;
const RETRY_MAX_MS = 200;

/** Another replica held the connector's lock for the caller's whole wait. */
export class WriteLockBusyError extends GatewayError {
  constructor(waitMs: number) {
    super(
      `The connector is being changed through another replica of the gateway and stayed locked for ${Math.ceil(waitMs / 1000)} s; try again.`,
      GatewayErrorCode.CONFLICT,
      { extensions: { reason: 'WRITE_LOCK_BUSY' } },
    );
  }
}

/** Locks shared by the replicas, with this process's FIFO in front. */
export class RedisWriteLocks implements WriteLocks {
  private readonly local = new LocalWriteLocks();

  constructor(private readonly options: RedisWriteLocksOptions) {}

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.local.run(key, async () => {
      const release = await this.acquire(key);
      try {
        return await fn();
      } finally {
        // Awaited (at most the link's command timeout): the next holder in this process finds the key free.
        await release();
      }
    });
  }

  /** Takes the Redis lock of `key` (or nothing while Redis is away); returns its release. */
  private async acquire(key: string): Promise<() => Promise<void>> {
    const { link, leaseMs, waitMs } = this.options;
    const redisKey = link.key('lock', createHash('sha256').update(key).digest('hex').slice(0, 32));
    const holder = randomUUID();
    const until = Date.now() + waitMs;
    for (let attempt = 0; ; attempt++) {
      if (!link.available) return noop;
      let taken: boolean;
      try {
        taken = (await link.client.set(redisKey, holder, { condition: 'NX', expiration: { type: 'PX', value: leaseMs } })) === 'OK';
      } catch {
        return noop; // Redis failed: the local lock alone
      }
      if (taken) {
        return async () => {
          try {
            await runScript(link.client, COMPARE_AND_DELETE, [redisKey], [holder]);
          } catch {
            // Redis away: the lease ends it.
          }
        };
      }
      const pause = Math.round(Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** attempt) * (0.5 + Math.random() / 2));
      if (Date.now() + pause > until) throw new WriteLockBusyError(waitMs);
      await sleep(pause);
    }
  }
}

async function noop(): Promise<void> {
  // nothing held
}
