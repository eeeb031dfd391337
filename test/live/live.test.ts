/**
 * Subscriptions over SSE against the real sandboxes: one poller per watched connector however many subscribe
 * (counted in the sandbox's request log), a change by one caller's mutation pushed to another's subscription at
 * once, scoped callers refused before any poll, disconnects that stop polling, the per-caller cap, the same limits
 * as queries, and shutdown completing open streams.
 */
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/globalId.js';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import { subscribe, type EventStream } from '../helpers/sse.js';

const sha = (key: string) => createHash('sha256').update(key).digest('hex');
const KEYS = { editor: 'live-editor-key-0c1d2e3f', logtoViewer: 'live-logto-viewer-key-4a5b6c7d', capped: 'live-capped-viewer-key-8e9f0a1b' };
const IDLE_MS = 250;
const ACTIVE_MS = 100;
const SYNC_MS = 1200;
const GITHUB = '2azhamzptLx9h3diiWeNw0zl3ts';
const GH_ACME = '2aziRdLGpPPstwx9mXOqZejqv1v'; // DONE in the seed

const STATUS = `subscription($ids: [ID!]!) { connectorStatusChanged(ids: $ids) { id ... on ScriptConnector { status } } }`;
const CHANGED = `subscription($ids: [ID!], $sources: [ConnectorSource!]) {
  connectorChanged(ids: $ids, sources: $sources) { kind id source at connector { id displayName } }
}`;

