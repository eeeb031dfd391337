/**
 * A real redis-server (Debian's package) for the cluster tests (`npm run test:cluster`): started on a free
 * loopback port with no persistence, stopped and started again on the same port (a Redis that goes away and
 * returns), and killed at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { accepts } from '../../bench/processes.js';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { RedisLink, type RedisLinkOptions } from '../../src/cluster/redis.js';

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
export async function freePort(): Promise<number> {
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

export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
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

/** A test file's redis-server and the links it opened, started before its tests and closed after them. */
export interface RedisForTests {
  /** The server (set once the file's tests run). */
  readonly server: TestRedis;
  /** Every link opened so far, in order. */
  readonly links: readonly RedisLink[];
  /** A link (a silent logger unless told) that Redis already serves; closed with the server. */
  link(keyPrefix: string, options?: Partial<Omit<RedisLinkOptions, 'url' | 'keyPrefix'>>): Promise<RedisLink>;
}

/** Starts a redis-server for this test file (beforeAll) and closes it and every link opened (afterAll). */
export function useRedis(): RedisForTests {
  let server: TestRedis | undefined;
  const links: RedisLink[] = [];
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(links.map((l) => l.close()));
    await server?.close();
  });
  const started = (): TestRedis => {
    if (server === undefined) throw new Error('useRedis: the server starts in beforeAll');
    return server;
  };
  return {
    get server() {
      return started();
    },
    links,
    async link(keyPrefix, options = {}) {
      const link = RedisLink.open({ url: started().url, keyPrefix, logger: pino({ level: 'silent' }), ...options });
      links.push(link);
      if (!(await link.waitUntilAvailable(5_000))) throw new Error('Redis did not answer within 5 s');
      return link;
    },
  };
}
