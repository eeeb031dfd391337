/**
 * SailPoint filter strings: the gateway quotes a search in the `filters` syntax SailPoint documents (`\"`, `\\`),
 * and the sandbox's parser reads exactly that back: whatever the search, `name co` matches what a substring test
 * matches, and the search can never add a clause of its own (it is attacker-controlled text).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { filterString, nameContainsFilter } from '../../src/sources/sailpoint/mappers.js';
import { parseConnectorFilter } from '../../src/sources/sailpoint/sandbox/filters.js';
import type { SailPointSandboxConnector } from '../../src/sources/sailpoint/sandbox/seed.js';
import { queryString } from '../../src/http/upstream.js';

const named = (name: string) => ({ name, type: 't', category: 'c', directConnect: true, features: [], labels: [] }) as unknown as SailPointSandboxConnector;

describe('filterString', () => {
  it('quotes, escaping backslashes and double quotes only', () => {
    expect(filterString('git')).toBe('"git"');
    expect(filterString('say "hi" \\ C:\\temp')).toBe('"say \\"hi\\" \\\\ C:\\\\temp"');
    expect(filterString('#50% & more')).toBe('"#50% & more"');
    expect(nameContainsFilter('a"b')).toBe('name co "a\\"b"');
  });

  it('replaces lone surrogates, which no URL can carry', () => {
    expect(filterString('a\uD800b')).toBe('"a\uFFFDb"');
    expect(filterString('😀')).toBe('"😀"');
  });
});

describe('the sandbox parser reads the escaped search back', () => {
  it('matches exactly the names that contain the search, whatever the search holds', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 });
    const tricky = fc.constantFrom('"', '\\', '" or name sw "', '\\"', '") or (name co "', 'and', '(', ')');
    const search = fc.oneof(
      text,
      fc.array(fc.oneof(text, tricky), { maxLength: 4 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(
        search,
        fc.array(fc.oneof(text, tricky), { maxLength: 4 }).map((parts) => parts.join('')),
        (s, name) => {
          fc.pre(s.trim() !== '');
          const filter = nameContainsFilter(s.toLowerCase());
          // Through the URL as the gateway sends it and the sandbox reads it.
          const received = new URLSearchParams(queryString({ filters: filter }).slice(1)).get('filters')!;
          expect(received).toBe(filter);
          const matches = parseConnectorFilter(received);
          expect(matches(named(name))).toBe(name.toLowerCase().includes(s.toLowerCase()));
          expect(matches(named(`x${s}y`))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses escapes SailPoint does not document, with 400', () => {
    for (const filter of ['name co "a\\nb"', 'name co "a\\', 'name co "\\u0041"']) {
      expect(() => parseConnectorFilter(filter)).toThrow(/invalid filter/);
    }
    expect(parseConnectorFilter('name co "\\"\\\\"')(named('x"\\y'))).toBe(true);
  });
});
