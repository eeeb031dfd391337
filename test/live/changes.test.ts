/** The change feed: a change is answered only once every listener is done, and a failing listener is logged, not thrown. */
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ChangeFeed, type Change } from '../../src/live/changes.js';
import { logSink } from '../helpers/logs.js';

const change: Change = { kind: 'TOUCHED', id: null, source: 'LOGTO', at: '2026-01-01T00:00:00.000Z' };

describe('ChangeFeed', () => {
  it('waits for every listener, tells each one, and stops telling one that stopped', async () => {
    const feed = new ChangeFeed(pino({ level: 'silent' }));
    const done: string[] = [];
    feed.on(async (c) => {
      await sleep(30);
      done.push(`slow ${c.source}`);
    });
    const stop = feed.on((c) => {
      done.push(`fast ${c.source}`);
      return Promise.resolve();
    });
    await feed.changed(change);
    expect(done.sort()).toEqual(['fast LOGTO', 'slow LOGTO']);
    stop();
    await feed.changed(change);
    expect(done).toHaveLength(3);
  });

  it('logs a failing listener and still tells the others', async () => {
    const { logs, sink } = logSink();
    const feed = new ChangeFeed(pino({ level: 'info' }, sink));
    let told = false;
    feed.on(() => Promise.reject(new Error('boom')));
    feed.on(() => {
      told = true;
      return Promise.resolve();
    });
    await expect(feed.changed(change)).resolves.toBeUndefined();
    expect(told).toBe(true);
    expect(logs.join('\n')).toMatch(/a change listener failed/);
  });
});
