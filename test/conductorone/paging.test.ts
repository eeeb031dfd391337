import { describe, expect, it } from 'vitest';
import { collectPage, decodePosition, encodePosition, type TokenPage } from '../../src/sources/conductorone/paging.js';

/** A page-token list over `total` items whose tokens are the offset in base 36, recording every fetch. */
function source(total: number) {
  const fetches: [string, number][] = [];
  const fetchPage = (token: string, size: number): Promise<TokenPage<number>> => {
    fetches.push([token, size]);
    const offset = token === '' ? 0 : parseInt(token, 36);
    const items = Array.from({ length: Math.max(0, Math.min(size, total - offset)) }, (_, i) => offset + i);
    const end = offset + items.length;
    return Promise.resolve({ items, nextPageToken: end < total ? end.toString(36) : '' });
  };
  return { fetchPage, fetches };
}

async function walk(total: number, first: number, maxPage: number) {
  const { fetchPage, fetches } = source(total);
  const seen: number[] = [];
  let after;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await collectPage(first, after, maxPage, fetchPage);
    seen.push(...page.edges.map((e) => e.node));
    if (!page.hasNextPage) break;
    after = decodePosition('c1', encodePosition('c1', page.edges.at(-1)!.position), 100);
  }
  return { seen, fetches };
}

describe('collectPage', () => {
  it.each([
    [26, 1, 100],
    [26, 3, 100],
    [26, 7, 5],
    [26, 1000, 100],
    [0, 5, 100],
    [100, 100, 100],
  ])('walks %i items in pages of %i (max %i per call) exactly once', async (total, first, maxPage) => {
    const { seen } = await walk(total, first, maxPage);
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i));
  });

  it('asks only for what the page needs and moves to the next token at the end of a page', async () => {
    const { fetches } = await walk(10, 4, 100);
    expect(fetches).toEqual([
      ['', 4],
      ['4', 4],
      ['8', 4],
    ]);
  });

  it('resumes inside a page by fetching that page with its size and skipping what was seen', async () => {
    const { fetchPage, fetches } = source(10);
    const firstPage = await collectPage(3, undefined, 100, fetchPage);
    const middle = firstPage.edges[1]!.position;
    expect(middle).toEqual({ t: '', s: 2, n: 3 });
    const rest = await collectPage(2, middle, 100, fetchPage);
    expect(rest.edges.map((e) => e.node)).toEqual([2, 3]);
    expect(fetches.slice(1)).toEqual([
      ['', 3],
      ['3', 1],
    ]);
  });

  it('fills a page across source pages when a page size is capped', async () => {
    const { fetchPage, fetches } = source(20);
    const page = await collectPage(12, undefined, 5, fetchPage);
    expect(page.edges.map((e) => e.node)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(page.hasNextPage).toBe(true);
    expect(fetches).toEqual([
      ['', 5],
      ['5', 5],
      ['a', 2],
    ]);
  });

  it('refuses a malformed cursor', () => {
    expect(() => decodePosition('c1', 'nope!', 100)).toThrow(/Malformed cursor/);
    expect(() => decodePosition('c1', Buffer.from('{"k":"c1","t":1}').toString('base64url'), 100)).toThrow(/Malformed cursor/);
  });

  it('refuses a forged position: a page size over the largest page, seen items past it, an over-long or ill-formed token', () => {
    const forged = (p: object) => Buffer.from(JSON.stringify({ k: 'c1', ...p })).toString('base64url');
    expect(decodePosition('c1', forged({ t: 'x', s: 3, n: 100 }), 100)).toEqual({ t: 'x', s: 3, n: 100 });
    for (const p of [
      { t: 'x', s: 0, n: 101 },
      { t: 'x', s: 0, n: 1e9 },
      { t: 'x', s: 5, n: 4 },
      { t: 'x', s: 0.5, n: 4 },
      { t: 'x'.repeat(1025), s: 0, n: 4 },
      { t: '\ud800', s: 0, n: 4 },
    ]) {
      expect(() => decodePosition('c1', forged(p), 100), JSON.stringify(p)).toThrow(/Malformed cursor/);
    }
  });
});
