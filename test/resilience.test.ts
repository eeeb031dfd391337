import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestStack, uploadFile, type TestStack } from './helpers/gateway.js';

/** The fault suite: retries only where safe, Retry-After, the breaker, the rate limiter, request ids. */
let stack: TestStack;

beforeAll(async () => {
  // The breaker has its own test and stack; here it must not open between the faults of one test and the next.
  stack = await startTestStack({ SAILPOINT_DEADLINE_MS: '3000', SAILPOINT_RETRIES: '2', SAILPOINT_BREAKER: '100/1s' });
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.sailpoint.clearFaults();
  stack.resetCalls();
});

const LIST = `{ scriptConnectors(first: 2) { edges { node { id } } } }`;
const ONE = `query($s: String!) { scriptConnector(scriptName: $s) { name } }`;

describe('retries', () => {
  it('retries a GET after 503s and answers', async () => {
    stack.sailpoint.injectFault({ match: { method: 'GET', pathPrefix: '/v3/connectors' }, status: 503, count: 2 });
    const res = await stack.gql(LIST);
    expect(res.body.errors).toBeUndefined();
    expect(stack.apiCalls()).toBe(3);
  });

  it('gives up after the configured retries', async () => {
    stack.sailpoint.injectFault({ match: { method: 'GET', pathPrefix: '/v3/connectors' }, status: 503, count: Infinity });
    const res = await stack.gql(LIST);
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstreamStatus: 503, source: 'SAILPOINT' });
    expect(stack.apiCalls()).toBe(3);
  });

  it('retries a GET after a connection reset', async () => {
    stack.sailpoint.injectFault({ match: { method: 'GET', pathPrefix: '/v3/connectors' }, reset: true, count: 1 });
    const res = await stack.gql(LIST);
    expect(res.body.errors).toBeUndefined();
    expect(stack.apiCalls()).toBe(2);
  });

  it('never sends a create twice', async () => {
    stack.sailpoint.injectFault({ match: { method: 'POST', pathPrefix: '/v3/connectors' }, status: 503, count: Infinity });
    const res = await stack.gql(`mutation { createScriptConnector(input: { name: "Retry Probe", className: "x" }) { id } }`);
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstreamStatus: 503 });
    expect(stack.apiCalls({ method: 'POST' })).toBe(1);
  });

  it('never sends a PATCH twice, even after a reset', async () => {
    stack.sailpoint.injectFault({ match: { method: 'PATCH' }, reset: true, count: Infinity });
    const res = await stack.gql(
      `mutation { patchScriptConnector(scriptName: "openldap", operations: [{ op: add, path: "/connectorMetadata/x", value: 1 }]) { id } }`,
    );
    expect(res.body.errors![0]!.extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(stack.apiCalls({ method: 'PATCH' })).toBe(1);
  });

  it('retries a file PUT (idempotent) after a 503', async () => {
    stack.sailpoint.injectFault({ match: { method: 'PUT' }, status: 503, count: 1 });
    const res = await uploadFile(
      stack.gateway.url,
      `mutation($file: Upload!) { uploadScriptConnectorFile(scriptName: "openldap", kind: SOURCE_TEMPLATE, file: $file) { status } }`,
      {},
      { name: 't.xml', content: '<Application name="retry"/>' },
    );
    expect(res.body.errors).toBeUndefined();
    expect(stack.apiCalls({ method: 'PUT' })).toBe(2);
  });
});

describe('Retry-After', () => {
  it('waits as long as a 429 asks (seconds) and then answers', async () => {
    stack.sailpoint.injectFault({ match: { method: 'GET', pathPrefix: '/v3/connectors' }, status: 429, retryAfter: 1, count: 1 });
    const res = await stack.gql(LIST);
    expect(res.body.errors).toBeUndefined();
    const calls = stack.sailpoint.log.entries().filter((e) => e.path.startsWith('/v3/'));
    expect(calls).toHaveLength(2);
    expect(calls[1]!.ts - calls[0]!.ts).toBeGreaterThanOrEqual(950);
  });

  it('waits for an HTTP-date Retry-After too', async () => {
    const at = new Date(Date.now() + 2000).toUTCString();
    stack.sailpoint.injectFault({ match: { method: 'GET', pathPrefix: '/v3/connectors' }, status: 503, retryAfter: at, count: 1 });
    const res = await stack.gql(LIST);
    expect(res.body.errors).toBeUndefined();
    const calls = stack.sailpoint.log.entries().filter((e) => e.path.startsWith('/v3/'));
    expect(calls).toHaveLength(2);
    expect(calls[1]!.ts - calls[0]!.ts).toBeGreaterThanOrEqual(900);
  });

  it('answers UPSTREAM_RATE_LIMITED with retryAfter when the wait would pass the deadline', async () => {
    stack.sailpoint.injectFault({ match: { method: 'GET', pathPrefix: '/v3/connectors' }, status: 429, retryAfter: 120, count: 1 });
    const res = await stack.gql(LIST);
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', retryAfter: 120, upstreamStatus: 429, source: 'SAILPOINT' });
    expect(stack.apiCalls()).toBe(1);
  });
});

