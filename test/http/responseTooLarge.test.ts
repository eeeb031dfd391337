/**
 * An answer over the response size limit is an answer (issue 15, review finding F5): the gateway stops reading it
 * and the call is UPSTREAM_BAD_RESPONSE with the source's status, sent once (not tried again), not counted by the
 * breaker, and observed with that status, so `/readyz` keeps the source up. An editor could make SailPoint answer
 * that large (connectors holding large values), and the gateway used to retry it, open the breaker and report
 * SailPoint down. The breaker threshold is low (3) so that counting these would open it.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

const ROUNDS = 6;
/** Just over the 32 MiB an upstream answer may hold. */
const TOO_LARGE = 'x'.repeat(32 * 1024 * 1024 + 1);

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ UPSTREAM_BREAKER: '3/10s', GATEWAY_READINESS_MAX_AGE_MS: '60000' });
  return () => stack.stop();
});
beforeEach(() => {
  stack.sailpoint.clearFaults();
  stack.resetCalls();
});

async function readyz(): Promise<{ status: number; body: { sources: Record<string, { status: string; code?: string; from: string; breaker: string }> } }> {
  const res = await fetch(new URL('/readyz', stack.gateway.url));
  return { status: res.status, body: (await res.json()) as never };
}

describe('an upstream answer over the size limit', () => {
  it('is UPSTREAM_BAD_RESPONSE with its status, sent once, breaker closed, /readyz ready', async () => {
    const query = '{ scriptConnector(scriptName: "active-directory") { id } }';
    const normal = await stack.gql(query);
    expect(normal.body.errors).toBeUndefined();
    const perQuery = stack.apiCalls({ method: 'GET' });
    expect(perQuery).toBeGreaterThan(0);
    stack.resetCalls();

    stack.sailpoint.injectFault({ match: { method: 'GET', pathPrefix: '/v3/connectors' }, status: 200, body: TOO_LARGE, count: Infinity });
    for (let i = 0; i < ROUNDS; i++) {
      const res = await stack.gql(query);
      expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', source: 'SAILPOINT', upstreamStatus: 200 });
      expect(res.body.errors![0]!.message).toBe('SAILPOINT answered with an unexpected response (HTTP 200).');
    }
    // GETs are tried again after a failure without an answer; an answer, however large, is not such a failure.
    expect(stack.apiCalls({ method: 'GET' })).toBe(ROUNDS * perQuery);
    expect(stack.gateway.sources.breakers().SAILPOINT).toBe('closed');
    const ready = await readyz();
    expect(ready.body.sources.SAILPOINT).toMatchObject({ status: 'up', from: 'traffic', breaker: 'closed' });
    expect(ready.status).toBe(200);
    expect(stack.logs.some((line) => line.includes('upstream answered with a body larger than the gateway reads'))).toBe(true);
  });

  it('while an answer that never comes still counts (the breaker opens, /readyz reports it)', async () => {
    stack.sailpoint.injectFault({ match: { method: 'GET', pathPrefix: '/v3/connectors' }, reset: true, count: Infinity });
    for (let i = 0; i < 3; i++) await stack.gql('{ scriptConnector(scriptName: "active-directory") { id } }');
    expect(stack.gateway.sources.breakers().SAILPOINT).toBe('open');
    expect((await readyz()).body.sources.SAILPOINT).toMatchObject({ status: 'down', breaker: 'open' });
  });
});
