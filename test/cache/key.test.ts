/**
 * The response cache's key (pure): same operation, same coerced variables and same permissions give one key; a
 * different permission set, variable value or operation never does (fast-check over what a caller controls:
 * variable values and the document's spacing); and what cannot be keyed is refused.
 */
import fc from 'fast-check';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { cacheKey, canonicalJson, keyParts, ParsedDocuments, permissionIdentity } from '../../src/cache/key.js';
import type { SourceName } from '../../src/errors/codes.js';

const schema = buildSchema(`
  input Filter { name: String, tags: [String!] }
  type Query { things(first: Int = 10, filter: Filter, after: String): [String!]! }
  type Mutation { touch: Boolean }
`);
const QUERY = 'query Q($first: Int = 10, $filter: Filter, $after: String) { things(first: $first, filter: $filter, after: $after) }';
const ADMIN = permissionIdentity({ read: new Set<SourceName>(['LOGTO', 'SAILPOINT']), write: new Set<SourceName>(['LOGTO', 'SAILPOINT']) })!;

const documents = new ParsedDocuments();

const key = (variables: Record<string, unknown>, identity = ADMIN, query = QUERY, docs = documents) => {
  const parts = keyParts(schema, { query, operationName: 'Q', variables }, identity, docs);
  return parts && cacheKey(parts);
};

const sources = fc.subarray(['CONDUCTORONE', 'LOGTO', 'SAILPOINT'] as SourceName[]);
const variables = fc.record(
  {
    first: fc.integer({ min: -1000, max: 1000 }),
    after: fc.string(),
    filter: fc.record({ name: fc.string(), tags: fc.array(fc.string(), { maxLength: 3 }) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

describe('cacheKey', () => {
  it('is the same for the same coerced variables: defaults written out or left, keys in any order, spacing', () => {
    expect(key({})).toBe(key({ first: 10 }));
    expect(key({ filter: { name: 'a', tags: ['x'] }, first: 1 })).toBe(key({ first: 1, filter: { tags: 'x', name: 'a' } }));
    expect(key({}, ADMIN, QUERY.replace(/ /g, '  \n '))).toBe(key({}));
  });

  it('differs between permission sets, and permission sets give one identity whatever their order', () => {
    fc.assert(
      fc.property(sources, sources, sources, sources, variables, (r1, w1, r2, w2, vars) => {
        const a = permissionIdentity({ read: new Set(r1), write: new Set(w1) });
        const b = permissionIdentity({ read: new Set(r2), write: new Set(w2) });
        if (a === undefined || b === undefined) return;
        const same = [...r1].sort().join() === [...r2].sort().join() && [...w1].sort().join() === [...w2].sort().join();
        expect(key(vars, a) === key(vars, b)).toBe(same);
        expect(permissionIdentity({ read: new Set([...r1].reverse()), write: new Set([...w1].reverse()) })).toBe(a);
      }),
    );
  });

  it('differs whenever the coerced variables differ', () => {
    fc.assert(
      fc.property(variables, variables, (v1, v2) => {
        const p1 = keyParts(schema, { query: QUERY, operationName: 'Q', variables: v1 }, ADMIN, documents)!;
        const p2 = keyParts(schema, { query: QUERY, operationName: 'Q', variables: v2 }, ADMIN, documents)!;
        expect(cacheKey(p1) === cacheKey(p2)).toBe(canonicalJson(p1.variables) === canonicalJson(p2.variables));
      }),
    );
  });

  it('refuses what it cannot key: no permissions, a mutation, a document that does not parse, variables that do not coerce', () => {
    expect(permissionIdentity({ read: new Set(), write: new Set() })).toBeUndefined();
    expect(keyParts(schema, { query: 'mutation { touch }' }, ADMIN, documents)).toBeUndefined();
    // Twice: the second answer comes from the memo of documents that do not parse.
    for (let i = 0; i < 2; i++) expect(keyParts(schema, { query: 'query {' }, ADMIN, documents)).toBeUndefined();
    expect(keyParts(schema, { query: QUERY, variables: { first: 'ten' } }, ADMIN, documents)).toBeUndefined();
    expect(keyParts(schema, { query: `${QUERY} query R { things }` }, ADMIN, documents)).toBeUndefined();
    expect(keyParts(schema, { query: `${QUERY} query R { things }`, operationName: 'X' }, ADMIN, documents)).toBeUndefined();
    expect(keyParts(schema, { query: `${QUERY} mutation R { touch }`, operationName: 'R' }, ADMIN, documents)).toBeUndefined();
    expect(keyParts(schema, { query: QUERY }, ADMIN, new ParsedDocuments({ maxLexicalTokens: 5 }))).toBeUndefined();
  });

  it('gives the same key from a remembered document as from a fresh parse, whatever the spacing and variables', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(' ', '\n', '\t', ','), { minLength: 1, maxLength: 4 }), variables, (space, vars) => {
        const query = QUERY.replaceAll(' ', space.join(''));
        const remembered = key(vars, ADMIN, query);
        expect(key(vars, ADMIN, query)).toBe(remembered);
        expect(key(vars, ADMIN, query, new ParsedDocuments())).toBe(remembered);
        expect(remembered).toBe(key(vars));
      }),
    );
  });

  it('picks the operation as graphql-js does: by its name, or the only one', () => {
    const both = `${QUERY} query R { things(first: 1) }`;
    const r = keyParts(schema, { query: both, operationName: 'R' }, ADMIN, documents)!;
    expect(r.operationName).toBe('R');
    expect(r.variables).toEqual({});
    expect(keyParts(schema, { query: both, operationName: 'Q' }, ADMIN, documents)!.variables).toEqual({ first: 10 });
    expect(cacheKey(r)).not.toBe(cacheKey(keyParts(schema, { query: both, operationName: 'Q' }, ADMIN, documents)!));
    expect(keyParts(schema, { query: '{ things }' }, ADMIN, documents)?.variables).toEqual({});
  });

  it('counts what every remembered text costs beside its length: many tiny texts fill the budget with few entries', () => {
    const docs = new ParsedDocuments(undefined, 100_000);
    for (let i = 0; i < 5_000; i++) keyParts(schema, { query: i % 2 === 0 ? `{${String(i)}` : `{ a${String(i)} }` }, ADMIN, docs);
    // Each entry costs at least a few hundred bytes (the LRU's slots, the remembered result): not its 3 to 8 characters.
    expect(docs.held.entries).toBeLessThanOrEqual(100_000 / 300);
    expect(docs.held.bytes).toBeLessThanOrEqual(100_000);
  });

  it('keeps the remembered documents within their budget, however many distinct ones a caller sends', () => {
    const docs = new ParsedDocuments(undefined, 20_000);
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 50 }), (names) => {
        for (const name of names) keyParts(schema, { query: `query Q { things(after: ${JSON.stringify(name)}) }` }, ADMIN, docs);
        keyParts(schema, { query: `query Q { things(after: "${'x'.repeat(9_000)}") }` }, ADMIN, docs);
        // Variable definitions are kept (not the rest of the AST) and counted by their nodes, default values included.
        const defaults = names.map((name, i) => `$v${i}: [String] = [${JSON.stringify(name)}, "a", "b"]`).join(', ');
        keyParts(schema, { query: `query Q(${defaults}) { things }` }, ADMIN, docs);
        expect(docs.held.bytes).toBeLessThanOrEqual(20_000);
        expect(docs.held.bytes).toBeGreaterThan(0);
      }),
    );
  });
});