describe('request ids', () => {
  it('gives every upstream error the request id under which the log holds the detail', async () => {
    stack.sailpoint.injectFault({ match: { method: 'GET', pathPrefix: '/v3/connectors/' }, status: 500, body: { detailCode: 'internal secret detail' } });
    const res = await stack.gql(ONE, { s: 'openldap' }, { 'x-request-id': 'corr-123' });
    expect(res.headers.get('x-request-id')).toBe('corr-123');
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', requestId: 'corr-123' });
    expect(JSON.stringify(res.body)).not.toContain('internal secret detail');
    expect(stack.logs.some((l) => l.includes('corr-123') && l.includes('internal secret detail'))).toBe(true);
  });
});

describe('circuit breaker', () => {
  it('opens after repeated failures, fails fast, shows in /readyz, and closes after a good probe', async () => {
    const s = await startTestStack({ LOGTO_BREAKER: '3/400ms', LOGTO_RETRIES: '0' });
    try {
      const FACTORIES = `{ connectorFactories { id } }`;
      const readyz = async () => (await (await fetch(new URL('/readyz', s.gateway.url))).json()) as { sources: Record<string, { breaker: string }> };
      s.logto.injectFault({ match: { pathPrefix: '/api/' }, status: 500, count: Infinity });
      for (let i = 0; i < 3; i++) {
        const res = await s.gql(FACTORIES);
        expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstreamStatus: 500 });
      }
      expect(s.logtoCalls()).toBe(3);
      const fast = await s.gql(FACTORIES);
      expect(fast.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', source: 'LOGTO' });
      expect(fast.body.errors![0]!.extensions!.upstreamStatus).toBeUndefined();
      expect(s.logtoCalls()).toBe(3); // failed fast: nothing sent
      expect((await readyz()).sources.LOGTO!.breaker).toBe('open');

      s.logto.clearFaults();
      await new Promise((r) => setTimeout(r, 500));
      const probe = await s.gql(FACTORIES);
      expect(probe.body.errors).toBeUndefined();
      expect((await readyz()).sources.LOGTO!.breaker).toBe('closed');
    } finally {
      await s.stop();
    }
  });
});

describe('client-side rate limit', () => {
  it('keeps under the configured rate and refuses what cannot wait, sending nothing', async () => {
    const s = await startTestStack({ SAILPOINT_RATE_LIMIT: '2/60s', SAILPOINT_DEADLINE_MS: '1000' });
    try {
      const names = ['openldap', 'workday', 'salesforce'];
      const answers = [];
      for (const n of names) answers.push(await s.gql(ONE, { s: n }));
      expect(answers[0]!.body.errors).toBeUndefined();
      expect(answers[1]!.body.errors).toBeUndefined();
      expect(answers[2]!.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', source: 'SAILPOINT' });
      expect(answers[2]!.body.errors![0]!.extensions!.retryAfter).toBeGreaterThan(0);
      expect(s.apiCalls()).toBe(2);
    } finally {
      await s.stop();
    }
  });
});

describe('timeouts', () => {
  it('maps a source that does not answer in time to UPSTREAM_TIMEOUT, within the deadline', async () => {
    const s = await startTestStack({ SAILPOINT_TIMEOUT_MS: '300', SAILPOINT_RETRIES: '1', SAILPOINT_DEADLINE_MS: '2000' });
    try {
      await s.gql(LIST); // a token in hand first
      s.resetCalls();
      s.sailpoint.injectFault({ match: { method: 'GET', pathPrefix: '/v3/connectors' }, delayMs: 1500, count: Infinity });
      const started = Date.now();
      const res = await s.gql(LIST);
      expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', source: 'SAILPOINT' });
      // Two tries of 300 ms and a backoff of at most 100 ms, well inside the 2 s deadline (with undici's coarse
      // timers alone each try lasted about a second, and the whole call about 2 s).
      expect(Date.now() - started).toBeLessThan(1500);
      expect(s.apiCalls()).toBe(2); // the first try and one retry, each cut off at 300 ms
    } finally {
      await s.stop();
    }
  });
});
