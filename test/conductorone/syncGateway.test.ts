/**
 * `syncAppConnector` end to end (gateway → ConductorOne sandbox over loopback HTTP): the connector comes back
 * RUNNING, a later read shows DONE with completedAt (or ERROR with lastError); a viewer is refused before any call;
 * an unknown connector is NOT_FOUND as for updateAppConnector; ids are checked before any call; the sync waits for a
 * write of the same connector in flight (the write lock).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

const SYNC_MS = 300;
const sha = (key: string) => createHash('sha256').update(key).digest('hex');
const KEYS = { editor: 'sync-editor-key-0123456789abcdef', viewer: 'sync-viewer-key-0123456789abcdef', c1Editor: 'sync-c1-editor-key-0123456789ab' };
const as = (key: string) => ({ 'x-api-key': key });

const GITHUB = '2azhamzptLx9h3diiWeNw0zl3ts';
const GH_ACME = '2aziRdLGpPPstwx9mXOqZejqv1v'; // DONE in the seed
const GH_OSS = '2fuJCPBwWtBpQ0f9M67cZ8yxKh7'; // ERROR in the seed
const GH_ARCHIVE = '2i3TXTCy7cFkqwfad7ySXlyT82u'; // sync disabled

const STATUS = 'connectorStatus { status startedAt completedAt updatedAt lastError }';
const SYNC = `mutation($appId: String!, $id: String!) { syncAppConnector(appId: $appId, id: $id) { nativeId appId ${STATUS} } }`;
const READ = `query($appId: String!, $id: String!) { appConnector(appId: $appId, id: $id) { ${STATUS} } }`;

interface Status {
  status: string;
  startedAt: string | null;
  completedAt: string | null;
  updatedAt: string | null;
  lastError: string | null;
}

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack(
    { GATEWAY_API_KEYS: [`editor:${sha(KEYS.editor)}`, `viewer:${sha(KEYS.viewer)}`, `editor@conductorone:${sha(KEYS.c1Editor)}`].join(',') },
    { conductorone: { syncDurationMs: SYNC_MS } },
  );
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.conductorone.reset();
  stack.resetCalls();
});

/** Reads the connector's status through the gateway until it is no longer RUNNING (at most 5 s). */
async function settled(appId: string, id: string): Promise<Status> {
  for (let waited = 0; waited < 5000; waited += 50) {
    const { body } = await stack.gql(READ, { appId, id }, as(KEYS.editor));
    expect(body.errors).toBeUndefined();
    const status = body.data!.appConnector.connectorStatus as Status;
    if (status.status !== 'RUNNING') return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the sync of ${id} did not end within 5 s`);
}

describe('syncAppConnector', () => {
  it('starts a sync and returns the connector RUNNING; a later read shows DONE with completedAt', async () => {
    const seeded = stack.conductorone.store.connector(GITHUB, GH_ACME)!.status;
    const t0 = Date.now();
    const { body } = await stack.gql(SYNC, { appId: GITHUB, id: GH_ACME }, as(KEYS.c1Editor));
    expect(body.errors).toBeUndefined();
    const started = body.data!.syncAppConnector;
    expect(started).toMatchObject({ nativeId: GH_ACME, appId: GITHUB, connectorStatus: { status: 'RUNNING', lastError: null } });
    expect(Date.parse(started.connectorStatus.startedAt)).toBeGreaterThanOrEqual(t0 - 1000);
    // While it runs, completedAt is the last finished sync's.
    expect(started.connectorStatus.completedAt).toBe(new Date(seeded.completedAt!).toISOString());
    // One ForceSync, then one read of the connector.
    expect(stack.c1Calls({ method: 'POST', pathIncludes: '/force_sync' })).toBe(1);
    expect(stack.c1Calls({ method: 'GET' })).toBe(1);
    expect(stack.c1Calls()).toBe(2);

    const done = await settled(GITHUB, GH_ACME);
    expect(done).toMatchObject({ status: 'DONE', startedAt: started.connectorStatus.startedAt, lastError: null });
    expect(Date.parse(done.completedAt!)).toBeGreaterThan(Date.parse(seeded.completedAt!));
    expect(Date.parse(done.completedAt!) - Date.parse(done.startedAt!)).toBeGreaterThanOrEqual(SYNC_MS - 5);
    expect(done.updatedAt).toBe(done.completedAt);
  });

  it('ends the connector seeded to fail in ERROR with lastError', async () => {
    const seeded = stack.conductorone.store.connector(GITHUB, GH_OSS)!.status;
    const { body } = await stack.gql(SYNC, { appId: GITHUB, id: GH_OSS }, as(KEYS.editor));
    expect(body.errors).toBeUndefined();
    expect(body.data!.syncAppConnector.connectorStatus.status).toBe('RUNNING');
    const ended = await settled(GITHUB, GH_OSS);
    expect(ended).toMatchObject({ status: 'ERROR', lastError: seeded.lastError });
    expect(Date.parse(ended.completedAt!)).toBeGreaterThan(Date.parse(seeded.completedAt!));
  });

  it('refuses a viewer with FORBIDDEN and sends nothing', async () => {
    const res = await stack.gql(SYNC, { appId: GITHUB, id: GH_ACME }, as(KEYS.viewer));
    expect(res.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(res.body.data ?? null).toBeNull();
    expect(stack.backendCalls()).toBe(0);
    expect(stack.conductorone.store.connector(GITHUB, GH_ACME)!.status.status).toBe('SYNC_STATUS_DONE');
  });

  it('says NOT_FOUND for an unknown connector, as updateAppConnector does', async () => {
    const sync = await stack.gql(SYNC, { appId: GITHUB, id: '2zzzzzzzzzzzzzzzzzzzzzzzzzz' }, as(KEYS.editor));
    expect(sync.body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', source: 'CONDUCTORONE', upstreamStatus: 404 });
    const update = await stack.gql(
      `mutation { updateAppConnector(input: { appId: "${GITHUB}", id: "2zzzzzzzzzzzzzzzzzzzzzzzzzz", displayName: "x" }) { id } }`,
      {},
      as(KEYS.editor),
    );
    expect(update.body.errors![0]!.extensions!.code).toBe(sync.body.errors![0]!.extensions!.code);
  });

  it('refuses a connector whose sync is disabled, naming ConductorOne’s reason', async () => {
    const { body } = await stack.gql(SYNC, { appId: GITHUB, id: GH_ARCHIVE }, as(KEYS.editor));
    expect(body.errors![0]!.extensions).toMatchObject({ source: 'CONDUCTORONE', upstreamStatus: 400, vendorCode: 'FAILED_PRECONDITION' });
    expect(body.errors![0]!.message).toMatch(/sync is disabled/);
  });

  it.each([
    ['a path in the id', { appId: GITHUB, id: '../x' }, 'id'],
    ['an empty app id', { appId: '', id: GH_ACME }, 'appId'],
    ['a global id', { appId: GITHUB, id: 'QXBwQ29ubmVjdG9yOlsiYSIsImIiXQ==' }, 'id'],
  ])('refuses %s with BAD_USER_INPUT before any call', async (_what, vars, argumentName) => {
    const { body } = await stack.gql(SYNC, vars, as(KEYS.editor));
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
    expect(stack.backendCalls()).toBe(0);
  });

  it('waits for an update of the same connector in flight (its write lock), then syncs', async () => {
    // A config update reads the connector, then writes it: ~150 ms + ~150 ms. The sync asked for 30 ms in must not
    // reach ConductorOne between the two.
    stack.conductorone.setLatency(150);
    try {
      const update = stack.gql(
        `mutation { updateAppConnector(input: { appId: "${GITHUB}", id: "${GH_ACME}", config: { note: "changed before the sync" } }) { id } }`,
        {},
        as(KEYS.editor),
      );
      await new Promise((resolve) => setTimeout(resolve, 30));
      const sync = stack.gql(SYNC, { appId: GITHUB, id: GH_ACME }, as(KEYS.editor));
      const [u, s] = await Promise.all([update, sync]);
      expect(u.body.errors).toBeUndefined();
      expect(s.body.errors).toBeUndefined();
    } finally {
      stack.conductorone.setLatency(0);
    }
    const calls = stack.conductorone.log
      .entries()
      .filter((e) => e.path.startsWith('/api/'))
      .map((e) => `${e.method} ${e.path.endsWith('/force_sync') ? 'force_sync' : 'connector'}`);
    // The update's read and write reached the sandbox before the ForceSync.
    expect(calls.slice(0, 2)).toEqual(['GET connector', 'POST connector']);
    expect(calls.indexOf('POST connector')).toBeLessThan(calls.indexOf('POST force_sync'));
  });
});
