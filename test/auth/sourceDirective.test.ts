/**
 * The `@source` directive: every root field of the served schema says which source it touches, in its SDL; the
 * authorization reads it (and refuses a root field without one), and a malformed one stops the start.
 */
import { describe, expect, it } from 'vitest';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { rootFieldSources, sourcesOfOperation } from '../../src/auth/authorize.js';
import { createSchema } from '../../src/schema.js';
import { SOURCES } from '../../src/sources/index.js';
import { SourceList } from '../../src/sources/sourceList.js';

const DIRECTIVE = 'directive @source(name: ConnectorSource, argument: String) repeatable on FIELD_DEFINITION enum ConnectorSource { A B }';

describe('the @source directive', () => {
  it('ties every root field of the served schema to its source', () => {
    const schema = createSchema();
    const table = rootFieldSources(schema);
    const names = new Set(SOURCES.map((s) => s.name));
    for (const [kind, type] of [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
      ['subscription', schema.getSubscriptionType()],
    ] as const) {
      const fields = Object.keys(type!.getFields()).sort();
      expect([...table[kind].keys()].sort(), kind).toEqual(fields);
      for (const [field, rules] of table[kind]) {
        for (const rule of rules) {
          if ('source' in rule) expect(names.has(rule.source), `${field}: ${rule.source}`).toBe(true);
          else
            expect(
              type!.getFields()[field]!.args.some((a) => a.name === rule.argument),
              field,
            ).toBe(true);
        }
      }
    }
    expect(table.query.get('scriptConnectors')).toEqual([{ source: 'SAILPOINT' }]);
    expect(table.query.get('connectors')).toEqual([{ argument: 'sources', kind: 'sources' }]);
    expect(table.mutation.get('deleteConnector')).toEqual([{ argument: 'id', kind: 'id' }]);
    expect(table.subscription.get('connectorStatusChanged')).toEqual([{ argument: 'ids', kind: 'ids' }]);
    expect(table.subscription.get('connectorChanged')).toEqual([
      { argument: 'ids', kind: 'ids' },
      { argument: 'sources', kind: 'sources' },
    ]);
  });

  it('is not part of the served schema (clients see the schema without it)', () => {
    expect(createSchema().getDirective('source')).toBeUndefined();
  });

  it('refuses a root field without one as FORBIDDEN', () => {
    const schema = buildSchema(`${DIRECTIVE} type Query { marked: Int @source(name: A) unmarked: Int }`);
    const sources = new SourceList([]);
    const of = (query: string) => sourcesOfOperation(schema, sources, parse(query).definitions[0] as OperationDefinitionNode, {}, {});
    expect([...of('{ marked }').sources]).toEqual(['A']);
    expect(() => of('{ marked unmarked }')).toThrow(
      expect.objectContaining({ message: 'No role allows `unmarked`.', extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    );
  });

  it('must name a source or an ID or [ConnectorSource!] argument of the field, not both', () => {
    const malformed = [
      'type Query { f: Int @source }',
      'type Query { f(id: ID): Int @source(name: A, argument: "id") }',
      'type Query { f: Int @source(argument: "id") }',
      'type Query { f(id: String): Int @source(argument: "id") }',
      'type Query { f(s: [String!]): Int @source(argument: "s") }',
      'type Query { f(s: [ConnectorSource!]): Int @source(name: A) @source(argument: "s") }',
    ];
    for (const sdl of malformed) expect(() => rootFieldSources(buildSchema(`${DIRECTIVE} ${sdl}`)), sdl).toThrow(/@source on Query\.f/);
    expect(rootFieldSources(buildSchema(`${DIRECTIVE} type Query { f(s: [ConnectorSource!]): Int @source(argument: "s") }`)).query.get('f')).toEqual([
      { argument: 's', kind: 'sources' },
    ]);
    expect(rootFieldSources(buildSchema(`${DIRECTIVE} type Query { f(ids: [ID!]): Int @source(argument: "ids") }`)).query.get('f')).toEqual([
      { argument: 'ids', kind: 'ids' },
    ]);
  });
});
