/**
 * Malformed requests, over real HTTP: every id argument refuses what is not an id of its source (BAD_USER_INPUT
 * naming the argument, nothing sent to any source), and every malformed request (JSON, GET or multipart) is a
 * 4xx with an `extensions.code`, never a 500 or an INTERNAL_SERVER_ERROR. Variables with default values work under
 * the jit executor (the default).
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId, type NodeTypeName } from '../../src/graph/globalId.js';
import { startTestStack, uploadFile, type TestStack } from '../helpers/gateway.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ UPSTREAM_BREAKER: '3/10s' });
  return () => stack.stop();
});
beforeEach(() => {
  stack.resetCalls();
});

const BAD_IDS: [string, string][] = [
  ['..', '..'],
  ['.', '.'],
  ['empty', ''],
  ['a slash', 'a/b'],
  ['an escaped dot segment', '%2e%2e'],
  ['a lone surrogate', '\uD800'],
  ['10 000 characters', 'x'.repeat(10_000)],
];

/** Every root field argument that names an object of a source by its native id (as `$v`), and that argument. */
const ID_ARGUMENTS: [string, string][] = [
  ['query($v: String!) { scriptConnector(scriptName: $v) { id } }', 'scriptName'],
  ['mutation($v: String!) { deleteScriptConnector(scriptName: $v) }', 'scriptName'],
  ['mutation($v: String!) { patchScriptConnector(scriptName: $v, operations: [{ op: add, path: "/connectorMetadata/x", value: 1 }]) { id } }', 'scriptName'],
  ['mutation($v: String!) { updateLoginConnector(id: $v, input: { syncProfile: true }) { id } }', 'id'],
  ['mutation($v: String!) { deleteLoginConnector(id: $v) }', 'id'],
  ['mutation($v: String!) { testLoginConnector(factoryId: $v, config: {}, email: "a@example.com") { ok } }', 'factoryId'],
  ['mutation($v: String!) { createLoginConnector(input: { connectorId: $v, config: {} }) { id } }', 'input.connectorId'],
  ['mutation($v: String!) { createLoginConnector(input: { connectorId: "oidc", config: {}, id: $v }) { id } }', 'input.id'],
  ['query($v: String!) { app(id: $v) { id } }', 'id'],
  ['query($v: String!) { appConnectors(appId: $v) { edges { cursor } } }', 'appId'],
  ['mutation($v: String!) { createAppConnector(input: { appId: $v, catalogId: "c" }) { id } }', 'input.appId'],
  ['mutation($v: String!) { updateAppConnector(input: { appId: $v, id: "c", displayName: "x" }) { id } }', 'input.appId'],
  ['mutation($v: String!) { updateAppConnector(input: { appId: "a", id: $v, displayName: "x" }) { id } }', 'input.id'],
  ['mutation($v: String!) { deleteAppConnector(appId: $v, id: "c") }', 'appId'],
  ['mutation($v: String!) { deleteAppConnector(appId: "a", id: $v) }', 'id'],
  ['mutation($v: String!) { syncAppConnector(appId: $v, id: "c") { id } }', 'appId'],
  ['mutation($v: String!) { syncAppConnector(appId: "a", id: $v) { id } }', 'id'],
  // Global ids: the native key is checked by the source's rule as the id is decoded.
  ['query($v: ID!) { node(id: $v) { id } }', 'id'],
  ['query($v: ID!) { connector(id: $v) { id } }', 'id'],
  ['mutation($v: ID!) { patchConnector(id: $v, operations: [{ op: add, path: "/metadata/x", value: 1 }]) { id } }', 'id'],
  ['mutation($v: ID!) { deleteConnector(id: $v) }', 'id'],
];

/** The queries whose id is a global id. */
const GLOBAL = '$v: ID!';
/** The node types and the number of parts of their native keys. */
const KEY_PARTS: Record<NodeTypeName, number> = { ScriptConnector: 1, LoginConnector: 1, AppConnector: 2, App: 1 };
const CONNECTOR_TYPES: NodeTypeName[] = ['ScriptConnector', 'LoginConnector', 'AppConnector'];

