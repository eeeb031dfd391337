import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getIntrospectionQuery } from 'graphql';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import { scriptConnectorId } from '../../src/sources/sailpoint/mappers.js';
import { loginConnectorId } from '../../src/sources/logto/mappers.js';
import { appConnectorId } from '../../src/sources/conductorone/mappers.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.resetCalls();
});

/** Every connector the three sandboxes hold, as global ids in the documented order. */
function expectedIds(): string[] {
  const c1 = stack.conductorone.store.apps().flatMap((a) => stack.conductorone.store.connectors(a.id).map((c) => appConnectorId(c.appId, c.id)));
  const logto = stack.logto.store.connectors().map((c) => loginConnectorId(c.id));
  const sailpoint = stack.sailpoint.store
    .list()
    .filter((c) => c.status === 'RELEASED')
    .map((c) => scriptConnectorId(c.scriptName));
  return [...c1, ...logto, ...sailpoint];
}

const PAGE = `query($first: Int, $after: String, $sources: [ConnectorSource!], $search: String) {
  connectors(first: $first, after: $after, sources: $sources, filter: { search: $search }) {
    edges { cursor node { id source displayName } } pageInfo { hasNextPage endCursor } } }`;

async function walk(vars: Record<string, unknown>) {
  const ids: string[] = [];
  const names: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 200; pages++) {
    const res: { body: { errors?: unknown; data?: any } } = await stack.gql(PAGE, { ...vars, after });
    expect(res.body.errors).toBeUndefined();
    const conn: any = res.body.data!.connectors;
    ids.push(...conn.edges.map((e: any) => e.node.id));
    names.push(...conn.edges.map((e: any) => e.node.displayName));
    if (!conn.pageInfo.hasNextPage) return { ids, names, pages: pages + 1 };
    after = conn.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

describe('connectors', () => {
  it.each([1, 3, 1000])('visits every connector of the three sources exactly once with pages of %i', async (first) => {
    const { ids } = await walk({ first });
    expect(ids).toEqual(expectedIds());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('asks each source only for what a page needs', async () => {
    const res = await stack.gql(PAGE, { first: 3, sources: ['SAILPOINT'] });
    expect(res.body.data!.connectors.edges).toHaveLength(3);
    const list = stack.sailpoint.log.entries().filter((e) => e.path === '/v3/connectors');
    expect(list).toHaveLength(1);
    expect(new URLSearchParams(list[0]!.query).get('limit')).toBe('3');
    expect(stack.logtoCalls() + stack.c1Calls()).toBe(0);
  });

  it('filters by displayName in every source, pushing the search down to SailPoint', async () => {
    const { names } = await walk({ first: 5, search: 'git' });
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const n of names) expect(n.toLowerCase()).toContain('git');
    const sailpointCalls = stack.sailpoint.log.entries().filter((e) => e.path === '/v3/connectors');
    expect(sailpointCalls.every((e) => new URLSearchParams(e.query).get('filters') === 'name co "git"')).toBe(true);
  });

  it('pushes a search holding quotes and backslashes down to SailPoint, escaped: one page, not the whole list', async () => {
    const name = 'Say "Hi" \\ to C:\\Temp';
    const created = await stack.gql(`mutation($input: CreateScriptConnectorInput!) { createScriptConnector(input: $input) { scriptName } }`, {
      input: { name, className: 'sailpoint.connector.OpenConnectorAdapter', status: 'RELEASED' },
    });
    expect(created.body.errors).toBeUndefined();
    const scriptName: string = created.body.data!.createScriptConnector.scriptName;
    try {
      stack.resetCalls();
      const search = '"hi" \\ TO c:\\';
      const { body } = await stack.gql(PAGE, { first: 5, sources: ['SAILPOINT'], search });
      expect(body.errors).toBeUndefined();
      const expected = stack.sailpoint.store.list().filter((c) => c.status === 'RELEASED' && c.name.toLowerCase().includes(search.toLowerCase()));
      expect(expected.map((c) => c.name)).toEqual([name]);
      expect(body.data!.connectors.edges.map((e: any) => e.node.displayName)).toEqual([name]);
      const calls = stack.sailpoint.log.entries().filter((e) => e.path === '/v3/connectors');
      expect(calls).toHaveLength(1);
      const query = new URLSearchParams(calls[0]!.query);
      expect(query.get('filters')).toBe('name co "\\"hi\\" \\\\ to c:\\\\"');
      expect(query.get('limit')).toBe('5');
    } finally {
      await stack.gql(`mutation($s: String!) { deleteScriptConnector(scriptName: $s) }`, { s: scriptName });
    }
  });

  it('keeps only the selected sources, in the documented order', async () => {
    const { ids } = await walk({ first: 10, sources: ['SAILPOINT', 'LOGTO'] });
    const logto = stack.logto.store.connectors().map((c) => loginConnectorId(c.id));
    expect(ids.slice(0, logto.length)).toEqual(logto);
    expect(stack.c1Calls()).toBe(0);
  });

  it("reads an AppConnector's app from the apps page it walked, without searching for it again", async () => {
    const { body } = await stack.gql(
      `{ connectors(first: 20, sources: [CONDUCTORONE]) { edges { node { ... on AppConnector { appId app { id nativeId } } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.connectors.edges.map((e: { node: { appId: string; app: { nativeId: string } } }) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) expect(n.app.nativeId).toBe(n.appId);
    expect(stack.c1Calls({ pathIncludes: '/search/apps' })).toBe(0);
  });

  it('refuses a cursor of another list', async () => {
    const page = await stack.gql(PAGE, { first: 2 });
    const res = await stack.gql(PAGE, { first: 2, after: page.body.data!.connectors.pageInfo.endCursor, sources: ['LOGTO'] });
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
  });

  it('refuses a forged position (offsets, page sizes and tokens no page of this gateway wrote) before any call', async () => {
    // A real cursor of each source, its position then changed: what reaches a source must be what the gateway wrote.
    const cursorIn = async (source: string) => {
      const page = await stack.gql(PAGE, { first: 1, sources: [source] });
      return JSON.parse(Buffer.from(page.body.data!.connectors.pageInfo.endCursor, 'base64url').toString()) as { p: Record<string, unknown> };
    };
    const forgeries: [string, (p: Record<string, any>) => void][] = [
      ['SAILPOINT', (p) => (p.o = -5)],
      ['SAILPOINT', (p) => (p.o = 1.5)],
      ['LOGTO', (p) => (p.i = '3')],
      ['CONDUCTORONE', (p) => (p.c = { t: '', s: 0, n: 1e9 })],
      ['CONDUCTORONE', (p) => (p.c = { t: 'x'.repeat(5000), s: 0, n: 10 })],
      ['CONDUCTORONE', (p) => (p.x = -1)],
      ['CONDUCTORONE', (p) => (p.a = 42)],
    ];
    for (const [source, forge] of forgeries) {
      const cursor = await cursorIn(source);
      forge(cursor.p);
      stack.resetCalls();
      const res = await stack.gql(PAGE, { first: 2, sources: [source], after: Buffer.from(JSON.stringify(cursor)).toString('base64url') });
      expect(res.body.errors?.[0]?.extensions, `${source} ${JSON.stringify(cursor.p)}`).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
      expect(stack.backendCalls()).toBe(0);
    }
  });
});

describe('node(id) for every type', () => {
  it('round-trips one id of each type', async () => {
    const ids = expectedIds();
    const pick = ['CONDUCTORONE', 'LOGTO', 'SAILPOINT'].map((s) =>
      ids.find(
        (id) =>
          JSON.parse(Buffer.from(id, 'base64url').toString())[0] === { CONDUCTORONE: 'AppConnector', LOGTO: 'LoginConnector', SAILPOINT: 'ScriptConnector' }[s],
      )!,
    );
    const app = stack.conductorone.store.apps()[0]!;
    for (const id of pick) {
      const { body } = await stack.gql(`query($id: ID!) { node(id: $id) { id } connector(id: $id) { id } }`, { id });
      expect(body.data).toEqual({ node: { id }, connector: { id } });
    }
    const appRes = await stack.gql(`query($id: ID!) { node(id: $id) { id __typename } }`, {
      id: Buffer.from(JSON.stringify(['App', app.id])).toString('base64url'),
    });
    expect(appRes.body.data!.node.__typename).toBe('App');
  });
});

const PATCH = `mutation($id: ID!, $ops: [JsonPatchOperationInput!]!) { patchConnector(id: $id, operations: $ops) {
  id displayName ... on LoginConnector { syncProfile } ... on AppConnector { description config { value } } ... on ScriptConnector { connectorMetadata } } }`;

describe('patchConnector', () => {
  it('patches a SailPoint connector natively', async () => {
    const s = stack.sailpoint.store.list()[2]!;
    const { body } = await stack.gql(PATCH, { id: scriptConnectorId(s.scriptName), ops: [{ op: 'add', path: '/connectorMetadata/team', value: 'iam' }] });
    expect(body.errors).toBeUndefined();
    expect(body.data!.patchConnector.connectorMetadata.team).toBe('iam');
    expect(stack.apiCalls({ method: 'PATCH' })).toBe(1);
  });

  it('applies a patch to a Logto connector and sends only what changed, keeping its secrets', async () => {
    const c = stack.logto.store.connectors().find((x) => x.connectorId === 'google-universal')!;
    const secret = c.config.clientSecret;
    const { body } = await stack.gql(PATCH, {
      id: loginConnectorId(c.id),
      ops: [
        { op: 'test', path: '/config/clientSecret', value: null },
        { op: 'replace', path: '/syncProfile', value: !c.syncProfile },
        { op: 'replace', path: '/config/scope', value: 'openid email' },
      ],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.patchConnector.syncProfile).toBe(!c.syncProfile);
    const after = stack.logto.store.connector(c.id)!;
    expect(after.config).toEqual({ ...c.config, scope: 'openid email', clientSecret: secret });
    expect(stack.logtoCalls({ method: 'PATCH' })).toBe(1);
  });

  it('applies a patch to a ConductorOne connector with an update mask of the changed fields only', async () => {
    const c = stack.conductorone.store.connectors().find((x) => x.config && Object.keys(x.config).some((k) => /token|secret|key/i.test(k)))!;
    const before = stack.conductorone.store.connector(c.appId, c.id)!;
    const { body } = await stack.gql(PATCH, {
      id: appConnectorId(c.appId, c.id),
      ops: [{ op: 'replace', path: '/description', value: 'patched through patchConnector' }],
    });
    expect(body.errors).toBeUndefined();
    const after = stack.conductorone.store.connector(c.appId, c.id)!;
    expect(after.description).toBe('patched through patchConnector');
    expect({ ...after, description: before.description, updatedAt: before.updatedAt }).toEqual(before);
  });

  it.each([
    ['a path outside the patchable fields', 'LOGTO', [{ op: 'replace', path: '/type', value: 'EMAIL' }], 'BAD_USER_INPUT'],
    [
      'a failed test',
      'LOGTO',
      [
        { op: 'test', path: '/syncProfile', value: 'not a boolean' },
        { op: 'replace', path: '/syncProfile', value: true },
      ],
      'CONFLICT',
    ],
    ['an invalid patch', 'CONDUCTORONE', [{ op: 'replace', path: '/config/value/nope/deeper', value: 1 }], 'BAD_USER_INPUT'],
    [
      'a failed test',
      'CONDUCTORONE',
      [
        { op: 'test', path: '/displayName', value: 'something else' },
        { op: 'replace', path: '/displayName', value: 'x' },
      ],
      'CONFLICT',
    ],
    ['a non-patchable SailPoint path', 'SAILPOINT', [{ op: 'replace', path: '/name', value: 'x' }], 'BAD_USER_INPUT'],
  ])('refuses %s (%s) and changes nothing', async (_what, source, ops, code) => {
    const id =
      source === 'LOGTO'
        ? loginConnectorId(stack.logto.store.connectors()[1]!.id)
        : source === 'CONDUCTORONE'
          ? appConnectorId(stack.conductorone.store.connectors()[3]!.appId, stack.conductorone.store.connectors()[3]!.id)
          : scriptConnectorId(stack.sailpoint.store.list()[3]!.scriptName);
    const { body } = await stack.gql(PATCH, { id, ops });
    expect(body.errors![0]!.extensions!.code).toBe(code);
    expect(stack.logtoCalls({ method: 'PATCH' }) + stack.c1Calls({ method: 'POST' }) + stack.apiCalls({ method: 'PATCH' })).toBe(0);
  });
});

describe('deleteConnector', () => {
  it('deletes a connector of each source', async () => {
    const ids = [
      loginConnectorId(stack.logto.store.connectors().at(-1)!.id),
      appConnectorId(stack.conductorone.store.connectors().at(-1)!.appId, stack.conductorone.store.connectors().at(-1)!.id),
      scriptConnectorId(stack.sailpoint.store.list().at(-1)!.scriptName),
    ];
    for (const id of ids) {
      const { body } = await stack.gql(`mutation($id: ID!) { deleteConnector(id: $id) }`, { id });
      expect(body.data).toEqual({ deleteConnector: id });
      const gone = await stack.gql(`query($id: ID!) { node(id: $id) { id } }`, { id });
      expect(gone.body.data).toEqual({ node: null });
    }
  });
});

describe('partial results', () => {
  it('returns the other sources and one error when a source is down', async () => {
    const partial = await startTestStack();
    try {
      await partial.logto.close(); // the Logto sandbox stops mid-suite
      const res = await partial.gql(PAGE, { first: 1000 });
      expect(res.status).toBe(200);
      const sources = new Set(res.body.data!.connectors.edges.map((e: any) => e.node.source));
      expect([...sources].sort()).toEqual(['CONDUCTORONE', 'SAILPOINT']);
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors![0]).toMatchObject({ path: ['connectors'], extensions: { source: 'LOGTO', code: 'UPSTREAM_UNAVAILABLE' } });
    } finally {
      await partial.stop().catch(() => undefined);
    }
  });
});

describe('schema descriptions', () => {
  it('describes every type, field, argument, input field and enum value', async () => {
    const { body } = await stack.gql(getIntrospectionQuery());
    const missing: string[] = [];
    for (const t of body.data!.__schema.types as any[]) {
      if (t.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name)) continue;
      if (!t.description) missing.push(t.name);
      for (const f of [...(t.fields ?? []), ...(t.inputFields ?? [])]) {
        if (!f.description) missing.push(`${t.name}.${f.name}`);
        for (const a of f.args ?? []) if (!a.description) missing.push(`${t.name}.${f.name}(${a.name})`);
      }
      for (const v of t.enumValues ?? []) if (!v.description) missing.push(`${t.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });
});
