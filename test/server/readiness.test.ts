import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { failureOf, SourceReadiness } from '../../src/observability/readiness.js';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

/** `/readyz` spends no caller budget: it answers from the callers' recent exchanges, else from a rationed probe. */

interface ReadyBody {
  status: string;
  sources: Record<string, { status: string; code?: string; from: string; ageMs: number; breaker: string }>;
}

async function readyz(stack: TestStack): Promise<{ status: number; body: ReadyBody }> {
  const res = await fetch(new URL('/readyz', stack.gateway.url));
  return { status: res.status, body: (await res.json()) as ReadyBody };
}

const ALL_SOURCES = `{ connectors(first: 1) { edges { node { id } } } }`;
const SAILPOINT_LIST = `{ scriptConnectors(first: 1) { edges { node { id } } } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SourceReadiness', () => {
  it('counts no answer, a 5xx and a 401 as down, and every other answer as a source that serves', () => {
    expect(failureOf(undefined)).toBe('UPSTREAM_UNAVAILABLE');
    expect(failureOf(500)).toBe('UPSTREAM_UNAVAILABLE');
    expect(failureOf(504)).toBe('UPSTREAM_TIMEOUT');
    expect(failureOf(401)).toBe('UNAUTHENTICATED');
    for (const status of [200, 204, 304, 400, 403, 404, 409, 429]) expect(failureOf(status)).toBeUndefined();
  });

  // `/readyz` asks for no authentication: whoever can reach it chooses when and how often it is called.
  it('however /readyz is called, probes at most once per max age, never with recent traffic, and answers from the newest observation', async () => {
    const MAX_AGE = 1000;
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('observe' as const),
        advance: fc.integer({ min: 0, max: 2500 }),
        status: fc.option(fc.constantFrom(200, 404, 401, 429, 500, 503), { nil: undefined }),
      }),
      fc.record({
        kind: fc.constant('check' as const),
        advance: fc.integer({ min: 0, max: 2500 }),
        concurrent: fc.integer({ min: 1, max: 20 }),
        probeMs: fc.integer({ min: 0, max: 1500 }),
        probeFails: fc.boolean(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
        let clock = 0;
        const starts: number[] = [];
        let next = { probeMs: 0, probeFails: false };
        const readiness = new SourceReadiness({
          maxAgeMs: MAX_AGE,
          now: () => clock,
          probe: async () => {
            starts.push(clock);
            await Promise.resolve();
            clock += next.probeMs;
            if (next.probeFails) throw Object.assign(new Error('down'), { code: 'UPSTREAM_TIMEOUT' });
          },
        });
        // The model: the last observation of each kind.
        let traffic: { at: number; status: number | undefined } | undefined;
        let probe: { at: number; fails: boolean } | undefined;
        for (const s of steps) {
          clock += s.advance;
          if (s.kind === 'observe') {
            readiness.observe(s.status);
            traffic = { at: clock, status: s.status };
            continue;
          }
          next = s;
          const before = starts.length;
          const at = clock;
          const answers = await Promise.all(Array.from({ length: s.concurrent }, () => readiness.check()));
          const freshTraffic = traffic !== undefined && at - traffic.at <= MAX_AGE ? traffic : undefined;
          const freshProbe = probe !== undefined && at - probe.at <= MAX_AGE ? probe : undefined;
          if (freshTraffic || freshProbe) {
            expect(starts.length).toBe(before); // answered from what it saw: no call
            const fromTraffic = freshTraffic !== undefined && (freshProbe === undefined || freshTraffic.at >= freshProbe.at);
            const down = fromTraffic ? failureOf(freshTraffic.status) !== undefined : freshProbe!.fails;
            for (const a of answers) expect(a).toMatchObject({ from: fromTraffic ? 'traffic' : 'probe', status: down ? 'down' : 'up' });
          } else {
            expect(starts.length).toBe(before + 1); // one probe, shared by every concurrent check
            probe = { at, fails: s.probeFails };
            for (const a of answers)
              expect(a).toEqual(
                s.probeFails
                  ? { status: 'down', code: 'UPSTREAM_TIMEOUT', from: 'probe', ageMs: s.probeMs }
                  : { status: 'up', from: 'probe', ageMs: s.probeMs },
              );
          }
        }
        for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThan(MAX_AGE);
      }),
      { numRuns: 300 },
    );
  });
});

describe('/readyz against the sandboxes', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // SailPoint's limiter as tight as a real tenant's could be: 5 calls per 10 s, and no waiting for a token.
    // A max age far above the test's length: every /readyz below falls in the first probe's interval.
    stack = await startTestStack({
      SAILPOINT_RATE_LIMIT: '5/10s',
      SAILPOINT_DEADLINE_MS: '1000',
      SAILPOINT_RETRIES: '0',
      GATEWAY_READINESS_MAX_AGE_MS: '60000',
    });
  });
  afterAll(() => stack.stop());

  it('a hammered /readyz costs one probe per source and takes no rate-limit token a caller needs', async () => {
    stack.resetCalls();
    const answers = await Promise.all(Array.from({ length: 200 }, () => readyz(stack)));
    for (const a of answers) expect(a).toMatchObject({ status: 200, body: { status: 'ready', sources: { SAILPOINT: { status: 'up', from: 'probe' } } } });
    expect(stack.apiCalls()).toBe(1);
    expect(stack.logtoCalls()).toBe(1);
    expect(stack.c1Calls()).toBe(1);
    for (let i = 0; i < 20; i++) await readyz(stack);
    expect(stack.backendCalls()).toBe(3);

    // All five of the limiter's tokens are still the callers'.
    for (let i = 0; i < 5; i++) expect((await stack.gql(SAILPOINT_LIST)).body.errors).toBeUndefined();
    expect(stack.apiCalls()).toBe(6);
  });
});

describe('/readyz from traffic and probes', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ SAILPOINT_RETRIES: '0', GATEWAY_READINESS_MAX_AGE_MS: '1000' });
  });
  afterAll(() => stack.stop());

  it("answers from the callers' recent exchanges without a call, a failure included", async () => {
    const listed = await stack.gql(ALL_SOURCES);
    expect(listed.body.errors).toBeUndefined();
    stack.resetCalls();
    const ready = await readyz(stack);
    expect(ready.status).toBe(200);
    for (const name of ['SAILPOINT', 'LOGTO', 'CONDUCTORONE'])
      expect(ready.body.sources[name]).toMatchObject({ status: 'up', from: 'traffic', breaker: 'closed' });
    expect(stack.backendCalls()).toBe(0);

    stack.sailpoint.injectFault({ match: { pathPrefix: '/v3/connectors' }, status: 503 });
    const failed = await stack.gql(SAILPOINT_LIST);
    expect(failed.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstreamStatus: 503 });
    stack.resetCalls();
    const notReady = await readyz(stack);
    expect(notReady.status).toBe(503);
    expect(notReady.body.status).toBe('not ready');
    expect(notReady.body.sources.SAILPOINT).toMatchObject({ status: 'down', code: 'UPSTREAM_UNAVAILABLE', from: 'traffic' });
    expect(stack.backendCalls()).toBe(0);
  });

  it('probes again once the last answer is older than the max age, and shows a backend that stopped', async () => {
    await sleep(1100); // the test above's traffic is too old to answer
    stack.resetCalls();
    expect((await readyz(stack)).status).toBe(200);
    expect(stack.backendCalls()).toBe(3);
    await readyz(stack);
    expect(stack.backendCalls()).toBe(3);
    await sleep(1100);
    expect((await readyz(stack)).body.sources.LOGTO).toMatchObject({ status: 'up', from: 'probe' });
    expect(stack.backendCalls()).toBe(6);

    await stack.conductorone.close();
    await sleep(1100);
    const notReady = await readyz(stack);
    expect(notReady.status).toBe(503);
    expect(notReady.body.sources.CONDUCTORONE).toMatchObject({ status: 'down', code: expect.stringMatching(/^UPSTREAM_/), from: 'probe', breaker: 'closed' });
    expect(notReady.body.sources.SAILPOINT).toMatchObject({ status: 'up' });
  });
});
