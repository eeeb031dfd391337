/**
 * The response cache through the real stack (sandboxes, gateway, HTTP), in memory: a repeated query is answered
 * from it (no upstream call, `Age` and `Cache-Control: private`), a change through the gateway is read at once (even
 * when the gateway's mutation failed: the change may have landed), a caller with other permissions never gets
 * another's entry, and what has errors is not cached.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import { loginConnectorId } from '../../src/sources/logto/mappers.js';
import { buildSchema } from 'graphql';
import { ResponseCache } from '../../src/cache/responseCache.js';
import { MemoryStore } from '../../src/cache/store.js';

const sha = (key: string) => createHash('sha256').update(key).digest('hex');
const ADMIN = 'response-cache-admin-key-0123456789';
const SAILPOINT_VIEWER = 'response-cache-sp-viewer-0123456789';
const admin = { 'x-api-key': ADMIN };

const READ = `query($id: ID!) { node(id: $id) { ... on LoginConnector { id metadata } } }`;
const PATCH = `mutation($id: ID!, $ops: [JsonPatchOperationInput!]!) { patchConnector(id: $id, operations: $ops) { id } }`;

let stack: TestStack;
interface Read {
  node: { metadata: Record<string, unknown> };
}
/** A standard connector (one that takes metadata). */
const oidc = () => stack.logto.store.connectors().find((c) => c.connectorId === 'oidc')!;
let id: string;
beforeAll(async () => {
  stack = await startTestStack({
    GATEWAY_RESPONSE_CACHE: 'on',
    GATEWAY_API_KEYS: [`editor:${sha(ADMIN)}`, `viewer@sailpoint:${sha(SAILPOINT_VIEWER)}`].join(','),
  });
  id = loginConnectorId(oidc().id);
  return () => stack.stop();
});
beforeEach(() => {
  stack.resetCalls();
});

/** A change made by another client of the Logto tenant, straight at the sandbox's Management API. */
async function patchAtTheSource(connectorId: string, body: Record<string, unknown>): Promise<void> {
  const { logto } = stack;
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: logto.clientId,
    client_secret: logto.clientSecret,
    resource: logto.resource,
    scope: 'all',
  });
  const token = ((await (await fetch(`${logto.url}/oidc/token`, { method: 'POST', body: form })).json()) as { access_token: string }).access_token;
  const res = await fetch(`${logto.url}/api/connectors/${connectorId}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.text()).toBe(200);
}

describe('the response cache', () => {
  it('answers a repeated query from the cache, with Age and a private max-age, and no upstream call', async () => {
    const first = await stack.gql(READ, { id, tag: 'age' }, admin);
    expect(first.body.errors).toBeUndefined();
    expect(first.headers.get('cache-control')).toBe('private, max-age=30');
    const called = stack.logtoCalls();
    expect(called).toBeGreaterThan(0);
    await sleep(1100);
    const second = await stack.gql(READ, { id, tag: 'age' }, admin);
    expect(second.body).toEqual(first.body);
    expect(stack.logtoCalls()).toBe(called);
    expect(Number(second.headers.get('age'))).toBeGreaterThanOrEqual(1);
    expect(second.headers.get('cache-control')).toMatch(/^private, max-age=(28|29)$/);
  });

  it('serves a change through the gateway at once, every round', async () => {
    for (let round = 0; round < 5; round++) {
      await stack.gql(READ, { id }, admin);
      const patched = await stack.gql(PATCH, { id, ops: [{ op: 'add', path: '/metadata/logo', value: `https://example.com/${round}.png` }] }, admin);
      expect(patched.body.errors).toBeUndefined();
      const read = await stack.gql<{ node: { metadata: Record<string, unknown> } }>(READ, { id }, admin);
      expect(read.body.data?.node.metadata.logo).toBe(`https://example.com/${round}.png`);
    }
  });

  it('drops a source when a mutation of it fails too: a change that landed anyway is read at once', async () => {
    const first = await stack.gql<Read>(READ, { id }, admin);
    const old = first.body.data?.node.metadata.logo;
    // The change reaches the source although the gateway's call fails (an answer lost on its way back): here another
    // client makes it, straight at the source, and the gateway's PATCH that follows is answered 500.
    await patchAtTheSource(oidc().id, { metadata: { ...oidc().metadata, logo: 'https://example.com/landed.png' } });
    const cached = await stack.gql<Read>(READ, { id }, admin);
    expect(cached.headers.get('age')).not.toBeNull();
    expect(cached.body.data?.node.metadata.logo).toBe(old);

    stack.logto.injectFault({ match: { method: 'PATCH', pathPrefix: '/api/connectors/' }, status: 500 });
    try {
      const failed = await stack.gql(PATCH, { id, ops: [{ op: 'add', path: '/metadata/logo', value: 'https://example.com/refused.png' }] }, admin);
      expect(failed.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    } finally {
      stack.logto.clearFaults();
    }
    const read = await stack.gql<Read>(READ, { id }, admin);
    expect(read.headers.get('age')).toBeNull();
    expect(read.body.data?.node.metadata.logo).toBe('https://example.com/landed.png');
  });

  it('never gives a caller with other permissions what another caller cached', async () => {
    const mine = await stack.gql(READ, { id }, admin);
    expect(mine.body.data).toBeTruthy();
    const theirs = await stack.gql(READ, { id }, { 'x-api-key': SAILPOINT_VIEWER });
    expect(theirs.body.errors?.length).toBeGreaterThan(0);
    expect(theirs.headers.get('age')).toBeNull();
    expect(theirs.headers.get('cache-control')).toBe('no-store');
  });

  it('caches no mutation and no response with errors', async () => {
    const bad = await stack.gql(READ, { id: 'not-a-global-id' }, admin);
    expect(bad.body.errors?.length).toBeGreaterThan(0);
    expect(bad.headers.get('cache-control')).toBe('no-store');
    const again = await stack.gql(READ, { id: 'not-a-global-id' }, admin);
    expect(again.headers.get('age')).toBeNull();
    const patched = await stack.gql(PATCH, { id, ops: [{ op: 'add', path: '/metadata/logo', value: 'https://example.com/m.png' }] }, admin);
    expect(patched.headers.get('cache-control')).toBe('no-store');
  });
});

