/**
 * `npx tsx scripts/trace-demo.ts [--warm]`: starts the gateway on its built-in sandboxes with tracing into the
 * trace SDK's in-memory exporter, runs one cross-source `connectors` query and prints its trace as a span tree with
 * durations and the main attributes. `--warm` runs the query once before the printed one, so the printed trace
 * shows a warm gateway (tokens fetched; the document cached, so no parse or validate span) rather than the first request's setup.
 */
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { loadConfig } from '../src/config/index.js';
import { createLogger } from '../src/logger.js';
import { createOtelTracing } from '../src/observability/otel.js';
import { startGateway } from '../src/server/index.js';

const QUERY = `query Cross { connectors(first: 5) { edges { node { id source displayName } } } }`;
/** Attributes printed beside a span's name, when it has them. */
const SHOWN = [
  'http.response.status_code',
  'graphql.document.hash',
  'batch.size',
  'gateway.source',
  'gateway.breaker.state',
  'gateway.rate_limit.wait_ms',
  'error.type',
];

const ms = (span: ReadableSpan): number => span.duration[0] * 1000 + span.duration[1] / 1e6;

function print(spans: readonly ReadableSpan[], parentId: string | undefined, depth: number, out: string[]): void {
  const children = spans
    .filter(
      (s) => s.parentSpanContext?.spanId === parentId || (parentId === undefined && !spans.some((p) => p.spanContext().spanId === s.parentSpanContext?.spanId)),
    )
    .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
  for (const span of children) {
    const attrs = SHOWN.filter((k) => span.attributes[k] !== undefined).map((k) => {
      const v = String(span.attributes[k]);
      return `${k}=${k === 'graphql.document.hash' ? `${v.slice(0, 12)}…` : v}`;
    });
    const events = span.events.map((e) => `+${e.name}`);
    out.push(
      `${'  '.repeat(depth)}${span.name}  ${ms(span).toFixed(2)} ms${attrs.length ? `  [${attrs.join(' ')}]` : ''}${events.length ? ` ${events.join(' ')}` : ''}`,
    );
    print(spans, span.spanContext().spanId, depth + 1, out);
  }
}

async function main(): Promise<void> {
  const exporter = new InMemorySpanExporter();
  const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' });
  const gateway = await startGateway({
    config,
    logger: createLogger(config.logLevel),
    tracing: createOtelTracing(new SimpleSpanProcessor(exporter), 'trace-demo'),
  });
  const run = async (): Promise<void> => {
    const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
    const body = (await res.json()) as { errors?: unknown };
    if (body.errors) throw new Error(`the query failed: ${JSON.stringify(body.errors)}`);
  };
  try {
    if (process.argv.includes('--warm')) await run();
    exporter.reset();
    await run();
    // The server span ends when the response is finished, just after the client has read it.
    for (let i = 0; i < 50 && !exporter.getFinishedSpans().some((s) => s.name === 'POST /graphql'); i++) await new Promise((r) => setTimeout(r, 10));
    const spans = exporter.getFinishedSpans();
    const out = [`trace ${spans[0]?.spanContext().traceId ?? '(none)'}: ${spans.length} spans`];
    print(spans, undefined, 0, out);
    console.log(out.join('\n'));
  } finally {
    await gateway.stop();
  }
}

await main();
