/**
 * `npm run bench`: the gateway's benchmark harness.
 *
 * 1. Starts the sandboxes, the gateway (production mode) and, after the checks, the floor, each as its own child
 *    process on 127.0.0.1 and free ports.
 * 2. Checks every scenario once: the answer against what the sandbox holds, and the exact backend calls of that one
 *    request. A wrong answer stops the run with exit code 1.
 * 3. Runs the rounds, interleaved: each round measures every scenario's gateway target, then its floor target.
 * 4. Sends the distinct operations and reads the gateway's RSS.
 * 5. Prints the markdown table and writes bench/results/latest.{json,md}.
 *
 * Progress goes to stderr, the table to stdout. Never asserts a timing: only correctness decides the exit code.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startReplica } from './cluster.js';
import { runDistinctOperations, type DistinctResult } from './distinct.js';
import { closeHttpAgent, httpRequest, jsonOf, type PreparedRequest } from './http.js';
import { measureTarget, stopActiveLoad, type Target } from './load.js';
import { parseOptions, usage, type BenchOptions } from './options.js';
import { crashedProcesses, freePort, killAllProcessesNow, startProcess, stopAllProcesses, watchForCrash, type ManagedProcess } from './processes.js';
import { buildNotes, describeMachine, distinctTable, loadTable, writeReport, type BenchReport, type OneShot, type ScenarioResult } from './report.js';
import { startSandboxes, type SandboxClient } from './sandboxes.js';
import { IDLE_SUBSCRIPTIONS, runIdleSubscriptions, subscriptionsLine, type SubscriptionsResult } from './subscriptions.js';
import { CheckFailure, SCENARIOS, type DistinctOperationsScenario, type LoadScenario, type Scenario } from './scenarios.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = join(ROOT, 'bench', 'results');
/** Larger than the 100 KiB upload, as the upload scenario needs. */
const UPLOAD_MAX_FILE_SIZE = 256 * 1024;

/** A response the floor answers for an operationName. */
interface StoredResponse {
  contentType: string;
  body: string;
}

let interrupted = false;

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

// ---------------------------------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------------------------------

/**
 * Starts `dist/src/index.js` against the sandboxes, with the node flags `npm start` uses, and waits until
 * `/healthz` answers.
 */
async function startGateway(sourceEnv: Record<string, string>): Promise<{ process: ManagedProcess; url: string }> {
  // The harness's own environment passes through, so e.g. GATEWAY_EXECUTOR=graphql-js can be compared.
  const gateway = await startReplica({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    UPLOAD_MAX_FILE_SIZE: String(UPLOAD_MAX_FILE_SIZE),
    // SailPoint's documented 100 requests per 10 s would hold the load to the vendor's rate, not the gateway's.
    SAILPOINT_RATE_LIMIT: process.env.SAILPOINT_RATE_LIMIT ?? 'off',
    ...sourceEnv,
  });
  return { process: gateway.process, url: `${gateway.url}/graphql` };
}

/** Starts bench/floor.mjs with the captured responses. */
async function startFloor(responses: Record<string, StoredResponse>, tempDir: string): Promise<{ process: ManagedProcess; url: string }> {
  const file = join(tempDir, 'floor-responses.json');
  await writeFile(file, JSON.stringify(responses));
  const child = watchForCrash(
    startProcess({
      name: 'floor',
      command: process.execPath,
      args: ['bench/floor.mjs'],
      cwd: ROOT,
      env: { ...process.env, FLOOR_RESPONSES: file, HOST: '127.0.0.1', PORT: String(await freePort()) },
    }),
  );
  const line = await child.waitForLine((text) => text.startsWith('FLOOR_TARGET='), 10_000);
  return { process: child, url: line.slice('FLOOR_TARGET='.length).trim() };
}

// ---------------------------------------------------------------------------------------------------------------------
// Correctness check
// ---------------------------------------------------------------------------------------------------------------------

/** The sandboxes a scenario uses. */
function sandboxesOf(scenario: Scenario, clients: ReadonlyMap<string, SandboxClient>): SandboxClient[] {
  return scenario.sources.map((name) => {
    const client = clients.get(name);
    if (!client) throw new Error(`${scenario.name} needs the ${name} sandbox, which did not start`);
    return client;
  });
}