describe('ResponseCache (in memory, no stack)', () => {
  const schema = buildSchema('type Query { a: Int, b: Int } type Mutation { m: Int }');
  const everything = { read: new Set(['LOGTO', 'CONDUCTORONE']), write: new Set<string>() };
  const make = () => new ResponseCache({ store: new MemoryStore(1 << 20), schema, ttlMs: { LOGTO: 30_000, CONDUCTORONE: 2_000 }, now: () => 5_000 });

  it('keeps a response for the least TTL of the sources it read (of all, when it read none)', () => {
    const cache = make();
    expect(cache.ttlOf(['LOGTO'])).toBe(30_000);
    expect(cache.ttlOf(['LOGTO', 'CONDUCTORONE'])).toBe(2_000);
    expect(cache.ttlOf([])).toBe(2_000);
  });

  it('misses, stores, hits; and a source changed while computing keeps the response out', async () => {
    const cache = make();
    const miss = await cache.lookup({ query: '{ a }' }, everything);
    expect(miss.kind).toBe('miss');
    if (miss.kind !== 'miss') return;
    expect(await cache.store(miss, '{"data":{"a":1}}', ['LOGTO'])).toBe(true);
    const hit = await cache.lookup({ query: '{a}' }, everything);
    expect(hit.kind === 'hit' && hit.record).toMatchObject({ body: '{"data":{"a":1}}', tags: ['source:LOGTO'], ttlMs: 30_000 });
    const racing = await cache.lookup({ query: '{ b }' }, everything);
    await cache.invalidate(['LOGTO']);
    expect((await cache.lookup({ query: '{ a }' }, everything)).kind).toBe('miss');
    expect(racing.kind === 'miss' && (await cache.store(racing, '{"data":{"b":1}}', ['LOGTO']))).toBe(false);
  });

  it('bypasses what it cannot key: a mutation, a caller who may read nothing', async () => {
    const cache = make();
    expect((await cache.lookup({ query: 'mutation { m }' }, everything)).kind).toBe('bypass');
    expect((await cache.lookup({ query: '{ a }' }, { read: new Set(), write: new Set() })).kind).toBe('bypass');
  });
});
