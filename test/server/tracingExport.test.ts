import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tracingRequested } from '../../src/observability/tracing.js';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

/** Tracing switched by the standard OTEL_* variables: spans exported over OTLP/HTTP to a real receiver, or none at all. */

const QUERY = `query Cross { connectors(first: 3) { edges { node { id source } } } }`;

interface Received {
  path: string;
  contentType: string;
  body: string;
}

/** An OTLP/HTTP receiver on loopback: keeps every request and answers 200 with an empty export response. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

describe('tracing from the OTEL_* variables', () => {
  it('is on with an OTLP endpoint or OTEL_TRACES_EXPORTER=otlp, off otherwise and whenever OTEL_SDK_DISABLED=true', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(false);
    expect(tracingRequested({ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(false);
    expect(tracingRequested({ OTEL_SDK_DISABLED: 'false', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
  });

  describe('with OTEL_EXPORTER_OTLP_ENDPOINT set', () => {
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let stack: TestStack;
    const saved = { ...process.env };

    beforeAll(async () => {
      receiver = await startReceiver();
      process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
      process.env.OTEL_SERVICE_NAME = 'gateway-export-test';
      stack = await startTestStack();
    });
    afterAll(async () => {
      process.env = saved;
      await new Promise((resolve) => receiver.server.close(resolve));
    });

    it('sends the spans of an operation to the receiver, flushed when the gateway stops', async () => {
      const traceId = 'a'.repeat(32);
      const res = await stack.gql(QUERY, undefined, { traceparent: `00-${traceId}-${'b'.repeat(16)}-01` });
      expect(res.body.errors).toBeUndefined();
      await stack.stop(); // shuts the tracer down: what the batch processor holds is sent

      expect(receiver.received.length).toBeGreaterThan(0);
      for (const r of receiver.received) {
        expect(r.path).toBe('/v1/traces');
        expect(r.contentType).toMatch(/^application\/json/);
      }
      const exports = receiver.received.map(
        (r) =>
          JSON.parse(r.body) as {
            resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
          },
      );
      const resources = exports.flatMap((e) => e.resourceSpans);
      expect(resources[0]!.resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'gateway-export-test' } });
      const spans = resources.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
      const names = spans.map((s) => s.name);
      expect(names).toEqual(expect.arrayContaining(['POST /graphql', 'query Cross', 'graphql.parse', 'graphql.validate', 'graphql.execute']));
      expect(spans.every((s) => s.traceId === traceId)).toBe(true);
      expect(spans.find((s) => s.name === 'POST /graphql')!.parentSpanId).toBe('b'.repeat(16));
      expect(names.filter((n) => /^GET \/(connectors|api\/connectors|api\/v1\/apps)/.test(n)).length).toBeGreaterThanOrEqual(3);
    });
  });

  describe('with no OTEL_* variable', () => {
    let stack: TestStack;
    beforeAll(async () => {
      for (const name of Object.keys(process.env)) if (name.startsWith('OTEL_')) expect.fail(`${name} is set in the test environment`);
      stack = await startTestStack();
    });
    afterAll(() => stack.stop());

    it('traces nothing: no traceparent reaches the sources and the operation line has no trace id', async () => {
      const res = await stack.gql(QUERY, undefined, { traceparent: `00-${'c'.repeat(32)}-${'d'.repeat(16)}-01`, 'x-request-id': 'untraced' });
      expect(res.body.errors).toBeUndefined();
      const entries = [stack.sailpoint, stack.logto, stack.conductorone].flatMap((s) => s.log.entries());
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.every((e) => e.traceparent === '')).toBe(true);
      const line = stack.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'operation' && l.requestId === 'untraced');
      expect(line).toBeDefined();
      expect(line).not.toHaveProperty('traceId');
    });
  });
});
