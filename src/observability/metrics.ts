/**
 * Prometheus metrics of one gateway: operations, upstream exchanges, dataloader batches, circuit breakers and
 * prom-client's process metrics, in a registry of its own (several gateways may run in one process, as in the
 * tests). Recording is a counter increment or a histogram observation; breaker states are read at scrape time.
 * Internal module; the metric names and labels are public (README, "Operations").
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type RegistryContentType } from 'prom-client';
import type { SourceName } from '../errors/codes.js';
import type { UpstreamEvent } from '../http/upstream.js';
import type { BatchObserver } from './batch.js';
import { currentSampledTraceId } from './tracing.js';

/** How an operation ended: no errors, errors and nothing else, or errors beside data. */
export type Outcome = 'ok' | 'error' | 'partial';

/** A circuit breaker's state, as `/readyz` shows it. */
type BreakerState = 'closed' | 'half-open' | 'open';

/** The metrics of one gateway. */
export interface GatewayMetrics {
  /** The exposition format's content type. */
  readonly contentType: string;
  /** OpenMetrics' content type, the format that carries exemplars. */
  readonly openMetricsContentType: string;
  /** The current values in the text exposition format, or in OpenMetrics (with exemplars: trace ids of latency buckets). */
  scrape(openMetrics?: boolean): Promise<string>;
  /** Records one finished operation (`name` null: anonymous), with the trace id of a traced one as its bucket's exemplar. */
  operation(name: string | null, outcome: Outcome, seconds: number, traceId?: string): void;
  /** Records one upstream exchange. */
  upstream(event: UpstreamEvent): void;
  /** Records one response cache lookup (`bypass`: not cacheable, or the store cannot be used now). */
  cacheLookup(result: 'hit' | 'miss' | 'bypass'): void;
  /** Records the size of one dataloader batch. */
  batch: BatchObserver;
  /** Where the breaker states come from (read at each scrape). */
  watchBreakers(states: () => Record<SourceName, BreakerState>): void;
}

/** Operation names become label values: past this many distinct ones, the rest count as `(other)`. */
export const MAX_OPERATION_NAMES = 200;
/** Label values that cannot be GraphQL names. */
const ANONYMOUS = '(anonymous)';
const OTHER = '(other)';

const BREAKER_VALUES: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** A memo of labelled children by a key that joins their label values with newlines (which labels never hold). */
function children<T>(make: (key: string) => T): (key: string) => T {
  const made = new Map<string, T>();
  return (key) => {
    let child = made.get(key);
    if (child === undefined) made.set(key, (child = make(key)));
    return child;
  };
}

