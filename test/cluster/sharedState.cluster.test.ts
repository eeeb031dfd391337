/**
 * What the replicas share on Redis (issue 20), with a real redis-server, a real SailPoint sandbox over loopback and
 * two gateways in this process (helper C's tests run two processes through nginx): the joint rate budget, a 429's
 * Retry-After held by both, one token for both (stored sealed), APQ registered through one and served by the
 * other, and Redis killed mid-test (local limits, /readyz degraded, the switch logged once) and back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisClient } from '../../src/cluster/redis.js';
import type { RunningGateway } from '../../src/server/index.js';
import { startSailPointSandbox, type SailPointSandbox } from '../../src/sources/sailpoint/sandbox/server.js';
import { mostInWindow, startInProcessReplica } from '../helpers/cluster.js';
import { useRedis } from '../helpers/redis.js';

interface Replica {
  gateway: RunningGateway;
  logs: string[];
  gql(body: Record<string, unknown>): Promise<{ status: number; body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] } }>;
  readyz(): Promise<{ status: number; body: any }>;
}

const LIST = '{ scriptConnectors(first: 2) { edges { node { id } } } }';

const redis = useRedis();
let sandbox: SailPointSandbox;
let prefixes = 0;
const running: RunningGateway[] = [];

beforeAll(async () => {
  sandbox = await startSailPointSandbox();
});
afterAll(async () => {
  await Promise.allSettled(running.map((g) => g.stop()));
  await sandbox.close();
});

/** A gateway on the shared sandbox and Redis; replicas of one test share `prefix`. */
async function startReplica(prefix: string, env: Record<string, string> = {}): Promise<Replica> {
  const { gateway, logs } = await startInProcessReplica(sandbox, redis.server.url, prefix, { UPSTREAM_DEDUPE: 'false', ...env }, running);
  const origin = gateway.url.replace(/\/graphql$/, '');
  return {
    gateway,
    logs,
    async gql(body) {
      const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as never };
    },
    async readyz() {
      const res = await fetch(`${origin}/readyz`);
      return { status: res.status, body: await res.json() };
    },
  };
}

/** Two replicas with their own key prefix, both connected to Redis. */
async function startPair(env: Record<string, string> = {}): Promise<[Replica, Replica, string]> {
  const prefix = `t${++prefixes}:`;
  const pair = await Promise.all([startReplica(prefix, env), startReplica(prefix, env)]);
  // Before any /readyz (whose probe takes a token): both use Redis from the first call.
  for (const replica of pair) expect(await replica.gateway.sources.services.redis?.waitUntilAvailable(5_000)).toBe(true);
  return [...pair, prefix];
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await sleep(25);
  }
}

/** The sandbox's API requests (token requests left out) since `from` (a log sequence number). */
function apiRequests(from: number) {
  return sandbox.log.entries((e) => e.seq > from && e.path.startsWith('/v3/'));
}
function lastSeq(): number {
  return sandbox.log.entries().at(-1)?.seq ?? 0;
}

/** Runs `fn` with a client of the test's Redis (keys as stored, prefix included). */
async function redisCommand<T>(fn: (client: RedisClient) => Promise<T>): Promise<T> {
  const link = await redis.link('');
  return fn(link.client);
}

describe('shared rate budget', () => {
  it('holds the joint rate of two replicas at the sandbox (10 per second, 40 requests through both)', async () => {
    const [a, b] = await startPair({ SAILPOINT_RATE_LIMIT: '10/1s' });
    await Promise.all([a.gql({ query: LIST }), b.gql({ query: LIST })]); // tokens fetched, budgets touched
    await sleep(1_100);
    const from = lastSeq();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).gql({ query: LIST })));
    expect(results.filter((r) => r.body.errors === undefined)).toHaveLength(40);
    const times = apiRequests(from).map((e) => e.ts);
    expect(times.length).toBeGreaterThanOrEqual(40);
    // Each replica alone would send 10 per second: 20 in a second together. Arrival jitter: a slightly shorter window.
    expect(mostInWindow(times, 950)).toBeLessThanOrEqual(10);
  });

  it("holds back the other replicas while the source's Retry-After lasts, and refuses one whose deadline is sooner", async () => {
    const [a, b, prefix] = await startPair();
    const hasty = await startReplica(prefix, { UPSTREAM_DEADLINE_MS: '1000' });
    await Promise.all([a.gql({ query: LIST }), b.gql({ query: LIST }), hasty.gql({ query: LIST })]);
    const from = lastSeq();
    sandbox.injectFault({ match: { method: 'GET', pathPrefix: '/v3/' }, status: 429, retryAfter: 2, count: 1 });
    const first = a.gql({ query: LIST });
    await waitUntil(() => Promise.resolve(apiRequests(from).some((e) => e.status === 429)));
    const blockedAt = apiRequests(from).find((e) => e.status === 429)!.ts;

    const started = Date.now();
    const refused = await hasty.gql({ query: LIST });
    expect(Date.now() - started).toBeLessThan(900);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', source: 'SAILPOINT' });
    expect(refused.body.errors?.[0]?.extensions?.retryAfter).toBeGreaterThanOrEqual(1);

    const second = await b.gql({ query: LIST });
    expect(second.body.errors).toBeUndefined();
    expect((await first).body.errors).toBeUndefined();
    const after = apiRequests(from).filter((e) => e.status !== 429);
    expect(after.length).toBeGreaterThanOrEqual(2);
    // Nothing from any replica before the 2 s were over (the hasty one sent nothing at all).
    for (const entry of after) expect(entry.ts - blockedAt).toBeGreaterThanOrEqual(1_900);
  }, 30_000);
});