describe('ids are names, never paths', () => {
  it.each(ID_ARGUMENTS)('%s refuses every bad id, naming %s, with 0 backend calls', async (query, argumentName) => {
    for (const [what, bad] of BAD_IDS) {
      const values = query.includes(GLOBAL)
        ? (query.includes('node(') ? Object.keys(KEY_PARTS) : CONNECTOR_TYPES).map((type) =>
            encodeGlobalId(type, ...Array.from({ length: KEY_PARTS[type]! }, () => bad)),
          )
        : [bad];
      for (const v of values) {
        const res = await stack.gql(query, { v });
        const extensions = res.body.errors?.[0]?.extensions;
        // A lone surrogate in a variable is refused before any resolver, naming the variable.
        const expected =
          what === 'a lone surrogate' && !query.includes(GLOBAL) ? { code: 'BAD_USER_INPUT', variableName: 'v' } : { code: 'BAD_USER_INPUT', argumentName };
        expect(extensions, `${what}: ${JSON.stringify(res.body).slice(0, 300)}`).toMatchObject(expected);
      }
    }
    expect(stack.backendCalls()).toBe(0);
  });

  it('refuses a bad scriptName of an upload before reading the file, with 0 backend calls', async () => {
    const query = 'mutation($s: String!, $file: Upload!) { uploadScriptConnectorFile(scriptName: $s, kind: SOURCE_TEMPLATE, file: $file) { status } }';
    for (const [what, bad] of BAD_IDS) {
      const res = await uploadFile(stack.gateway.url, query, { s: bad }, { name: 'a.xml', content: '<a/>' });
      const expected = what === 'a lone surrogate' ? { code: 'BAD_USER_INPUT', variableName: 's' } : { code: 'BAD_USER_INPUT', argumentName: 'scriptName' };
      expect(res.body.errors?.[0]?.extensions, what).toMatchObject(expected);
    }
    expect(stack.backendCalls()).toBe(0);
  });

  it('refuses inline literals too (a lone surrogate there is a syntax error)', async () => {
    for (const query of [
      '{ scriptConnector(scriptName: "..") { id } }',
      '{ appConnectors(appId: "%2e%2e") { edges { cursor } } }',
      'mutation { deleteLoginConnector(id: "a/b") }',
    ]) {
      const res = await stack.gql(query);
      expect(res.body.errors![0]!.extensions!.code, query).toBe('BAD_USER_INPUT');
    }
    const surrogate = await stack.gql('{ scriptConnector(scriptName: "\\uD800") { id } }');
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(stack.backendCalls()).toBe(0);
  });

  it('still reaches real ids', async () => {
    const res = await stack.gql('{ scriptConnector(scriptName: "active-directory") { nativeId } loginConnectors { nativeId } }');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.scriptConnector.nativeId).toBe('active-directory');
    const logto = res.body.data!.loginConnectors[0].nativeId as string;
    const again = await stack.gql('query($id: ID!) { node: connector(id: $id) { nativeId } }', { id: encodeGlobalId('LoginConnector', logto) });
    expect(again.body.data!.node.nativeId).toBe(logto);
  });
});

/** One malformed request: what to send, and the status it must get. */
interface Malformed {
  init: RequestInit;
  search?: string;
}

const json = (body: string): Malformed => ({ init: { method: 'POST', headers: { 'content-type': 'application/json' }, body } });
const op = (query: string, variables?: unknown, extra: Record<string, unknown> = {}): Malformed => json(JSON.stringify({ query, variables, ...extra }));
const get = (search: string): Malformed => ({ init: { method: 'GET', headers: { 'apollo-require-preflight': 'true' } }, search });

const UPLOAD = 'mutation($f: Upload!) { uploadScriptConnectorFile(scriptName: "openldap", kind: SOURCE_TEMPLATE, file: $f) { status } }';

/** A multipart request: the operations and map fields as given (text), and files by field name. */
function multipart(operations: string, map: string, files: string[] = ['0']): Malformed {
  const form = new FormData();
  form.set('operations', operations);
  form.set('map', map);
  for (const name of files) form.set(name, new Blob(['<a/>'], { type: 'application/xml' }), 'a.xml');
  return { init: { method: 'POST', headers: { 'apollo-require-preflight': 'true' }, body: form } };
}
const uploadOps = (variables: unknown = { f: null }) => JSON.stringify({ query: UPLOAD, variables });

