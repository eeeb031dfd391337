/**
 * The OpenTelemetry side of tracing.ts: the trace SDK with its own tracer provider (no global one is registered,
 * so nothing else in the process starts sending spans), the OTLP/HTTP exporter configured by the standard
 * `OTEL_EXPORTER_OTLP_*` variables, and W3C trace context read from and written to `traceparent`. Loaded only when
 * tracing is on. Internal module.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace, type Span, type Tracer } from '@opentelemetry/api';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { scrubBody } from '../logger.js';
import type { AttributeValue, Attributes, TraceSpan, Tracing } from './tracing.js';

const TRACEPARENT = /^([\da-f]{2})-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})(-.*)?$/;
/** The longest attribute value kept (after scrubbing). */
const MAX_VALUE_CHARS = 1000;

/** A string attribute as the log would hold it: secret-looking values scrubbed (logger.ts). */
function clean(value: AttributeValue): AttributeValue {
  return typeof value === 'string' ? scrubBody(value, [], MAX_VALUE_CHARS) : value;
}

function cleanAll(attributes: Attributes | undefined): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  if (attributes) for (const key in attributes) if (attributes[key] !== undefined) out[key] = clean(attributes[key]);
  return out;
}

/**
 * A span of the SDK. An unsampled one (the sampler said no) records nothing, so its attributes are not even
 * scrubbed; it still has ids, and its children and the sources still get its trace in their `traceparent`.
 */
class OtelSpan implements TraceSpan {
  readonly sampled: boolean;

  constructor(
    private readonly tracer: Tracer,
    private readonly span: Span,
  ) {
    this.sampled = span.isRecording();
  }

  get traceId(): string {
    return this.span.spanContext().traceId;
  }

  setAttribute(key: string, value: AttributeValue | undefined): void {
    if (this.sampled && value !== undefined) this.span.setAttribute(key, clean(value));
  }

  addEvent(name: string, attributes?: Attributes): void {
    if (this.sampled) this.span.addEvent(name, cleanAll(attributes));
  }

  fail(code: string): void {
    if (!this.sampled) return;
    this.span.setAttribute('error.type', code);
    this.span.setStatus({ code: SpanStatusCode.ERROR, message: code });
  }

  updateName(name: string): void {
    this.span.updateName(name);
  }

  end(): void {
    this.span.end();
  }

  child(name: string, options: { kind?: 'client' | 'internal'; attributes?: Attributes } = {}): TraceSpan {
    const kind = options.kind === 'client' ? SpanKind.CLIENT : SpanKind.INTERNAL;
    const span = new OtelSpan(this.tracer, this.tracer.startSpan(name, { kind }, trace.setSpan(ROOT_CONTEXT, this.span)));
    if (options.attributes) for (const key in options.attributes) span.setAttribute(key, options.attributes[key]);
    return span;
  }

  traceparent(): string {
    const { traceId, spanId, traceFlags } = this.span.spanContext();
    return `00-${traceId}-${spanId}-${(traceFlags & TraceFlags.SAMPLED ? 1 : 0).toString(16).padStart(2, '0')}`;
  }
}

/** The caller's span from a W3C `traceparent` header, when it is one (version ff and all-zero ids are not). */
function remoteParent(header: string | undefined) {
  // W3C trace context: lower-case hex only; version 00 has exactly four fields (a later version may add some).
  const match = header === undefined ? null : TRACEPARENT.exec(header.trim());
  if (!match || match[1] === 'ff' || (match[1] === '00' && match[5] !== undefined)) return ROOT_CONTEXT;
  if (/^0+$/.test(match[2] ?? '') || /^0+$/.test(match[3] ?? '')) return ROOT_CONTEXT;
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: match[2] ?? '',
    spanId: match[3] ?? '',
    traceFlags: Number.parseInt(match[4] ?? '0', 16) & TraceFlags.SAMPLED,
    isRemote: true,
  });
}

/**
 * Tracing through `processor` (the OTLP exporter's batch processor; in tests, an in-memory exporter's). The provider
 * is given no sampler, so the SDK takes it from the standard `OTEL_TRACES_SAMPLER` / `OTEL_TRACES_SAMPLER_ARG`
 * (default `parentbased_always_on`: a caller's sampling decision in `traceparent` is kept, and a trace started here
 * is sampled).
 */
export function createOtelTracing(processor: SpanProcessor, serviceName = process.env.OTEL_SERVICE_NAME ?? 'connector-gateway'): Tracing {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    spanProcessors: [processor],
  });
  const tracer = provider.getTracer('connector-gateway');
  return {
    serverSpan(name, traceparent, attributes) {
      // The attributes are scrubbed only once the sampler has said the span is recorded (most are not, sampled).
      const span = new OtelSpan(tracer, tracer.startSpan(name, { kind: SpanKind.SERVER }, remoteParent(traceparent)));
      for (const key in attributes) span.setAttribute(key, attributes[key]);
      return span;
    },
    shutdown: () => provider.shutdown(),
  };
}

/** Tracing to the OTLP/HTTP endpoint of `OTEL_EXPORTER_OTLP_ENDPOINT` / `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (the exporter reads them). */
export function createOtlpTracing(): Tracing {
  return createOtelTracing(new BatchSpanProcessor(new OTLPTraceExporter()));
}
