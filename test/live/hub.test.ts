/**
 * The hub on its own, with a source of the test's own through the port: status changes pushed once per change to
 * every status subscriber, the active interval while a change is under way, one poller per connector, the last
 * subscriber stopping it, published changes, a connector gone, a slow subscriber dropped, and shutdown.
 */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { loadConfig } from '../../src/config/index.js';
import type { Services } from '../../src/context.js';
import { encodeGlobalId } from '../../src/graph/globalId.js';
import { LocalWriteLocks } from '../../src/graph/writeLocks.js';
import { DROPPED, LiveHub, type ConnectorChangeEvent } from '../../src/live/hub.js';
import type { ConnectorSource } from '../../src/sources/port.js';
import { SourceList } from '../../src/sources/sourceList.js';
import { GatewayError } from '../../src/errors/classes.js';
import { GatewayErrorCode } from '../../src/errors/codes.js';
import { backgroundCalls, BudgetReservedError } from '../../src/http/resilience.js';
import { Writable } from 'node:stream';

const RULE = { maxLength: 16, pattern: /^[a-z]+$/, shape: 'lower-case letters' };

interface Thing {
  name: string;
  status: string;
  note?: string;
}

/** A source whose connectors live in a map; `loads` counts its reads. */
function fakeSource(withLive = true) {
  const things = new Map<string, Thing>();
  let loads = 0;
  const source = {
    name: 'FAKE',
    typeDefs: [],
    resolvers: {},
    nodeTypes: { FakeConnector: { key: [RULE], connector: true }, FakeOther: { key: [RULE], connector: false } },
    connection: {} as ConnectorSource['connection'],
    typeOf: () => 'FakeConnector',
    createLoaders: () => ({}),
    walk: () => Promise.resolve({ found: [], more: false }),
    load: (_ctx: unknown, _type: string, [name]: [string]) => {
      loads++;
      const thing = things.get(name);
      if (!thing) return Promise.reject(new GatewayError('No such thing.', GatewayErrorCode.NOT_FOUND));
      return Promise.resolve({ ...thing });
    },
    delete: () => Promise.resolve(),
    settings: () => ({ valueKind: 'STORED', sections: [] }),
    ...(withLive ? { live: { status: (c: object) => (c as Thing).status, active: (c: object) => (c as Thing).status === 'RUNNING' } } : {}),
  } as unknown as ConnectorSource;
  return { source, things, loads: () => loads };
}

function hubWith(source: ConnectorSource, options: Partial<ConstructorParameters<typeof LiveHub>[1]> = {}, logLines?: string[]) {
  const sources = new SourceList([source]);
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines?.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const services: Services = {
    config: loadConfig({ NODE_ENV: 'test' }),
    logger: logLines ? createLogger('debug', sink) : createLogger('silent'),
    sources,
    clients: new Map([[source.name, {}]]),
    writeLocks: new LocalWriteLocks(),
  };
  return new LiveHub(services, { maxPerCaller: 10, max: 100, activeMs: 20, idleMs: 80, ...options });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ALL = new Set(['FAKE']);
const idOf = (name: string) => encodeGlobalId('FakeConnector', name);

/** Takes what a stream has ready within `ms`. */
async function drain<T>(stream: AsyncIterator<T>, ms: number): Promise<T[]> {
  const out: T[] = [];
  const deadline = Date.now() + ms;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return out;
    const next = await Promise.race([stream.next(), sleep(left).then(() => 'timeout' as const)]);
    if (next === 'timeout' || next.done) return out;
    out.push(next.value);
  }
}

