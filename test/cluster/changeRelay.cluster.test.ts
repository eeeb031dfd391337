/**
 * The change relay over a real redis-server: a change told to one replica's feed reaches the other replicas (kind,
 * id, source and time only) and not its own, a foreign message is ignored, and after Redis went away and came back
 * the subscription is made again and changes flow.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ChangeRelay, parseRelayed } from '../../src/cluster/changeRelay.js';
import { ChangeFeed, type Change } from '../../src/live/changes.js';
import { useRedis } from '../helpers/redis.js';

const redis = useRedis();
const logger = pino({ level: 'silent' });

async function replica(prefix: string): Promise<{ feed: ChangeFeed; seen: Change[]; relay: ChangeRelay }> {
  const link = await redis.link(prefix);
  const feed = new ChangeFeed(logger);
  const seen: Change[] = [];
  const relay = new ChangeRelay(link, feed, (change) => seen.push(change), logger);
  return { feed, seen, relay };
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(20);
  }
}

const change = (n: number): Change => ({ kind: 'UPDATED', id: `id-${n}`, source: 'LOGTO', at: new Date(n).toISOString() });

describe('ChangeRelay', () => {
  it('hands every change of one replica to the others, not to itself', async () => {
    const [a, b, c] = await Promise.all([replica('relay1:'), replica('relay1:'), replica('relay1:')]);
    await sleep(200); // the subscriptions
    await a.feed.changed(change(1));
    await until(() => b.seen.length === 1 && c.seen.length === 1);
    expect(b.seen).toEqual([change(1)]);
    expect(a.seen).toEqual([]);
  });

  it('ignores what is not a change', () => {
    expect(parseRelayed('nope')).toBeUndefined();
    expect(parseRelayed('{"kind":"EXPLODED","id":null,"source":"X","at":"t","from":"r"}')).toBeUndefined();
    expect(parseRelayed('{"kind":"TOUCHED","id":1,"source":"X","at":"t","from":"r"}')).toBeUndefined();
    expect(parseRelayed('{"kind":"TOUCHED","id":null,"source":"X","at":"t","from":"r"}')).toEqual({
      kind: 'TOUCHED',
      id: null,
      source: 'X',
      at: 't',
      from: 'r',
    });
  });

  it('relays again after Redis went away and came back', async () => {
    const [a, b] = await Promise.all([replica('relay2:'), replica('relay2:')]);
    await sleep(200);
    await redis.server.stop();
    await a.feed.changed(change(2)); // lost: nobody can be told
    await redis.server.start();
    for (const link of redis.links) expect(await link.waitUntilAvailable(10_000)).toBe(true);
    const end = Date.now() + 10_000;
    // The subscriber reconnects on its own schedule: publish until one arrives.
    for (let n = 3; b.seen.length === 0 && Date.now() < end; n++) {
      await a.feed.changed(change(n));
      await sleep(100);
    }
    expect(b.seen.length).toBeGreaterThan(0);
    expect(b.seen.every((c) => c.id !== 'id-2')).toBe(true);
  });
});