async function setLatency(sandboxes: SandboxClient[], ms: number): Promise<void> {
  await Promise.all(sandboxes.map((sandbox) => sandbox.setLatency(ms)));
}

/**
 * Sends the scenario's request once and checks the answer; returns the one-shot numbers and the answer for the
 * floor. Throws a CheckFailure when anything is wrong.
 */
async function checkScenario(
  scenario: LoadScenario,
  request: PreparedRequest,
  gatewayUrl: string,
  clients: ReadonlyMap<string, SandboxClient>,
): Promise<{ oneShot: OneShot; response: StoredResponse }> {
  const sandboxes = sandboxesOf(scenario, clients);
  const latencyMs = scenario.latencyMs ?? 0;
  await setLatency(sandboxes, latencyMs);
  await Promise.all(sandboxes.map((sandbox) => sandbox.settle()));
  await Promise.all(sandboxes.map((sandbox) => sandbox.resetLog()));
  const answer = await httpRequest(gatewayUrl, { method: 'POST', headers: request.headers, body: request.body });
  await Promise.all(sandboxes.map((sandbox) => sandbox.settle()));
  const logged = await Promise.all(sandboxes.map((sandbox) => sandbox.backendCalls()));
  if (latencyMs > 0) await setLatency(sandboxes, 0);
  const body = jsonOf(answer, scenario.name) as { data?: unknown; errors?: unknown };
  if (answer.status !== 200 || body.errors !== undefined || body.data === undefined || body.data === null) {
    throw new CheckFailure(`answer ${answer.status}: ${answer.body.toString('utf8').slice(0, 500)}`);
  }
  await scenario.check({ data: body.data, sandboxes: clients });
  const oneShot: OneShot = {
    expectedBackendCalls: scenario.expectedBackendCalls,
    backendCalls: logged.reduce((sum, calls) => sum + calls.count, 0),
    calls: logged.flatMap((calls) => calls.calls),
    ms: answer.ms,
  };
  if (oneShot.backendCalls !== oneShot.expectedBackendCalls) {
    throw new CheckFailure(
      `one request made ${oneShot.backendCalls} backend calls, expected ${oneShot.expectedBackendCalls}:\n  ${oneShot.calls.join('\n  ')}`,
    );
  }
  const contentType = answer.headers['content-type'];
  return { oneShot, response: { contentType: typeof contentType === 'string' ? contentType : 'application/json', body: answer.body.toString('utf8') } };
}

// ---------------------------------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------------------------------

function selectScenarios(options: BenchOptions): Scenario[] {
  if (options.only.length === 0) return SCENARIOS;
  const unknown = options.only.filter((name) => !SCENARIOS.some((scenario) => scenario.name === name));
  if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  return SCENARIOS.filter((scenario) => options.only.includes(scenario.name));
}

function estimateSeconds(options: BenchOptions, loadScenarios: LoadScenario[], distinct: number): number {
  // About 300 distinct operations per second here, plus three 1 s idles.
  return options.rounds * loadScenarios.length * 2 * (options.warmupS + options.durationS) + distinct * (options.distinctOps / 300 + 3) + 5;
}