describe('shared OAuth token', () => {
  it('is fetched once for two replicas, stored sealed, and dropped after a 401 only while it is the one that failed', async () => {
    const tokenRequests = () => sandbox.log.count({ path: '/oauth/token' });
    const before = tokenRequests();
    const [a, b, prefix] = await startPair();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).gql({ query: LIST })));
    expect(answers.every((r) => r.body.errors === undefined)).toBe(true);
    expect(tokenRequests() - before).toBe(1);

    const stored = await redisCommand(async (client) => {
      const keys = await client.keys(`${prefix}token:SAILPOINT:*`);
      const values = await Promise.all(keys.filter((k) => !k.endsWith(':lock')).map((k) => client.get(k)));
      return values.filter((v): v is string => v !== null);
    });
    expect(stored).toHaveLength(1);
    const issued = sandbox.issuedTokens();
    expect(issued.length).toBeGreaterThan(0);
    for (const token of issued) expect(stored[0]).not.toContain(token);

    // Revoked: a's next call gets 401, drops the stored token and fetches one; b's old token fails too, but b
    // finds the new one stored (it does not drop it) and fetches none.
    sandbox.expireTokens();
    const afterExpiry = tokenRequests();
    expect((await a.gql({ query: LIST })).body.errors).toBeUndefined();
    expect((await b.gql({ query: LIST })).body.errors).toBeUndefined();
    expect(tokenRequests() - afterExpiry).toBe(1);
  });
});

describe('shared persisted queries', () => {
  it('serves through one replica a hash registered through the other', async () => {
    const [a, b, prefix] = await startPair();
    const query = '{ scriptConnectors(first: 1) { edges { node { id } } } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const unknown = await b.gql({ extensions });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await a.gql({ query, extensions });
    expect(registered.body.errors).toBeUndefined();
    const served = await b.gql({ extensions });
    expect(served.body.errors).toBeUndefined();
    expect(served.body.data).toEqual(registered.body.data);
    expect(await redisCommand((client) => client.keys(`${prefix}apq*`))).not.toHaveLength(0);
  });
});

describe('Redis killed mid-test', () => {
  it('keeps answering on local limits, reports /readyz degraded, logs the switch once, and shares again when Redis is back', async () => {
    const [a, b, prefix] = await startPair({ SAILPOINT_RATE_LIMIT: '50/1s' });
    expect((await a.readyz()).body).toMatchObject({ status: 'ready', redis: { status: 'up' } });
    expect((await a.gql({ query: LIST })).body.errors).toBeUndefined();
    try {
      await redis.server.stop();
      await waitUntil(async () => (await a.readyz()).body.redis.status === 'down' && (await b.readyz()).body.redis.status === 'down');
      for (const replica of [a, b]) {
        const started = Date.now();
        const res = await replica.gql({ query: LIST });
        expect(res.body.errors).toBeUndefined();
        expect(Date.now() - started).toBeLessThan(2_000);
        const ready = await replica.readyz();
        expect(ready.status).toBe(200);
        expect(ready.body).toMatchObject({ status: 'degraded', redis: { status: 'down' } });
        expect(ready.body.redis.sinceMs).toBeGreaterThanOrEqual(0);
      }
      await Promise.all(Array.from({ length: 6 }, () => a.gql({ query: LIST })));
      for (const replica of [a, b]) expect(replica.logs.filter((l) => l.includes('Redis is unreachable'))).toHaveLength(1);
    } finally {
      await redis.server.start();
    }
    await waitUntil(async () => (await a.readyz()).body.redis.status === 'up' && (await b.readyz()).body.redis.status === 'up');
    expect((await a.readyz()).body.status).toBe('ready');
    expect((await a.gql({ query: LIST })).body.errors).toBeUndefined();
    // Shared again: the budget is kept on Redis (the restarted Redis held nothing).
    const budgets = await redisCommand((client) => client.keys(`${prefix}rate:SAILPOINT:*`));
    expect(budgets.length).toBeGreaterThan(0);
  }, 40_000);
});
