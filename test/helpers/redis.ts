/**
 * A real redis-server (Debian's package) for the cluster tests (`npm run test:cluster`): started on a free
 * loopback port with no persistence, stopped and started again on the same port (a Redis that goes away and
 * returns), and killed at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection } from 'node:net';

export interface TestRedis {
  /** e.g. `redis://127.0.0.1:40123`. */
  url: string;
  port: number;
  /** Stops the server (SIGKILL: as if the machine went away); resolves when the port is closed. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: it keeps nothing). */
  start(): Promise<void>;
  /** Stops it for good. */
  close(): Promise<void>;
}

/** A free TCP port on loopback (free now; taken by whoever binds it first). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return port;
}

/** Whether something accepts connections on `port`. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Starts a redis-server (`REDIS_SERVER` names the binary; default `redis-server` on the PATH). */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    const proc = spawn(
      process.env.REDIS_SERVER ?? 'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--loglevel', 'warning'],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    child = proc;
    const failed = new Promise<never>((_, reject) => {
      proc.once('error', (error) => {
        reject(new Error(`redis-server could not start (${error.message}); install it: apt-get install redis-server`));
      });
    });
    await Promise.race([waitFor(() => accepts(port), `redis-server on port ${port}`), failed]);
  };
  const stop = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (proc?.exitCode !== null) return; // not running
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
    await waitFor(async () => !(await accepts(port)), `port ${port} to close`);
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, start, stop, close: stop };
}
