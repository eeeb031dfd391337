/**
 * The per-connector write lock across replicas (issue 20): two lock instances, each with its own link to one real
 * redis-server, exclude each other; a holder elsewhere for longer than the wait is a clear CONFLICT; and with Redis
 * gone, each falls back to its local lock at once (a lock whose release could not reach Redis ends by its lease).
 */
import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { RedisWriteLocks, WriteLockBusyError } from '../../src/cluster/writeLocks.js';
import { connectorLockKey } from '../../src/graph/writeLocks.js';
import { useRedis } from '../helpers/redis.js';

const redis = useRedis();

async function twoReplicas(options: { leaseMs: number; waitMs: number }): Promise<[RedisWriteLocks, RedisWriteLocks]> {
  const link = () => redis.link('locks:', { maxReconnectDelayMs: 200 });
  return [new RedisWriteLocks({ link: await link(), ...options }), new RedisWriteLocks({ link: await link(), ...options })];
}

describe('RedisWriteLocks', () => {
  it('lets one replica at a time hold a connector, the other one waiting for it', async () => {
    const [a, b] = await twoReplicas({ leaseMs: 5_000, waitMs: 3_000 });
    const key = connectorLockKey('SAILPOINT', 'exclusion');
    const events: string[] = [];
    const hold = (name: string, locks: RedisWriteLocks) =>
      locks.run(key, async () => {
        events.push(`${name} in`);
        await sleep(150);
        events.push(`${name} out`);
        return name;
      });
    const runs = [hold('a1', a), hold('b1', b), hold('a2', a), hold('b2', b)];
    expect(await Promise.all(runs)).toEqual(['a1', 'b1', 'a2', 'b2']);
    // Never two inside at once.
    for (let i = 0; i < events.length; i += 2) {
      expect(events[i]!.endsWith(' in')).toBe(true);
      expect(events[i + 1]).toBe(events[i]!.replace(' in', ' out'));
    }
    // Another key is not held back.
    const started = performance.now();
    await Promise.all([hold('x', a), b.run(connectorLockKey('SAILPOINT', 'other'), () => Promise.resolve('y'))]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('answers CONFLICT (WRITE_LOCK_BUSY) when another replica holds the connector for longer than the wait', async () => {
    const [a, b] = await twoReplicas({ leaseMs: 5_000, waitMs: 200 });
    const key = connectorLockKey('SAILPOINT', 'busy');
    const holding = a.run(key, () => sleep(800));
    await sleep(50);
    const error = await b.run(key, () => Promise.resolve('never')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteLockBusyError);
    expect((error as WriteLockBusyError).extensions).toMatchObject({ code: 'CONFLICT', reason: 'WRITE_LOCK_BUSY' });
    await holding;
    expect(await b.run(key, () => Promise.resolve('now'))).toBe('now');
  });

  it('falls back to the local lock when Redis goes away while a replica holds one, and shares again when it is back', async () => {
    const [a, b] = await twoReplicas({ leaseMs: 10_000, waitMs: 5_000 });
    const key = connectorLockKey('SAILPOINT', 'loss');
    let releaseA!: () => void;
    const aInside = new Promise<void>((resolve) => {
      void a.run(key, () => {
        resolve();
        return new Promise<void>((r) => (releaseA = r));
      });
    });
    await aInside;
    try {
      await redis.server.stop();
      await sleep(200);
      // a's Redis lock is gone with Redis: b does not wait for it (a lease of 10 s would otherwise hold it).
      const started = performance.now();
      expect(await b.run(key, () => Promise.resolve('local'))).toBe('local');
      expect(performance.now() - started).toBeLessThan(1_000);
      releaseA(); // its release cannot reach Redis: no error
    } finally {
      await redis.server.start();
    }
    for (const link of redis.links.slice(-2)) expect(await link.waitUntilAvailable(5_000)).toBe(true);
    const holding = a.run(key, () => sleep(300));
    await sleep(50);
    const waited = performance.now();
    await b.run(key, () => Promise.resolve(undefined));
    expect(performance.now() - waited).toBeGreaterThan(150);
    await holding;
  });
});
