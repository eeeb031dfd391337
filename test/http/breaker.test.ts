/**
 * Breakers count only the source's failures: what a caller causes (a value too deep to serialise, an invalid id,
 * a query value that is not well-formed, inputs a source refuses with a 4xx, a token endpoint refusing the
 * credentials) never opens a source's circuit breaker and never makes `/readyz` report the source down. The
 * breaker threshold is low (3) so that counting any of them would open it; a last check shows 5xx still do.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logger.js';
import { UpstreamClient } from '../../src/http/upstream.js';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

const ROUNDS = 20;
const BREAKER = '3/10s';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ UPSTREAM_BREAKER: BREAKER });
  return () => stack.stop();
});
beforeEach(() => {
  stack.sailpoint.clearFaults();
  stack.logto.clearFaults();
  stack.conductorone.clearFaults();
  stack.resetCalls();
});

/** A JSON text nested `depth` levels deep (JSON.stringify itself would overflow the stack building it). */
function deepJson(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** POSTs `{"query": query, "variables": {"v": <raw JSON text>}}`. */
async function postRaw(query: string, rawValue: string): Promise<{ status: number; body: { errors?: { extensions?: Record<string, unknown> }[] } }> {
  const res = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"query":${JSON.stringify(query)},"variables":{"v":${rawValue}}}`,
  });
  return { status: res.status, body: (await res.json()) as never };
}

async function readyz(): Promise<{ status: number; body: { status: string; sources: Record<string, { status: string; breaker: string }> } }> {
  const res = await fetch(new URL('/readyz', stack.gateway.url));
  return { status: res.status, body: (await res.json()) as never };
}

async function expectAllClosedAndReady(): Promise<void> {
  const ready = await readyz();
  expect(ready.body.sources).toMatchObject({
    SAILPOINT: { status: 'up', breaker: 'closed' },
    LOGTO: { status: 'up', breaker: 'closed' },
    CONDUCTORONE: { status: 'up', breaker: 'closed' },
  });
  expect(ready.status).toBe(200);
}

describe('caller errors never open a breaker', () => {
  it('a JSON value too deep to serialise: BAD_USER_INPUT, nothing sent, breaker closed, ready', async () => {
    const cases = [
      `mutation($v: JSON) { patchScriptConnector(scriptName: "openldap", operations: [{ op: add, path: "/connectorMetadata/x", value: $v }]) { id } }`,
      `mutation($v: JSONObject) { createLoginConnector(input: { connectorId: "oidc", config: $v }) { id } }`,
      `mutation($v: JSONObject) { updateAppConnector(input: { appId: "2afML2Int2TCuGdC4eAwSVm5A0N", id: "2afNJLqXPtMbxCDBXC0N58WgCMn", config: $v }) { id } }`,
    ];
    for (let i = 0; i < ROUNDS; i++) {
      for (const query of cases) {
        // 20 000 levels overflow JSON.stringify; 33 is just past the bound.
        for (const value of [deepJson(20_000), deepJson(33)]) {
          const res = await postRaw(query, value);
          expect(res.body.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
          expect(res.status).toBe(400);
        }
      }
    }
    expect(stack.backendCalls()).toBe(0);
    await expectAllClosedAndReady();
  });

  it('invalid ids and values that are not well-formed: BAD_USER_INPUT, nothing sent, breaker closed, ready', async () => {
    for (let i = 0; i < ROUNDS; i++) {
      for (const [query, variables] of [
        ['query($v: String!) { scriptConnector(scriptName: $v) { id } }', { v: '..' }],
        ['mutation($v: String!) { deleteLoginConnector(id: $v) }', { v: '%2e%2e' }],
        ['query($v: String!) { appConnectors(appId: $v) { edges { cursor } } }', { v: 'a/b' }],
        ['query($v: String) { scriptConnectors(filters: $v) { edges { cursor } } }', { v: 'name co "\uD800"' }],
      ] as const) {
        const res = await stack.gql(query, variables);
        expect(res.body.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
      }
    }
    expect(stack.backendCalls()).toBe(0);
    await expectAllClosedAndReady();
  });

  it('inputs the sources answer with a 4xx: the error, breaker closed, ready', async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const sp = await stack.gql('mutation { deleteScriptConnector(scriptName: "no-such-connector") }');
      expect(sp.body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', source: 'SAILPOINT' });
      const c1 = await stack.gql('{ appConnectors(appId: "no-such-app") { edges { cursor } } }');
      expect(c1.body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', source: 'CONDUCTORONE' });
      const lg = await stack.gql('mutation { updateLoginConnector(id: "no-such-connector", input: { syncProfile: true }) { id } }');
      expect(lg.body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', source: 'LOGTO' });
    }
    // Every 4xx a source may answer for a caller's input.
    for (const status of [400, 409, 412, 413, 415, 422]) {
      stack.sailpoint.injectFault({ match: { method: 'POST', pathPrefix: '/v3/connectors' }, status, count: ROUNDS });
      for (let i = 0; i < ROUNDS; i++) {
        const res = await stack.gql(`mutation { createScriptConnector(input: { name: "Refused ${status} ${i}", className: "x" }) { id } }`);
        expect(res.body.errors![0]!.extensions).toMatchObject({ source: 'SAILPOINT', upstreamStatus: status });
      }
    }
    expect(stack.backendCalls()).toBeGreaterThan(3 * ROUNDS);
    await expectAllClosedAndReady();
  });

  it('a token endpoint that refuses the credentials (4xx) does not open the breaker either', async () => {
    const s = await startTestStack({ UPSTREAM_BREAKER: BREAKER });
    try {
      s.logto.injectFault({ match: { pathPrefix: '/oidc/token' }, status: 400, count: Infinity });
      for (let i = 0; i < ROUNDS; i++) {
        const res = await s.gql('{ connectorFactories { id } }');
        expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', source: 'LOGTO' });
      }
      expect(s.gateway.sources.breakers().LOGTO).toBe('closed');
    } finally {
      await s.stop();
    }
  });

  it('while 5xx answers still open it (the threshold is low enough to notice)', async () => {
    stack.logto.injectFault({ match: { pathPrefix: '/api/' }, status: 500, count: Infinity });
    for (let i = 0; i < 3; i++) await stack.gql('{ connectorFactories { id } }');
    expect(stack.gateway.sources.breakers().LOGTO).toBe('open');
  });
});

describe('UpstreamClient: the request is built before the breaker', () => {
  it('a body too deep to serialise or a query value with a lone surrogate is BAD_USER_INPUT, nothing sent, never counted', async () => {
    const config = loadConfig({ NODE_ENV: 'test', UPSTREAM_BREAKER: BREAKER, UPSTREAM_RETRIES: '0' });
    const client = new UpstreamClient({
      source: 'SAILPOINT',
      baseUrl: stack.sailpoint.url,
      config: config.sources.SAILPOINT!.upstream,
      logger: createLogger('silent'),
    });
    const deep: Record<string, unknown> = {};
    let at = deep;
    for (let i = 0; i < 20_000; i++) at = at.a = {};
    try {
      for (let i = 0; i < ROUNDS; i++) {
        await expect(client.request({ method: 'POST', path: '/connectors', json: deep })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
        await expect(client.request({ method: 'GET', path: '/connectors', query: { filters: 'name co "\uD800"' } })).rejects.toMatchObject({
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      expect(stack.apiCalls()).toBe(0);
      expect(client.breakerState()).toBe('closed');
    } finally {
      await client.close();
    }
  });
});
