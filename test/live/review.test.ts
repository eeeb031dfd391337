/**
 * Attacker's review of live updates (issue 19): each test here showed a hole found in review and failed until it
 * was fixed (a stream outliving its caller's token; an event's nested fields read from an earlier event's cache).
 * Real HTTP on loopback against the sandboxes, as test/live/live.test.ts.
 */
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/globalId.js';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import { startJwks, type TestJwks } from '../helpers/jwks.js';
import { subscribe, type EventStream } from '../helpers/sse.js';

const sha = (key: string) => createHash('sha256').update(key).digest('hex');
const KEYS = { editor: 'review-editor-key-5f6e7d8c', viewer: 'review-viewer-key-9a8b7c6d', sailpointViewer: 'review-sp-viewer-key-1e2d3c4b' };
/** SailPoint's budget in these tests: a bucket of 40, refilled at 20 a second. */
const SAILPOINT_RATE = '40/2s';
const IDLE_MS = 200;
const ISSUER = 'https://issuer.review.test';
const AUDIENCE = 'connector-gateway';
const CHANGED = `subscription($ids: [ID!], $sources: [ConnectorSource!]) {
  connectorChanged(ids: $ids, sources: $sources) { kind id source connector { id displayName } }
}`;

let stack: TestStack;
let jwks: TestJwks;
const open: EventStream[] = [];
const as = (key: string) => ({ 'x-api-key': key });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function jwt(roles: string[], expiresIn: string): Promise<string> {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject('review-user')
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(jwks.signingKey);
}

beforeAll(async () => {
  jwks = await startJwks();
  stack = await startTestStack(
    {
      GATEWAY_API_KEYS: [`editor:${sha(KEYS.editor)}`, `viewer:${sha(KEYS.viewer)}`, `viewer@sailpoint:${sha(KEYS.sailpointViewer)}`].join(','),
      GATEWAY_JWT_JWKS_URL: jwks.url,
      GATEWAY_JWT_ISSUER: ISSUER,
      GATEWAY_JWT_AUDIENCE: AUDIENCE,
      GATEWAY_LIVE_IDLE_MS: String(IDLE_MS),
      GATEWAY_LIVE_ACTIVE_MS: '100',
      GATEWAY_LIVE_MAX_PER_CALLER: '3',
      UPSTREAM_DEDUPE: 'false',
      SAILPOINT_RATE_LIMIT: SAILPOINT_RATE,
    },
    { conductorone: { syncDurationMs: 1200 } },
  );
  for (const key of Object.values(KEYS)) stack.registerSecret(key);
});

afterEach(async () => {
  for (const s of open.splice(0)) s.close();
  await sleep(50);
});

afterAll(async () => {
  await stack.stop();
  jwks.close();
});

describe('review: credentials that end', () => {
  it("a JWT caller's subscription ends when its token expires, instead of receiving changes for ever", async () => {
    const logto = stack.logto.store.connectors()[0]!;
    const id = encodeGlobalId('LoginConnector', logto.id);
    const token = await jwt(['viewer'], '2s');
    stack.registerSecret(token);
    const s = await subscribe(stack.gateway.url, CHANGED, { sources: ['LOGTO'] }, { authorization: `Bearer ${token}` });
    open.push(s);
    expect(s.status).toBe(200);
    // Its token is expired now: a query with it is refused ...
    await sleep(3000);
    const query = await stack.gql('{ connectors(first: 1) { edges { node { id } } } }', {}, { authorization: `Bearer ${token}` });
    expect(query.status).toBe(401);
    // ... but the stream it opened still gets another caller's change.
    const patched = await stack.gql(
      'mutation($id: ID!, $ops: [JsonPatchOperationInput!]!) { patchConnector(id: $id, operations: $ops) { id } }',
      { id, ops: [{ op: 'replace', path: '/syncProfile', value: !logto.syncProfile }] },
      as(KEYS.editor),
    );
    expect(patched.body.errors).toBeUndefined();
    await sleep(300);
    const events = s.pending();
    const received = events.filter((e) => e.event === 'next' && e.data?.data?.connectorChanged);
    expect(received, 'changes delivered after the token expired').toEqual([]);
    // The stream ended when the token expired, saying why.
    expect(s.ended()).toBe(true);
    expect(events.map((e) => e.event)).toEqual(['next', 'complete']);
    expect(events[0]!.data.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('review: the context of a long-lived subscription', () => {
  it("shows each event's nested fields as they are at that event, not as the subscription's first event cached them", async () => {
    const GITHUB = '2azhamzptLx9h3diiWeNw0zl3ts';
    const GH_ACME = '2aziRdLGpPPstwx9mXOqZejqv1v';
    const id = encodeGlobalId('AppConnector', GITHUB, GH_ACME);
    const query = `subscription($ids: [ID!]!) { connectorStatusChanged(ids: $ids) {
      id ... on AppConnector { connectorStatus { status } app { connectors(first: 50) { edges { node { id connectorStatus { status } } } } } }
    } }`;
    const s = await subscribe(stack.gateway.url, query, { ids: [id] }, as(KEYS.viewer));
    open.push(s);
    await sleep(100);
    const sync = await stack.gql(
      'mutation($appId: String!, $id: String!) { syncAppConnector(appId: $appId, id: $id) { id } }',
      { appId: GITHUB, id: GH_ACME },
      as(KEYS.editor),
    );
    expect(sync.body.errors).toBeUndefined();
    const nested = (event: { data: any }) =>
      (event.data.data.connectorStatusChanged.app.connectors.edges as { node: { id: string; connectorStatus: { status: string } } }[]).find(
        (e) => e.node.id === id,
      )?.node.connectorStatus.status;
    const running = await s.next(2000);
    expect(running.data.data.connectorStatusChanged.connectorStatus.status).toBe('RUNNING');
    expect(nested(running)).toBe('RUNNING');
    const done = await s.next(4000);
    expect(done.data.data.connectorStatusChanged.connectorStatus.status).toBe('DONE');
    // The same connector, read through the subscription's context in the same event: it must say DONE too.
    expect(nested(done)).toBe('DONE');
  });
});