/** Malformed `persistedQuery` extensions, and Apollo's message for each. */
const PERSISTED_QUERIES: [string, () => Malformed, string][] = [
  [
    'a persisted query whose hash does not match the query',
    () => op('{ loginConnectors { id } }', undefined, { extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }),
    'Provided sha does not match query.',
  ],
  [
    'a persisted query hash that is not a string',
    () => op('{ loginConnectors { id } }', undefined, { extensions: { persistedQuery: { version: 1, sha256Hash: 5 } } }),
    'Provided sha does not match query.',
  ],
  [
    'a persisted query of version 2',
    () => op('{ loginConnectors { id } }', undefined, { extensions: { persistedQuery: { version: 2, sha256Hash: 'abc' } } }),
    'Unsupported persisted query version.',
  ],
  [
    'a persisted query of version 2 without a query',
    () => json(JSON.stringify({ extensions: { persistedQuery: { version: 2, sha256Hash: 'abc' } } })),
    'Unsupported persisted query version.',
  ],
  [
    'a persistedQuery that is a string',
    () => op('{ loginConnectors { id } }', undefined, { extensions: { persistedQuery: 'abc' } }),
    'Unsupported persisted query version.',
  ],
  ['a persistedQuery that is a list', () => json(JSON.stringify({ extensions: { persistedQuery: [] } })), 'Unsupported persisted query version.'],
];

/** Each of these was a 500 (or a 200, or INTERNAL_SERVER_ERROR) before issue 15. */
const MALFORMED: [string, () => Malformed][] = [
  // variables
  ['a variable of the wrong type', () => op('query($a: String!) { scriptConnector(scriptName: $a) { id } }', { a: 5 })],
  ['a required variable left out', () => op('query($a: String!) { scriptConnector(scriptName: $a) { id } }', {})],
  ['a required variable given null', () => op('query($a: String!) { scriptConnector(scriptName: $a) { id } }', { a: null })],
  ['an enum variable out of its values', () => op('query($t: LoginConnectorType) { loginConnectors(type: $t) { id } }', { t: 'NOPE' })],
  [
    'an input object variable with an unknown field',
    () => op('query($f: ConnectorFilter) { connectors(filter: $f) { edges { cursor } } }', { f: { nope: 1 } }),
  ],
  // complexity estimation (it coerces the variables of `first`)
  ['a `first` variable that is a string', () => op('query($n: Int) { scriptConnectors(first: $n) { edges { cursor } } }', { n: 'x' })],
  ['a `first` variable that is a fraction', () => op('query($n: Int) { scriptConnectors(first: $n) { edges { cursor } } }', { n: 1.5 })],
  ['a `first` variable beyond 32 bits', () => op('query($n: Int) { connectors(first: $n) { edges { cursor } } }', { n: 2 ** 40 })],
  ['a nested `first` variable of the wrong type', () => op('query($n: Int) { app(id: "a") { connectors(first: $n) { edges { cursor } } } }', { n: [1] })],
  // operations
  ['an operation name the document lacks', () => op('query A { loginConnectors { id } }', undefined, { operationName: 'B' })],
  ['an operation name with a lone surrogate', () => op('query A { loginConnectors { id } }', undefined, { operationName: '\uD800' })],
  // lone surrogates
  ['a lone surrogate in a variable', () => op('query($s: String) { connectors(filter: { search: $s }) { edges { cursor } } }', { s: 'git\uD800' })],
  ['a lone surrogate in a filter variable', () => op('query($s: String) { scriptConnectors(filters: $s) { edges { cursor } } }', { s: 'name co "\uDFFF"' })],
  [
    'a lone surrogate deep in a JSON variable',
    () => op('mutation($c: JSONObject!) { testLoginConnector(factoryId: "x", config: $c) { ok } }', { c: { a: [{ b: '\uD800' }] } }),
  ],
  ['a lone surrogate in a JSON key', () => op('mutation($c: JSONObject!) { testLoginConnector(factoryId: "x", config: $c) { ok } }', { c: { ['\uD800']: 1 } })],
  // JSON scalars
  [
    'a JSON variable nested too deep',
    () =>
      op('mutation($c: JSONObject!) { testLoginConnector(factoryId: "x", config: $c) { ok } }', { c: JSON.parse('{"a":'.repeat(40) + '1' + '}'.repeat(40)) }),
  ],
  ['a JSONObject variable that is an array', () => op('mutation($c: JSONObject!) { testLoginConnector(factoryId: "x", config: $c) { ok } }', { c: [1] })],
  ['a JSON literal nested too deep', () => op(`mutation { testLoginConnector(factoryId: "x", config: ${'{a: '.repeat(40)}1${' }'.repeat(40)}) { ok } }`)],
  // GET
  [
    'GET variables of the wrong type',
    () => get(`?query=${encodeURIComponent('query($a: String!) { scriptConnector(scriptName: $a) { id } }')}&variables=${encodeURIComponent('{"a":5}')}`),
  ],
  [
    'GET variables with an escaped lone surrogate',
    () =>
      get(`?query=${encodeURIComponent('query($a: String!) { scriptConnector(scriptName: $a) { id } }')}&variables=${encodeURIComponent('{"a":"\\ud800"}')}`),
  ],
  // multipart
  ['a map path that does not exist', () => multipart(uploadOps(), '{"0":["variables.nope.deep"]}')],
  ['a map path outside the variables', () => multipart(uploadOps(), '{"0":["x.y"]}')],
  ['a map path through the prototype', () => multipart(uploadOps(), '{"0":["__proto__.polluted"]}')],
  ['a map that replaces the variables', () => multipart(uploadOps(), '{"0":["variables"]}')],
  ['a mapped file missing from the request', () => multipart(uploadOps(), '{"0":["variables.f"]}', [])],
  [
    'a file mapped twice to one variable (the later entry, whose file is missing, wins)',
    () => multipart(uploadOps(), '{"0":["variables.f"],"1":["variables.f"]}', ['0']),
  ],
  [
    'a file mapped to a JSON variable',
    () =>
      multipart(
        JSON.stringify({ query: 'mutation($c: JSONObject!) { testLoginConnector(factoryId: "x", config: $c) { ok } }', variables: { c: null } }),
        '{"0":["variables.c"]}',
      ),
  ],
  [
    'a file mapped to a String variable',
    () =>
      multipart(JSON.stringify({ query: 'query($s: String!) { scriptConnector(scriptName: $s) { id } }', variables: { s: null } }), '{"0":["variables.s"]}'),
  ],
  // persisted queries (Apollo's refusals without a code were masked as INTERNAL_SERVER_ERROR, review F7)
  ...PERSISTED_QUERIES.map(([what, make]): [string, () => Malformed] => [what, make]),
];