async function run(options: BenchOptions, scenarios: Scenario[], tempDir: string): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  for (const file of ['dist/src/index.js', 'dist/src/sandbox/main.js']) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run the benchmark with \`npm run bench\`, which builds first`);
  }
  const loadScenarios = scenarios.filter((s): s is LoadScenario => s.kind === 'load');
  const distinctScenarios = scenarios.filter((s): s is DistinctOperationsScenario => s.kind === 'distinct-operations');
  log(`about ${Math.round(estimateSeconds(options, loadScenarios, distinctScenarios.length))} s of measuring ahead`);

  // All three, whatever the scenarios use: the gateway runs with NODE_ENV=production, which refuses a source without
  // its URL. The seed lists 32 RELEASED connectors, enough for a page of 20; latency is set per scenario at run time.
  const sandboxes = await startSandboxes(ROOT, ['SAILPOINT', 'LOGTO', 'CONDUCTORONE'], {
    SANDBOX_LATENCY_MS: '0',
    SAILPOINT_SANDBOX_LIST_ALL_STATUSES: 'false',
  });
  log(`sandboxes: ${[...sandboxes.clients.values()].map((client) => `${client.name} ${client.origin}`).join(', ')}`);
  const gateway = await startGateway(sandboxes.gatewayEnv);
  log(`gateway: ${gateway.url} (pid ${gateway.process.pid})`);

  const checked = await checkAll(loadScenarios, options, gateway.url, sandboxes.clients);
  if (checked.length > 0) {
    const floor = await startFloor(floorResponsesOf(checked), tempDir);
    log(`floor: ${floor.url} (pid ${floor.process.pid})`);
    const targets: Target[] = [
      { kind: 'gateway', url: gateway.url, process: gateway.process },
      { kind: 'floor', url: floor.url, process: floor.process },
    ];
    await runRounds(checked, targets, options, sandboxes.clients);
  }
  const distinct: DistinctResult[] = [];
  for (const scenario of distinctScenarios) {
    log(`${scenario.name}: sending ${options.distinctOps} distinct operations`);
    distinct.push(await withScenario(scenario.name, () => runDistinctOperations(scenario, gateway.url, gateway.process.pid, options.distinctOps)));
    gateway.process.assertRunning();
  }
  let subscriptions: SubscriptionsResult | undefined;
  if (options.only.length === 0) {
    log(`idle-subscriptions: ${IDLE_SUBSCRIPTIONS} subscriptions over SSE to a gateway in this process`);
    subscriptions = await withScenario('idle-subscriptions', () => runIdleSubscriptions(sandboxes.gatewayEnv, IDLE_SUBSCRIPTIONS));
  }

  const results = checked.map((item) => item.result);
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    options,
    machine: describeMachine(),
    scenarios: results,
    distinct,
    ...(subscriptions ? { subscriptions } : {}),
    notes: buildNotes(results),
  };
}

/** A load scenario that passed its check: its request bytes, the answer for the floor and its results so far. */
interface CheckedScenario {
  scenario: LoadScenario;
  request: PreparedRequest;
  response: StoredResponse;
  result: ScenarioResult;
}

/** Checks every load scenario once, in order; the first wrong answer throws. */
async function checkAll(
  scenarios: LoadScenario[],
  options: BenchOptions,
  gatewayUrl: string,
  clients: ReadonlyMap<string, SandboxClient>,
): Promise<CheckedScenario[]> {
  const checked: CheckedScenario[] = [];
  for (const scenario of scenarios) {
    const request = scenario.prepare();
    const { oneShot, response } = await withScenario(scenario.name, () => checkScenario(scenario, request, gatewayUrl, clients));
    const result: ScenarioResult = {
      name: scenario.name,
      description: scenario.description,
      latencyMs: scenario.latencyMs ?? 0,
      connections: scenario.connections ?? options.connections,
      oneShot,
      runs: [],
    };
    checked.push({ scenario, request, response, result });
    log(`✓ ${scenario.name}: answer correct, ${oneShot.backendCalls} backend call(s), ${oneShot.ms.toFixed(1)} ms`);
  }
  return checked;
}

/** The floor's answers by operationName; one operationName must always get the same answer. */
function floorResponsesOf(checked: CheckedScenario[]): Record<string, StoredResponse> {
  const responses: Record<string, StoredResponse> = {};
  for (const { scenario, response } of checked) {
    const name = scenario.operation.operationName;
    const existing = responses[name];
    if (existing && existing.body !== response.body) {
      throw new Error(`${scenario.name}: operationName ${name} is used by another scenario with a different answer; give it its own name`);
    }
    responses[name] = response;
  }
  return responses;
}

