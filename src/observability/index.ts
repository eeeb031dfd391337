/**
 * What an operator sees of one gateway: the operation log line and, unless `GATEWAY_METRICS=off`, the Prometheus
 * metrics. `startGateway` hands each piece to the part that feeds it: the upstream observer to the source
 * clients, the batch observer to the dataloaders, the plugin to Apollo Server, the metrics to `/metrics`.
 * Internal module.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { GatewayContext } from '../context.js';
import type { UpstreamObserver } from '../http/upstream.js';
import type { BatchObserver } from './batch.js';
import { createMetrics, type GatewayMetrics } from './metrics.js';
import { createOperationLog } from './operations.js';

export interface Observability {
  /** For the source clients: every upstream exchange. */
  observer: UpstreamObserver;
  /** For the dataloaders: every batch's size (undefined when metrics are off). */
  observeBatch: BatchObserver | undefined;
  /** For Apollo Server: the operation log line and metrics. */
  plugin: ApolloServerPlugin<GatewayContext>;
  /** For `/metrics`; undefined when metrics are off. */
  metrics: GatewayMetrics | undefined;
}

export interface ObservabilityOptions {
  logger: Logger;
  metrics: boolean;
  /** Another observer of upstream exchanges, told after the gateway's own. */
  observer?: UpstreamObserver | undefined;
}

export function createObservability({ logger, metrics: enabled, observer }: ObservabilityOptions): Observability {
  const metrics = enabled ? createMetrics() : undefined;
  const log = createOperationLog(logger, metrics);
  return {
    observer: observer
      ? (event) => {
          log.observe(event);
          observer(event);
        }
      : log.observe,
    observeBatch: metrics?.batch,
    plugin: log.plugin,
    metrics,
  };
}
