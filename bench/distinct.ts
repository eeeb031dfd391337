/**
 * The distinct-operations scenario: many requests, each a document the gateway has never seen, with the gateway's
 * RSS read before, halfway and at the end (each after a short idle). Flat numbers mean the per-document caches
 * (parsed documents, compiled queries) are bounded.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { httpRequest, jsonOf, jsonRequest } from './http.js';
import { readRssBytes } from './processes.js';
import { CheckFailure, type DistinctOperationsScenario } from './scenarios.js';

/** One RSS reading. */
interface RssCheckpoint {
  /** Operations sent before the reading. */
  ops: number;
  rssMiB: number | null;
}

/** The outcome of the scenario. */
export interface DistinctResult {
  name: string;
  ops: number;
  concurrency: number;
  checkpoints: RssCheckpoint[];
  durationS: number;
}

/** Idle before each reading: lets the gateway finish its work and the allocator settle. */
const IDLE_MS = 1000;

/** Sends `ops` distinct operations to `url`, checking every answer; throws a CheckFailure on a wrong one. */
export async function runDistinctOperations(scenario: DistinctOperationsScenario, url: string, gatewayPid: number, ops: number): Promise<DistinctResult> {
  const started = performance.now();
  const half = Math.floor(ops / 2);
  const checkpoints: RssCheckpoint[] = [await checkpoint(0, gatewayPid)];
  await sendRange(scenario, url, 0, half);
  checkpoints.push(await checkpoint(half, gatewayPid));
  await sendRange(scenario, url, half, ops);
  checkpoints.push(await checkpoint(ops, gatewayPid));
  return { name: scenario.name, ops, concurrency: scenario.concurrency, checkpoints, durationS: (performance.now() - started) / 1000 };
}

async function checkpoint(ops: number, pid: number): Promise<RssCheckpoint> {
  await sleep(IDLE_MS);
  const rss = readRssBytes(pid);
  return { ops, rssMiB: rss === undefined ? null : rss / (1024 * 1024) };
}

/** Sends operations [from, to) with `scenario.concurrency` requests in flight. */
async function sendRange(scenario: DistinctOperationsScenario, url: string, from: number, to: number): Promise<void> {
  let next = from;
  const worker = async (): Promise<void> => {
    while (next < to) {
      const i = next;
      next += 1;
      await sendOne(scenario, url, i);
    }
  };
  await Promise.all(Array.from({ length: scenario.concurrency }, worker));
}

async function sendOne(scenario: DistinctOperationsScenario, url: string, i: number): Promise<void> {
  const request = jsonRequest(scenario.operation(i));
  const answer = await httpRequest(url, { method: 'POST', headers: request.headers, body: request.body });
  const body = jsonOf(answer, `${scenario.name} #${i}`) as { data?: unknown; errors?: unknown };
  if (answer.status !== 200 || body.errors !== undefined) {
    throw new CheckFailure(`${scenario.name} #${i}: answer ${answer.status} with errors ${JSON.stringify(body.errors ?? null).slice(0, 300)}`);
  }
  scenario.check(body.data, i);
}
