/**
 * The walk cache of stored XML files: a hit is the walk itself, cached and fresh walks agree on any XML, the bounds
 * hold, and nothing unmasked comes out of it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createXmlWalkCache, MAX_CACHED_CHARS, MAX_TOTAL_CHARS } from '../../src/sources/sailpoint/xmlWalkCache.js';
import { readXmlSecrets } from '../../src/sources/sailpoint/xmlSecrets.js';

const SECRET = 'hunter2-s3cr3t';
const form = (password: string, extra = ''): string =>
  `<?xml version='1.0' encoding='UTF-8'?>\n<Form name="Demo" type="SourceConfig"><Field name="password" type="password" value="${password}"/><Field name="baseUrl" type="url" value="https://x.example.com"/>${extra}</Form>`;

// Arbitrary forms with secrets: secret-named fields and plain fields, values from a safe alphabet.
const value = fc.stringMatching(/^[A-Za-z0-9 _.-]{0,20}$/);
const field = fc.record({
  name: fc.constantFrom('password', 'apiToken', 'clientSecret', 'baseUrl', 'label', 'user'),
  type: fc.constantFrom('text', 'password', 'secret', 'url'),
  value,
});
const xmlWithSecrets = fc
  .array(field, { minLength: 1, maxLength: 6 })
  .map((fields) => `<Form name="F">${fields.map((f) => `<Field name="${f.name}" type="${f.type}" value="${f.value}"/>`).join('')}</Form>`);
const anyXml = fc.oneof(
  xmlWithSecrets,
  fc.string({ maxLength: 40 }),
  xmlWithSecrets.map((x) => x.slice(0, -3)),
);

describe('XML walk cache', () => {
  it('a hit returns the same masking as a fresh walk, without walking again', () => {
    const cache = createXmlWalkCache();
    const xml = form(SECRET);
    const first = cache.walk(xml);
    expect(first?.shown).toBe(readXmlSecrets(xml)?.shown);
    expect(first?.shown).not.toContain(SECRET);
    expect(cache.has(xml)).toBe(true);
    const second = cache.walk(xml);
    expect(second).toBe(first);
  });

  it('a file that is not well-formed is undefined, fresh or cached', () => {
    const cache = createXmlWalkCache();
    const bad = form(SECRET).slice(0, -4);
    expect(cache.walk(bad)).toBeUndefined();
    expect(cache.has(bad)).toBe(true);
    expect(cache.walk(bad)).toBeUndefined();
  });

  it('cached and uncached walks agree on arbitrary XML with secrets', () => {
    const cache = createXmlWalkCache(5_000, 1_000);
    fc.assert(
      fc.property(fc.array(anyXml, { minLength: 1, maxLength: 8 }), (files) => {
        for (const xml of [...files, ...files]) {
          const fresh = readXmlSecrets(xml);
          const cached = cache.walk(xml);
          expect(cached?.shown).toEqual(fresh?.shown);
          expect(cached?.raw).toEqual(fresh?.raw);
          expect(cached === undefined ? undefined : [...cached.slots]).toEqual(fresh === undefined ? undefined : [...fresh.slots]);
        }
      }),
    );
  });

  it('holds at most its total characters, and never a file larger than the per-file bound', () => {
    const cache = createXmlWalkCache(2_000, 600);
    const big = form(SECRET, `<Description>${'x'.repeat(700)}</Description>`);
    expect(cache.walk(big)?.shown).not.toContain(SECRET);
    expect(cache.has(big)).toBe(false);
    expect(cache.size).toBe(0);
    const files = Array.from({ length: 30 }, (_, i) => form(`${SECRET}-${i}`));
    for (const xml of files) cache.walk(xml);
    expect(cache.heldChars).toBeLessThanOrEqual(2_000);
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.size).toBeLessThan(files.length);
    // The most recent is kept, the oldest evicted.
    expect(cache.has(files.at(-1)!)).toBe(true);
    expect(cache.has(files[0]!)).toBe(false);
  });

  it('by default, keeps no file over 256k characters and at most 2M characters in all', () => {
    expect(MAX_CACHED_CHARS).toBe(256_000);
    expect(MAX_TOTAL_CHARS).toBe(2_000_000);
    const cache = createXmlWalkCache();
    const over = form(SECRET, `<Description>${'y'.repeat(MAX_CACHED_CHARS)}</Description>`);
    expect(cache.walk(over)?.shown).not.toContain(SECRET);
    expect(cache.has(over)).toBe(false);
  });

  it('never leaks a secret: every shown text from the cache is masked, for any order of reads', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 40 }), (order) => {
        const cache = createXmlWalkCache(1_500, 1_000);
        for (const i of order) {
          const xml = form(`${SECRET}-${i}`);
          const shown = cache.walk(xml)?.shown;
          expect(shown).toBeDefined();
          expect(shown).not.toContain(SECRET);
          // The masked copy belongs to this file: another file's walk is never returned for it.
          expect(cache.walk(xml)?.raw).toBe(xml);
        }
      }),
    );
  });
});
