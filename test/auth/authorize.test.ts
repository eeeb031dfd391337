/**
 * The sources of an operation, read as execution reads its arguments (coerced variables, defaults applied), on
 * crafted operations; and the resolvers' own check of an id's source before any backend call.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Kind, parse, validate, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { sourcesOfOperation } from '../../src/auth/authorize.js';
import { assertCanRead, assertCanWrite, fullAccess, permissionsOf, type Role } from '../../src/auth/roles.js';
import type { GatewayContext } from '../../src/context.js';
import { encodeGlobalId } from '../../src/graph/globalId.js';
import { graphResolvers } from '../../src/graph/nodes.js';
import { deleteConnector, patchConnector } from '../../src/graph/patchConnector.js';
import { createSchema } from '../../src/schema.js';
import { SOURCES } from '../../src/sources/index.js';
import { SourceList } from '../../src/sources/sourceList.js';

const schema = createSchema();
const sourceList = new SourceList(SOURCES);
const allowing = (roles: Role[]) => permissionsOf(roles, sourceList.names);
const ID = {
  SAILPOINT: encodeGlobalId('ScriptConnector', 'active-directory'),
  LOGTO: encodeGlobalId('LoginConnector', 'kq3v8zt1w6pn'),
  CONDUCTORONE: encodeGlobalId('AppConnector', 'app-1', 'connector-1'),
  APP: encodeGlobalId('App', 'app-1'),
};

/** sourcesOfOperation on a (valid) document's first operation, with `variables` as a request sends them. */
function sourcesOf(document: string, variables?: Record<string, unknown>) {
  const doc = parse(document);
  expect(validate(schema, doc), document).toEqual([]);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const { sources, data, undetermined } = sourcesOfOperation(schema, sourceList, operation, fragments, variables);
  return { sources: [...sources].sort(), data, undetermined };
}

