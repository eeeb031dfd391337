import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import { createSailPointSeed } from '../../src/sources/sailpoint/sandbox/seed.js';

const seed = createSailPointSeed();
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.sailpoint.clearFaults();
  stack.resetCalls();
});

const ONE = `query($s: String!) { scriptConnector(scriptName: $s) { name applicationXml } }`;

describe('upstream error mapping', () => {
  it('maps a 500 to UPSTREAM_UNAVAILABLE without the upstream body, and logs the detail with the request id', async () => {
    stack.sailpoint.injectFault({
      match: { pathPrefix: '/v3/connectors/' },
      status: 500,
      body: { detailCode: '500.0 Internal Fault', messages: [{ text: 'NullPointerException at com.sailpoint.Secret' }] },
    });
    const res = await stack.gql(ONE, { s: seed[0]!.scriptName }, { 'x-request-id': 'test-req-500' });
    expect(res.status).toBe(200);
    expect(res.body.errors![0]!.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', source: 'SAILPOINT', upstreamStatus: 500, requestId: 'test-req-500' });
    expect(JSON.stringify(res.body)).not.toContain('NullPointerException');
    const line = stack.logs.find((l) => l.includes('test-req-500') && l.includes('upstream request failed'));
    expect(line).toContain('NullPointerException');
  });

  it('maps a 403 to FORBIDDEN and a 404 on the detail to null', async () => {
    stack.sailpoint.injectFault({ match: { pathPrefix: '/v3/connectors/' }, status: 403 });
    const forbidden = await stack.gql(ONE, { s: seed[0]!.scriptName });
    expect(forbidden.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', upstreamStatus: 403 });
    const missing = await stack.gql(ONE, { s: 'not-there' });
    expect(missing.body).toEqual({ data: { scriptConnector: null } });
  });

  it('maps a body that is not JSON to UPSTREAM_BAD_RESPONSE', async () => {
    stack.sailpoint.injectFault({ match: { pathPrefix: '/v3/connectors' }, malformed: true });
    const res = await stack.gql(`{ scriptConnectors(first: 2) { edges { node { id } } } }`);
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', source: 'SAILPOINT' });
  });

  it('maps a dropped connection to UPSTREAM_UNAVAILABLE', async () => {
    stack.sailpoint.injectFault({ match: { pathPrefix: '/v3/connectors' }, reset: true, count: Infinity });
    const res = await stack.gql(`{ scriptConnectors(first: 2) { edges { node { id } } } }`);
    // Through the contract proxy (npm run test:contract) the reset arrives as the proxy's 502.
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', source: 'SAILPOINT' });
  });

  it('refreshes the token once after a 401 and retries once', async () => {
    stack.sailpoint.injectFault({ match: { pathPrefix: '/v3/connectors' }, status: 401, body: { error: 'JWT validation failed: JWT is expired' } });
    const res = await stack.gql(`{ scriptConnectors(first: 2) { edges { node { id } } } }`);
    expect(res.body.errors).toBeUndefined();
    expect(stack.apiCalls()).toBe(2);
    expect(stack.sailpoint.log.count({ path: '/oauth/token' })).toBe(1);
  });

  it('maps a second 401 to UNAUTHENTICATED', async () => {
    stack.sailpoint.injectFault({ match: { pathPrefix: '/v3/connectors' }, status: 401, count: 2 });
    const res = await stack.gql(`{ scriptConnectors(first: 2) { edges { node { id } } } }`);
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', source: 'SAILPOINT', upstreamStatus: 401 });
  });
});

describe('gateway credentials refused', () => {
  it('maps refused client credentials to UNAUTHENTICATED and makes no API call', async () => {
    const bad = await startTestStack({ SAILPOINT_CLIENT_SECRET: 'wrong-secret' });
    try {
      const res = await bad.gql(`{ scriptConnectors(first: 2) { edges { node { id } } } }`);
      expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', source: 'SAILPOINT', upstreamStatus: 401 });
      expect(bad.apiCalls()).toBe(0);
      expect(bad.logs.join('\n')).not.toContain('wrong-secret');
    } finally {
      await bad.stop();
    }
  });
});

describe('health', () => {
  it('answers /healthz and /readyz with each source', async () => {
    const origin = new URL(stack.gateway.url).origin;
    expect(await (await fetch(`${origin}/healthz`)).json()).toEqual({ status: 'ok' });
    // /readyz answers from the last exchange with SailPoint (the tests above end some with faults): a good one.
    expect((await stack.gql(ONE, { s: seed[0]!.scriptName })).body.errors).toBeUndefined();
    const ready = await fetch(`${origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', sources: { SAILPOINT: { status: 'up' } } });
  });
});

describe('in-flight deduplication', () => {
  const LIST = `{ scriptConnectors(first: 3) { edges { node { id } } } }`;

  it('shares one backend call among identical concurrent queries', async () => {
    await stack.gql(LIST); // a token in hand, so the five below arrive together
    stack.resetCalls();
    stack.sailpoint.injectFault({ match: { pathPrefix: '/v3/connectors' }, delayMs: 150 });
    const answers = await Promise.all(Array.from({ length: 5 }, () => stack.gql(LIST)));
    for (const a of answers) expect(a.body.data!.scriptConnectors.edges).toHaveLength(3);
    expect(stack.apiCalls()).toBe(1);
  });

  it('makes one call per query when switched off', async () => {
    const off = await startTestStack({ UPSTREAM_DEDUPE: 'false' });
    try {
      await off.gql(LIST);
      off.resetCalls();
      off.sailpoint.injectFault({ match: { pathPrefix: '/v3/connectors' }, delayMs: 150, count: 5 });
      await Promise.all(Array.from({ length: 5 }, () => off.gql(LIST)));
      expect(off.apiCalls()).toBe(5);
    } finally {
      await off.stop();
    }
  });
});

describe('in-flight deduplication and writes', () => {
  it('does not answer a read made after a write with a GET that started before it', async () => {
    const s = 'openldap';
    const READ = `query($s: String!) { scriptConnector(scriptName: $s) { connectorMetadata } }`;
    await stack.gql(READ, { s });
    stack.resetCalls();
    // A slow read is in flight while a patch is made; a read after the patch must see the patched value.
    stack.sailpoint.injectFault({ match: { method: 'GET', pathPrefix: `/v3/connectors/${s}` }, delayMs: 300 });
    const early = stack.gql(READ, { s });
    await new Promise((r) => setTimeout(r, 50));
    const patched = await stack.gql(
      `mutation($s: String!) { patchScriptConnector(scriptName: $s, operations: [{ op: add, path: "/connectorMetadata/marker", value: "after" }]) { id } }`,
      { s },
    );
    expect(patched.body.errors).toBeUndefined();
    const late = await stack.gql(READ, { s });
    expect(late.body.data!.scriptConnector.connectorMetadata.marker).toBe('after');
    await early;
    expect(stack.apiCalls({ method: 'GET' })).toBe(2);
  });
});
