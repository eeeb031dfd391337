import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { Writable } from 'node:stream';
import { RedisLink } from '../../src/cluster/redis.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.close();
});

function capturingLogger(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('RedisLink', () => {
  it('serves, goes down with the server (logged once, listeners told, commands fail fast) and comes back', async () => {
    const { logger, lines } = capturingLogger();
    const link = RedisLink.open({ url: redis.url, keyPrefix: 'test:', logger, maxReconnectDelayMs: 200 });
    const switches: boolean[] = [];
    link.onSwitch((available) => switches.push(available));
    try {
      expect(await link.waitUntilAvailable(5_000)).toBe(true);
      await link.client.set(link.key('a'), '1');
      expect(await link.client.get('test:a')).toBe('1');
      expect(link.view().status).toBe('up');

      await redis.stop();
      await sleep(1_500); // several failed reconnections
      expect(link.available).toBe(false);
      expect(link.view().status).toBe('down');
      const started = performance.now();
      await expect(link.client.get(link.key('a'))).rejects.toThrow();
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(lines.filter((l) => l.includes('Redis is unreachable'))).toHaveLength(1);

      await redis.start();
      expect(await link.waitUntilAvailable(5_000)).toBe(true);
      expect(switches).toEqual([true, false, true]);
      expect(lines.filter((l) => l.includes('Redis is reachable'))).toHaveLength(2);
    } finally {
      await link.close();
    }
  });

  it('delivers a published message to every subscribed link', async () => {
    const { logger } = capturingLogger();
    const a = RedisLink.open({ url: redis.url, keyPrefix: 'p:', logger });
    const b = RedisLink.open({ url: redis.url, keyPrefix: 'p:', logger });
    try {
      await Promise.all([a.waitUntilAvailable(5_000), b.waitUntilAvailable(5_000)]);
      const got: string[] = [];
      await b.subscribe('changes', (m) => got.push(m));
      expect(await a.publish('changes', 'hello')).toBe(true);
      for (let i = 0; i < 50 && got.length === 0; i++) await sleep(20);
      expect(got).toEqual(['hello']);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
