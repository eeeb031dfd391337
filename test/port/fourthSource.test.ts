/**
 * Proof of the port: a fourth source (Acme, `test/port/acme/`: its SDL, client, loaders, resolvers, its part of the
 * cross-source features and a tiny sandbox on loopback) is served beside the three real ones with no edit outside
 * its folder: the test passes its own source list instead of the registry's. `connectors`, `node`, `connector`,
 * `patchConnector`, `deleteConnector`, `settings`, roles and `/readyz` work for it; real HTTP throughout.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { SOURCES } from '../../src/sources/index.js';
import { encodeGlobalId } from '../../src/graph/globalId.js';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import { acmeSource } from './acme/index.js';
import { startAcmeSandbox, type AcmeSandbox } from './acme/sandbox.js';

const sha = (key: string) => createHash('sha256').update(key).digest('hex');
const KEYS = {
  viewer: 'viewer-key-fourth-source-0123456789',
  acmeViewer: 'acme-viewer-key-0123456789abcdef',
  acmeEditor: 'acme-editor-key-0123456789abcdef',
  logtoEditor: 'logto-editor-key-fourth-0123456789',
  logtoViewer: 'logto-viewer-key-fourth-0123456789',
};
const ROLES: Record<keyof typeof KEYS, string> = {
  viewer: 'viewer',
  acmeViewer: 'viewer@acme',
  acmeEditor: 'editor@acme',
  logtoEditor: 'editor@logto',
  logtoViewer: 'viewer@logto',
};
const as = (who: keyof typeof KEYS) => ({ 'x-api-key': KEYS[who] });

let acme: AcmeSandbox;
let stack: TestStack;
const acmeId = (id: string) => encodeGlobalId('AcmeConnector', id);

beforeAll(async () => {
  acme = await startAcmeSandbox();
  return () => acme.close();
});
beforeAll(async () => {
  stack = await startTestStack(
    {
      ACME_URL: acme.url,
      ACME_CLIENT_ID: acme.clientId,
      ACME_CLIENT_SECRET: acme.clientSecret,
      // A failed call is one exchange: /readyz sees it at once.
      ACME_RETRIES: '0',
      GATEWAY_API_KEYS: Object.entries(KEYS)
        .map(([who, key]) => `${ROLES[who as keyof typeof KEYS]}:${sha(key)}`)
        .join(','),
    },
    { sources: [...SOURCES, acmeSource] },
  );
  for (const key of Object.values(KEYS)) stack.registerSecret(key);
  // Runs before the sandbox's cleanup (hooks unwind in reverse): its secrets, as they are at the end, must not have leaked.
  return async () => {
    stack.registerSecret(acme.clientSecret);
    for (const token of acme.tokens) stack.registerSecret(token);
    for (const c of acme.connectors) stack.registerSecret(c.apiToken);
    await stack.stop();
  };
});

const ALL = `query($first: Int, $after: String, $sources: [ConnectorSource!], $search: String) {
  connectors(first: $first, after: $after, sources: $sources, filter: { search: $search }) {
    edges { cursor node { __typename id source nativeId displayName } } pageInfo { hasNextPage endCursor } } }`;

interface Edge {
  cursor: string;
  node: { __typename: string; id: string; source: string; nativeId: string; displayName: string };
}

async function page(
  variables: Record<string, unknown>,
  who: keyof typeof KEYS = 'viewer',
): Promise<{ edges: Edge[]; hasNextPage: boolean; endCursor: string | null }> {
  const res = await stack.gql(ALL, variables, as(who));
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  const { edges, pageInfo } = res.body.data!.connectors as { edges: Edge[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  return { edges, ...pageInfo };
}

describe('a fourth source, registered by passing a source list', () => {
  it('adds its SDL: its enum value, its type and its root fields', async () => {
    const res = await stack.gql(
      `{ __type(name: "ConnectorSource") { enumValues { name } } acmeConnectors { __typename id nativeId region source } }`,
      {},
      as('viewer'),
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.__type.enumValues.map((v: { name: string }) => v.name).sort()).toEqual(['ACME', 'CONDUCTORONE', 'LOGTO', 'SAILPOINT']);
    expect(res.body.data!.acmeConnectors).toEqual(
      acme.connectors.map((c) => ({ __typename: 'AcmeConnector', id: acmeId(c.acmeId), nativeId: c.acmeId, region: c.region, source: 'ACME' })),
    );
  });

  it('connectors walks all four sources, Acme last (the list order), each connector exactly once across pages', async () => {
    const whole = await page({ first: 1000 });
    expect(whole.hasNextPage).toBe(false);
    const sources = [...new Set(whole.edges.map((e) => e.node.source))];
    expect(sources).toEqual(['CONDUCTORONE', 'LOGTO', 'SAILPOINT', 'ACME']);
    const acmeEdges = whole.edges.filter((e) => e.node.source === 'ACME');
    expect(acmeEdges.map((e) => e.node)).toEqual(
      acme.connectors.map((c) => ({ __typename: 'AcmeConnector', id: acmeId(c.acmeId), source: 'ACME', nativeId: c.acmeId, displayName: c.name })),
    );
    expect(whole.edges.slice(-acmeEdges.length)).toEqual(acmeEdges);
    // Pages of 2 cross from SailPoint into Acme and through Acme's own pages (of 2) with its own positions.
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 1000; i++) {
      const next = await page({ first: 2, after });
      seen.push(...next.edges.map((e) => e.node.id));
      if (!next.hasNextPage) break;
      after = next.endCursor;
    }
    expect(seen).toEqual(whole.edges.map((e) => e.node.id));
  });

  it('connectors of Acme alone, with its own search; a forged Acme position is refused before any call', async () => {
    const only = await page({ first: 10, sources: ['ACME'] });
    expect(only.edges.map((e) => e.node.nativeId)).toEqual(acme.connectors.map((c) => c.acmeId));
    const found = await page({ first: 10, search: 'ROCKET' });
    expect(found.edges.filter((e) => e.node.source === 'ACME').map((e) => e.node.nativeId)).toEqual(['acme-2']);
    const first = await page({ first: 1, sources: ['ACME'] });
    const cursor = JSON.parse(Buffer.from(first.endCursor!, 'base64url').toString()) as { p: { o: unknown } };
    cursor.p.o = -1;
    const before = acme.apiCalls();
    const res = await stack.gql(ALL, { first: 1, sources: ['ACME'], after: Buffer.from(JSON.stringify(cursor)).toString('base64url') }, as('viewer'));
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after', source: 'ACME' });
    expect(acme.apiCalls()).toBe(before);
  });

  it('node and connector load it by its global id; one it no longer has is null; a key that is no Acme id is refused', async () => {
    const q = `query($id: ID!) { node(id: $id) { __typename ... on AcmeConnector { region settings { sections { fields { key value locked isSet } } } } } connector(id: $id) { displayName } }`;
    const res = await stack.gql(q, { id: acmeId('acme-1') }, as('viewer'));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      node: {
        __typename: 'AcmeConnector',
        region: 'eu-1',
        // settings come from the port: the token is locked whatever the source returned.
        settings: {
          sections: [
            {
              fields: [
                { key: 'region', value: 'eu-1', locked: false, isSet: true },
                { key: 'apiToken', value: null, locked: true, isSet: true },
              ],
            },
          ],
        },
      },
      connector: { displayName: 'Anvil feed' },
    });
    expect((await stack.gql(q, { id: acmeId('acme-404') }, as('viewer'))).body.data).toEqual({ node: null, connector: null });
    const bad = await stack.gql(q, { id: acmeId('../acme-1') }, as('viewer'));
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'id' });
  });

  it('patchConnector applies a JSON Patch to its representation and sends only what changed; a failed test sends nothing', async () => {
    const patch = `mutation($id: ID!, $ops: [JsonPatchOperationInput!]!) { patchConnector(id: $id, operations: $ops) { id ... on AcmeConnector { region } } }`;
    const id = acmeId('acme-3');
    const token = acme.connectors.find((c) => c.acmeId === 'acme-3')!.apiToken;
    let patches = acme.apiCalls('PATCH');
    // The token reads as null (a test of it compares with null), and is kept when left so.
    const ok = await stack.gql(
      patch,
      {
        id,
        ops: [
          { op: 'test', path: '/apiToken', value: null },
          { op: 'replace', path: '/region', value: 'ap-1' },
        ],
      },
      as('acmeEditor'),
    );
    expect(ok.body).toEqual({ data: { patchConnector: { id, region: 'ap-1' } } });
    expect(acme.apiCalls('PATCH')).toBe(++patches);
    expect(acme.connectors.find((c) => c.acmeId === 'acme-3')).toMatchObject({ region: 'ap-1', apiToken: token, name: 'Giant magnet' });
    const conflict = await stack.gql(
      patch,
      {
        id,
        ops: [
          { op: 'test', path: '/region', value: 'eu-1' },
          { op: 'replace', path: '/name', value: 'x' },
        ],
      },
      as('acmeEditor'),
    );
    expect(conflict.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const outside = await stack.gql(patch, { id, ops: [{ op: 'replace', path: '/acmeId', value: 'x' }] }, as('acmeEditor'));
    expect(outside.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'operations[0].path' });
    expect(acme.apiCalls('PATCH')).toBe(patches);
    expect(acme.connectors.find((c) => c.acmeId === 'acme-3')!.name).toBe('Giant magnet');
  });

  it('deleteConnector deletes it and returns its global id', async () => {
    const created = await stack.gql(`mutation { createAcmeConnector(name: "Earthquake pills") { id nativeId } }`, {}, as('acmeEditor'));
    expect(created.body.errors).toBeUndefined();
    const { id, nativeId } = created.body.data!.createAcmeConnector as { id: string; nativeId: string };
    const res = await stack.gql(`mutation($id: ID!) { deleteConnector(id: $id) }`, { id }, as('acmeEditor'));
    expect(res.body).toEqual({ data: { deleteConnector: id } });
    expect(acme.connectors.some((c) => c.acmeId === nativeId)).toBe(false);
    expect((await stack.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, as('viewer'))).body.data).toEqual({ node: null });
  });
});

describe('roles over the fourth source', () => {
  it('viewer@acme sees only Acme in connectors, and no other backend is called', async () => {
    stack.resetCalls();
    const only = await page({ first: 1000 }, 'acmeViewer');
    expect(new Set(only.edges.map((e) => e.node.source))).toEqual(new Set(['ACME']));
    expect(stack.backendCalls()).toBe(0);
    const res = await stack.gql(`{ acmeConnectors { id } }`, {}, as('acmeViewer'));
    expect(res.body.errors).toBeUndefined();
  });

  it("viewer@acme may not read another source's connectors, nor change Acme's", async () => {
    const sailpoint = encodeGlobalId('ScriptConnector', stack.sailpoint.store.list()[0]!.scriptName);
    stack.resetCalls();
    for (const [query, variables] of [
      [`query($id: ID!) { node(id: $id) { id } }`, { id: sailpoint }],
      [`{ connectors(sources: [LOGTO]) { edges { cursor } } }`, {}],
      [`mutation($id: ID!) { deleteConnector(id: $id) }`, { id: acmeId('acme-1') }],
    ] as const) {
      const res = await stack.gql(query, variables, as('acmeViewer'));
      expect(res.status, query).toBe(403);
      expect(res.body.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
    }
    expect(stack.backendCalls()).toBe(0);
  });

  it('editor@logto cannot touch Acme: its root fields, and patch or delete of its ids, are FORBIDDEN before any call', async () => {
    const before = acme.apiCalls();
    const id = acmeId('acme-1');
    for (const [query, variables] of [
      [`{ acmeConnectors { id } }`, {}],
      [`query($id: ID!) { connector(id: $id) { id } }`, { id }],
      [`mutation($id: ID!) { patchConnector(id: $id, operations: [{ op: replace, path: "/region", value: "x" }]) { id } }`, { id }],
      [`mutation($id: ID!) { deleteConnector(id: $id) }`, { id }],
      [`mutation { createAcmeConnector(name: "x") { id } }`, {}],
    ] as const) {
      const res = await stack.gql(query, variables, as('logtoEditor'));
      expect(res.status, query).toBe(403);
      expect(res.body.errors?.[0], query).toMatchObject({
        extensions: { code: 'FORBIDDEN' },
        message: expect.stringMatching(/ACME connectors \(needs (viewer or viewer|editor or editor)@acme\)\.$/),
      });
    }
    const viewer = await stack.gql(`{ acmeConnectors { id } }`, {}, as('logtoViewer'));
    expect(viewer.status).toBe(403);
    expect(acme.apiCalls()).toBe(before);
  });
});

describe('/readyz over the fourth source', () => {
  it('shows Acme beside the others, and Acme down when it stops answering', async () => {
    const ready = await fetch(new URL('/readyz', stack.gateway.url));
    const body = (await ready.json()) as { status: string; sources: Record<string, { status: string; code?: string }> };
    expect(ready.status).toBe(200);
    expect(Object.keys(body.sources)).toEqual(['CONDUCTORONE', 'LOGTO', 'SAILPOINT', 'ACME']);
    expect(body.sources.ACME).toMatchObject({ status: 'up', breaker: 'closed' });
    acme.down = true;
    try {
      const failed = await stack.gql(`{ acmeConnectors { id } }`, {}, as('viewer'));
      expect(failed.body.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', source: 'ACME' });
      const down = await fetch(new URL('/readyz', stack.gateway.url));
      const downBody = (await down.json()) as typeof body;
      expect(down.status).toBe(503);
      expect(downBody.sources.ACME).toMatchObject({ status: 'down', code: 'UPSTREAM_UNAVAILABLE', from: 'traffic' });
      expect(downBody.sources.LOGTO!.status).toBe('up');
    } finally {
      acme.down = false;
    }
  });
});
