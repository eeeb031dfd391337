/**
 * One measured run of one target: autocannon (as a library, in this process) sends the same prepared request over
 * N keep-alive connections, closed loop, while the target's RSS and CPU time and the sandboxes' logs are read.
 */
import autocannon from 'autocannon';
import type { PreparedRequest } from './http.js';
import { readCpuMs, sampleMaxRss, type ManagedProcess } from './processes.js';
import type { SandboxClient } from './sandboxes.js';

/** Where load goes: the gateway, or the floor that answers the same bytes without any GraphQL work. */
export interface Target {
  kind: 'gateway' | 'floor';
  /** The `/graphql` URL. */
  url: string;
  process: ManagedProcess;
}

/** The numbers of one measured run. */
export interface RunMetrics {
  round: number;
  target: Target['kind'];
  connections: number;
  /** Completed requests ÷ autocannon's measured duration. */
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers received. */
  completed: number;
  /** Requests written (completed plus those in flight when the run stopped). */
  sent: number;
  non2xx: number;
  /** Socket errors and timeouts. */
  errors: number;
  /** 2xx answers whose body carried GraphQL `errors`. */
  errorBodies: number;
  durationS: number;
  /** Largest VmRSS of the target process during the run, MiB. */
  rssMaxMiB: number | null;
  /** CPU time (user + system) of the target process during the run ÷ completed requests, ms. */
  cpuMsPerReq: number | null;
  /** API calls the sandboxes logged during the run (gateway only). */
  backendCalls: number | null;
  /** backendCalls ÷ requests sent (gateway only); see the README for why `sent`. */
  backendCallsPerReq: number | null;
  /** backendCalls ÷ completed requests (gateway only), for comparison. */
  backendCallsPerCompleted: number | null;
}

/** What {@link measureTarget} needs. */
export interface MeasureOptions {
  round: number;
  target: Target;
  request: PreparedRequest;
  connections: number;
  durationS: number;
  warmupS: number;
  /** The sandboxes whose logs count backend calls (gateway runs only). */
  sandboxes: SandboxClient[];
}

let active: autocannon.Instance | undefined;

/** Stops the load run in progress, if any (for SIGINT). */
export function stopActiveLoad(): void {
  active?.stop();
}

/** Runs autocannon once and resolves with its result. */
function runAutocannon(url: string, request: PreparedRequest, connections: number, durationS: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    active = autocannon(
      {
        url,
        method: 'POST',
        headers: request.headers,
        body: request.body,
        connections,
        duration: durationS,
        // A run ends at the first sample after `duration`: sample often so short runs last what they should.
        // (autocannon's own per-sample request averages are then per 100 ms; req/s is computed from totals.)
        sampleInt: 100,
        timeout: 30,
        // Any GraphQL error in a 2xx answer counts as a mismatch; JSON cannot hold `"errors":` elsewhere, since
        // quotes inside strings are escaped.
        verifyBody: (body) => !body.includes('"errors":'),
      },
      (error, result) => {
        active = undefined;
        if (error) reject(error);
        else resolve(result);
      },
    );
  });
}

/** Warm-up, then one measured run of `target`, with its process and backend readings. */
export async function measureTarget(options: MeasureOptions): Promise<RunMetrics> {
  const { target, request, connections } = options;
  const gateway = target.kind === 'gateway';
  if (options.warmupS > 0) await runAutocannon(target.url, request, connections, options.warmupS);
  if (gateway) {
    // Requests still in flight from the warm-up must not count in this run's backend calls.
    await Promise.all(options.sandboxes.map((sandbox) => sandbox.settle()));
    await Promise.all(options.sandboxes.map((sandbox) => sandbox.resetLog()));
  }
  const cpuBefore = readCpuMs(target.process.pid);
  const rss = sampleMaxRss(target.process.pid);
  let result: autocannon.Result;
  let rssMax: number | undefined;
  try {
    result = await runAutocannon(target.url, request, connections, options.durationS);
  } finally {
    rssMax = rss.stop();
  }
  const cpuAfter = readCpuMs(target.process.pid);
  target.process.assertRunning();
  let backendCalls: number | null = null;
  if (gateway) {
    // The gateway finishes requests whose client was cut off at the end of the run; wait for their calls.
    await Promise.all(options.sandboxes.map((sandbox) => sandbox.settle()));
    const counts = await Promise.all(options.sandboxes.map((sandbox) => sandbox.backendCalls()));
    backendCalls = counts.reduce((sum, calls) => sum + calls.count, 0);
  }
  const completed = result.requests.total;
  const sent = result.requests.sent;
  return {
    round: options.round,
    target: target.kind,
    connections,
    reqPerSec: result.duration > 0 ? completed / result.duration : 0,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    completed,
    sent,
    non2xx: result.non2xx,
    errors: result.errors,
    errorBodies: result.mismatches,
    durationS: result.duration,
    rssMaxMiB: rssMax === undefined ? null : rssMax / (1024 * 1024),
    cpuMsPerReq: cpuBefore === undefined || cpuAfter === undefined || completed === 0 ? null : (cpuAfter - cpuBefore) / completed,
    backendCalls,
    backendCallsPerReq: backendCalls === null || sent === 0 ? null : backendCalls / sent,
    backendCallsPerCompleted: backendCalls === null || completed === 0 ? null : backendCalls / completed,
  };
}