describe('LiveHub', () => {
  it('pushes each status change once to every status subscriber, polling fast while active, with one poller', async () => {
    const { source, things, loads } = fakeSource();
    things.set('a', { name: 'a', status: 'DONE' });
    const hub = hubWith(source);
    const one = hub.statusChanges('x', [idOf('a')], ALL);
    const two = hub.statusChanges('y', [idOf('a')], ALL);
    await sleep(30);
    // A change that is not a status change: nothing for status subscribers.
    things.set('a', { name: 'a', status: 'DONE', note: 'other' });
    await sleep(100);
    const idleLoads = loads();
    expect(idleLoads).toBeLessThanOrEqual(3);
    things.set('a', { name: 'a', status: 'RUNNING' });
    const [first] = await drain(one, 200);
    expect(first).toEqual({ name: 'a', status: 'RUNNING', note: undefined });
    // While running: polled every activeMs.
    const before = loads();
    await sleep(200);
    expect(loads() - before).toBeGreaterThanOrEqual(5);
    things.set('a', { name: 'a', status: 'DONE' });
    expect(await drain(one, 150)).toEqual([{ name: 'a', status: 'DONE' }]);
    expect(await drain(two, 10)).toEqual([
      { name: 'a', status: 'RUNNING' },
      { name: 'a', status: 'DONE' },
    ]);
    expect(hub.size).toEqual({ subscriptions: 2, watched: 1 });
    await one.return!();
    expect(hub.size).toEqual({ subscriptions: 1, watched: 1 });
    await two.return!();
    expect(hub.size).toEqual({ subscriptions: 0, watched: 0 });
    const after = loads();
    await sleep(200);
    expect(loads()).toBe(after);
  });

  it('refuses ids of another type, of a source without status, and over the caps', () => {
    const { source } = fakeSource();
    const hub = hubWith(source, { maxPerCaller: 1, max: 2 });
    expect(() => hub.statusChanges('x', [encodeGlobalId('FakeOther', 'a')], ALL)).toThrow(/not a connector's id/);
    expect(() => hub.statusChanges('x', [], ALL)).toThrow(/at least one/);
    expect(() => hub.statusChanges('x', [idOf('a')], new Set())).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    );
    hub.changes('x', {}, ALL);
    expect(() => hub.changes('x', {}, ALL)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'TOO_MANY_SUBSCRIPTIONS' }) }));
    hub.changes('y', {}, ALL);
    expect(() => hub.changes('z', {}, ALL)).toThrow(/at most 2/);
    hub.close();
    const none = fakeSource(false);
    expect(() => hubWith(none.source).statusChanges('x', [idOf('a')], ALL)).toThrow(/has no status to watch/);
  });

  it('polls at most maxWatched connectors: a subscription that would add more is refused, one that adds none is not, and leaving frees them', async () => {
    const { source, things } = fakeSource();
    for (const name of ['a', 'b', 'c']) things.set(name, { name, status: 'IDLE' });
    const hub = hubWith(source, { maxWatched: 2 });
    const first = hub.statusChanges('x', [idOf('a'), idOf('b')], ALL);
    expect(hub.size.watched).toBe(2);
    expect(() => hub.statusChanges('y', [idOf('c')], ALL)).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/at most 2 connectors .*GATEWAY_LIVE_MAX_WATCHED/),
        extensions: expect.objectContaining({ code: 'TOO_MANY_SUBSCRIPTIONS' }),
      }),
    );
    // Already watched: no poller added, so not refused.
    const second = hub.changes('y', { ids: [idOf('b')] }, ALL);
    await first.return?.();
    expect(hub.size.watched).toBe(1);
    const third = hub.statusChanges('y', [idOf('c')], ALL);
    expect(hub.size.watched).toBe(2);
    await second.return?.();
    await third.return?.();
    hub.close();
  });

  it('publishes a change to the subscribers it concerns, and a watched connector gone as DELETED', async () => {
    const { source, things } = fakeSource();
    things.set('a', { name: 'a', status: 'DONE' });
    const hub = hubWith(source);
    const byId = hub.changes('x', { ids: [idOf('a')] }, ALL);
    const other = hub.changes('x', { ids: [idOf('b')] }, ALL);
    const bySource = hub.changes('x', { sources: ['FAKE'] }, ALL);
    await sleep(30);
    const change: ConnectorChangeEvent = { kind: 'UPDATED', id: idOf('a'), source: 'FAKE', connector: { name: 'a' }, at: new Date().toISOString() };
    hub.publish(change);
    expect(await drain(byId, 30)).toEqual([change]);
    expect(await drain(bySource, 10)).toEqual([change]);
    // The poll the publication caused takes the new state without a second event.
    things.set('a', { name: 'a', status: 'DONE', note: 'published' });
    await sleep(60);
    expect(await drain(byId, 10)).toEqual([]);
    things.delete('a');
    const [gone] = (await drain(byId, 200)) as ConnectorChangeEvent[];
    expect(gone).toMatchObject({ kind: 'DELETED', id: idOf('a'), connector: null });
    // `other` watches a connector that never existed: its first poll finds it gone; it never saw a's changes.
    expect(((await drain(other, 10)) as ConnectorChangeEvent[]).map((c) => [c.kind, c.id])).toEqual([['DELETED', idOf('b')]]);
    hub.close();
  });

  it('drops a subscriber that does not keep up, with the drop marker as its last event', async () => {
    const { source } = fakeSource();
    const hub = hubWith(source, { queueLength: 3 });
    const slow = hub.changes('x', {}, ALL);
    const change = (n: number): ConnectorChangeEvent => ({ kind: 'UPDATED', id: idOf('a'), source: 'FAKE', connector: { n }, at: '' });
    for (let n = 0; n < 4; n++) hub.publish(change(n));
    let pending = 0;
    const behind = hub.changes('y', {}, ALL, { pendingBytes: () => pending });
    hub.publish(change(0));
    // Queue of 3 full at the 4th: dropped, its queue replaced by the marker.
    expect(await drain(slow, 20)).toEqual([DROPPED]);
    expect(await behind.next()).toEqual({ value: change(0), done: false });
    pending = 10 * 1024 * 1024;
    hub.publish(change(5));
    hub.publish(change(6));
    expect(await drain(behind, 20)).toEqual([DROPPED]);
    expect(hub.size.subscriptions).toBe(0);
    // A consumer that is waiting for its next event (graphql-sse pulls at once) whose connection holds too much
    // unsent: dropped as well, not handed one more event.
    let unsent = 0;
    const waiting = hub.changes('z', {}, ALL, { pendingBytes: () => unsent });
    const next = waiting.next();
    unsent = 10 * 1024 * 1024;
    hub.publish(change(7));
    expect(await next).toEqual({ value: DROPPED, done: false });
    expect(await waiting.next()).toEqual({ value: undefined, done: true });
  });

  it('completes every stream at shutdown', async () => {
    const { source, things } = fakeSource();
    things.set('a', { name: 'a', status: 'DONE' });
    const hub = hubWith(source);
    const stream = hub.statusChanges('x', [idOf('a')], ALL);
    const next = stream.next();
    hub.close();
    expect(await next).toEqual({ value: undefined, done: true });
    expect(hub.size).toEqual({ subscriptions: 0, watched: 0 });
    expect(await hub.changes('x', {}, ALL).next()).toEqual({ value: undefined, done: true });
  });
});

