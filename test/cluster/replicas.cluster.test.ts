/**
 * Two gateway processes behind nginx (deploy/nginx) sharing one redis-server (issue 20): what
 * sharedState.cluster.test.ts proves of two gateways in one process (joint rate budget, one token, APQ, Redis away),
 * here end to end as deployed: separate processes, callers going through the balancer. Plus what only a balancer
 * shows: a save through one replica is never followed by a stale read through the other (with the response cache
 * on, GATEWAY_RESPONSE_CACHE=on, when the gateway has one; the test holds without it).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mostInWindow, startReplicas, startSandboxes, type ReplicaProcess, type Sandboxes } from '../helpers/cluster.js';
import { startNginx, type TestNginx } from '../helpers/nginx.js';
import { startRedis, waitFor, type TestRedis } from '../helpers/redis.js';

const LIST = '{ scriptConnectors(first: 2) { edges { node { id } } } }';
/** LIST under its own alias: a document of its own, that the response cache answers from no other. */
const distinctList = (i: number): string => `{ r${i}: ${LIST.slice(2)}`;

let sandboxes: Sandboxes;
let redis: TestRedis;
let replicas: ReplicaProcess[];
let nginx: TestNginx;
const started: (() => Promise<void>)[] = [];

beforeAll(async () => {
  sandboxes = await startSandboxes();
  started.push(() => sandboxes.close());
  redis = await startRedis();
  started.push(() => redis.close());
  replicas = await startReplicas(2, {
    ...sandboxes.env,
    REDIS_URL: redis.url,
    GATEWAY_REPLICAS: '2',
    SAILPOINT_RATE_LIMIT: '10/1s',
    UPSTREAM_DEDUPE: 'false',
    GATEWAY_RESPONSE_CACHE: 'on',
  });
  started.push(async () => {
    await Promise.allSettled(replicas.map((r) => r.stop()));
  });
  nginx = await startNginx(replicas.map((r) => r.address));
  started.push(() => nginx.stop());
});
afterAll(async () => {
  for (const stop of started.reverse()) await stop();
});

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
}
async function post(origin: string, body: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}
const gql = (query: string, variables: Record<string, unknown> = {}) => post(nginx.origin, { query, variables });
async function redisStatus(replica: ReplicaProcess): Promise<string> {
  const res = await fetch(`${replica.origin}/readyz`);
  return ((await res.json()) as { redis?: { status: string } }).redis?.status ?? 'none';
}
const bothOnRedis = () => waitFor(async () => (await Promise.all(replicas.map(redisStatus))).every((s) => s === 'up'), 'both replicas on Redis', 15_000);

describe('two replicas behind nginx sharing Redis', () => {
  it('fetch one token for both', async () => {
    await bothOnRedis();
    const tokens = () => sandboxes.sailpoint.log.count({ path: '/oauth/token' });
    // /readyz's probe may have taken the token already; whichever replica took it, there is only one.
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => gql(distinctList(i))));
    for (const a of answers) expect(a.body.errors).toBeUndefined();
    expect(tokens()).toBe(1);
  });

  it('serve a persisted query registered through one replica from the other, through the balancer', async () => {
    const query = '{ scriptConnectors(first: 1) { edges { node { id scriptName } } } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } };
    const registered = await post(replicas[0]!.origin, { query, extensions });
    expect(registered.body.errors).toBeUndefined();
    expect((await post(replicas[1]!.origin, { extensions })).body).toEqual(registered.body);
    for (let i = 0; i < 6; i++) expect((await post(nginx.origin, { extensions })).body).toEqual(registered.body);
  });

  it('hold the joint rate budget at the sandbox under load through both (10 per second, 40 requests)', async () => {
    await bothOnRedis();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const from = sandboxes.sailpoint.log.entries().at(-1)?.seq ?? 0;
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => gql(distinctList(100 + i))));
    for (const r of results) expect(r.body.errors).toBeUndefined();
    const times = sandboxes.sailpoint.log.entries((e) => e.seq > from && e.path.startsWith('/v3/')).map((e) => e.ts);
    expect(times.length).toBeGreaterThanOrEqual(40);
    // Each replica alone would send 10 per second: 20 together. Arrival jitter: a slightly shorter window.
    const switched = replicas.map((r) => r.output().includes('Redis is unreachable'));
    expect(
      mostInWindow(times, 950),
      `sandbox times ${JSON.stringify(times.map((t) => t - times[0]!))}; fell back to local limits: ${JSON.stringify(switched)}`,
    ).toBeLessThanOrEqual(10);
  }, 30_000);

  it('never follow a save through one replica with a stale read through the other (30 rounds)', async () => {
    const list = await gql('{ connectors(sources: [CONDUCTORONE], first: 1) { edges { node { id } } } }');
    const id: string = list.body.data.connectors.edges[0].node.id;
    const read = `query($id: ID!) { connector(id: $id) { id description } }`;
    const save = `mutation($id: ID!, $ops: [JsonPatchOperationInput!]!) { patchConnector(id: $id, operations: $ops) { id } }`;
    // Read first, through both replicas, so that a cache (if any) holds the old description on each.
    for (const replica of replicas) expect((await post(replica.origin, { query: read, variables: { id } })).body.errors).toBeUndefined();
    for (let round = 0; round < 30; round++) {
      const description = `round ${round} ${Date.now()}`;
      // Alternate which replica saves, so that the read through nginx lands on the other one about half the time.
      const saved = await post(replicas[round % 2]!.origin, {
        query: save,
        variables: { id, ops: [{ op: 'replace', path: '/description', value: description }] },
      });
      expect(saved.body.errors, `round ${round}`).toBeUndefined();
      const other = await post(replicas[(round + 1) % 2]!.origin, { query: read, variables: { id } });
      expect(other.body.data?.connector, `round ${round}`).toEqual({ id, description });
      const balanced = await gql(read, { id });
      expect(balanced.body.data?.connector, `round ${round}`).toEqual({ id, description });
    }
  }, 60_000);

  it('keep answering through nginx while Redis is stopped, and share again when it is back', async () => {
    try {
      await redis.stop();
      await waitFor(async () => (await Promise.all(replicas.map(redisStatus))).every((s) => s === 'down'), 'both replicas to see Redis down', 15_000);
      for (let i = 0; i < 8; i++) {
        const { status, body } = await gql(LIST);
        expect(status).toBe(200);
        expect(body.errors).toBeUndefined();
      }
      const ready = await fetch(`${nginx.origin}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'degraded' });
    } finally {
      await redis.start();
    }
    await bothOnRedis();
    expect((await gql(LIST)).body.errors).toBeUndefined();
  }, 60_000);
});