describe('sourcesOfOperation', () => {
  it('reads the source of an inline id and of each fixed root field', () => {
    for (const source of ['SAILPOINT', 'LOGTO', 'CONDUCTORONE'] as const) {
      expect(sourcesOf(`{ node(id: "${ID[source]}") { id } }`)).toEqual({ sources: [source], data: true, undetermined: undefined });
    }
    expect(sourcesOf(`{ connector(id: "${ID.APP}") { id } }`).sources).toEqual(['CONDUCTORONE']);
    expect(sourcesOf(`{ loginConnectors { id } app(id: "x") { id } }`).sources).toEqual(['CONDUCTORONE', 'LOGTO']);
    expect(sourcesOf(`{ __typename }`)).toEqual({ sources: [], data: false, undetermined: undefined });
  });

  it('reads an id from a variable', () => {
    expect(sourcesOf(`query($id: ID!) { node(id: $id) { id } }`, { id: ID.SAILPOINT }).sources).toEqual(['SAILPOINT']);
  });

  it('applies variable default values, as execution does', () => {
    for (const type of ['ID!', 'ID']) {
      const { sources, undetermined } = sourcesOf(`query($id: ${type} = "${ID.SAILPOINT}") { node(id: $id) { id } }`, {});
      expect({ sources, undetermined }, type).toEqual({ sources: ['SAILPOINT'], undetermined: undefined });
    }
    // Without any variables object at all, too.
    expect(sourcesOf(`mutation($id: ID! = "${ID.CONDUCTORONE}") { deleteConnector(id: $id) }`).sources).toEqual(['CONDUCTORONE']);
    expect(sourcesOf(`query($s: [ConnectorSource!] = [SAILPOINT]) { connectors(sources: $s) { pageInfo { hasNextPage } } }`).sources).toEqual(['SAILPOINT']);
  });

  it('takes a variable value over its default', () => {
    expect(sourcesOf(`query($id: ID! = "${ID.LOGTO}") { node(id: $id) { id } }`, { id: ID.CONDUCTORONE }).sources).toEqual(['CONDUCTORONE']);
  });

  it('cannot determine the source of a field whose variable is missing or invalid', () => {
    expect(sourcesOf(`query($id: ID!) { node(id: $id) { id } }`, {}).undetermined).toBe(
      'The source of `node` could not be determined: variable `$id` is missing or invalid.',
    );
    expect(sourcesOf(`query($id: ID!) { node(id: $id) { id } }`, { id: { not: 'an id' } }).undetermined).toMatch(/variable `\$id` is missing or invalid\.$/);
    expect(sourcesOf(`query($s: [ConnectorSource!]) { connectors(sources: $s) { pageInfo { hasNextPage } } }`, { s: ['OKTA'] }).undetermined).toBe(
      'The source of `connectors` could not be determined: variable `$s` is missing or invalid.',
    );
    // A nullable variable with a default, sent as null: execution would refuse the argument, so the source is unknown.
    expect(sourcesOf(`query($id: ID = "${ID.LOGTO}") { node(id: $id) { id } }`, { id: null }).undetermined).toBe(
      'The source of `node` could not be determined: argument `id` is missing or invalid.',
    );
  });

  it('lets a missing optional variable be absent: connectors without sources names none (it lists the readable ones)', () => {
    expect(sourcesOf(`query($s: [ConnectorSource!]) { connectors(sources: $s) { pageInfo { hasNextPage } } }`, {})).toEqual({
      sources: [],
      data: true,
      undetermined: undefined,
    });
    expect(sourcesOf(`{ connectors(sources: [LOGTO, SAILPOINT]) { pageInfo { hasNextPage } } }`).sources).toEqual(['LOGTO', 'SAILPOINT']);
  });

  it('cannot determine the source of an id that is not a global id', () => {
    for (const id of ['not-an-id', '', Buffer.from('["Nope","x"]').toString('base64url')]) {
      expect(sourcesOf(`query($id: ID!) { node(id: $id) { id } }`, { id }).undetermined, id).toBe(
        'The source of `node` could not be determined: argument `id` is not a valid global id.',
      );
    }
  });

  it('counts every occurrence: aliases, repeated fields, inline and named fragments, fragments within fragments', () => {
    expect(sourcesOf(`query($a: ID!) { mine: node(id: "${ID.LOGTO}") { id } other: node(id: $a) { id } }`, { a: ID.SAILPOINT }).sources).toEqual([
      'LOGTO',
      'SAILPOINT',
    ]);
    expect(sourcesOf(`query($a: ID! = "${ID.CONDUCTORONE}") { ... on Query { node(id: $a) { id } } }`).sources).toEqual(['CONDUCTORONE']);
    expect(
      sourcesOf(
        `query($a: ID = "${ID.SAILPOINT}") { loginConnectors { id } ...Outer } fragment Outer on Query { ...Inner } fragment Inner on Query { x: connector(id: $a) { id } }`,
      ).sources,
    ).toEqual(['LOGTO', 'SAILPOINT']);
    expect(
      sourcesOf(`mutation($id: ID = "${ID.SAILPOINT}") { ...M } fragment M on Mutation { patchConnector(id: $id, operations: []) { id } }`).sources,
    ).toEqual(['SAILPOINT']);
  });

  it('reports the first undetermined field but still collects the sources of the others', () => {
    const result = sourcesOf(`query($a: ID!) { loginConnectors { id } node(id: $a) { id } }`);
    expect(result.sources).toEqual(['LOGTO']);
    expect(result.undetermined).toMatch(/^The source of `node` could not be determined/);
  });

  it('names the decoded source of any id, or says it cannot (property over ids and shapes)', () => {
    const ids = fc.oneof(
      fc.constantFrom(...Object.values(ID)),
      fc.string({ maxLength: 40 }),
      fc.json().map((j) => Buffer.from(j).toString('base64url')),
      fc
        .tuple(
          fc.constantFrom('ScriptConnector', 'LoginConnector', 'AppConnector', 'App'),
          fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 3 }),
        )
        .map(([t, k]) => Buffer.from(JSON.stringify([t, ...k])).toString('base64url')),
    );
    const shapes = fc.constantFrom('inline', 'variable', 'default', 'overridden');
    fc.assert(
      fc.property(ids, ids, shapes, (id, other, shape) => {
        const query =
          shape === 'inline'
            ? `{ node(id: ${JSON.stringify(id)}) { id } }`
            : `query($id: ID!${shape === 'default' || shape === 'overridden' ? ` = ${JSON.stringify(shape === 'default' ? id : other)}` : ''}) { node(id: $id) { id } }`;
        const result = sourcesOf(query, shape === 'variable' || shape === 'overridden' ? { id } : {});
        let expected: string | undefined;
        try {
          expected = sourceList.decodeGlobalId(id).source;
        } catch {
          expected = undefined;
        }
        if (expected === undefined) expect(result.undetermined).toMatch(/could not be determined/);
        else expect(result).toEqual({ sources: [expected], data: true, undetermined: undefined });
      }),
    );
  });
});

