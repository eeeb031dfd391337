/**
 * The ConductorOne sandbox's ForceSync over real HTTP (`POST /api/v1/apps/{app_id}/connectors/{connector_id}/force_sync`):
 * RUNNING at once, then DONE (or ERROR with `lastError`) after the sandbox's sync duration, with the vendor's
 * `ConnectorStatus` timestamps; joining a running sync; the failing, disabled and unknown connectors; timers that stop
 * on reset and close.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startConductorOneSandbox, type ConductorOneSandbox } from '../../src/sources/conductorone/sandbox/server.js';
import { NO_CONFIG_SYNC_ERROR } from '../../src/sources/conductorone/sandbox/sync.js';
import type { C1ConnectorServiceGetResponse, C1ConnectorStatusWire, C1ErrorWire, C1TokenWire } from '../../src/sources/conductorone/types.js';

const SYNC_MS = 250;
const GITHUB = '2azhamzptLx9h3diiWeNw0zl3ts';
const GH_ACME = '2aziRdLGpPPstwx9mXOqZejqv1v'; // DONE
const GH_ACME_LABS = '2ccnBkIyyVmESMZLy7fuM8FPmXB'; // RUNNING in the seed
const GH_OSS = '2fuJCPBwWtBpQ0f9M67cZ8yxKh7'; // ERROR in the seed
const GH_ARCHIVE = '2i3TXTCy7cFkqwfad7ySXlyT82u'; // DISABLED
const GH_ACQUISITIONS = '2xgS0ZiMZRlOG2boAqECIv4MHUy'; // delegated: no config

let sb: ConductorOneSandbox;
let token: string;

async function tokenFor(target: ConductorOneSandbox): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: target.clientId, client_secret: target.clientSecret });
  const res = await fetch(`${target.origin}/auth/v1/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  return ((await res.json()) as C1TokenWire).access_token;
}

function forceSync(appId: string, id: string, body: string | null = '{}', target = sb, bearer = token): Promise<Response> {
  return fetch(`${target.url}/api/v1/apps/${appId}/connectors/${id}/force_sync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    ...(body === null ? {} : { body }),
  });
}

async function statusOf(appId: string, id: string): Promise<C1ConnectorStatusWire> {
  const res = await fetch(`${sb.url}/api/v1/apps/${appId}/connectors/${id}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as C1ConnectorServiceGetResponse).connectorView?.connector?.status ?? {};
}

/** Reads the status until it is no longer RUNNING (at most 5 s). */
async function settled(appId: string, id: string): Promise<C1ConnectorStatusWire> {
  for (let waited = 0; waited < 5000; waited += 25) {
    const status = await statusOf(appId, id);
    if (status.status !== 'SYNC_STATUS_RUNNING') return status;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the sync of ${id} did not end within 5 s`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  sb = await startConductorOneSandbox({ syncDurationMs: SYNC_MS });
  token = await tokenFor(sb);
});
afterAll(() => sb.close());
beforeEach(() => {
  sb.reset();
});

describe('POST /api/v1/apps/{app_id}/connectors/{connector_id}/force_sync', () => {
  it('answers {} and runs the sync: RUNNING at once, DONE after the sync duration, with the vendor’s timestamps', async () => {
    const before = sb.store.connector(GITHUB, GH_ACME)!;
    const t0 = Date.now();
    const res = await forceSync(GITHUB, GH_ACME);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    const running = await statusOf(GITHUB, GH_ACME);
    expect(running.status).toBe('SYNC_STATUS_RUNNING');
    const startedAt = Date.parse(running.startedAt!);
    expect(startedAt).toBeGreaterThanOrEqual(t0 - 1000);
    expect(running.updatedAt).toBe(running.startedAt);
    // While it runs, completedAt is still the last finished sync's.
    expect(running.completedAt).toBe(before.status.completedAt);

    const done = await settled(GITHUB, GH_ACME);
    const elapsed = Date.now() - t0;
    expect(done).toEqual({ status: 'SYNC_STATUS_DONE', startedAt: running.startedAt, completedAt: done.updatedAt, updatedAt: done.completedAt, lastError: '' });
    expect(Date.parse(done.completedAt!) - startedAt).toBeGreaterThanOrEqual(SYNC_MS - 5);
    expect(elapsed).toBeGreaterThanOrEqual(SYNC_MS - 5);
    // A sync changes the connector's status, not the connector: its own updatedAt stays.
    expect(sb.store.connector(GITHUB, GH_ACME)!.updatedAt).toBe(before.updatedAt);
  });

  it('also takes an empty body', async () => {
    expect((await forceSync(GITHUB, GH_ACME, null)).status).toBe(200);
    expect((await statusOf(GITHUB, GH_ACME)).status).toBe('SYNC_STATUS_RUNNING');
  });

  it('joins a sync it already runs: {} again, nothing restarts', async () => {
    await forceSync(GITHUB, GH_ACME);
    const first = await statusOf(GITHUB, GH_ACME);
    await sleep(20);
    expect((await forceSync(GITHUB, GH_ACME)).status).toBe(200);
    expect(await statusOf(GITHUB, GH_ACME)).toEqual(first);
    const done = await settled(GITHUB, GH_ACME);
    expect(done.startedAt).toBe(first.startedAt);
    expect(done.status).toBe('SYNC_STATUS_DONE');
  });

  it('starts a new sync over a seeded RUNNING status (no run behind it) and finishes it', async () => {
    const seeded = sb.store.connector(GITHUB, GH_ACME_LABS)!.status;
    expect(seeded.status).toBe('SYNC_STATUS_RUNNING');
    await forceSync(GITHUB, GH_ACME_LABS);
    const running = await statusOf(GITHUB, GH_ACME_LABS);
    expect(Date.parse(running.startedAt!)).toBeGreaterThan(Date.parse(seeded.startedAt!));
    expect((await settled(GITHUB, GH_ACME_LABS)).status).toBe('SYNC_STATUS_DONE');
  });

  it('ends a connector whose last sync failed (config unchanged since) in ERROR with the same lastError', async () => {
    const seeded = sb.store.connector(GITHUB, GH_OSS)!.status;
    expect(seeded.status).toBe('SYNC_STATUS_ERROR');
    await forceSync(GITHUB, GH_OSS);
    const running = await statusOf(GITHUB, GH_OSS);
    expect(running.status).toBe('SYNC_STATUS_RUNNING');
    const ended = await settled(GITHUB, GH_OSS);
    expect(ended).toMatchObject({ status: 'SYNC_STATUS_ERROR', startedAt: running.startedAt, lastError: seeded.lastError });
    expect(Date.parse(ended.completedAt!)).toBeGreaterThan(Date.parse(seeded.completedAt!));
    expect(ended.updatedAt).toBe(ended.completedAt);
  });

  it('syncs the failing connector DONE once its config has changed', async () => {
    const stored = sb.store.connector(GITHUB, GH_OSS)!;
    const res = await fetch(`${sb.url}/api/v1/apps/${GITHUB}/connectors/${GH_OSS}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ connector: { config: stored.config }, updateMask: 'config' }),
    });
    expect(res.status).toBe(200);
    await forceSync(GITHUB, GH_OSS);
    expect(await settled(GITHUB, GH_OSS)).toMatchObject({ status: 'SYNC_STATUS_DONE', lastError: '' });
  });

  it('ends a connector without config in ERROR', async () => {
    await forceSync(GITHUB, GH_ACQUISITIONS);
    expect(await settled(GITHUB, GH_ACQUISITIONS)).toMatchObject({ status: 'SYNC_STATUS_ERROR', lastError: NO_CONFIG_SYNC_ERROR });
  });

  it('refuses a connector whose sync is disabled with 400 code 9 (FAILED_PRECONDITION) and changes nothing', async () => {
    const before = sb.store.connector(GITHUB, GH_ARCHIVE);
    const res = await forceSync(GITHUB, GH_ARCHIVE);
    expect(res.status).toBe(400);
    expect((await res.json()) as C1ErrorWire).toEqual({ code: 9, message: expect.stringMatching(/sync is disabled/), details: [] });
    expect(sb.store.connector(GITHUB, GH_ARCHIVE)).toEqual(before);
  });

  it.each([
    ['an unknown connector', GITHUB, '2zzzzzzzzzzzzzzzzzzzzzzzzzz'],
    ['a connector of another app', '2blImqcBzQhUAenejNEoxAdYi65', GH_ACME],
    ['an unknown app', 'unknown-app', GH_ACME],
  ])('answers 404 code 5 (google.rpc.Status) for %s', async (_what, appId, id) => {
    const res = await forceSync(appId, id);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ code: 5, message: expect.stringMatching(/not found/), details: [] });
  });

  it('answers 400 code 3 to a body that is not a JSON object, and 401 without a token', async () => {
    const bad = await forceSync(GITHUB, GH_ACME, '[1]');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as C1ErrorWire).code).toBe(3);
    expect((await forceSync(GITHUB, GH_ACME, '{}', sb, 'not-a-token')).status).toBe(401);
    expect(sb.store.connector(GITHUB, GH_ACME)!.status.status).toBe('SYNC_STATUS_DONE');
  });

  it('stops its syncs on reset: the reseeded connector keeps its seeded status', async () => {
    const seeded = sb.store.connector(GITHUB, GH_ACME)!.status;
    await forceSync(GITHUB, GH_ACME);
    sb.reset();
    await sleep(SYNC_MS * 2);
    expect(sb.store.connector(GITHUB, GH_ACME)!.status).toEqual(seeded);
  });

  it('stops its syncs on close (and its timers do not hold the process)', async () => {
    const other = await startConductorOneSandbox({ syncDurationMs: SYNC_MS });
    const res = await forceSync(GITHUB, GH_ACME, '{}', other, await tokenFor(other));
    expect(res.status).toBe(200);
    await other.close();
    await sleep(SYNC_MS * 2);
    expect(other.store.connector(GITHUB, GH_ACME)!.status.status).toBe('SYNC_STATUS_RUNNING');
  });

  it('refuses a negative sync duration', async () => {
    await expect(startConductorOneSandbox({ syncDurationMs: -1 })).rejects.toThrow(RangeError);
  });
});