/** Creates the registry and the gateway's metrics in it. */
export function createMetrics(): GatewayMetrics {
  // Made as an OpenMetrics registry, as prom-client requires of histograms with exemplars, then switched to the text
  // format that scrapes get unless they ask for OpenMetrics.
  const registry = new Registry<RegistryContentType>();
  registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  const cacheLookups = new Counter({
    name: 'gateway_response_cache_lookups_total',
    help: 'Response cache lookups by result (hit, miss, bypass: not cacheable or the store cannot be used now).',
    labelNames: ['result'] as const,
    registers,
  });
  const operations = new Counter({
    name: 'gateway_operations_total',
    help: 'GraphQL operations by operation name and outcome (ok, error, partial).',
    labelNames: ['operation', 'outcome'] as const,
    registers,
  });
  // `traceId` is an exemplar label only (prom-client types exemplar labels by the histogram's label names).
  const operationSeconds = new Histogram<'operation' | 'traceId'>({
    name: 'gateway_operation_duration_seconds',
    help: 'Time from receiving a GraphQL operation to sending its response, by operation name.',
    labelNames: ['operation'],
    buckets: SECONDS,
    registers,
    enableExemplars: true,
  });
  const upstreamRequests = new Counter({
    name: 'gateway_upstream_requests_total',
    help: 'HTTP exchanges with a source (each try; token requests excluded), by source, method and status (none: no answer).',
    labelNames: ['source', 'method', 'status'] as const,
    registers,
  });
  const upstreamSeconds = new Histogram<'source' | 'traceId'>({
    name: 'gateway_upstream_request_duration_seconds',
    help: 'Duration of one HTTP exchange with a source.',
    labelNames: ['source'],
    buckets: SECONDS,
    registers,
    enableExemplars: true,
  });
  const batchSizes = new Histogram({
    name: 'gateway_dataloader_batch_size',
    help: 'Keys in one dataloader batch, by source and loader.',
    labelNames: ['source', 'loader'] as const,
    buckets: [1, 2, 5, 10, 20, 50, 100, 250],
    registers,
  });
  let breakerStates: (() => Record<SourceName, BreakerState>) | undefined;
  new Gauge({
    name: 'gateway_upstream_breaker_state',
    help: "A source's circuit breaker: 0 closed, 1 half-open, 2 open.",
    labelNames: ['source'] as const,
    registers,
    collect() {
      if (!breakerStates) return;
      for (const [source, state] of Object.entries(breakerStates())) this.set({ source }, BREAKER_VALUES[state]);
    },
  });
  // Labelled children, made once per label set: recording is then an increment, without prom-client hashing the
  // labels on every call. Label sets are few (operation names are capped, sources, methods and statuses few).
  const operationCounts = children((key) => operations.labels(...(key.split('\n') as [string, string])));
  const operationTimes = children((operation) => operationSeconds.labels(operation));
  const upstreamCounts = children((key) => upstreamRequests.labels(...(key.split('\n') as [string, string, string])));
  const upstreamTimes = children((source) => upstreamSeconds.labels(source));
  const batches = children((key) => batchSizes.labels(...(key.split('\n') as [string, string])));
  const names = new Set<string>();
  const operationLabel = (name: string | null): string => {
    if (name === null) return ANONYMOUS;
    if (names.has(name)) return name;
    if (names.size >= MAX_OPERATION_NAMES) return OTHER;
    names.add(name);
    return name;
  };

  // prom-client writes exemplars only from a registry of OpenMetrics' type: a scrape that asks for it switches the
  // registry's type while it renders, one scrape at a time.
  const contentType = Registry.PROMETHEUS_CONTENT_TYPE;
  registry.setContentType(contentType);
  let scrapes: Promise<unknown> = Promise.resolve();
  const scrapeOpenMetrics = (): Promise<string> => {
    const run = scrapes.then(async () => {
      registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
      try {
        return await registry.metrics();
      } finally {
        registry.setContentType(contentType);
      }
    });
    scrapes = run.catch(() => undefined);
    return run;
  };

  return {
    contentType,
    cacheLookup(result) {
      cacheLookups.inc({ result });
    },
    openMetricsContentType: Registry.OPENMETRICS_CONTENT_TYPE,
    scrape: (openMetrics = false) => (openMetrics ? scrapeOpenMetrics() : scrapes.then(() => registry.metrics())),
    operation(name, outcome, seconds, traceId) {
      const operation = operationLabel(name);
      operationCounts(`${operation}\n${outcome}`).inc();
      if (traceId === undefined) operationTimes(operation).observe(seconds);
      else operationSeconds.observe({ labels: { operation }, value: seconds, exemplarLabels: { traceId } });
    },
    upstream({ source, method, status, ms }) {
      upstreamCounts(`${source}\n${method}\n${status ?? 'none'}`).inc();
      const traceId = currentSampledTraceId();
      if (traceId === undefined) upstreamTimes(source).observe(ms / 1000);
      else upstreamSeconds.observe({ labels: { source }, value: ms / 1000, exemplarLabels: { traceId } });
    },
    batch(source, loader, size) {
      batches(`${source}\n${loader}`).observe(size);
    },
    watchBreakers(states) {
      breakerStates = states;
    },
  };
}
