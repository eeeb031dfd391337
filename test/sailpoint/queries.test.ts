import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import { createSailPointSeed } from '../../src/sources/sailpoint/sandbox/seed.js';
import { scriptConnectorId } from '../../src/sources/sailpoint/mappers.js';

const seed = createSailPointSeed();
// SailPoint lists RELEASED connectors only (the vendor's documented behaviour, which the sandbox follows).
const released = seed.filter((c) => c.status === 'RELEASED');
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.resetCalls();
});

const LIST = `query List($first: Int, $after: String, $filters: String) {
  scriptConnectors(first: $first, after: $after, filters: $filters) {
    edges { cursor node { id source nativeId displayName ... on ScriptConnector { scriptName name type className features directConnect status } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('scriptConnectors', () => {
  it('returns the list fields of a page of 20 with exactly 1 backend call', async () => {
    const { body } = await stack.gql(LIST, { first: 20 });
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.scriptConnectors.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(20);
    expect(nodes[0]).toEqual({
      id: scriptConnectorId(seed[0]!.scriptName),
      source: 'SAILPOINT',
      nativeId: seed[0]!.scriptName,
      displayName: seed[0]!.name,
      scriptName: seed[0]!.scriptName,
      name: seed[0]!.name,
      type: seed[0]!.type,
      className: seed[0]!.className,
      features: seed[0]!.features,
      directConnect: seed[0]!.directConnect,
      status: seed[0]!.status,
    });
    expect(body.data!.scriptConnectors.pageInfo.hasNextPage).toBe(true);
    expect(stack.apiCalls()).toBe(1);
    expect(stack.apiCalls({ method: 'GET', pathIncludes: '/v3/connectors' })).toBe(1);
  });

  it.each([1, 7, 250])('walks every connector exactly once with pages of %i', async (first) => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: { body: { errors?: unknown; data?: any } } = await stack.gql(LIST, { first, after });
      expect(res.body.errors).toBeUndefined();
      const conn: any = res.body.data!.scriptConnectors;
      seen.push(...conn.edges.map((e: any) => e.node.scriptName));
      pages++;
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
      expect(pages).toBeLessThan(100);
    }
    expect(seen).toEqual(released.map((c) => c.scriptName));
    expect(stack.apiCalls()).toBe(pages);
  });

  it('continues after an edge cursor', async () => {
    const first = await stack.gql(LIST, { first: 5 });
    const third = first.body.data!.scriptConnectors.edges[2].cursor;
    const next = await stack.gql(LIST, { first: 2, after: third });
    expect(next.body.data!.scriptConnectors.edges.map((e: any) => e.node.scriptName)).toEqual(seed.slice(3, 5).map((c) => c.scriptName));
  });

  it('passes filters through to SailPoint', async () => {
    const type = seed[0]!.type;
    const { body } = await stack.gql(LIST, { first: 50, filters: `type eq "${type}"` });
    const expected = released.filter((c) => c.type === type).map((c) => c.scriptName);
    expect(body.data!.scriptConnectors.edges.map((e: any) => e.node.scriptName)).toEqual(expected);
    const entry = stack.sailpoint.log.entries().find((e) => e.path === '/v3/connectors')!;
    expect(new URLSearchParams(entry.query).get('filters')).toBe(`type eq "${type}"`);
    expect(new URLSearchParams(entry.query).get('count')).toBe('true');
  });

  it('maps a filter SailPoint refuses to BAD_USER_INPUT from the source', async () => {
    const { body } = await stack.gql(LIST, { first: 5, filters: 'name zz' });
    expect(body.data).toBeNull();
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', source: 'SAILPOINT', upstreamStatus: 400 });
  });

  it('refuses a malformed cursor or page size before any call', async () => {
    const bad = await stack.gql(LIST, { first: 5, after: 'bm9wZQ' });
    expect(bad.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    const big = await stack.gql(LIST, { first: 251 });
    expect(big.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    expect(stack.apiCalls()).toBe(0);
  });

  it('fetches detail-only fields once per connector: 1 + 20 calls however many are selected', async () => {
    const { body } = await stack.gql(`{ scriptConnectors(first: 20) { edges { node { ... on ScriptConnector {
      scriptName applicationXml sourceConfig correlationConfig settings { sections { section } } } } } } }`);
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.scriptConnectors.edges.map((e: any) => e.node);
    expect(nodes[3].applicationXml).toBe(seed[3]!.applicationXml);
    expect(nodes[3].sourceConfig).toBe(seed[3]!.sourceConfigXml);
    expect(nodes[3].correlationConfig).toBe(seed[3]!.correlationConfigXml);
    expect(stack.apiCalls({ pathIncludes: '/v3/connectors' })).toBe(21);
    const details = stack.sailpoint.log.entries().filter((e) => /^\/v3\/connectors\/[^/]+$/.test(e.path));
    expect(new Set(details.map((e) => e.path)).size).toBe(20);
  });

  it('asks for the same list twice under aliases only once', async () => {
    const { body } = await stack.gql(
      `{ a: scriptConnectors(first: 3) { edges { node { id } } } b: scriptConnectors(first: 3) { edges { node { nativeId } } } }`,
    );
    expect(body.data!.a.edges).toHaveLength(3);
    expect(stack.apiCalls()).toBe(1);
  });
});

describe('scriptConnector', () => {
  const target = seed[5]!;

  it('returns a connector with its files; sourceTemplate and translations come from their own endpoints', async () => {
    const { body } = await stack.gql(
      `query($s: String!) { scriptConnector(scriptName: $s) {
      id nativeId displayName description createdAt applicationXml sourceTemplate en: translations de: translations(locale: DE) } }`,
      { s: target.scriptName },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.scriptConnector).toEqual({
      id: scriptConnectorId(target.scriptName),
      nativeId: target.scriptName,
      displayName: target.name,
      description: target.connectorMetadata.shortDesc ?? null,
      createdAt: null,
      applicationXml: target.applicationXml,
      sourceTemplate: target.sourceTemplateXml,
      en: target.translations.en ?? null,
      de: target.translations.de ?? null,
    });
    expect(stack.apiCalls({ pathIncludes: '/source-template' })).toBe(1);
    expect(stack.apiCalls({ pathIncludes: '/translations/' })).toBe(2);
    expect(stack.apiCalls()).toBe(4);
  });

  it('is null for an unknown scriptName', async () => {
    const { body } = await stack.gql(`{ scriptConnector(scriptName: "no-such-connector") { id } }`);
    expect(body).toEqual({ data: { scriptConnector: null } });
  });

  it('refuses a locale SailPoint does not have, and sends nothing', async () => {
    stack.resetCalls();
    const { body } = await stack.gql(`query($s: String!, $l: SailPointLocale) { scriptConnector(scriptName: $s) { translations(locale: $l) } }`, {
      s: target.scriptName,
      l: 'xx',
    });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(stack.apiCalls()).toBe(0);
  });

  it('sends the locale as SailPoint spells it (ZH_TW is zh-TW)', async () => {
    stack.resetCalls();
    const { body } = await stack.gql(`query($s: String!) { scriptConnector(scriptName: $s) { translations(locale: ZH_TW) } }`, { s: target.scriptName });
    expect(body.errors).toBeUndefined();
    expect(stack.apiCalls({ pathIncludes: '/translations/zh-TW' })).toBe(1);
  });

  it('shows settings in sections with every secret masked', async () => {
    const withSecret = seed.find((c) => /type="(secret|password)"[^>]*value="[^"]+"|value="[^"]+"[^>]*type="(secret|password)"/.test(c.sourceConfigXml))!;
    expect(withSecret).toBeDefined();
    const { body } = await stack.gql(
      `query($s: String!) { scriptConnector(scriptName: $s) { settings { sections { section fields { key type locked value isSet required } } } } }`,
      { s: withSecret.scriptName },
    );
    const sections = body.data!.scriptConnector.settings.sections;
    expect(sections.length).toBeGreaterThan(0);
    const fields = sections.flatMap((s: any) => s.fields);
    const locked = fields.filter((f: any) => f.locked);
    expect(locked.length).toBeGreaterThan(0);
    for (const f of locked) expect(f.value).toBeNull();
    expect(locked.some((f: any) => f.isSet)).toBe(true);
    const secretValues = [...withSecret.sourceConfigXml.matchAll(/<Field [^>]*type="(?:secret|password)"[^>]*>/g)]
      .map((m) => /value="([^"]+)"/.exec(m[0])?.[1])
      .filter(Boolean) as string[];
    expect(secretValues.length).toBeGreaterThan(0);
    for (const v of secretValues) {
      expect(JSON.stringify(body)).not.toContain(v);
      expect(stack.logs.join('\n')).not.toContain(v);
    }
  });
});

describe('node and connector', () => {
  it('round-trips a script connector through its global id', async () => {
    const id = scriptConnectorId(seed[2]!.scriptName);
    const { body } = await stack.gql(
      `query($id: ID!) { node(id: $id) { id ... on ScriptConnector { scriptName } } connector(id: $id) { id nativeId source } }`,
      { id },
    );
    expect(body.data).toEqual({
      node: { id, scriptName: seed[2]!.scriptName },
      connector: { id, nativeId: seed[2]!.scriptName, source: 'SAILPOINT' },
    });
    expect(stack.apiCalls()).toBe(1);
  });

  it('refuses a malformed id with BAD_USER_INPUT and no call', async () => {
    const { body } = await stack.gql(`{ node(id: "definitely-not-an-id") { id } }`);
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(stack.apiCalls()).toBe(0);
  });

  it('gives null for the id of a connector that is gone', async () => {
    const { body } = await stack.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: scriptConnectorId('gone-connector') });
    expect(body).toEqual({ data: { node: null } });
  });
});
