/**
 * Command-line options of `npm run bench` (everything after `--`).
 */
import { parseArgs } from 'node:util';

/** The settings of one benchmark run. */
export interface BenchOptions {
  /** Concurrent connections of the load generator (closed loop: each waits for its answer). */
  connections: number;
  /** Seconds of each measured run. */
  durationS: number;
  /** Seconds of load before each measured run, whose numbers are thrown away. */
  warmupS: number;
  /** How many times every target is measured; the report shows medians. */
  rounds: number;
  /** How many distinct operations the `distinct-operations` scenario sends. */
  distinctOps: number;
  /** Only these scenarios (by name); empty: all. */
  only: string[];
  /** The short CI variant: ~1 s runs, 1 round. */
  smoke: boolean;
}

const USAGE = `Usage: npm run bench -- [options]

  --smoke              short run for CI: 1 s per target, 1 round, 0.5 s warm-up, 500 distinct operations
  --connections <n>    concurrent connections of the load generator (default 50)
  --duration <s>       seconds per measured run (default 10; smoke 1)
  --warmup <s>         seconds of warm-up before each measured run (default 3; smoke 0.5)
  --rounds <n>         rounds; each runs every scenario's gateway and floor target in turn (default 3; smoke 1)
  --distinct-ops <n>   operations sent by distinct-operations (default 10000; smoke 500)
  --only <a,b>         run only these scenarios (comma-separated names)
  --help               this text
`;

/** Parses `argv` (without node and script); prints usage and exits on `--help` or a bad value. */
export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      smoke: { type: 'boolean', default: false },
      connections: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      'distinct-ops': { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const { smoke } = values;
  return {
    smoke,
    connections: positive('connections', values.connections, 50, true),
    durationS: positive('duration', values.duration, smoke ? 1 : 10, false),
    warmupS: nonNegative('warmup', values.warmup, smoke ? 0.5 : 3),
    rounds: positive('rounds', values.rounds, smoke ? 1 : 3, true),
    distinctOps: positive('distinct-ops', values['distinct-ops'], smoke ? 500 : 10_000, true),
    only: (values.only ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  };
}

/** The usage text, for error messages. */
export function usage(): string {
  return USAGE;
}

function positive(name: string, raw: string | undefined, fallback: number, integer: boolean): number {
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got '${raw ?? ''}'`);
  }
  return value;
}

function nonNegative(name: string, raw: string | undefined, fallback: number): number {
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number ≥ 0, got '${raw ?? ''}'`);
  return value;
}
