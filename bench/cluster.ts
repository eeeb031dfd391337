/**
 * A local cluster as deployed (issue 20), for `npm run cluster` and `npm run bench:replicas`: a redis-server, gateway
 * replicas (`dist/src/index.js` with `npm start`'s node flags) and nginx in front of them with
 * deploy/nginx/connector-gateway.conf, each a child process in its own group (bench/processes.ts) on a free or given
 * loopback port. The template's rendering is also the cluster tests' (test/helpers/nginx.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { accepts, freePort, startProcess, watchForCrash, type ManagedProcess } from './processes.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NGINX_TEMPLATE = join(ROOT, 'deploy/nginx/connector-gateway.conf');

/** The gateway's default upload limit (UPLOAD_MAX_FILE_SIZE × UPLOAD_MAX_FILES + 2 × GATEWAY_BODY_LIMIT_BYTES). */
export const DEFAULT_CLIENT_MAX_BODY_SIZE = 4 * 1024 * 1024 + 2 * 1024 * 1024;

/** The values of the template's placeholders. */
export interface NginxValues {
  /** e.g. `127.0.0.1:8080`. */
  listen: string;
  /** The replicas, `host:port`. */
  servers: readonly string[];
  /** Bytes (default: the gateway's default upload limit). */
  clientMaxBodySize?: number;
}

/** deploy/nginx/connector-gateway.conf with its placeholders filled in. */
export function renderNginxConf(values: NginxValues): string {
  const servers = values.servers.map((s) => `server ${s} max_fails=2 fail_timeout=5s;`).join('\n    ');
  return readFileSync(NGINX_TEMPLATE, 'utf8')
    .replaceAll('{{LISTEN}}', values.listen)
    .replaceAll('{{SERVERS}}', servers)
    .replaceAll('{{CLIENT_MAX_BODY_SIZE}}', String(values.clientMaxBodySize ?? DEFAULT_CLIENT_MAX_BODY_SIZE));
}

/** `-g` directives that keep everything nginx writes in `dir` (pid file, error log; temp files via the prefix). */
export function nginxGlobals(dir: string): string {
  return `daemon off; pid ${join(dir, 'nginx.pid')}; error_log ${join(dir, 'error.log')} warn;`;
}

/** Renders the template into a new temporary directory (the nginx prefix). */
export function writeNginxConf(values: NginxValues): { dir: string; conf: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cg-nginx-'));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, renderNginxConf(values));
  return { dir, conf };
}

/** One started part: its process and address. */
export interface Part {
  process: ManagedProcess;
  port: number;
  /** `http://127.0.0.1:PORT` (Redis: `redis://…`). */
  url: string;
  stop(): Promise<void>;
}

async function waitUntil(child: ManagedProcess, check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    child.assertRunning();
    if (Date.now() > deadline) throw new Error(`${what} did not start within ${timeoutMs} ms; last output:\n${child.tail()}`);
    await sleep(50);
  }
}

/** A redis-server without persistence on a free loopback port (`REDIS_SERVER` names the binary). */
export async function startRedisServer(): Promise<Part> {
  const port = await freePort();
  const child = watchForCrash(
    startProcess({
      name: 'redis-server',
      command: process.env.REDIS_SERVER ?? 'redis-server',
      args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
      cwd: ROOT,
      env: process.env,
    }),
  );
  await waitUntil(child, () => accepts(port), 'redis-server');
  return { process: child, port, url: `redis://127.0.0.1:${port}`, stop: () => child.stop() };
}

/** A gateway replica (`dist/src/index.js`, `npm start`'s flags) with `env`; resolves when /healthz answers. */
export async function startReplica(env: Record<string, string>, name = 'gateway'): Promise<Part> {
  const port = await freePort();
  const child = watchForCrash(
    startProcess({
      name,
      command: process.execPath,
      args: [
        `--max-old-space-size=${process.env.GATEWAY_MAX_OLD_SPACE_MB ?? '128'}`,
        `--max-semi-space-size=${process.env.GATEWAY_MAX_SEMI_SPACE_MB ?? '8'}`,
        'dist/src/index.js',
      ],
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(child, async () => (await fetch(`${url}/healthz`)).ok, name);
  return { process: child, port, url, stop: () => child.stop() };
}

/** nginx (`NGINX` names the binary; default `nginx`) in front of `servers`, on `port` or a free one. */
export async function startNginxServer(servers: readonly string[], port?: number): Promise<Part> {
  const listenPort = port ?? (await freePort());
  const { dir, conf } = writeNginxConf({ listen: `127.0.0.1:${listenPort}`, servers });
  const child = watchForCrash(
    startProcess({ name: 'nginx', command: process.env.NGINX ?? 'nginx', args: ['-p', dir, '-c', conf, '-g', nginxGlobals(dir)], cwd: dir, env: process.env }),
  );
  const url = `http://127.0.0.1:${listenPort}`;
  try {
    await waitUntil(child, async () => (await fetch(`${url}/healthz`)).ok, 'nginx');
  } catch (error) {
    let log = '';
    try {
      log = readFileSync(join(dir, 'error.log'), 'utf8');
    } catch {
      // No log written.
    }
    throw new Error(`${(error as Error).message}\nnginx error log:\n${log}`, { cause: error });
  }
  return {
    process: child,
    port: listenPort,
    url,
    async stop() {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
