/**
 * `npm run bench:replicas [-- --smoke]` (issue 20): the same load (autocannon, bench/load.ts; a SailPoint list of 20
 * connectors) on four set-ups, to see what Redis and nginx cost per request and what a second replica brings:
 * one replica direct without Redis, one direct with Redis, one behind nginx, two behind nginx (both with Redis).
 * Prints req/s, p50 and p99 per set-up. `--smoke` (CI): one second per set-up, answers checked, timings never judged.
 * Needs redis-server and nginx on the PATH.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startNginxServer, startRedisServer, startReplica, type Part } from './cluster.js';
import { httpRequest, jsonOf, jsonRequest } from './http.js';
import { measureTarget, type RunMetrics } from './load.js';
import { killAllProcessesNow, stopAllProcesses } from './processes.js';
import { startSandboxes } from './sandboxes.js';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string', default: '50' },
  },
});
const smoke = values.smoke;
const durationS = Number(values.duration ?? (smoke ? '1' : '10'));
const warmupS = Number(values.warmup ?? (smoke ? '0.5' : '3'));
const connections = Number(values.connections);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const OPERATION = { query: 'query Bench { scriptConnectors(first: 20) { edges { node { id } } } }', operationName: 'Bench' };

interface Setup {
  name: string;
  replicas: number;
  redis: boolean;
  nginx: boolean;
}
const SETUPS: Setup[] = [
  { name: '1 replica, direct, no Redis', replicas: 1, redis: false, nginx: false },
  { name: '1 replica, direct, Redis', replicas: 1, redis: true, nginx: false },
  { name: '1 replica behind nginx, Redis', replicas: 1, redis: true, nginx: true },
  { name: '2 replicas behind nginx, Redis', replicas: 2, redis: true, nginx: true },
];

function log(message: string): void {
  process.stderr.write(`bench:replicas: ${message}\n`);
}

process.on('exit', killAllProcessesNow);
process.on('SIGINT', () => {
  void stopAllProcesses().then(() => process.exit(130));
});

const sandboxes = await startSandboxes(ROOT, ['SAILPOINT', 'LOGTO', 'CONDUCTORONE'], {});
const results: { setup: Setup; metrics: RunMetrics }[] = [];
let failed = false;
try {
  for (const setup of SETUPS) {
    log(setup.name);
    const parts: Part[] = [];
    try {
      const redis = setup.redis ? await startRedisServer() : undefined;
      if (redis) parts.push(redis);
      const env: Record<string, string> = {
        ...sandboxes.gatewayEnv,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        SAILPOINT_RATE_LIMIT: 'off',
        GATEWAY_REPLICAS: String(setup.replicas),
        ...(redis ? { REDIS_URL: redis.url } : {}),
      };
      const replicas = await Promise.all(Array.from({ length: setup.replicas }, (_, i) => startReplica(env, `replica ${i + 1}`)));
      parts.push(...replicas);
      const nginx = setup.nginx ? await startNginxServer(replicas.map((r) => `127.0.0.1:${r.port}`)) : undefined;
      if (nginx) parts.push(nginx);
      const front = nginx ?? replicas[0];
      if (front === undefined) throw new Error('no replica started');
      const url = `${front.url}/graphql`;
      const request = jsonRequest(OPERATION);
      // One answer checked before the load: the list, without errors.
      const answer = jsonOf(await httpRequest(url, { method: 'POST', headers: request.headers, body: request.body, timeoutMs: 10_000 }), setup.name) as {
        data?: { scriptConnectors?: { edges?: unknown[] } };
        errors?: unknown;
      };
      if (answer.errors !== undefined || answer.data?.scriptConnectors?.edges?.length !== 20)
        throw new Error(`${setup.name}: unexpected answer ${JSON.stringify(answer)}`);
      const metrics = await measureTarget({
        round: 1,
        // The readings of the process that takes the load (nginx when in front).
        target: { kind: 'gateway', url, process: front.process },
        request,
        connections,
        durationS,
        warmupS,
        sandboxes: [...sandboxes.clients.values()],
      });
      results.push({ setup, metrics });
      if (metrics.completed === 0 || metrics.non2xx > 0 || metrics.errors > 0 || metrics.errorBodies > 0) {
        failed = true;
        log(
          `${setup.name}: ${metrics.completed} answers, ${metrics.non2xx} not 2xx, ${metrics.errors} socket errors, ${metrics.errorBodies} with GraphQL errors`,
        );
      }
    } finally {
      for (const part of parts.reverse()) await part.stop();
    }
  }
} finally {
  await stopAllProcesses();
}

const rows = results.map(
  ({ setup, metrics: m }) =>
    `| ${setup.name} | ${m.reqPerSec.toFixed(0)} | ${m.p50Ms.toFixed(1)} | ${m.p99Ms.toFixed(1)} | ${m.completed} | ${m.non2xx + m.errors + m.errorBodies} |`,
);
console.log(
  [
    `${connections} connections, ${durationS} s per set-up after ${warmupS} s of warm-up${smoke ? ' (smoke: answers checked, timings not meaningful)' : ''}`,
    '',
    '| set-up | req/s | p50 ms | p99 ms | answers | failed |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n'),
);
if (failed) process.exit(1);
