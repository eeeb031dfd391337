/**
 * The response cache shared by two replicas on one real redis-server (two gateways in this process, each with its
 * own Redis link, over one SailPoint sandbox): a change saved through one replica is never followed by a stale
 * read through the other, over many rounds; a hit served by one replica was stored by the other; and with Redis
 * stopped both still answer (bypass, `no-store`), a change made meanwhile is read at once, and after Redis returns
 * nothing written before the outage is served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningGateway } from '../../src/server/index.js';
import { scriptConnectorId } from '../../src/sources/sailpoint/mappers.js';
import { startSailPointSandbox, type SailPointSandbox } from '../../src/sources/sailpoint/sandbox/server.js';
import { startInProcessReplica } from '../helpers/cluster.js';
import { useRedis } from '../helpers/redis.js';

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
}

const READ = 'query($id: ID!) { node(id: $id) { ... on ScriptConnector { id connectorMetadata } } }';
const PATCH = 'mutation($id: ID!, $ops: [JsonPatchOperationInput!]!) { patchConnector(id: $id, operations: $ops) { id } }';

const redis = useRedis();
let sandbox: SailPointSandbox;
const running: RunningGateway[] = [];
let a: RunningGateway;
let b: RunningGateway;
let id: string;

async function startReplica(): Promise<RunningGateway> {
  return (await startInProcessReplica(sandbox, redis.server.url, 'cache-test:', { GATEWAY_RESPONSE_CACHE: 'on' }, running)).gateway;
}

async function gql(gateway: RunningGateway, query: string, variables: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Answer['body'] };
}

const read = (gateway: RunningGateway) => gql(gateway, READ, { id });
const save = async (gateway: RunningGateway, value: number) => {
  const answer = await gql(gateway, PATCH, { id, ops: [{ op: 'add', path: '/connectorMetadata/round', value }] });
  expect(answer.body.errors).toBeUndefined();
};
const roundOf = (answer: Answer): unknown => answer.body.data?.node?.connectorMetadata?.round;

beforeAll(async () => {
  sandbox = await startSailPointSandbox();
  id = scriptConnectorId(sandbox.store.list()[0]!.scriptName);
  [a, b] = await Promise.all([startReplica(), startReplica()]);
  for (const g of [a, b]) expect(await g.sources.services.redis?.waitUntilAvailable(5_000)).toBe(true);
});
afterAll(async () => {
  await Promise.allSettled(running.map((g) => g.stop()));
  await sandbox.close();
});

describe('the shared response cache', () => {
  it('serves through one replica what the other stored', async () => {
    await save(a, -1);
    const stored = await read(a);
    expect(stored.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    const hit = await read(b);
    expect(hit.headers.get('age')).not.toBeNull();
    expect(hit.body).toEqual(stored.body);
  });

  it('never answers a read through one replica with what was there before a save through the other', async () => {
    for (let round = 0; round < 40; round++) {
      const [writer, reader] = round % 2 === 0 ? [a, b] : [b, a];
      // Both replicas hold (or fill) the entry, then one saves; the next read anywhere shows the save.
      await Promise.all([read(reader), read(writer)]);
      await save(writer, round);
      const [other, same] = await Promise.all([read(reader), read(writer)]);
      expect(roundOf(other)).toBe(round);
      expect(roundOf(same)).toBe(round);
    }
  });

  it('answers while Redis is away (nothing cached), and serves nothing stale after it returns', async () => {
    await save(a, 100);
    expect(roundOf(await read(b))).toBe(100);
    expect((await read(b)).headers.get('age')).not.toBeNull();
    await redis.server.stop();
    for (const g of [a, b]) {
      const until = Date.now() + 5_000;
      while (g.sources.services.redis?.available === true && Date.now() < until) await sleep(25);
    }
    const away = await read(b);
    expect(away.status).toBe(200);
    expect(roundOf(away)).toBe(100);
    expect(away.headers.get('cache-control')).toBe('no-store');
    await save(a, 101);
    expect(roundOf(await read(b))).toBe(101);
    await redis.server.start();
    for (const g of [a, b]) expect(await g.sources.services.redis?.waitUntilAvailable(10_000)).toBe(true);
    await save(b, 102);
    for (let i = 0; i < 3; i++) {
      expect(roundOf(await read(a))).toBe(102);
      expect(roundOf(await read(b))).toBe(102);
    }
    expect((await read(a)).headers.get('age')).not.toBeNull();
  });
});
