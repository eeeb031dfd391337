/**
 * Idle subscriptions: a gateway in this process (so that its heap can be read after a full garbage collection),
 * `count` subscriptions over SSE opened by a client process (each its own connection, graphql-sse's distinct
 * connections mode), all watching the status of one ConductorOne connector (so one poller between them): the V8
 * heap after a collection, before and after, gives the memory per subscription. Fails (a CheckFailure) when a
 * subscription is not served as an idle event stream, or when the heap per subscription exceeds the bound the README
 * states (HEAP_BOUND_BYTES_PER_SUBSCRIPTION).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/index.js';
import { createLogger } from '../src/logger.js';
import { startGateway } from '../src/server/index.js';
import { httpRequest, jsonOf, jsonRequest } from './http.js';
import { startProcess } from './processes.js';
import { CheckFailure } from './scenarios.js';

/** The bound the README states (Live updates): V8 heap per idle subscription. */
const HEAP_BOUND_BYTES_PER_SUBSCRIPTION = 24 * 1024;

/** How many the run opens. */
export const IDLE_SUBSCRIPTIONS = 1000;

export interface SubscriptionsResult {
  count: number;
  heapBeforeMiB: number;
  heapAfterMiB: number;
  heapPerSubscriptionBytes: number;
  openMs: number;
}

const MIB = 1024 * 1024;

/** A full collection, then the used heap. */
function heapAfterGc(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export async function runIdleSubscriptions(gatewayEnv: Record<string, string>, count: number): Promise<SubscriptionsResult> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const config = loadConfig({
    ...gatewayEnv,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    GATEWAY_LIVE_MAX_PER_CALLER: String(count),
    GATEWAY_METRICS: 'off',
  });
  const gateway = await startGateway({ config, logger: createLogger('warn') });
  try {
    const list = jsonRequest({ operationName: 'Watched', query: 'query Watched { connectors(sources: [CONDUCTORONE], first: 1) { edges { node { id } } } }' });
    const listed = await httpRequest(gateway.url, { method: 'POST', headers: list.headers, body: list.body });
    const id = (jsonOf(listed, 'the connector to watch') as { data?: { connectors?: { edges?: { node: { id: string } }[] } } }).data?.connectors?.edges?.[0]
      ?.node.id;
    if (id === undefined) throw new CheckFailure('no ConductorOne connector to watch');
    const body = JSON.stringify({ query: 'subscription($ids: [ID!]!) { connectorStatusChanged(ids: $ids) { id } }', variables: { ids: [id] } });
    const script = join(dirname(fileURLToPath(import.meta.url)), 'sseClients.mjs');
    // One first, so that the code paths are warm before the baseline.
    const warm = startProcess({
      name: 'sse-clients-warm-up',
      command: process.execPath,
      args: [script, gateway.url, '1', body],
      cwd: process.cwd(),
      env: process.env,
    });
    await warm.waitForLine((line) => line === 'OPEN', 10_000);
    await warm.stop();
    await sleep(200);
    const before = heapAfterGc(gc);
    const started = performance.now();
    const clients = startProcess({
      name: 'sse-clients',
      command: process.execPath,
      args: [script, gateway.url, String(count), body],
      cwd: process.cwd(),
      env: process.env,
    });
    try {
      const line = await clients.waitForLine((text) => text === 'OPEN' || text.startsWith('FAILED'), 60_000);
      if (line !== 'OPEN') throw new CheckFailure(line);
      const openMs = performance.now() - started;
      await sleep(200);
      const after = heapAfterGc(gc);
      const per = (after - before) / count;
      if (per > HEAP_BOUND_BYTES_PER_SUBSCRIPTION) {
        throw new CheckFailure(
          `${count} idle subscriptions took ${Math.round(per)} bytes of heap each, over the bound of ${HEAP_BOUND_BYTES_PER_SUBSCRIPTION}`,
        );
      }
      return { count, heapBeforeMiB: before / MIB, heapAfterMiB: after / MIB, heapPerSubscriptionBytes: per, openMs };
    } finally {
      await clients.stop();
    }
  } finally {
    await gateway.stop();
  }
}

/** The result as a markdown line for the report. */
export function subscriptionsLine(result: SubscriptionsResult): string {
  return (
    `idle-subscriptions: ${result.count} subscriptions over SSE opened in ${(result.openMs / 1000).toFixed(1)} s; ` +
    `gateway heap per subscription ${(result.heapPerSubscriptionBytes / 1024).toFixed(1)} KiB (bound ${HEAP_BOUND_BYTES_PER_SUBSCRIPTION / 1024} KiB), ` +
    `${result.heapBeforeMiB.toFixed(1)} → ${result.heapAfterMiB.toFixed(1)} MiB after a full collection.`
  );
}
