/**
 * `npm run sandbox`: starts every vendor sandbox on loopback, prints one line per sandbox with its target URL and
 * client credentials (space-separated `KEY=value` pairs, easy to parse from a benchmark harness), and stays up until
 * SIGINT/SIGTERM.
 *
 * Environment: `<NAME>_SANDBOX_PORT` per sandbox (default 0 = a free port), `SANDBOX_LATENCY_MS` (extra latency
 * for every answer), `SAILPOINT_SANDBOX_LIST_ALL_STATUSES=true` (list connectors of every status, not only RELEASED).
 */
import { startSandbox } from '../sources/connect.js';
import { SOURCES } from '../sources/index.js';
import type { StartedSandbox } from '../sources/port.js';

/** The `KEY=value` pairs printed for a started sandbox: target, credentials and the source's own settings it needs. */
function summaryOf(name: string, sandbox: StartedSandbox): [string, string][] {
  return [
    [`${name}_TARGET`, sandbox.url],
    [`${name}_CLIENT_ID`, sandbox.clientId],
    [`${name}_CLIENT_SECRET`, sandbox.clientSecret],
    ...Object.entries(sandbox.settings ?? {}).map(([key, value]): [string, string] => [`${name}_${key}`, value]),
  ];
}

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
  const running: StartedSandbox[] = [];
  const closeAll = async (): Promise<void> => {
    await Promise.allSettled(running.splice(0).map((sandbox) => sandbox.close()));
  };
  try {
    // In the registry's order; each source's sandbox module is loaded as the gateway loads it (connect.ts).
    for (const source of SOURCES) {
      const { name } = source;
      const port = numberFromEnv(env, `${name}_SANDBOX_PORT`, 0, 65_535);
      const sandbox = await startSandbox(source, { port, latencyMs, env });
      running.push(sandbox);
      process.stdout.write(
        `${summaryOf(name, sandbox)
          .map(([key, value]) => `${key}=${value}`)
          .join(' ')}\n`,
      );
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
