/**
 * "Sync now" watched live, end to end over real HTTP: ConductorOne's ForceSync through `syncAppConnector`, observed
 * from start to finish by two subscribers of `connectorStatusChanged` that share one poller (counted in the
 * sandbox's request log), and a connector seeded to fail ending in ERROR with its lastError.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import { subscribe, type EventStream } from '../helpers/sse.js';

const SYNC_MS = 1500;
const ACTIVE_MS = 200;
const IDLE_MS = 5000;
const KEY = 'forced-sync-editor-key-1f2e3d4c';
const STATUS = `subscription($ids: [ID!]!) {
  connectorStatusChanged(ids: $ids) { id ... on AppConnector { connectorStatus { status startedAt completedAt lastError } } }
}`;

let stack: TestStack;
const open: EventStream[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  stack = await startTestStack(
    {
      GATEWAY_API_KEYS: `editor:${createHash('sha256').update(KEY).digest('hex')}`,
      GATEWAY_LIVE_ACTIVE_MS: String(ACTIVE_MS),
      GATEWAY_LIVE_IDLE_MS: String(IDLE_MS),
    },
    { conductorone: { syncDurationMs: SYNC_MS } },
  );
  stack.registerSecret(KEY);
});
afterAll(async () => {
  for (const s of open) s.close();
  await stack.stop();
});

/** A ConductorOne connector by its native id: its global id and App. */
async function appConnector(nativeId: string): Promise<{ id: string; appId: string; status: string }> {
  const { body } = await stack.gql<any>(
    `{ connectors(sources: [CONDUCTORONE], first: 200) { edges { node { id nativeId ... on AppConnector { appId connectorStatus { status } } } } } }`,
    {},
    { 'x-api-key': KEY },
  );
  const node = body.data.connectors.edges.map((e: any) => e.node).find((n: any) => n.nativeId === nativeId);
  return { id: node.id, appId: node.appId, status: node.connectorStatus?.status };
}

/** Events until one with `status`, each checked to carry no error. */
async function untilStatus(stream: EventStream, status: string, timeoutMs: number): Promise<any[]> {
  const seen: any[] = [];
  const end = Date.now() + timeoutMs;
  for (;;) {
    const event = await stream.next(Math.max(1, end - Date.now()));
    expect(event.event).toBe('next');
    expect(event.data.errors, JSON.stringify(event.data)).toBeUndefined();
    const connector = event.data.data.connectorStatusChanged;
    seen.push(connector.connectorStatus);
    if (connector.connectorStatus.status === status) return seen;
  }
}

describe('a forced sync watched live', () => {
  it('is seen by two subscribers from RUNNING to DONE, with one poller reading it', { timeout: 30_000 }, async () => {
    const okta = await appConnector('2afNJLqXPtMbxCDBXC0N58WgCMn');
    expect(okta.status).toBe('DONE');
    const a = await subscribe(stack.gateway.url, STATUS, { ids: [okta.id] }, { 'x-api-key': KEY });
    const b = await subscribe(stack.gateway.url, STATUS, { ids: [okta.id] }, { 'x-api-key': KEY });
    open.push(a, b);
    expect(a.status).toBe(200);
    await sleep(300);
    stack.resetCalls();
    const started = Date.now();

    const { body } = await stack.gql<any>(
      `mutation($appId: String!, $id: String!) { syncAppConnector(appId: $appId, id: $id) { connectorStatus { status startedAt } } }`,
      { appId: okta.appId, id: '2afNJLqXPtMbxCDBXC0N58WgCMn' },
      { 'x-api-key': KEY },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.syncAppConnector.connectorStatus.status).toBe('RUNNING');

    const [seenA, seenB] = await Promise.all([untilStatus(a, 'DONE', SYNC_MS + 5000), untilStatus(b, 'DONE', SYNC_MS + 5000)]);
    const elapsed = Date.now() - started;
    for (const seen of [seenA, seenB]) {
      // From start to finish: RUNNING first (its start time), then DONE completed after it started.
      expect(seen.map((s) => s.status)).toEqual(['RUNNING', 'DONE']);
      expect(seen[0].startedAt).toBe(body.data.syncAppConnector.connectorStatus.startedAt);
      expect(Date.parse(seen[1].completedAt)).toBeGreaterThan(Date.parse(seen[0].startedAt));
    }
    // One poller's worth of reads: one read when the mutation publishes, then one per ACTIVE_MS while it runs.
    // (A poller per subscriber would read twice as often.)
    const reads = stack.c1Calls({ method: 'GET', pathIncludes: '/connectors/2afNJLqXPtMbxCDBXC0N58WgCMn' });
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(reads).toBeLessThanOrEqual(Math.ceil(elapsed / ACTIVE_MS) + 3);
    // Idle again after DONE: slow polls only.
    stack.resetCalls();
    await sleep(1000);
    expect(stack.c1Calls({ method: 'GET', pathIncludes: '/connectors/2afNJLqXPtMbxCDBXC0N58WgCMn' })).toBeLessThanOrEqual(1);
    expect(a.pending()).toEqual([]);
  });

  it('ends in ERROR with lastError for a connector seeded to fail', { timeout: 30_000 }, async () => {
    const failing = await appConnector('2fuJCPBwWtBpQ0f9M67cZ8yxKh7');
    const stream = await subscribe(stack.gateway.url, STATUS, { ids: [failing.id] }, { 'x-api-key': KEY });
    open.push(stream);
    await sleep(200);
    const { body } = await stack.gql<any>(
      `mutation($appId: String!, $id: String!) { syncAppConnector(appId: $appId, id: $id) { id } }`,
      { appId: failing.appId, id: '2fuJCPBwWtBpQ0f9M67cZ8yxKh7' },
      { 'x-api-key': KEY },
    );
    expect(body.errors).toBeUndefined();
    const seen = await untilStatus(stream, 'ERROR', SYNC_MS + 5000);
    expect(seen.map((s) => s.status)).toEqual(['RUNNING', 'ERROR']);
    expect(seen.at(-1).lastError).toMatch(/\w/);
  });
});
