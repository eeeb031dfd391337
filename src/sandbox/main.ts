/**
 * `npm run sandbox`: starts every vendor sandbox on loopback, prints one line per sandbox with its target URL and
 * client credentials (space-separated `KEY=value` pairs, easy to parse from a benchmark harness), and stays up until
 * SIGINT/SIGTERM.
 *
 * Environment: `<NAME>_SANDBOX_PORT` per sandbox (default 0 = a free port), `SANDBOX_LATENCY_MS` (extra latency
 * for every answer), `SAILPOINT_SANDBOX_LIST_ALL_STATUSES=true` (list connectors of every status, not only RELEASED).
 */
import { startConductorOneSandbox } from '../sources/conductorone/sandbox/server.js';
import { startLogtoSandbox } from '../sources/logto/sandbox/server.js';
import { startSailPointSandbox } from '../sources/sailpoint/sandbox/server.js';

/** A started sandbox as the launcher sees it. */
interface LaunchedSandbox {
  /** `KEY=value` pairs printed on the sandbox's line. */
  summary: Array<[string, string]>;
  close(): Promise<void>;
}

/** Everything the launcher needs to start one sandbox. */
interface SandboxLauncher {
  /** Upper-case prefix of its environment variables and printed keys. */
  name: string;
  start(settings: { port: number; latencyMs: number; env: NodeJS.ProcessEnv }): Promise<LaunchedSandbox>;
}

const LAUNCHERS: SandboxLauncher[] = [
  {
    name: 'SAILPOINT',
    async start({ port, latencyMs, env }) {
      const sandbox = await startSailPointSandbox({
        port,
        latencyMs,
        listAllStatuses: env['SAILPOINT_SANDBOX_LIST_ALL_STATUSES'] === 'true',
      });
      return {
        summary: [
          ['SAILPOINT_TARGET', sandbox.url],
          ['SAILPOINT_CLIENT_ID', sandbox.clientId],
          ['SAILPOINT_CLIENT_SECRET', sandbox.clientSecret],
        ],
        close: () => sandbox.close(),
      };
    },
  },
  {
    name: 'LOGTO',
    async start({ port, latencyMs }) {
      const sandbox = await startLogtoSandbox({ port, latencyMs });
      return {
        summary: [
          ['LOGTO_TARGET', sandbox.url],
          ['LOGTO_CLIENT_ID', sandbox.clientId],
          ['LOGTO_CLIENT_SECRET', sandbox.clientSecret],
          ['LOGTO_RESOURCE', sandbox.resource],
        ],
        close: () => sandbox.close(),
      };
    },
  },
  {
    name: 'CONDUCTORONE',
    async start({ port, latencyMs }) {
      const sandbox = await startConductorOneSandbox({ port, latencyMs });
      return {
        summary: [
          ['CONDUCTORONE_TARGET', sandbox.url],
          ['CONDUCTORONE_CLIENT_ID', sandbox.clientId],
          ['CONDUCTORONE_CLIENT_SECRET', sandbox.clientSecret],
        ],
        close: () => sandbox.close(),
      };
    },
  },
];

function numberFromEnv(env: NodeJS.ProcessEnv, key: string, fallback: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(`${key} must be an integer between 0 and ${max}, got '${raw}'`);
  }
  return value;
}

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const latencyMs = numberFromEnv(env, 'SANDBOX_LATENCY_MS', 0, 60_000);
  const running: LaunchedSandbox[] = [];
  const closeAll = async (): Promise<void> => {
    await Promise.allSettled(running.splice(0).map((sandbox) => sandbox.close()));
  };
  try {
    for (const launcher of LAUNCHERS) {
      const port = numberFromEnv(env, `${launcher.name}_SANDBOX_PORT`, 0, 65_535);
      const sandbox = await launcher.start({ port, latencyMs, env });
      running.push(sandbox);
      process.stdout.write(`${sandbox.summary.map(([key, value]) => `${key}=${value}`).join(' ')}\n`);
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`sandbox: ${signal}, closing\n`);
    // If a close hangs, do not hang the terminal with it.
    setTimeout(() => process.exit(1), 5000).unref();
    void closeAll().then(() => {
      process.exitCode = 0;
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

try {
  await main(process.env);
} catch (error) {
  process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