/** The rounds, interleaved: in each, every scenario's gateway target, then its floor target. */
async function runRounds(checked: CheckedScenario[], targets: Target[], options: BenchOptions, clients: ReadonlyMap<string, SandboxClient>): Promise<void> {
  for (let round = 1; round <= options.rounds; round += 1) {
    for (const item of checked) {
      if (interrupted) return;
      await runScenarioRound(item, targets, round, options, sandboxesOf(item.scenario, clients));
    }
  }
}

/** One round of one scenario: its gateway target, then its floor target, with the scenario's sandbox latency. */
async function runScenarioRound(item: CheckedScenario, targets: Target[], round: number, options: BenchOptions, sandboxes: SandboxClient[]): Promise<void> {
  const { scenario, request, result } = item;
  const latencyMs = scenario.latencyMs ?? 0;
  if (latencyMs > 0) await setLatency(sandboxes, latencyMs);
  try {
    for (const target of targets) {
      if (interrupted) return;
      const metrics = await measureTarget({
        round,
        target,
        request,
        connections: result.connections,
        durationS: options.durationS,
        warmupS: options.warmupS,
        sandboxes,
      });
      result.runs.push(metrics);
      const calls = metrics.backendCallsPerReq === null ? '' : `, ${metrics.backendCallsPerReq.toFixed(2)} backend calls/req`;
      log(
        `[round ${round}/${options.rounds}] ${scenario.name} ${target.kind}: ${metrics.reqPerSec.toFixed(0)} req/s, ` +
          `p50 ${metrics.p50Ms} ms, p99 ${metrics.p99Ms} ms${calls}`,
      );
    }
  } finally {
    if (latencyMs > 0) await setLatency(sandboxes, 0);
  }
}

/** Runs `fn`, prefixing a CheckFailure's message with the scenario's name. */
async function withScenario<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof CheckFailure) throw new CheckFailure(`${name}: ${error.message}`);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------------------------------

function printReport(report: BenchReport, files: { json: string; md: string }): void {
  const lines = ['', loadTable(report.scenarios)];
  if (report.notes.length > 0) lines.push('', ...report.notes.map((note) => `- ${note}`));
  for (const result of report.distinct) {
    lines.push(
      '',
      `${result.name}: ${result.ops} distinct operations, ${result.concurrency} in flight, ${result.durationS.toFixed(1)} s`,
      '',
      distinctTable(result),
    );
  }
  if (report.subscriptions) lines.push('', subscriptionsLine(report.subscriptions));
  lines.push('', `written: ${files.md}, ${files.json}`, '');
  process.stdout.write(lines.join('\n'));
}

function onSignal(signal: NodeJS.Signals): void {
  if (interrupted) return;
  interrupted = true;
  log(`${signal}: stopping the load and the child processes`);
  stopActiveLoad();
  void stopAllProcesses().finally(() => process.exit(130));
}

async function main(): Promise<number> {
  let options: BenchOptions;
  let scenarios: Scenario[];
  try {
    options = parseOptions(process.argv.slice(2));
    scenarios = selectScenarios(options);
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n\n${usage()}`);
    return 2;
  }
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // Last resort: whatever way this process ends, no child outlives it.
  process.once('exit', killAllProcessesNow);
  const tempDir = await mkdtemp(join(tmpdir(), 'connector-gateway-bench-'));
  try {
    const report = await run(options, scenarios, tempDir);
    const files = await writeReport(RESULTS_DIR, report);
    printReport(report, files);
    return 0;
  } catch (error) {
    if (interrupted) return 130;
    if (error instanceof CheckFailure) {
      process.stderr.write(`\nbench: ✗ WRONG ANSWER — ${error.message}\nbench: stopped before any load figure could mislead.\n`);
    } else {
      process.stderr.write(`\nbench: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    for (const child of crashedProcesses()) process.stderr.write(`\nbench: ${child.name} (pid ${child.pid}) died; its last output:\n${child.tail()}\n`);
    return 1;
  } finally {
    await stopAllProcesses();
    closeHttpAgent();
    await rm(tempDir, { recursive: true, force: true });
  }
}

// Exit explicitly: a stray keep-alive socket or timer must not keep CI waiting (stdout to a pipe or file is
// written synchronously on Linux, so nothing printed is lost).
process.exit(await main());