/** These were 4xx already; kept so that they stay so. */
const ALREADY_4XX: [string, () => Malformed][] = [
  ['a body that is not JSON', () => json('{"query":')],
  ['a JSON body that is null', () => json('null')],
  ['a JSON body that is a string', () => json('"{ loginConnectors { id } }"')],
  ['a query that is not a string', () => json('{"query":42}')],
  [
    'variables that are a string',
    () => json(JSON.stringify({ query: 'query($a: String!) { scriptConnector(scriptName: $a) { id } }', variables: '{"a":"openldap"}' })),
  ],
  ['variables that are an array', () => op('query($a: String!) { scriptConnector(scriptName: $a) { id } }', ['openldap'])],
  ['a variable of a type the schema lacks', () => op('query($a: Nope) { loginConnectors { id } }', { a: 1 })],
  ['a `first` literal of the wrong type', () => op('{ scriptConnectors(first: "x") { edges { cursor } } }')],
  ['an undefined variable in `first`', () => op('{ scriptConnectors(first: $n) { edges { cursor } } }')],
  ['two operations and no name', () => op('query A { loginConnectors { id } } query B { loginConnectors { id } }')],
  ['a lone surrogate in the query text', () => op('{ scriptConnector(scriptName: "\uD800") { id } }')],
  ['an escaped lone surrogate in the query text', () => op('{ scriptConnector(scriptName: "\\uDC00") { id } }')],
  ['a lone surrogate in a comment', () => op('{ loginConnectors { id } } # \uD800')],
  ['a lone surrogate in a variable name', () => op('query($a: String) { loginConnectors { id } }', { '\uD800': 'x' })],
  [
    'GET variables that are not JSON',
    () => get(`?query=${encodeURIComponent('query($a: String!) { scriptConnector(scriptName: $a) { id } }')}&variables=%7Bnope`),
  ],
  ['a GET mutation', () => get(`?query=${encodeURIComponent('mutation { deleteLoginConnector(id: "x") }')}`)],
  ['a map that is not JSON', () => multipart(uploadOps(), '{"0":')],
  ['a map that is an array', () => multipart(uploadOps(), '[["variables.f"]]')],
  ['a map entry that is not an array', () => multipart(uploadOps(), '{"0":"variables.f"}')],
  ['a map path inside a null', () => multipart(uploadOps(), '{"0":["variables.f.x"]}')],
  ['a map that replaces the query', () => multipart(uploadOps(), '{"0":["query"]}')],
  ['operations that are not JSON', () => multipart('{"query":', '{"0":["variables.f"]}')],
  ['operations whose variables are a string', () => multipart(JSON.stringify({ query: UPLOAD, variables: 'x' }), '{}', [])],
  [
    'a map with more files than allowed',
    () => multipart(uploadOps(), JSON.stringify(Object.fromEntries(Array.from({ length: 9 }, (_, i) => [String(i), ['variables.f']])))),
  ],
];

