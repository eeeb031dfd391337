/**
 * Tracing, as the rest of the gateway sees it: a span handle, the span of the work under way (kept in an
 * AsyncLocalStorage per request), and the choice, from the standard `OTEL_*` variables, of OpenTelemetry or
 * nothing. When tracing is off no span is ever current, every hook sees none and returns at once, and the
 * OpenTelemetry SDK is never imported (otel.ts is loaded with a dynamic import). Knows no vendor. Internal module.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type AttributeValue = string | number | boolean;
export type Attributes = Record<string, AttributeValue | undefined>;

/** One span. Attribute values that are strings are scrubbed like the logs before they are kept. */
export interface TraceSpan {
  readonly traceId: string;
  /** Whether the span is recorded and exported (the sampler's decision); an unsampled span still propagates its trace. */
  readonly sampled: boolean;
  setAttribute(key: string, value: AttributeValue | undefined): void;
  addEvent(name: string, attributes?: Attributes): void;
  /** Marks the span failed with the gateway's error code (never a message: it may hold a secret). */
  fail(code: string): void;
  updateName(name: string): void;
  end(): void;
  /** A child of this span. */
  child(name: string, options?: { kind?: 'client' | 'internal'; attributes?: Attributes }): TraceSpan;
  /** The W3C `traceparent` naming this span, for the request it makes. */
  traceparent(): string;
}

/** Where spans come from: the HTTP server span of each request, continuing the caller's `traceparent`. */
export interface Tracing {
  serverSpan(name: string, traceparent: string | undefined, attributes: Attributes): TraceSpan;
  /** Sends what is buffered and stops (on server stop). */
  shutdown(): Promise<void>;
}

/** The current span of a request; mutable so that the operation's hooks can move it (operation, then execute). */
interface Current {
  span: TraceSpan;
}

const current = new AsyncLocalStorage<Current>();

/** The span of the work under way; undefined when tracing is off or outside a traced request. */
export function currentSpan(): TraceSpan | undefined {
  return current.getStore()?.span;
}

/** Makes `span` the current one for the rest of this request's work (the GraphQL hooks: operation, execute). */
export function setCurrentSpan(span: TraceSpan): void {
  const store = current.getStore();
  if (store) store.span = span;
}

/** Runs `fn` with `span` current (and its own store: what `fn` sets does not leak out). */
export function withSpan<T>(span: TraceSpan, fn: () => T): T {
  return current.run({ span }, fn);
}

/** The trace id of the work under way, for the operation log line. */
export function currentTraceId(): string | undefined {
  return current.getStore()?.span.traceId;
}

/** The current trace's id when its spans are exported: an exemplar must link to a trace the backend has. */
export function currentSampledTraceId(): string | undefined {
  const span = current.getStore()?.span;
  return span?.sampled ? span.traceId : undefined;
}

/** Whether the `OTEL_*` variables ask for traces: an OTLP endpoint, or `OTEL_TRACES_EXPORTER=otlp`; `OTEL_SDK_DISABLED=true` wins. */
export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  if (env.OTEL_TRACES_EXPORTER !== undefined && env.OTEL_TRACES_EXPORTER.trim() !== '') {
    return env.OTEL_TRACES_EXPORTER.split(',').some((name) => name.trim().toLowerCase() === 'otlp');
  }
  return [env.OTEL_EXPORTER_OTLP_ENDPOINT, env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT].some((value) => value !== undefined && value.trim() !== '');
}

/** OpenTelemetry with the OTLP/HTTP exporter when the variables ask for it, else undefined (no tracing, no SDK loaded). */
export async function tracingFromEnv(env: NodeJS.ProcessEnv): Promise<Tracing | undefined> {
  if (!tracingRequested(env)) return undefined;
  const { createOtlpTracing } = await import('./otel.js');
  return createOtlpTracing();
}
