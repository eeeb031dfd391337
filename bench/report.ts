/**
 * The report: medians across rounds per scenario and target, a markdown table (stdout and
 * `bench/results/latest.md`) and the raw data (`bench/results/latest.json`).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { DistinctResult } from './distinct.js';
import type { RunMetrics } from './load.js';
import type { BenchOptions } from './options.js';
import { subscriptionsLine, type SubscriptionsResult } from './subscriptions.js';

/** The one checked request of a scenario. */
export interface OneShot {
  /** API calls it must make. */
  expectedBackendCalls: number;
  /** API calls the sandbox log shows for it (token requests excluded). */
  backendCalls: number;
  /** `METHOD path?query` of each. */
  calls: string[];
  /** Its latency, ms (unloaded). */
  ms: number;
}

/** Everything measured for one load scenario. */
export interface ScenarioResult {
  name: string;
  description: string;
  latencyMs: number;
  connections: number;
  oneShot: OneShot;
  runs: RunMetrics[];
}

/** The whole benchmark, as written to latest.json. */
export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  options: BenchOptions;
  machine: { node: string; platform: string; cpus: number; cpuModel: string; memoryMiB: number; loadavgAtEnd: number[] };
  scenarios: ScenarioResult[];
  distinct: DistinctResult[];
  /** The idle subscriptions' memory (unless `--only` picked scenarios). */
  subscriptions?: SubscriptionsResult;
  notes: string[];
}

/** Medians of one scenario's runs against one target. */
interface TargetSummary {
  reqPerSec: number;
  runsReqPerSec: number[];
  p50Ms: number;
  p99Ms: number;
  backendCallsPerReq: number | null;
  rssMaxMiB: number | null;
  cpuMsPerReq: number | null;
  non2xx: number;
  errors: number;
  errorBodies: number;
}

