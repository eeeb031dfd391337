/**
 * `npm run cluster -- --replicas 2 --port 8080`: a local cluster as deployed (issue 20): the vendor sandboxes (one
 * process, `npm run sandbox`'s), a redis-server, N gateway replicas sharing both, and nginx in front of them with
 * deploy/nginx/connector-gateway.conf on the given port (default 8080). Prints the URL; Ctrl-C stops everything.
 * Needs redis-server and nginx on the PATH (Debian: apt-get install redis-server nginx); run after `npm run build`
 * (the npm script does).
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startNginxServer, startRedisServer, startReplica } from '../bench/cluster.js';
import { killAllProcessesNow, stopAllProcesses } from '../bench/processes.js';
import { startSandboxes } from '../bench/sandboxes.js';

const { values } = parseArgs({ options: { replicas: { type: 'string', default: '2' }, port: { type: 'string', default: '8080' } } });
const replicas = Number(values.replicas);
const port = Number(values.port);
if (!Number.isInteger(replicas) || replicas < 1 || replicas > 16 || !Number.isInteger(port) || port < 1 || port > 65535) {
  console.error('usage: npm run cluster -- [--replicas 1..16] [--port 8080]');
  process.exit(2);
}
const ROOT = fileURLToPath(new URL('..', import.meta.url));

process.on('exit', killAllProcessesNow);
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  console.error('\ncluster: stopping');
  void stopAllProcesses().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

try {
  const sandboxes = await startSandboxes(ROOT, ['SAILPOINT', 'LOGTO', 'CONDUCTORONE'], {});
  const redis = await startRedisServer();
  const gateways = await Promise.all(
    Array.from({ length: replicas }, (_, i) =>
      startReplica({ ...sandboxes.gatewayEnv, LOG_LEVEL: 'warn', REDIS_URL: redis.url, GATEWAY_REPLICAS: String(replicas) }, `replica ${i + 1}`),
    ),
  );
  const nginx = await startNginxServer(
    gateways.map((g) => `127.0.0.1:${g.port}`),
    port,
  );
  console.log(`cluster: ${replicas} replica(s) (${gateways.map((g) => g.url).join(', ')}) on ${redis.url}, behind nginx`);
  console.log(`${nginx.url}/graphql`);
  console.log('Ctrl-C stops everything.');
} catch (error) {
  console.error(`cluster: ${(error as Error).message}`);
  await stopAllProcesses();
  process.exit(1);
}