describe('LiveHub polls as background calls', () => {
  it('runs its polls as background calls, and skips a poll the budget refuses (no warning, the next one at its interval)', async () => {
    const { source, things } = fakeSource();
    things.set('a', { name: 'a', status: 'DONE' });
    let refuse = true;
    const seen: (boolean | undefined)[] = [];
    const load = source.load.bind(source);
    (source as { load: ConnectorSource['load'] }).load = (ctx, type, key) => {
      seen.push(backgroundCalls.getStore());
      // What the source's limiter does to a background call while the budget is down to the callers' reserve.
      if (refuse) return Promise.reject(new BudgetReservedError('FAKE'));
      return load(ctx, type, key);
    };
    const lines: string[] = [];
    const hub = hubWith(source, {}, lines);
    const stream = hub.statusChanges('x', [idOf('a')], ALL);
    await sleep(200);
    expect(seen.length).toBeGreaterThanOrEqual(2); // skipped, and tried again at the idle interval
    expect(seen.every((flag) => flag === true)).toBe(true);
    expect(lines.filter((l) => l.includes('a live poll failed'))).toEqual([]);
    expect(lines.some((l) => l.includes('a live poll was skipped'))).toBe(true);
    expect(hub.size).toEqual({ subscriptions: 1, watched: 1 });
    refuse = false;
    await sleep(150); // the first poll that goes through sees the connector
    things.set('a', { name: 'a', status: 'RUNNING' });
    expect(await drain(stream, 300)).toEqual([{ name: 'a', status: 'RUNNING', note: undefined }]);
    await stream.return!();
  });
});
