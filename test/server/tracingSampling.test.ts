import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createOtelTracing } from '../../src/observability/otel.js';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

/**
 * The standard sampler variables, as an operator sets them to keep tracing cheap under load:
 * `OTEL_TRACES_SAMPLER=parentbased_traceidratio` with `OTEL_TRACES_SAMPLER_ARG=0` samples no trace started here
 * and keeps the caller's decision when a `traceparent` comes with one. An unsampled request exports nothing and
 * links no exemplar, yet the sources still get its trace (flag 00) so that their logs line up.
 */

const QUERY = `query Cross($first: Int!) { connectors(first: $first) { edges { node { id source } } } }`;
const CALLER_SPAN = '00f067aa0ba902b7';

describe('tracing with OTEL_TRACES_SAMPLER=parentbased_traceidratio and OTEL_TRACES_SAMPLER_ARG=0', () => {
  const exporter = new InMemorySpanExporter();
  let stack: TestStack;

  beforeAll(async () => {
    // The SDK reads the sampler variables when the provider is made.
    vi.stubEnv('OTEL_TRACES_SAMPLER', 'parentbased_traceidratio');
    vi.stubEnv('OTEL_TRACES_SAMPLER_ARG', '0');
    try {
      const tracing = createOtelTracing(new SimpleSpanProcessor(exporter), 'gateway-sampling-test');
      stack = await startTestStack({ GATEWAY_METRICS: 'on' }, { tracing });
    } finally {
      vi.unstubAllEnvs();
    }
  });
  afterAll(() => stack.stop());
  beforeEach(() => {
    exporter.reset();
    for (const s of [stack.sailpoint, stack.logto, stack.conductorone]) s.log.reset();
  });

  const served = () => [stack.sailpoint, stack.logto, stack.conductorone].flatMap((s) => s.log.entries()).filter((e) => !e.path.includes('token'));

  /** Sends a sampled caller trace and waits for its server span: spans of the requests before it have ended too. */
  async function sampledMarker(traceId: string): Promise<void> {
    const res = await stack.gql(QUERY, { first: 1 }, { traceparent: `00-${traceId}-${CALLER_SPAN}-01` });
    expect(res.body.errors).toBeUndefined();
    await vi.waitFor(() => {
      expect(exporter.getFinishedSpans().some((s) => s.spanContext().traceId === traceId && s.name === 'POST /graphql')).toBe(true);
    });
  }

  it('exports nothing for a request without traceparent, still propagates its trace to every source, and logs its id', async () => {
    const res = await stack.gql(QUERY, { first: 2 }, { 'x-request-id': 'unsampled-own' });
    expect(res.body.errors).toBeUndefined();
    const line = stack.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'operation' && l.requestId === 'unsampled-own');
    const traceId = line?.traceId as string;
    expect(traceId).toMatch(/^[\da-f]{32}$/);
    const calls = served();
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const call of calls) expect(call.traceparent).toMatch(new RegExp(`^00-${traceId}-[\\da-f]{16}-00$`));

    await sampledMarker('5'.repeat(32));
    expect(exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId)).toEqual([]);
  });

  it("keeps a caller's sampled decision: the whole trace is exported with its backend calls", async () => {
    const traceId = '6'.repeat(32);
    await sampledMarker(traceId);
    const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    expect(spans.map((s) => s.name)).toEqual(expect.arrayContaining(['POST /graphql', 'query Cross', 'graphql.execute']));
    expect(new Set(spans.map((s) => s.attributes['gateway.source']).filter(Boolean))).toEqual(new Set(['SAILPOINT', 'LOGTO', 'CONDUCTORONE']));
    for (const call of served()) expect(call.traceparent).toMatch(new RegExp(`^00-${traceId}-[\\da-f]{16}-01$`));
  });

  it("keeps a caller's unsampled decision: nothing exported, no exemplar, the caller's trace sent on with flag 00", async () => {
    const traceId = '7'.repeat(32);
    const res = await stack.gql(QUERY, { first: 1 }, { traceparent: `00-${traceId}-${CALLER_SPAN}-00` });
    expect(res.body.errors).toBeUndefined();
    const calls = served();
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const call of calls) expect(call.traceparent).toMatch(new RegExp(`^00-${traceId}-[\\da-f]{16}-00$`));

    const marker = '8'.repeat(32);
    await sampledMarker(marker);
    expect(exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId)).toEqual([]);
    // An exemplar links a bucket to a trace the tracing backend has: the sampled marker's, never the unsampled one's.
    const metrics = await fetch(`${new URL(stack.gateway.url).origin}/metrics`, { headers: { accept: 'application/openmetrics-text; version=1.0.0' } });
    const text = await metrics.text();
    expect(text).toContain(`# {traceId="${marker}"}`);
    expect(text).not.toContain(traceId);
  });
});
