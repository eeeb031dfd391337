import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createOtelTracing } from '../../src/observability/otel.js';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

/** Traces of the gateway with the trace SDK's in-memory exporter: spans, their parents, propagation, no secrets. */

const CROSS_SOURCE = `query Cross($first: Int!) { connectors(first: $first) { edges { node { id source displayName } } } }`;
const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
/** A secret a caller sends in a variable and a source echoes in an error body: it must appear in no span. */
const SEEDED_SECRET = 'sEcReT-tracing-7f3a9c1e5b';

describe('tracing with the OpenTelemetry SDK', () => {
  const exporter = new InMemorySpanExporter();
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ GATEWAY_METRICS: 'on' }, { tracing: createOtelTracing(new SimpleSpanProcessor(exporter), 'gateway-test') });
  });
  afterAll(() => stack.stop());
  beforeEach(() => {
    exporter.reset();
    for (const s of [stack.sailpoint, stack.logto, stack.conductorone]) {
      s.clearFaults();
      s.log.reset();
    }
  });

  /** The spans of `traceId` once its server span has ended (it ends when the response is finished). */
  async function traceOf(traceId: string): Promise<ReadableSpan[]> {
    await vi.waitFor(() => {
      expect(exporter.getFinishedSpans().some((s) => s.spanContext().traceId === traceId && s.name === 'POST /graphql')).toBe(true);
    });
    return exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  }

  const parentOf = (spans: readonly ReadableSpan[], span: ReadableSpan) => spans.find((s) => s.spanContext().spanId === span.parentSpanContext?.spanId);
  const named = (spans: readonly ReadableSpan[], name: string) => spans.filter((s) => s.name === name);

  it('gives a cross-source connectors query one trace: request, operation, parse/validate/execute, batches and backend calls, continuing the caller', async () => {
    const res = await stack.gql(CROSS_SOURCE, { first: 5 }, { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01`, 'x-request-id': 'trace-cross' });
    expect(res.body.errors).toBeUndefined();
    const spans = await traceOf(CALLER_TRACE);
    // Every span of this request is in the caller's trace, and no other trace was started for it.
    expect(exporter.getFinishedSpans().every((s) => s.spanContext().traceId === CALLER_TRACE)).toBe(true);

    const [server] = named(spans, 'POST /graphql');
    expect(server!.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(server!.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/graphql', 'http.response.status_code': 200 });

    const [operation] = named(spans, 'query Cross');
    expect(parentOf(spans, operation!)).toBe(server);
    expect(operation!.attributes['graphql.operation.name']).toBe('Cross');
    expect(operation!.attributes['graphql.operation.type']).toBe('query');
    expect(operation!.attributes['graphql.document.hash']).toMatch(/^[\da-f]{64}$/);
    for (const step of ['graphql.parse', 'graphql.validate', 'graphql.execute']) expect(parentOf(spans, named(spans, step)[0]!)).toBe(operation);
    const [execute] = named(spans, 'graphql.execute');

    // A backend call per upstream request, each under the execute span (through a dataloader batch or not), named by
    // its route template.
    const calls = spans.filter((s) => s.attributes['gateway.source'] !== undefined && s.attributes['url.template'] !== undefined);
    expect(new Set(calls.map((s) => s.attributes['gateway.source']))).toEqual(new Set(['SAILPOINT', 'LOGTO', 'CONDUCTORONE']));
    for (const call of calls) {
      expect(call.name).toBe(`${String(call.attributes['http.request.method'])} ${String(call.attributes['url.template'])}`);
      expect(call.attributes['http.response.status_code']).toBe(200);
      expect(call.attributes['gateway.breaker.state']).toBe('closed');
      let up = parentOf(spans, call);
      while (up && up !== execute) up = parentOf(spans, up);
      expect(up).toBe(execute);
    }
    const served = [stack.sailpoint, stack.logto, stack.conductorone].flatMap((s) => s.log.entries()).filter((e) => !e.path.includes('token'));
    expect(calls.length).toBe(served.length);

    // Each source saw a traceparent of this trace naming the backend call's span.
    for (const entry of served) {
      const m = /^00-([\da-f]{32})-([\da-f]{16})-01$/.exec(entry.traceparent);
      expect(m?.[1]).toBe(CALLER_TRACE);
      expect(calls.map((c) => c.spanContext().spanId)).toContain(m?.[2]);
    }
  });

  it('starts a trace of its own without a traceparent, and the operation log line carries its id', async () => {
    const res = await stack.gql(CROSS_SOURCE, { first: 2 }, { 'x-request-id': 'trace-own' });
    expect(res.body.errors).toBeUndefined();
    const line = stack.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'operation' && l.requestId === 'trace-own');
    expect(line?.traceId).toMatch(/^[\da-f]{32}$/);
    const spans = await traceOf(line!.traceId as string);
    expect(named(spans, 'POST /graphql')[0]!.parentSpanContext).toBeUndefined();
    expect(named(spans, 'query Cross')).toHaveLength(1);
  });

  it('starts a trace of its own for a traceparent that is not W3C trace context', async () => {
    const id = 'c'.repeat(32);
    const headers = [
      `ff-${id}-${CALLER_SPAN}-01`, // version ff is invalid
      `00-${'0'.repeat(32)}-${CALLER_SPAN}-01`, // all-zero trace id
      `00-${id}-${'0'.repeat(16)}-01`, // all-zero parent id
      `00-${id.toUpperCase()}-${CALLER_SPAN}-01`, // upper-case hex
      `00-${id}-${CALLER_SPAN.toUpperCase()}-01`,
      `00-${id}-${CALLER_SPAN}-01-extra`, // version 00 has exactly four fields
      `00-${id}-${CALLER_SPAN}`,
    ];
    for (const [i, traceparent] of headers.entries()) {
      const requestId = `trace-bad-${String(i)}`;
      const res = await stack.gql(CROSS_SOURCE, { first: 1 }, { traceparent, 'x-request-id': requestId });
      expect(res.body.errors).toBeUndefined();
      const line = stack.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'operation' && l.requestId === requestId);
      expect(line?.traceId, traceparent).toMatch(/^[\da-f]{32}$/);
      expect(line?.traceId, traceparent).not.toBe(id);
      const spans = await traceOf(line!.traceId as string);
      expect(named(spans, 'POST /graphql')[0]!.parentSpanContext, traceparent).toBeUndefined();
    }
    // A later version may carry more fields: its first four are read.
    const res = await stack.gql(CROSS_SOURCE, { first: 1 }, { traceparent: `01-${id}-${CALLER_SPAN}-01-more` });
    expect(res.body.errors).toBeUndefined();
    expect(named(await traceOf(id), 'POST /graphql')[0]!.parentSpanContext?.spanId).toBe(CALLER_SPAN);
  });

  it('records a dataloader batch with its size', async () => {
    const res = await stack.gql(`query Page { scriptConnectors(first: 3) { edges { node { id ... on ScriptConnector { applicationXml } } } } }`, undefined, {
      traceparent: `00-${'1'.repeat(32)}-${CALLER_SPAN}-01`,
    });
    expect(res.body.errors).toBeUndefined();
    const spans = await traceOf('1'.repeat(32));
    const batches = spans.filter((s) => s.name.startsWith('dataloader.batch '));
    expect(batches.map((b) => b.attributes['batch.size'])).toContain(3);
    const batch = batches.find((b) => b.attributes['batch.size'] === 3)!;
    // The batch's backend calls are its children.
    expect(spans.filter((s) => parentOf(spans, s) === batch && s.attributes['url.template'] !== undefined)).toHaveLength(3);
  });

  it('records retries as events and a failure with the gateway code, with no secret in any attribute or event', async () => {
    stack.sailpoint.injectFault({ match: (method, path) => method === 'GET' && path === '/v3/connectors', status: 503, count: 1 });
    stack.logto.injectFault({ match: { method: 'GET' }, status: 400, count: Infinity, body: { message: `bad password=${SEEDED_SECRET}`, code: 'x' } });
    const traceId = '2'.repeat(32);
    const res = await stack.gql(CROSS_SOURCE, { first: 5, unused: SEEDED_SECRET }, { traceparent: `00-${traceId}-${CALLER_SPAN}-01` });
    expect(res.status).toBe(200);
    const spans = await traceOf(traceId);

    const sailpoint = spans.filter((s) => s.attributes['gateway.source'] === 'SAILPOINT' && s.attributes['url.template'] === '/connectors');
    expect(sailpoint).toHaveLength(1);
    expect(sailpoint[0]!.events.map((e) => [e.name, e.attributes?.['http.response.status_code']])).toContainEqual(['retry', 503]);
    expect(sailpoint[0]!.attributes['http.response.status_code']).toBe(200);

    const logto = spans.filter((s) => s.attributes['gateway.source'] === 'LOGTO' && s.attributes['url.template'] !== undefined);
    expect(logto.length).toBeGreaterThan(0);
    for (const span of logto) {
      expect(span.status).toMatchObject({ code: 2, message: 'BAD_USER_INPUT' });
      expect(span.attributes['error.type']).toBe('BAD_USER_INPUT');
    }
    expect(named(spans, 'query Cross')).toHaveLength(1);

    // Nothing a span holds (names, attributes, events, status) carries a secret.
    const secrets = [SEEDED_SECRET, stack.sailpoint.clientSecret, stack.logto.clientSecret, stack.conductorone.clientSecret];
    const text = JSON.stringify(
      exporter.getFinishedSpans().map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status, resource: s.resource.attributes })),
    );
    expect(text).toContain('BAD_USER_INPUT'); // the search below reads what was recorded
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/bearer /i);
  });

  it('records a refused document on its validate and operation spans with the error code', async () => {
    const traceId = '4'.repeat(32);
    const res = await stack.gql(`query Bad { noSuchField }`, undefined, { traceparent: `00-${traceId}-${CALLER_SPAN}-01` });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const spans = await traceOf(traceId);
    const [operation] = named(spans, 'graphql.operation');
    expect(operation!.status).toMatchObject({ code: 2, message: 'GRAPHQL_VALIDATION_FAILED' });
    expect(operation!.events.map((e) => [e.name, e.attributes?.['error.type']])).toEqual([['graphql.error', 'GRAPHQL_VALIDATION_FAILED']]);
    expect(named(spans, 'graphql.validate')[0]!.status.code).toBe(2);
    expect(named(spans, 'graphql.execute')).toHaveLength(0);
  });

  it('links latency buckets to traces as exemplars in OpenMetrics, and keeps the text format by default', async () => {
    const traceId = '3'.repeat(32);
    await stack.gql(CROSS_SOURCE, { first: 1 }, { traceparent: `00-${traceId}-${CALLER_SPAN}-01` });
    const origin = new URL(stack.gateway.url).origin;
    const open = await fetch(`${origin}/metrics`, { headers: { accept: 'application/openmetrics-text; version=1.0.0' } });
    expect(open.headers.get('content-type')).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    const text = await open.text();
    expect(text).toMatch(new RegExp(`^gateway_operation_duration_seconds_bucket\\{[^}]*operation="Cross"[^}]*\\} \\d+ # \\{traceId="${traceId}"\\}`, 'm'));
    expect(text).toMatch(new RegExp(`^gateway_upstream_request_duration_seconds_bucket\\{[^}]*\\} \\d+ # \\{traceId="${traceId}"\\}`, 'm'));
    const plain = await fetch(`${origin}/metrics`);
    expect(plain.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await plain.text()).not.toContain('# {traceId=');
  });
});
