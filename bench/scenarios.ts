/**
 * The benchmark scenarios. A load scenario is one GraphQL request sent again and again; before any load, its answer
 * is checked once against what the sandbox holds, and the backend calls of that one request are counted. To add a
 * scenario (another source later), append an object to {@link SCENARIOS}.
 */
import { isDeepStrictEqual } from 'node:util';
import { jsonRequest, multipartRequest, type GraphQLOperation, type PreparedRequest } from './http.js';
import type { SandboxClient } from './sandboxes.js';

/** What a check gets: the answer's `data` (an answer with `errors` never reaches a check) and the sandboxes. */
interface CheckContext {
  data: unknown;
  sandboxes: ReadonlyMap<string, SandboxClient>;
}

/** A scenario that measures one request under load. */
export interface LoadScenario {
  kind: 'load';
  name: string;
  /** One line for the README and the report. */
  description: string;
  /** The sandboxes (upper-case names) it needs. */
  sources: string[];
  operation: GraphQLOperation;
  /** Builds the exact bytes sent for the check and under load (called once). */
  prepare(): PreparedRequest;
  /** Extra latency of every sandbox answer while this scenario runs (set before it, back to 0 after). */
  latencyMs?: number;
  /** Connections for this scenario instead of `--connections`. */
  connections?: number;
  /** API calls (token requests excluded) that one request must make. */
  expectedBackendCalls: number;
  /** Throws (or rejects with) a {@link CheckFailure} when the answer is wrong. */
  check(ctx: CheckContext): Promise<void> | void;
}

/** A scenario that sends many distinct documents and watches the gateway's memory (no load test). */
export interface DistinctOperationsScenario {
  kind: 'distinct-operations';
  name: string;
  description: string;
  sources: string[];
  /** Requests in flight at once. */
  concurrency: number;
  /** The i-th operation; every one a new document. */
  operation(i: number): GraphQLOperation;
  /** Throws a {@link CheckFailure} when the i-th answer's `data` is wrong. */
  check(data: unknown, i: number): void;
}

/** Any scenario. */
export type Scenario = LoadScenario | DistinctOperationsScenario;

/** A wrong answer: stops the benchmark with exit code 1. */
export class CheckFailure extends Error {
  override name = 'CheckFailure';
}

// ---------------------------------------------------------------------------------------------------------------------
// Check helpers
// ---------------------------------------------------------------------------------------------------------------------

/** Walks `value` along `keys` (object keys or array indexes); fails with the path when a step is missing. */
function at(value: unknown, ...keys: (string | number)[]): unknown {
  let current = value;
  const walked: string[] = [];
  for (const key of keys) {
    walked.push(String(key));
    const container = current as Record<string | number, unknown> | null;
    if (typeof container !== 'object' || container === null || !(key in container)) {
      throw new CheckFailure(`the answer has no ${walked.join('.')}`);
    }
    current = container[key];
  }
  return current;
}

/** `value` as an array; fails with `label` otherwise. */
function asArray(value: unknown, label: string): unknown[] {
  if (!Array.isArray(value)) throw new CheckFailure(`${label} is not a list`);
  return value;
}

/** Fails unless `actual` deep-equals `expected`. */
function expectEqual(label: string, actual: unknown, expected: unknown): void {
  if (isDeepStrictEqual(actual, expected)) return;
  throw new CheckFailure(`${label}: expected ${preview(expected)}, got ${preview(actual)}`);
}

