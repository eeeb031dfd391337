import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createMetrics, MAX_OPERATION_NAMES } from '../../src/observability/metrics.js';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

/** Operations as operators see them: the operation log line, `/metrics`, `/healthz` and `/readyz`. */

type Labels = Record<string, string>;

/** Sums the samples of `name` whose labels include `labels` (Prometheus text format). */
function sample(text: string, name: string, labels: Labels = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (m?.[1] !== name) continue;
    const own: Labels = {};
    for (const [, key, value] of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) own[key!] = value!;
    if (Object.entries(labels).every(([k, v]) => own[k] === v)) sum += Number(m[3]);
  }
  return sum;
}

/** How much each series moved from one scrape to the next. */
function moved(before: string, after: string): (name: string, labels?: Labels) => number {
  return (name, labels) => sample(after, name, labels) - sample(before, name, labels);
}

/** The operation lines logged under `requestId`. */
function operationLines(stack: TestStack, requestId: string): Record<string, any>[] {
  return stack.logs.map((l) => JSON.parse(l) as Record<string, any>).filter((l) => l.msg === 'operation' && l.requestId === requestId);
}

/** The one operation line of `requestId` (fails on none or several). */
function operationLine(stack: TestStack, requestId: string): Record<string, any> {
  const lines = operationLines(stack, requestId);
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

const LINE_KEYS = ['level', 'time', 'service', 'msg', 'requestId', 'caller', 'operation', 'type', 'queryHash', 'ms', 'calls', 'callsBySource', 'outcome'];

describe('with metrics on', () => {
  let stack: TestStack;
  let origin: string;
  const scrape = async (): Promise<string> => (await fetch(`${origin}/metrics`)).text();

  beforeAll(async () => {
    stack = await startTestStack({ LOGTO_BREAKER: '2/300ms', LOGTO_RETRIES: '0' });
    origin = new URL(stack.gateway.url).origin;
  });
  afterAll(() => stack.stop());
  beforeEach(() => {
    for (const s of [stack.sailpoint, stack.logto, stack.conductorone]) s.clearFaults();
    stack.resetCalls();
  });

  it('serves the text exposition format with the process metrics', async () => {
    const res = await fetch(`${origin}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('# TYPE gateway_operations_total counter');
    expect(text).toContain('# TYPE gateway_dataloader_batch_size histogram');
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  });

  it('counts a page of 20 connectors with applicationXml: 21 SailPoint requests, one batch of 20, one operation', async () => {
    const before = await scrape();
    const res = await stack.gql(`query Page20 { scriptConnectors(first: 20) { edges { node { id ... on ScriptConnector { applicationXml } } } } }`, undefined, {
      'x-request-id': 'obs-page-20',
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.scriptConnectors.edges).toHaveLength(20);
    expect(stack.apiCalls()).toBe(21);
    const delta = moved(before, await scrape());

    expect(delta('gateway_upstream_requests_total', { source: 'SAILPOINT' })).toBe(21);
    expect(delta('gateway_upstream_requests_total', { source: 'SAILPOINT', method: 'GET', status: '200' })).toBe(21);
    expect(delta('gateway_upstream_request_duration_seconds_count', { source: 'SAILPOINT' })).toBe(21);
    expect(delta('gateway_upstream_requests_total', { source: 'LOGTO' })).toBe(0);
    const detail = { source: 'SAILPOINT', loader: 'connectorByScriptName' };
    expect(delta('gateway_dataloader_batch_size_count', detail)).toBe(1);
    expect(delta('gateway_dataloader_batch_size_sum', detail)).toBe(20);
    const bucket = (le: string) => delta('gateway_dataloader_batch_size_bucket', { ...detail, le });
    expect(bucket('20') - bucket('10')).toBe(1);
    expect(delta('gateway_dataloader_batch_size_count', { source: 'SAILPOINT', loader: 'connectorPageByParams' })).toBe(1);
    expect(delta('gateway_operations_total', { operation: 'Page20', outcome: 'ok' })).toBe(1);
    expect(delta('gateway_operation_duration_seconds_count', { operation: 'Page20' })).toBe(1);

    const line = operationLine(stack, 'obs-page-20');
    expect(Object.keys(line).sort()).toEqual([...LINE_KEYS].sort());
    expect(line).toMatchObject({ caller: 'anonymous', operation: 'Page20', type: 'query', calls: 21, callsBySource: { SAILPOINT: 21 }, outcome: 'ok' });
    expect(line.queryHash).toMatch(/^[0-9a-f]{64}$/);
    expect(line.ms).toBeGreaterThan(0);
  });

  it('counts an operation that ends in NOT_FOUND as an error, and logs neither its variables nor its secrets', async () => {
    const secret = 'var-secret-9c1e7b4a';
    stack.registerSecret(secret);
    const before = await scrape();
    const res = await stack.gql(
      `mutation UpdateMissing($id: String!, $input: UpdateLoginConnectorInput!) { updateLoginConnector(id: $id, input: $input) { syncProfile } }`,
      { id: 'no-such-login-connector', input: { config: { clientSecret: secret } } },
      { 'x-request-id': 'obs-not-found' },
    );
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', source: 'LOGTO' });
    const delta = moved(before, await scrape());
    expect(delta('gateway_operations_total', { operation: 'UpdateMissing', outcome: 'error' })).toBe(1);
    expect(delta('gateway_upstream_requests_total', { source: 'LOGTO', status: '404' })).toBe(1);

    const line = operationLine(stack, 'obs-not-found');
    expect(line).toMatchObject({ operation: 'UpdateMissing', type: 'mutation', calls: 1, callsBySource: { LOGTO: 1 }, outcome: 'error' });
    expect(line.errors).toEqual({ NOT_FOUND: 1 });
    expect(Object.keys(line).sort()).toEqual([...LINE_KEYS, 'errors'].sort());
    const text = JSON.stringify(line);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('no-such-login-connector');
  });

  it('leaves inline literals out of the line', async () => {
    const query = `{ appConnectors(appId: "inline-literal-5d2f", first: 1) { edges { cursor } } }`;
    const res = await stack.gql(query, undefined, { 'x-request-id': 'obs-inline' });
    expect(res.body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const calls = stack.c1Calls();
    expect(calls).toBeGreaterThan(0);
    const line = operationLine(stack, 'obs-inline');
    expect(line).toMatchObject({ operation: null, type: 'query', calls, callsBySource: { CONDUCTORONE: calls }, errors: { NOT_FOUND: 1 } });
    expect(JSON.stringify(line)).not.toContain('inline-literal-5d2f');
    expect(JSON.stringify(line)).not.toContain('appConnectors');
  });

  it('counts a list with one failing source as partial, with the calls of every source', async () => {
    stack.sailpoint.injectFault({ match: { method: 'GET', pathPrefix: '/v3/connectors' }, status: 403, count: Infinity });
    const before = await scrape();
    const res = await stack.gql(`query Everything { connectors(sources: [LOGTO, SAILPOINT], first: 100) { edges { node { id } } } }`, undefined, {
      'x-request-id': 'obs-partial',
    });
    expect(res.body.data!.connectors.edges.length).toBeGreaterThan(0);
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', source: 'SAILPOINT' });
    const delta = moved(before, await scrape());
    expect(delta('gateway_operations_total', { operation: 'Everything', outcome: 'partial' })).toBe(1);
    expect(delta('gateway_upstream_requests_total', { source: 'SAILPOINT', status: '403' })).toBe(1);

    expect([stack.apiCalls(), stack.logtoCalls(), stack.c1Calls()]).toEqual([1, 1, 0]);
    const line = operationLine(stack, 'obs-partial');
    expect(line).toMatchObject({ operation: 'Everything', calls: 2, errors: { FORBIDDEN: 1 }, outcome: 'partial' });
    expect(line.callsBySource).toEqual({ SAILPOINT: 1, LOGTO: 1 });
  });

  it('logs a document that fails validation, with its name and type and no calls', async () => {
    const res = await stack.gql(`query Invalid { noSuchField }`, undefined, { 'x-request-id': 'obs-invalid' });
    expect(res.status).toBe(400);
    const line = operationLine(stack, 'obs-invalid');
    expect(line).toMatchObject({ operation: 'Invalid', type: 'query', calls: 0, callsBySource: {}, outcome: 'error' });
    expect(line.errors).toEqual({ GRAPHQL_VALIDATION_FAILED: 1 });
  });

  it('counts a GET shared by concurrent operations once, for the first caller', async () => {
    stack.sailpoint.injectFault({ match: { method: 'GET', pathPrefix: '/v3/connectors/openldap' }, delayMs: 200 });
    const before = await scrape();
    const query = `query Shared { scriptConnector(scriptName: "openldap") { name } }`;
    const answers = await Promise.all(['obs-shared-1', 'obs-shared-2'].map((id) => stack.gql(query, undefined, { 'x-request-id': id })));
    for (const a of answers) expect(a.body.data!.scriptConnector.name).toBeTruthy();
    expect(stack.apiCalls()).toBe(1);
    expect(moved(before, await scrape())('gateway_upstream_requests_total', { source: 'SAILPOINT' })).toBe(1);
    const calls = ['obs-shared-1', 'obs-shared-2'].map((id) => operationLine(stack, id).calls as number);
    expect(calls.sort()).toEqual([0, 1]);
  });

  it('shows each circuit breaker: 2 while open, 0 once a probe closed it', async () => {
    const breaker = async (source: string) => sample(await scrape(), 'gateway_upstream_breaker_state', { source });
    expect(await breaker('LOGTO')).toBe(0);
    stack.logto.injectFault({ match: { pathPrefix: '/api/' }, status: 500, count: Infinity });
    for (let i = 0; i < 2; i++) {
      const res = await stack.gql(`query Factories { connectorFactories { id } }`, undefined, { 'x-request-id': `obs-breaker-${i}` });
      expect(res.body.errors![0]!.extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
    }
    expect(await breaker('LOGTO')).toBe(2);
    expect(await breaker('SAILPOINT')).toBe(0);
    expect(operationLine(stack, 'obs-breaker-1')).toMatchObject({ errors: { UPSTREAM_UNAVAILABLE: 1 }, outcome: 'error', calls: 1 });

    stack.logto.clearFaults();
    await new Promise((r) => setTimeout(r, 350));
    const probe = await stack.gql(`query Factories { connectorFactories { id } }`);
    expect(probe.body.errors).toBeUndefined();
    expect(await breaker('LOGTO')).toBe(0);
  });
});

describe('with metrics off', () => {
  let stack: TestStack;
  let origin: string;

  beforeAll(async () => {
    stack = await startTestStack({ GATEWAY_METRICS: 'off' });
    origin = new URL(stack.gateway.url).origin;
  });
  afterAll(() => stack.stop());

  it('does not serve /metrics, and still logs each operation', async () => {
    expect((await fetch(`${origin}/metrics`)).status).toBe(404);
    await stack.gql(`query Two { scriptConnectors(first: 2) { edges { node { id } } } }`, undefined, { 'x-request-id': 'obs-off' });
    expect(operationLine(stack, 'obs-off')).toMatchObject({ operation: 'Two', calls: 1, callsBySource: { SAILPOINT: 1 }, outcome: 'ok' });
  });

  it('answers /healthz while the process is up', async () => {
    const res = await fetch(`${origin}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz 200 with every source up, and 503 naming the source whose backend stopped', async () => {
    const ready = await fetch(`${origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      sources: { SAILPOINT: { status: 'up', breaker: 'closed' }, LOGTO: { status: 'up' }, CONDUCTORONE: { status: 'up' } },
    });

    // The probes' answers count for a few seconds: a caller's failed exchange is what shows the stopped backend.
    await stack.conductorone.close();
    const failed = await stack.gql(`{ connectors(sources: [CONDUCTORONE], first: 1) { edges { node { id } } } }`);
    expect(failed.body.errors![0]!.extensions).toMatchObject({ source: 'CONDUCTORONE', code: 'UPSTREAM_UNAVAILABLE' });
    const notReady = await fetch(`${origin}/readyz`);
    expect(notReady.status).toBe(503);
    const body = (await notReady.json()) as { status: string; sources: Record<string, { status: string; code?: string }> };
    expect(body.status).toBe('not ready');
    expect(body.sources.CONDUCTORONE).toMatchObject({ status: 'down', code: expect.stringMatching(/^UPSTREAM_/) });
    expect(body.sources.SAILPOINT!.status).toBe('up');
    expect(body.sources.LOGTO!.status).toBe('up');
  });
});

describe('operation names as labels', () => {
  it('keeps a bounded number of names, counting the rest as (other) and unnamed ones as (anonymous)', async () => {
    const metrics = createMetrics();
    for (let i = 0; i < MAX_OPERATION_NAMES + 5; i++) metrics.operation(`Op${i}`, 'ok', 0.001);
    metrics.operation('Op0', 'error', 0.001);
    metrics.operation(null, 'ok', 0.001);
    const text = await metrics.scrape();
    expect(text.match(/^gateway_operations_total\{/gm)).toHaveLength(MAX_OPERATION_NAMES + 3);
    expect(sample(text, 'gateway_operations_total', { operation: '(other)' })).toBe(5);
    expect(sample(text, 'gateway_operations_total', { operation: 'Op0' })).toBe(2);
    expect(sample(text, 'gateway_operations_total', { operation: '(anonymous)' })).toBe(1);
  });
});

describe('GATEWAY_METRICS', () => {
  it('is on by default, off when asked, and refuses anything else', () => {
    expect(loadConfig({}).metrics).toBe(true);
    expect(loadConfig({ GATEWAY_METRICS: 'off' }).metrics).toBe(false);
    expect(() => loadConfig({ GATEWAY_METRICS: 'no' })).toThrow(/GATEWAY_METRICS/);
  });
});
