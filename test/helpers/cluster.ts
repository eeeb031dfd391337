/**
 * Gateway replicas as separate processes (`node --import tsx src/index.ts`, as `npm run dev`) for the cluster
 * tests: N of them on free loopback ports, on the same three sandboxes (in the test's process, so that their
 * request logs count what all replicas sent) and, when given, the same Redis; each can be killed (SIGKILL) and its
 * output read.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startConductorOneSandbox, type ConductorOneSandbox } from '../../src/sources/conductorone/sandbox/server.js';
import { startLogtoSandbox, type LogtoSandbox } from '../../src/sources/logto/sandbox/server.js';
import { startSailPointSandbox, type SailPointSandbox } from '../../src/sources/sailpoint/sandbox/server.js';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logger.js';
import { startGateway, type RunningGateway } from '../../src/server/index.js';
import { sailpointSource } from '../../src/sources/sailpoint/index.js';
import { logSink } from './logs.js';
import { freePort, waitFor } from './redis.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Sandboxes {
  sailpoint: SailPointSandbox;
  logto: LogtoSandbox;
  conductorone: ConductorOneSandbox;
  /** The gateway settings that point at them. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** The three vendor sandboxes, in this process. */
export async function startSandboxes(): Promise<Sandboxes> {
  const [sailpoint, logto, conductorone] = await Promise.all([startSailPointSandbox(), startLogtoSandbox(), startConductorOneSandbox()]);
  return {
    sailpoint,
    logto,
    conductorone,
    env: {
      SAILPOINT_URL: sailpoint.url,
      SAILPOINT_CLIENT_ID: sailpoint.clientId,
      SAILPOINT_CLIENT_SECRET: sailpoint.clientSecret,
      LOGTO_URL: logto.url,
      LOGTO_CLIENT_ID: logto.clientId,
      LOGTO_CLIENT_SECRET: logto.clientSecret,
      LOGTO_RESOURCE: logto.resource,
      CONDUCTORONE_URL: conductorone.url,
      CONDUCTORONE_CLIENT_ID: conductorone.clientId,
      CONDUCTORONE_CLIENT_SECRET: conductorone.clientSecret,
    },
    async close() {
      await Promise.all([sailpoint.close(), logto.close(), conductorone.close()]);
    },
  };
}

export interface ReplicaProcess {
  /** `127.0.0.1:PORT`, for nginx's upstream. */
  address: string;
  /** e.g. `http://127.0.0.1:PORT`. */
  origin: string;
  port: number;
  /** Everything the process printed (its JSON log lines and anything else). */
  output(): string;
  /** SIGKILL, as if the machine went away; resolves when it exited. */
  kill(): Promise<void>;
  /** SIGTERM (a drain), SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** Starts one gateway process with `env` (on top of a quiet test configuration); resolves when /healthz answers. */
async function startReplica(env: Record<string, string>): Promise<ReplicaProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      GATEWAY_CONSOLE: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: string) => {
    output += chunk;
  };
  child.stdout?.setEncoding('utf8').on('data', append);
  child.stderr?.setEncoding('utf8').on('data', append);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const origin = `http://127.0.0.1:${port}`;
  const running = () => child.exitCode === null && child.signalCode === null;
  const healthy = async () => {
    if (!running()) throw new Error(`the gateway exited before it answered:\n${output}`);
    return fetch(`${origin}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
  };
  const end = async (signal: NodeJS.Signals) => {
    if (!running()) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitFor(healthy, `the gateway on port ${port}`, 30_000);
  } catch (error) {
    await end('SIGKILL');
    throw error;
  }
  return { address: `127.0.0.1:${port}`, origin, port, output: () => output, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}

/** Starts `n` replicas with the same `env` (in parallel). */
export function startReplicas(n: number, env: Record<string, string>): Promise<ReplicaProcess[]> {
  return Promise.all(Array.from({ length: n }, () => startReplica(env)));
}

/** The most of `times` (ms) in any window of `windowMs` (requests seen at a sandbox against a rate budget). */
export function mostInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** A gateway replica in the test's own process. */
export interface InProcessReplica {
  gateway: RunningGateway;
  /** Its log lines (JSON). */
  logs: string[];
}

/**
 * A SailPoint-only gateway in this process on `sandbox` and the Redis at `redisUrl`, keys under `prefix` (replicas
 * of one test share it), with `env` on top; `running` collects it for the test's cleanup.
 */
export async function startInProcessReplica(
  sandbox: SailPointSandbox,
  redisUrl: string,
  prefix: string,
  env: Record<string, string>,
  running: RunningGateway[],
): Promise<InProcessReplica> {
  const { logs, sink } = logSink();
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      GATEWAY_CONSOLE: 'off',
      SAILPOINT_URL: sandbox.url,
      SAILPOINT_CLIENT_ID: sandbox.clientId,
      SAILPOINT_CLIENT_SECRET: sandbox.clientSecret,
      SAILPOINT_RATE_LIMIT: 'off',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
      ...env,
    },
    [sailpointSource],
  );
  const gateway = await startGateway({ config, logger: createLogger(config.logLevel, sink), sources: [sailpointSource] });
  running.push(gateway);
  return { gateway, logs };
}