/** The machine's description for the report. */
export function describeMachine(): BenchReport['machine'] {
  const list = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    memoryMiB: Math.round(totalmem() / (1024 * 1024)),
    loadavgAtEnd: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

/** The median of `values` (mean of the middle two for an even count); null when there are none. */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function medianOf(runs: RunMetrics[], pick: (run: RunMetrics) => number | null): number | null {
  return median(runs.map(pick).filter((value): value is number => value !== null));
}

/** Medians and sums of a scenario's runs against `target`; undefined when it has none. */
function summarize(result: ScenarioResult, target: RunMetrics['target']): TargetSummary | undefined {
  const runs = result.runs.filter((run) => run.target === target);
  if (runs.length === 0) return undefined;
  const sum = (pick: (run: RunMetrics) => number): number => runs.reduce((total, run) => total + pick(run), 0);
  return {
    reqPerSec: medianOf(runs, (run) => run.reqPerSec) ?? 0,
    runsReqPerSec: runs.map((run) => run.reqPerSec),
    p50Ms: medianOf(runs, (run) => run.p50Ms) ?? 0,
    p99Ms: medianOf(runs, (run) => run.p99Ms) ?? 0,
    backendCallsPerReq: medianOf(runs, (run) => run.backendCallsPerReq),
    rssMaxMiB: medianOf(runs, (run) => run.rssMaxMiB),
    cpuMsPerReq: medianOf(runs, (run) => run.cpuMsPerReq),
    non2xx: sum((run) => run.non2xx),
    errors: sum((run) => run.errors),
    errorBodies: sum((run) => run.errorBodies),
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------------------------------

const num = (value: number | null, digits: number): string => (value === null ? '–' : value.toFixed(digits));
const rate = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

const LOAD_HEADER = [
  'scenario',
  'req/s (median)',
  "runs' req/s",
  'p50 ms',
  'p99 ms',
  'backend calls/req one-shot',
  'backend calls/req under load',
  'RSS MiB',
  'CPU ms/req',
  '% of floor req/s',
  'non-2xx / errors',
];

/** The main table: one gateway row and one floor row per load scenario. */
export function loadTable(results: ScenarioResult[]): string {
  const rows: string[][] = [];
  for (const result of results) {
    const gateway = summarize(result, 'gateway');
    const floor = summarize(result, 'floor');
    const oneShot = `${result.oneShot.backendCalls} (expected ${result.oneShot.expectedBackendCalls})`;
    if (gateway) {
      const share = floor && floor.reqPerSec > 0 ? `${((gateway.reqPerSec / floor.reqPerSec) * 100).toFixed(1)} %` : '–';
      rows.push([
        result.name,
        ...targetCells(gateway),
        oneShot,
        num(gateway.backendCallsPerReq, 2),
        num(gateway.rssMaxMiB, 1),
        num(gateway.cpuMsPerReq, 3),
        share,
        failures(gateway),
      ]);
    }
    if (floor) {
      rows.push([`${result.name} (floor)`, ...targetCells(floor), '–', '–', num(floor.rssMaxMiB, 1), num(floor.cpuMsPerReq, 3), '100 %', failures(floor)]);
    }
  }
  return markdownTable(LOAD_HEADER, rows);
}

function targetCells(summary: TargetSummary): string[] {
  return [rate(summary.reqPerSec), summary.runsReqPerSec.map(rate).join(', '), num(summary.p50Ms, 0), num(summary.p99Ms, 0)];
}

function failures(summary: TargetSummary): string {
  const bodies = summary.errorBodies > 0 ? ` (+${summary.errorBodies} with GraphQL errors)` : '';
  return `${summary.non2xx} / ${summary.errors}${bodies}`;
}

/** The distinct-operations table: RSS at each checkpoint. */
export function distinctTable(result: DistinctResult): string {
  const base = result.checkpoints[0]?.rssMiB ?? null;
  const rows = result.checkpoints.map((point, index) => [
    index === 0 ? 'before' : `after ${point.ops}`,
    String(point.ops),
    num(point.rssMiB, 1),
    base === null || point.rssMiB === null ? '–' : `${point.rssMiB - base >= 0 ? '+' : ''}${(point.rssMiB - base).toFixed(1)}`,
  ]);
  return markdownTable(['point', 'operations sent', 'gateway RSS MiB', 'Δ vs before'], rows);
}

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Notes worth reading next to the table: the latency comparison and anything that looks wrong. */
export function buildNotes(results: ScenarioResult[]): string[] {
  const notes: string[] = [];
  for (const result of results) {
    const gateway = summarize(result, 'gateway');
    if (!gateway) continue;
    if (result.latencyMs > 0) notes.push(latencyNote(result, gateway));
    if (gateway.non2xx + gateway.errors + gateway.errorBodies > 0) {
      notes.push(
        `${result.name}: under load ${gateway.non2xx} non-2xx, ${gateway.errors} socket errors/timeouts, ${gateway.errorBodies} answers with GraphQL errors.`,
      );
    }
    const underLoad = gateway.backendCallsPerReq;
    if (underLoad !== null && Math.abs(underLoad - result.oneShot.backendCalls) > Math.max(0.05, result.oneShot.backendCalls * 0.02)) {
      notes.push(`${result.name}: ${underLoad.toFixed(2)} backend calls per request under load vs ${result.oneShot.backendCalls} for one request.`);
    }
  }
  return notes;
}

function latencyNote(result: ScenarioResult, gateway: TargetSummary): string {
  const roundTrips = gateway.p50Ms / result.latencyMs;
  const calls = result.oneShot.expectedBackendCalls;
  return (
    `${result.name}: p50 ${gateway.p50Ms.toFixed(0)} ms with ${result.latencyMs} ms added to every sandbox answer ` +
    `(${result.connections} connection${result.connections === 1 ? '' : 's'}) ≈ ${roundTrips.toFixed(1)} round trips; ` +
    `2 round trips (two levels: a list, then everything it leads to at once) ≈ ${2 * result.latencyMs} ms, ` +
    `${calls} sequential calls ≈ ${calls * result.latencyMs} ms. One request alone took ${result.oneShot.ms.toFixed(0)} ms.`
  );
}

/** The whole markdown report. */
function renderMarkdown(report: BenchReport): string {
  const { options, machine } = report;
  const parts = [
    `# Benchmark results`,
    '',
    `${report.startedAt} · ${options.smoke ? 'smoke · ' : ''}${options.rounds} round(s) × ${options.durationS} s, ` +
      `warm-up ${options.warmupS} s, ${options.connections} connections (unless the scenario says otherwise) · ` +
      `node ${machine.node} · ${machine.cpus} × ${machine.cpuModel} · load average at end ${machine.loadavgAtEnd.join(' ')}`,
    '',
    loadTable(report.scenarios),
  ];
  if (report.notes.length > 0) parts.push('', ...report.notes.map((note) => `- ${note}`));
  for (const result of report.distinct) {
    parts.push(
      '',
      `## ${result.name}: ${result.ops} distinct operations, ${result.concurrency} in flight, ${result.durationS.toFixed(1)} s`,
      '',
      distinctTable(result),
    );
  }
  if (report.subscriptions) parts.push('', subscriptionsLine(report.subscriptions));
  return `${parts.join('\n')}\n`;
}

/** Writes latest.json and latest.md into `dir` (created if missing). */
export async function writeReport(dir: string, report: BenchReport): Promise<{ json: string; md: string }> {
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'latest.json');
  const md = join(dir, 'latest.md');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(md, renderMarkdown(report));
  return { json, md };
}