function preview(value: unknown): string {
  // The values are JSON, or missing: JSON.stringify writes nothing for undefined.
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}… (${text.length} chars)` : text;
}

// ---------------------------------------------------------------------------------------------------------------------
// SailPoint
// ---------------------------------------------------------------------------------------------------------------------

const SP_PAGE = 20;
/** The list fields of the list and detail queries, in the order the sandbox's list DTO has them compared. */
const SP_LIST_FIELDS = ['scriptName', 'name', 'type', 'className', 'features', 'directConnect', 'status'] as const;

const SP_LIST_QUERY = `query SpList { scriptConnectors(first: ${SP_PAGE}) { edges { node { ... on ScriptConnector { scriptName name type className features directConnect status } } } pageInfo { hasNextPage endCursor } } }`;
const SP_DETAIL_QUERY = `query SpDetail { scriptConnectors(first: ${SP_PAGE}) { edges { node { ... on ScriptConnector { scriptName name type className features directConnect status applicationXml } } } pageInfo { hasNextPage endCursor } } }`;
const SP_UPLOAD_MUTATION =
  'mutation SpUpload($scriptName: String!, $file: Upload!) { uploadScriptConnectorFile(scriptName: $scriptName, kind: SOURCE_TEMPLATE, file: $file) { status scriptName message updatedFiles } }';
/** The connector whose source template the upload scenario replaces (not in the first page the others read). */
const SP_UPLOAD_TARGET = 'non-employee';
const SP_UPLOAD_BYTES = 100 * 1024;

function sailpoint(sandboxes: ReadonlyMap<string, SandboxClient>): SandboxClient {
  const client = sandboxes.get('SAILPOINT');
  if (!client) throw new Error('the SAILPOINT sandbox is not running');
  return client;
}

/** Checks a first page of `scriptConnectors` against the sandbox's own first page; returns the nodes. */
async function checkSailPointPage(ctx: CheckContext): Promise<Record<string, unknown>[]> {
  const sandbox = sailpoint(ctx.sandboxes);
  const truth = await sandbox.apiGet(`/connectors?limit=${SP_PAGE}&offset=0&count=true`);
  const items = asArray(JSON.parse(truth.body.toString('utf8')) as unknown, 'the sandbox list') as Record<string, unknown>[];
  const total = Number(truth.headers['x-total-count']);
  const connection = at(ctx.data, 'scriptConnectors');
  const edges = asArray(at(connection, 'edges'), 'scriptConnectors.edges');
  expectEqual('number of nodes', edges.length, items.length);
  expectEqual('number of nodes', edges.length, SP_PAGE);
  const nodes = edges.map((edge) => at(edge, 'node') as Record<string, unknown>);
  nodes.forEach((node, i) => {
    for (const field of SP_LIST_FIELDS) expectEqual(`node ${i} ${field}`, node[field], items[i]?.[field]);
  });
  expectEqual('pageInfo.hasNextPage', at(connection, 'pageInfo', 'hasNextPage'), total > SP_PAGE);
  const endCursor = at(connection, 'pageInfo', 'endCursor');
  if (typeof endCursor !== 'string' || endCursor === '') throw new CheckFailure(`pageInfo.endCursor is ${preview(endCursor)}`);
  return nodes;
}

/** A well-formed SailPoint `Application` document of exactly `bytes` bytes (ASCII only). */
function sourceTemplateXml(bytes: number): string {
  const head =
    "<?xml version='1.0' encoding='UTF-8'?>\n" +
    '<!DOCTYPE Application PUBLIC "sailpoint.dtd" "sailpoint.dtd">\n' +
    '<Application connector="sailpoint.connector.OpenConnectorAdapter" name="Bench Template" template="true" type="Bench">\n' +
    '  <Attributes>\n    <Map>\n';
  const tail = '    </Map>\n  </Attributes>\n</Application>\n';
  const lines: string[] = [];
  let size = head.length + tail.length;
  for (let i = 1; ; i += 1) {
    const id = String(i).padStart(5, '0');
    const line = `      <entry key="bench.setting.${id}" value="value ${id} of the benchmark source template"/>\n`;
    // Leave room for the padding comment (`<!---->` plus a newline), which fills the last bytes exactly.
    if (size + line.length + 8 > bytes) break;
    lines.push(line);
    size += line.length;
  }
  const padding = `<!--${'x'.repeat(bytes - size - 8)}-->\n`;
  const xml = head + lines.join('') + padding + tail;
  if (Buffer.byteLength(xml) !== bytes) throw new Error(`sourceTemplateXml: built ${Buffer.byteLength(xml)} bytes, not ${bytes}`);
  return xml;
}

const UPLOAD_XML = sourceTemplateXml(SP_UPLOAD_BYTES);

// ---------------------------------------------------------------------------------------------------------------------
// Logto
// ---------------------------------------------------------------------------------------------------------------------

const LOGTO_LIST_QUERY =
  'query LoginList { loginConnectors { id nativeId displayName type connectorId factory { id name type } settings { sections { section fields { key locked value isSet } } } } }';

/** Checks `loginConnectors` against the sandbox's own list: the same connectors, each with its factory, secrets masked. */
async function checkLogtoList(ctx: CheckContext): Promise<void> {
  const sandbox = ctx.sandboxes.get('LOGTO');
  if (!sandbox) throw new Error('the LOGTO sandbox is not running');
  const truth = asArray(await sandbox.apiGetJson('/api/connectors'), 'the sandbox list') as Record<string, unknown>[];
  const nodes = asArray(at(ctx.data, 'loginConnectors'), 'loginConnectors') as Record<string, unknown>[];
  expectEqual('connector ids', nodes.map((n) => n.nativeId).sort(), truth.map((c) => c.id).sort());
  for (const node of nodes) {
    expectEqual(`${String(node.nativeId)} factory id`, at(node, 'factory', 'id'), node.connectorId);
    const fields = asArray(at(node, 'settings', 'sections'), 'sections').flatMap((s) => asArray(at(s, 'fields'), 'fields')) as Record<string, unknown>[];
    for (const f of fields)
      if (f.locked === true && f.value !== null) throw new CheckFailure(`${String(node.nativeId)}.${String(f.key)} is locked but has a value`);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// ConductorOne
// ---------------------------------------------------------------------------------------------------------------------

// The sandbox's seed is deterministic: its two apps with the most connectors (GitHub: 8, AWS: 7).
const C1_APPS = ['2azhamzptLx9h3diiWeNw0zl3ts', '2blImqcBzQhUAenejNEoxAdYi65'];
const C1_QUERY = `query C1ConnectorsWithApp { ${C1_APPS.map((id, i) => `a${i}: appConnectors(appId: "${id}", first: 100) { edges { node { id nativeId displayName connectorStatus { status } app { nativeId displayName } } } }`).join(' ')} }`;

/** Checks both apps' connectors against the sandbox's own lists, and every `app` against the app. */
async function checkC1(ctx: CheckContext): Promise<void> {
  const sandbox = ctx.sandboxes.get('CONDUCTORONE');
  if (!sandbox) throw new Error('the CONDUCTORONE sandbox is not running');
  for (const [i, appId] of C1_APPS.entries()) {
    const truth = at(await sandbox.apiGetJson(`/api/v1/apps/${appId}/connectors?page_size=100`), 'list') as { connector: { id: string } }[];
    const app = at(await sandbox.apiGetJson(`/api/v1/apps/${appId}`), 'app') as { displayName: string };
    const nodes = asArray(at(ctx.data, `a${i}`, 'edges'), `a${i}.edges`).map((e) => at(e, 'node') as Record<string, unknown>);
    expectEqual(
      `app ${appId} connector ids`,
      nodes.map((n) => n.nativeId),
      truth.map((v) => v.connector.id),
    );
    for (const n of nodes) expectEqual(`${String(n.nativeId)}.app`, n.app, { nativeId: appId, displayName: app.displayName });
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Across the sources
// ---------------------------------------------------------------------------------------------------------------------

const ALL_QUERY = 'query AllConnectors { connectors(first: 50) { edges { node { id source displayName } } pageInfo { hasNextPage endCursor } } }';
const SOURCE_ORDER = ['CONDUCTORONE', 'LOGTO', 'SAILPOINT'];

/** 50 distinct connectors, sources in the documented order, every source present, more to come. */
function checkAll(ctx: CheckContext): void {
  const edges = asArray(at(ctx.data, 'connectors', 'edges'), 'connectors.edges').map((e) => at(e, 'node') as Record<string, unknown>);
  expectEqual('number of connectors', edges.length, 50);
  expectEqual('distinct ids', new Set(edges.map((e) => e.id)).size, 50);
  const order = edges.map((e) => SOURCE_ORDER.indexOf(String(e.source)));
  expectEqual(
    'sources in order',
    order.every((o, i) => o >= (order[i - 1] ?? 0)),
    true,
  );
  expectEqual('every source present', new Set(order).size, 3);
  expectEqual('pageInfo.hasNextPage', at(ctx.data, 'connectors', 'pageInfo', 'hasNextPage'), true);
}

/** The scenarios, in the order they run. */
export const SCENARIOS: Scenario[] = [
  {
    kind: 'load',
    name: 'sailpoint-list',
    description: `first ${SP_PAGE} script connectors, list fields only`,
    sources: ['SAILPOINT'],
    operation: { query: SP_LIST_QUERY, operationName: 'SpList' },
    prepare() {
      return jsonRequest(this.operation);
    },
    expectedBackendCalls: 1,
    check: async (ctx: CheckContext): Promise<void> => {
      await checkSailPointPage(ctx);
    },
  },
  {
    kind: 'load',
    name: 'sailpoint-detail',
    description: `the same page with applicationXml: 1 list call + ${SP_PAGE} detail calls`,
    sources: ['SAILPOINT'],
    operation: { query: SP_DETAIL_QUERY, operationName: 'SpDetail' },
    prepare() {
      return jsonRequest(this.operation);
    },
    expectedBackendCalls: 1 + SP_PAGE,
    check: checkSailPointDetail,
  },
  {
    kind: 'load',
    name: 'sailpoint-detail-latency50',
    description: 'sailpoint-detail with 50 ms added to every sandbox answer, 1 connection',
    sources: ['SAILPOINT'],
    operation: { query: SP_DETAIL_QUERY, operationName: 'SpDetail' },
    prepare() {
      return jsonRequest(this.operation);
    },
    latencyMs: 50,
    // One connection: this scenario measures round trips, not throughput. With 50 connections each fanning out
    // to 20 detail calls, requests would queue for the gateway's upstream pool (UPSTREAM_CONNECTIONS, 32) and p50
    // would measure that queue instead.
    connections: 1,
    expectedBackendCalls: 1 + SP_PAGE,
    check: checkSailPointDetail,
  },
  {
    kind: 'load',
    name: 'sailpoint-upload-100k',
    description: 'uploadScriptConnectorFile, SOURCE_TEMPLATE, a 100 KiB XML file as a multipart request',
    sources: ['SAILPOINT'],
    operation: { query: SP_UPLOAD_MUTATION, operationName: 'SpUpload', variables: { scriptName: SP_UPLOAD_TARGET, file: null } },
    prepare() {
      return multipartRequest(this.operation, [
        { variablePath: 'variables.file', filename: 'source-template.xml', contentType: 'application/xml', content: Buffer.from(UPLOAD_XML, 'utf8') },
      ]);
    },
    expectedBackendCalls: 1,
    check: async (ctx: CheckContext): Promise<void> => {
      const result = at(ctx.data, 'uploadScriptConnectorFile');
      expectEqual('uploadScriptConnectorFile.scriptName', at(result, 'scriptName'), SP_UPLOAD_TARGET);
      const status = at(result, 'status');
      if (status !== 'UPDATED' && status !== 'UNCHANGED') {
        throw new CheckFailure(`uploadScriptConnectorFile.status is ${preview(status)} (message: ${preview(at(result, 'message'))})`);
      }
      const stored = await sailpoint(ctx.sandboxes).apiGet(`/connectors/${SP_UPLOAD_TARGET}/source-template`);
      expectEqual('the source template the sandbox holds', stored.body.toString('utf8') === UPLOAD_XML, true);
    },
  },
  {
    kind: 'load',
    name: 'logto-connectors-factories',
    description: 'every Logto login connector with its factory and settings (list + factories: 2 calls, not N + 1)',
    sources: ['LOGTO'],
    operation: { query: LOGTO_LIST_QUERY, operationName: 'LoginList' },
    prepare: () => jsonRequest({ query: LOGTO_LIST_QUERY, operationName: 'LoginList' }),
    expectedBackendCalls: 2,
    check: checkLogtoList,
  },
  {
    kind: 'load',
    name: 'c1-connectors-with-app',
    description: "the connectors of ConductorOne's two largest apps with each connector's app (2 lists + 1 batched app search)",
    sources: ['CONDUCTORONE'],
    operation: { query: C1_QUERY, operationName: 'C1ConnectorsWithApp' },
    prepare: () => jsonRequest({ query: C1_QUERY, operationName: 'C1ConnectorsWithApp' }),
    expectedBackendCalls: 3,
    check: checkC1,
  },
  {
    kind: 'load',
    name: 'all-connectors-50',
    description: 'connectors(first: 50) across the three sources (C1 apps, then their connectors, with Logto and SailPoint at once)',
    sources: ['CONDUCTORONE', 'LOGTO', 'SAILPOINT'],
    operation: { query: ALL_QUERY, operationName: 'AllConnectors' },
    prepare: () => jsonRequest({ query: ALL_QUERY, operationName: 'AllConnectors' }),
    expectedBackendCalls: 11,
    check: checkAll,
  },
  {
    kind: 'load',
    name: 'all-connectors-50-latency50',
    description: 'the same with 50 ms added to every backend answer, 1 connection: about one round trip per level, not their sum',
    sources: ['CONDUCTORONE', 'LOGTO', 'SAILPOINT'],
    operation: { query: ALL_QUERY, operationName: 'AllConnectors' },
    prepare: () => jsonRequest({ query: ALL_QUERY, operationName: 'AllConnectors' }),
    latencyMs: 50,
    connections: 1,
    expectedBackendCalls: 11,
    check: checkAll,
  },
  {
    kind: 'distinct-operations',
    name: 'distinct-operations',
    description: 'many distinct documents (new alias and operation name each); RSS shows whether caches are bounded',
    sources: ['SAILPOINT'],
    concurrency: 4,
    operation(i) {
      return { query: `query Q${i} { a${i}: scriptConnectors(first: 1) { edges { node { id } } } }`, operationName: `Q${i}` };
    },
    check(data, i) {
      const edges = asArray(at(data, `a${i}`, 'edges'), `a${i}.edges`);
      expectEqual(`Q${i}: number of nodes`, edges.length, 1);
      const id = at(edges[0], 'node', 'id');
      if (typeof id !== 'string' || id === '') throw new CheckFailure(`Q${i}: node.id is ${preview(id)}`);
    },
  },
];

/** The detail check: the list check, plus every node's applicationXml equal to the sandbox's detail. */
async function checkSailPointDetail(ctx: CheckContext): Promise<void> {
  const nodes = await checkSailPointPage(ctx);
  const sandbox = sailpoint(ctx.sandboxes);
  for (const [i, node] of nodes.entries()) {
    const detail = await sandbox.apiGetJson(`/connectors/${encodeURIComponent(String(node.scriptName))}`);
    const expected = at(detail, 'applicationXml');
    if (typeof expected !== 'string' || expected === '') throw new CheckFailure(`the sandbox has no applicationXml for node ${i}`);
    expectEqual(`node ${i} applicationXml`, node.applicationXml, expected);
  }
}