describe('the resolvers check the source of an id before any backend call', () => {
  /** A context of a caller with `permissions` whose backends must not be reached: touching them throws. */
  function contextOf(permissions: GatewayContext['caller']['permissions']): GatewayContext {
    const unreachable = new Proxy(
      {},
      {
        get: (_t, name) => {
          throw new Error(`backend reached (${String(name)})`);
        },
      },
    );
    const services = new Proxy(
      { sources: sourceList },
      { get: (t, name) => (name === 'sources' ? t.sources : (unreachable as Record<string | symbol, unknown>)[name]) },
    );
    return { requestId: 'r', caller: { kind: 'api-key', subject: 'key:test', permissions }, sources: unreachable, services } as unknown as GatewayContext;
  }
  const logtoViewer = contextOf(allowing([{ level: 'viewer', source: 'LOGTO' }]));
  const logtoEditor = contextOf(allowing([{ level: 'editor', source: 'LOGTO' }]));
  const query = graphResolvers.Query as Record<string, (...args: unknown[]) => Promise<unknown>>;

  it('node and connector: FORBIDDEN for a source the caller may not read; its own source goes on to the backend', async () => {
    for (const name of ['node', 'connector']) {
      for (const id of [ID.SAILPOINT, ID.CONDUCTORONE]) {
        await expect(query[name]!({}, { id }, logtoViewer, {}), name).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      }
      await expect(query[name]!({}, { id: ID.LOGTO }, logtoViewer, {}), name).rejects.toThrow(/backend reached/);
    }
  });

  it('patchConnector and deleteConnector: FORBIDDEN for a source the caller may not change, even one it may read', async () => {
    const readsAll = contextOf(allowing([{ level: 'viewer' }, { level: 'editor', source: 'LOGTO' }]));
    for (const ctx of [logtoEditor, readsAll]) {
      for (const id of [ID.SAILPOINT, ID.CONDUCTORONE]) {
        await expect(patchConnector(ctx, id, [])).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('changing') });
        await expect(deleteConnector(ctx, id)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      }
    }
    await expect(deleteConnector(logtoEditor, ID.LOGTO)).rejects.toThrow(/backend reached/);
    await expect(deleteConnector(logtoViewer, ID.LOGTO)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('assertCanRead and assertCanWrite name the source and the roles that would allow it', () => {
    expect(() => {
      assertCanRead(fullAccess(sourceList.names), 'SAILPOINT');
    }).not.toThrow();
    expect(() => {
      assertCanRead(allowing([{ level: 'editor', source: 'LOGTO' }]), 'SAILPOINT');
    }).toThrow('Your roles do not allow reading SAILPOINT connectors (needs viewer or viewer@sailpoint).');
    expect(() => {
      assertCanWrite(allowing([{ level: 'viewer' }]), 'CONDUCTORONE');
    }).toThrow('Your roles do not allow changing CONDUCTORONE connectors (needs editor or editor@conductorone).');
  });
});