let stack: TestStack;
let stopped = false;
const open: EventStream[] = [];
const as = (key: string) => ({ 'x-api-key': key });
async function sub(query: string, variables: Record<string, unknown>, key = KEYS.editor): Promise<EventStream> {
  const stream = await subscribe(stack.gateway.url, query, variables, as(key));
  open.push(stream);
  return stream;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Changes a script connector's metadata at the SailPoint sandbox itself, behind the gateway's back. */
async function patchAtSailPoint(scriptName: string, shortDesc: string): Promise<void> {
  const { sailpoint } = stack;
  const origin = new URL(sailpoint.url).origin;
  const token = await fetch(`${origin}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sailpoint.clientId, client_secret: sailpoint.clientSecret }),
  });
  const { access_token } = (await token.json()) as { access_token: string };
  stack.registerSecret(access_token);
  const res = await fetch(`${sailpoint.url}/connectors/${scriptName}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json-patch+json' },
    body: JSON.stringify([{ op: 'add', path: '/connectorMetadata/shortDesc', value: shortDesc }]),
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  stack = await startTestStack(
    {
      GATEWAY_API_KEYS: [`editor:${sha(KEYS.editor)}`, `viewer@logto:${sha(KEYS.logtoViewer)}`, `viewer:${sha(KEYS.capped)}`].join(','),
      GATEWAY_LIVE_IDLE_MS: String(IDLE_MS),
      GATEWAY_LIVE_ACTIVE_MS: String(ACTIVE_MS),
      GATEWAY_LIVE_MAX_PER_CALLER: '4',
      // Two pollers polling at once must not share one call: each would count.
      UPSTREAM_DEDUPE: 'false',
    },
    { conductorone: { syncDurationMs: SYNC_MS } },
  );
  for (const key of Object.values(KEYS)) stack.registerSecret(key);
});

// Each test starts without the streams of the one before (the per-caller cap counts them).
afterEach(async () => {
  for (const s of open.splice(0)) s.close();
  await sleep(50);
});

afterAll(async () => {
  for (const s of open) s.close();
  if (!stopped) await stack.stop();
});

describe('connectorStatusChanged', () => {
  it('shows a forced sync from start to finish to two subscribers, with one poller polling fast while it runs', async () => {
    const id = encodeGlobalId('AppConnector', GITHUB, GH_ACME);
    const query = `subscription($ids: [ID!]!) { connectorStatusChanged(ids: $ids) { id ... on AppConnector { connectorStatus { status lastError } } } }`;
    const a = await sub(query, { ids: [id] });
    const b = await sub(query, { ids: [id] }, KEYS.capped);
    await sleep(100);
    stack.resetCalls();
    const started = performance.now();
    const sync = await stack.gql(
      'mutation($appId: String!, $id: String!) { syncAppConnector(appId: $appId, id: $id) { id } }',
      { appId: GITHUB, id: GH_ACME },
      as(KEYS.editor),
    );
    expect(sync.body.errors).toBeUndefined();
    for (const s of [a, b]) {
      // Published by the mutation: its poller reads it at once (not after the idle interval).
      const running = await s.next(IDLE_MS);
      expect(running.data).toEqual({ data: { connectorStatusChanged: { id, connectorStatus: { status: 'RUNNING', lastError: null } } } });
    }
    for (const s of [a, b]) {
      const done = await s.next(SYNC_MS + 1000);
      expect(done.data.data.connectorStatusChanged.connectorStatus.status).toBe('DONE');
    }
    const elapsed = performance.now() - started;
    const reads = stack.c1Calls({ method: 'GET', pathIncludes: `/connectors/${GH_ACME}` });
    // The mutation's own read, then one poller every ACTIVE_MS while it runs (two pollers would make twice as many).
    expect(reads).toBeGreaterThanOrEqual(SYNC_MS / ACTIVE_MS / 2);
    expect(reads).toBeLessThanOrEqual(elapsed / ACTIVE_MS + 3);
    expect(stack.c1Calls({ method: 'POST', pathIncludes: 'force_sync' })).toBe(1);
  });

  it('polls a watched connector once for all its subscribers, pushes a change to those it concerns, and stops when they leave', async () => {
    const scriptName = stack.sailpoint.store.list()[0]!.scriptName;
    const id = encodeGlobalId('ScriptConnector', scriptName);
    const a = await sub(STATUS, { ids: [id] });
    const b = await sub(STATUS, { ids: [id] });
    const c = await sub(CHANGED, { ids: [id] });
    const d = await sub(CHANGED, { ids: [id] });
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // A proxy in front (nginx: deploy/nginx) must pass events on as they come, not buffer them.
    expect(a.headers.get('x-accel-buffering')).toBe('no');
    await sleep(100);
    stack.resetCalls();
    const window = 1200;
    await sleep(window);
    const polls = stack.apiCalls({ method: 'GET', pathIncludes: `/connectors/${scriptName}` });
    // One poller: about window / IDLE_MS polls (a poller per subscriber would make four times as many).
    expect(polls).toBeGreaterThanOrEqual(2);
    expect(polls).toBeLessThanOrEqual(window / IDLE_MS + 1);
    expect(a.pending()).toEqual([]);

    // A change seen by a poll reaches each change subscriber once; the status did not change: nothing for a and b.
    // (The status path itself: test/live/hub.test.ts, and part A's ForceSync for ConductorOne.)
    await patchAtSailPoint(scriptName, 'changed behind the gateway');
    for (const s of [c, d]) {
      const event = await s.next(IDLE_MS * 4);
      expect(event.event).toBe('next');
      expect(event.data.errors, JSON.stringify(event.data)).toBeUndefined();
      expect(event.data.data.connectorChanged).toMatchObject({ kind: 'UPDATED', id, source: 'SAILPOINT', connector: { id } });
    }
    await sleep(IDLE_MS * 2);
    for (const s of [a, b, c, d]) expect(s.pending()).toEqual([]);

    for (const s of [a, b, c, d]) s.close();
    await sleep(100);
    stack.resetCalls();
    await sleep(IDLE_MS * 3);
    expect(stack.apiCalls({ method: 'GET', pathIncludes: `/connectors/${scriptName}` })).toBe(0);
  });

  it('refuses a connector whose source has no status, naming its id (BAD_USER_INPUT)', async () => {
    const logto = stack.logto.store.connectors()[0]!;
    const id = encodeGlobalId('LoginConnector', logto.id);
    const s = await sub(STATUS, { ids: [id] });
    const event = await s.next();
    expect(event.data.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(event.data.errors[0].message).toContain(id);
    expect((await s.next()).event).toBe('complete');
  });
});

describe('connectorChanged', () => {
  it("pushes another caller's change at once, without a poll", async () => {
    const logto = stack.logto.store.connectors()[0]!;
    const id = encodeGlobalId('LoginConnector', logto.id);
    const watcher = await sub(CHANGED, { sources: ['LOGTO'] }, KEYS.logtoViewer);
    const other = await sub(CHANGED, { sources: ['SAILPOINT'] });
    await sleep(50);
    const patched = await stack.gql(
      'mutation($id: ID!, $ops: [JsonPatchOperationInput!]!) { patchConnector(id: $id, operations: $ops) { id displayName } }',
      { id, ops: [{ op: 'replace', path: '/syncProfile', value: !logto.syncProfile }] },
      as(KEYS.editor),
    );
    expect(patched.body.errors).toBeUndefined();
    stack.resetCalls();
    const event = await watcher.next(1000);
    expect(event.data.data.connectorChanged).toMatchObject({ kind: 'UPDATED', id, source: 'LOGTO', connector: { id } });
    expect(Date.parse(event.data.data.connectorChanged.at)).not.toBeNaN();
    // Published, not polled: nothing was read from Logto for it.
    expect(stack.logtoCalls()).toBe(0);
    // Another source's subscriber gets nothing.
    await sleep(100);
    expect(other.pending(), 'another source').toEqual([]);

    const deleted = await stack.gql('mutation($id: ID!) { deleteConnector(id: $id) }', { id }, as(KEYS.editor));
    expect(deleted.body.errors).toBeUndefined();
    const gone = await watcher.next(1000);
    expect(gone.data.data.connectorChanged).toMatchObject({ kind: 'DELETED', id, source: 'LOGTO', connector: null });
  });
});

describe('authorization and limits', () => {
  it("refuses a scoped caller another source's ids or sources before any poll (403 FORBIDDEN)", async () => {
    const sailpointId = encodeGlobalId('ScriptConnector', stack.sailpoint.store.list()[0]!.scriptName);
    stack.resetCalls();
    for (const [query, variables] of [
      [STATUS, { ids: [sailpointId] }],
      [CHANGED, { ids: [sailpointId] }],
      [CHANGED, { sources: ['SAILPOINT'] }],
    ] as const) {
      const s = await sub(query, variables, KEYS.logtoViewer);
      expect(s.status, JSON.stringify(variables)).toBe(403);
      expect(JSON.parse(await s.text()).errors[0].extensions.code).toBe('FORBIDDEN');
    }
    await sleep(IDLE_MS);
    expect(stack.backendCalls()).toBe(0);
  });

  it('refuses a subscription without credentials (401)', async () => {
    const s = await subscribe(stack.gateway.url, CHANGED, {});
    expect(s.status).toBe(401);
  });

  it('caps the subscriptions of one caller (TOO_MANY_SUBSCRIPTIONS), and a closed one frees its place', async () => {
    const streams = [];
    for (let i = 0; i < 4; i++) streams.push(await sub(CHANGED, { sources: ['LOGTO'] }, KEYS.capped));
    const refused = await sub(CHANGED, { sources: ['LOGTO'] }, KEYS.capped);
    const event = await refused.next();
    expect(event.data.errors[0].extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    expect(event.data.errors[0].message).toMatch(/limit per caller is 4/);
    streams[0]!.close();
    await sleep(100);
    const again = await sub(CHANGED, { sources: ['LOGTO'] }, KEYS.capped);
    await sleep(100);
    expect(again.pending()).toEqual([]);
    expect(again.ended()).toBe(false);
    for (const s of [...streams, again]) s.close();
  });

  it('applies the query limits (depth) and serves only subscriptions as a stream', async () => {
    const nested = `subscription { connectorChanged { connector { ... on ScriptConnector { settings { sections { fields { showIf { key } } } } } } } }`;
    const ok = await sub(nested, {});
    expect(ok.status).toBe(200);
    // One level more than GATEWAY_MAX_DEPTH (12): refused before anything runs, as a query would be.
    const deep = `subscription { connectorChanged { connector { ... on AppConnector { app { connectors { edges { node { app { connectors { edges { node { app { id } } } } } } } } } } } } }`;
    const refused = await sub(deep, {});
    expect(refused.status).toBe(400);
    expect(JSON.parse(await refused.text()).errors[0].message).toMatch(/depth/i);
    const query = await sub('{ connectors(first: 1) { edges { node { id } } } }', {});
    expect(query.status).toBe(400);
    expect(JSON.parse(await query.text()).errors[0].message).toMatch(/Only subscriptions/);
    const plain = await stack.gql('subscription { connectorChanged { id } }', {}, as(KEYS.editor));
    expect(plain.status).toBe(400);
    expect(plain.body.errors?.[0]?.message).toMatch(/Server-Sent Events/);
    const invalid = await sub('subscription { connectorChanged { nope } }', {});
    expect(invalid.status).toBe(400);
    expect(JSON.parse(await invalid.text()).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('shutdown', () => {
  it('completes open streams and stops', async () => {
    const s = await sub(CHANGED, { sources: ['LOGTO'] });
    await sleep(50);
    const started = performance.now();
    stopped = true;
    await stack.stop();
    expect(performance.now() - started).toBeLessThan(5000);
    const last = await s.next(1000);
    expect(last.event).toBe('complete');
  });
});
