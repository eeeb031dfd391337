/**
 * nginx (Debian's package) in front of gateway replicas for the cluster tests: deploy/nginx/connector-gateway.conf
 * rendered (bench/cluster.ts) into a temporary prefix directory (a free loopback port, the replicas' addresses, the upload limit), run
 * in the foreground with its pid file, error log and temporary files there, and stopped at the end.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { nginxGlobals as globals, writeNginxConf, type NginxValues } from '../../bench/cluster.js';
import { accepts } from '../../bench/processes.js';
import { freePort, waitFor } from './redis.js';

export { DEFAULT_CLIENT_MAX_BODY_SIZE, renderNginxConf } from '../../bench/cluster.js';

/** The nginx binary (`NGINX` names it; default `nginx` on the PATH). */
function nginxBinary(): string {
  return process.env.NGINX ?? 'nginx';
}

/** `nginx -t` on a rendered configuration: its exit status and output. */
export function testNginxConf(values: NginxValues): { status: number | null; output: string } {
  const { dir, conf } = writeNginxConf(values);
  try {
    const result = spawnSync(nginxBinary(), ['-t', '-p', dir, '-c', conf, '-g', globals(dir)], { encoding: 'utf8' });
    if (result.error) throw new Error(`nginx could not run (${result.error.message}); install it: apt-get install nginx`);
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface TestNginx {
  /** e.g. `http://127.0.0.1:40123`. */
  origin: string;
  port: number;
  /** What nginx logged at warn and above. */
  errorLog(): string;
  stop(): Promise<void>;
}

/** Starts nginx in front of `servers` on a free port (or `port`). */
export async function startNginx(servers: readonly string[], options: { port?: number; clientMaxBodySize?: number; host?: string } = {}): Promise<TestNginx> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort());
  const { dir, conf } = writeNginxConf({
    listen: `${host}:${port}`,
    servers,
    ...(options.clientMaxBodySize !== undefined ? { clientMaxBodySize: options.clientMaxBodySize } : {}),
  });
  const child: ChildProcess = spawn(nginxBinary(), ['-p', dir, '-c', conf, '-g', globals(dir)], { stdio: ['ignore', 'ignore', 'inherit'] });
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) => {
      reject(new Error(`nginx could not start (${error.message}); install it: apt-get install nginx`));
    });
    child.once('exit', (code) => {
      reject(new Error(`nginx exited with ${String(code)}: ${readLog(dir)}`));
    });
  });
  failed.catch(() => undefined);
  await Promise.race([waitFor(() => accepts(port), `nginx on port ${port}`), failed]);
  return {
    origin: `http://${host}:${port}`,
    port,
    errorLog: () => readLog(dir),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGQUIT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'error.log'), 'utf8');
  } catch {
    return '';
  }
}