describe('every malformed request is a 4xx with a code', () => {
  it.each([...MALFORMED, ...ALREADY_4XX])('%s', async (_what, make) => {
    const { init, search } = make();
    const res = await fetch(stack.gateway.url + (search ?? ''), init);
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBeGreaterThanOrEqual(400);
    expect(res.status, text.slice(0, 300)).toBeLessThan(500);
    const body = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: unknown } }[] };
    expect(body.errors?.length, text.slice(0, 300)).toBeGreaterThan(0);
    for (const error of body.errors!) {
      expect(typeof error.extensions?.code, text.slice(0, 300)).toBe('string');
      expect(error.extensions!.code).not.toBe('INTERNAL_SERVER_ERROR');
    }
    expect(stack.backendCalls()).toBe(0);
  });

  it.each(PERSISTED_QUERIES)('%s: 400 BAD_REQUEST with Apollo’s message', async (_what, make, message) => {
    const { init } = make();
    const res = await fetch(stack.gateway.url, init);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('headers with bytes that are not ASCII are not a 500', async () => {
    for (const value of ['\u00ff', '\u00ed\u00a0\u0080', 'a\u00e9b']) {
      const res = await fetch(stack.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': value, 'x-apollo-operation-name': value },
        body: JSON.stringify({ query: '{ loginConnectors { id } }' }),
      });
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('x-request-id')).toMatch(/^[\w.:-]+$/);
    }
  });
});

describe('variables with default values under the jit executor', () => {
  it.each([
    [
      'a non-null Int with a default, left out',
      'query($n: Int! = 2) { scriptConnectors(first: $n) { edges { cursor } } }',
      (d: any) => {
        expect(d.scriptConnectors.edges).toHaveLength(2);
      },
    ],
    [
      'a nullable Int with a default, left out',
      'query($n: Int = 3) { scriptConnectors(first: $n) { edges { cursor } } }',
      (d: any) => {
        expect(d.scriptConnectors.edges).toHaveLength(3);
      },
    ],
    [
      'an enum list with a default',
      'query($s: [ConnectorSource!]! = [LOGTO], $n: Int! = 2) { connectors(sources: $s, first: $n) { edges { node { source } } } }',
      (d: any) => {
        expect(d.connectors.edges).toEqual([{ node: { source: 'LOGTO' } }, { node: { source: 'LOGTO' } }]);
      },
    ],
    [
      'an input object with a default',
      'query($f: ConnectorFilter! = { search: "openldap" }) { connectors(filter: $f, sources: [SAILPOINT]) { edges { node { nativeId } } } }',
      (d: any) => {
        expect(d.connectors.edges).toEqual([{ node: { nativeId: 'openldap' } }]);
      },
    ],
    [
      'a String and a nested argument with defaults',
      'query($s: String! = "active-directory", $l: SailPointLocale! = DE) { scriptConnector(scriptName: $s) { nativeId translations(locale: $l) } }',
      (d: any) => {
        expect(d.scriptConnector.translations).toMatch(/German/);
      },
    ],
    [
      'a Boolean with a default in a directive',
      'query($b: Boolean! = false) { scriptConnectors(first: 1) { edges { cursor @include(if: $b) node { nativeId } } } }',
      (d: any) => {
        expect(d.scriptConnectors.edges[0]).toEqual({ node: { nativeId: 'active-directory' } });
      },
    ],
  ])('%s', async (_what, query, check) => {
    const res = await stack.gql(query);
    expect(res.body.errors, JSON.stringify(res.body).slice(0, 300)).toBeUndefined();
    check(res.body.data);
  });

  it.each([
    [
      'a JSONObject with a default reaches the resolver',
      'mutation($c: JSONObject! = { a: { b: [1, 2] } }) { testLoginConnector(factoryId: "no-such-factory", config: $c) { ok } }',
      { code: 'BAD_USER_INPUT', argumentName: 'factoryId' },
    ],
    [
      'a patch with a default reaches the resolver',
      'mutation($ops: [JsonPatchOperationInput!]! = [{ op: test, path: "/connectorMetadata/platform", value: "no-such-platform" }]) { patchScriptConnector(scriptName: "active-directory", operations: $ops) { id } }',
      { code: 'CONFLICT' },
    ],
  ])('%s', async (_what, query, extensions) => {
    const res = await stack.gql(query);
    expect(res.body.errors![0]!.extensions).toMatchObject(extensions);
  });

  it('a variable given explicitly overrides its default', async () => {
    const res = await stack.gql('query($n: Int! = 2) { scriptConnectors(first: $n) { edges { cursor } } }', { n: 1 });
    expect(res.body.data!.scriptConnectors.edges).toHaveLength(1);
  });
});
