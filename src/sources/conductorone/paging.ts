/**
 * Relay cursors over page-token pagination. ConductorOne pages are addressed by an opaque page token and a page
 * size; a Relay cursor may point into the middle of a page. An edge's cursor holds the token of its page, the page
 * size used and how many items of that page it covers, so that resuming fetches the same page (same boundaries)
 * and skips what was seen; at a page's last item it holds the next page's token instead. Each call asks only for
 * what the page still needs; a filter applied here (`keep`) does not move the boundaries. Pure logic over a fetch
 * callback. Internal module.
 */
import { decodeCursor, encodeCursor, malformedCursor } from '../../graph/cursor.js';
import { isWellFormed } from '../../graph/ids.js';

/** ConductorOne's largest page. */
export const C1_MAX_PAGE = 100;

/** Where a cursor points: page token `t` (empty: the first page), fetched with size `n`, `s` items already seen. */
export interface TokenPosition {
  t: string;
  s: number;
  n: number;
}

/** One fetched page. */
export interface TokenPage<T> {
  items: T[];
  /** Empty or absent on the last page. */
  nextPageToken?: string | null;
}

/** A result edge: the item and the position right after it. */
export interface TokenEdge<T> {
  node: T;
  position: TokenPosition;
}

/** The longest page token a cursor may carry (ConductorOne's are far shorter): a forged cursor cannot grow a request. */
const MAX_TOKEN_CHARS = 1024;

/** Checks a decoded position: a page token, a page size from 1 to `maxPage` and a count of seen items within it. */
export function checkPosition(value: unknown, maxPage: number): TokenPosition {
  const { t, s, n } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof t !== 'string' || t.length > MAX_TOKEN_CHARS || !isWellFormed(t) || !Number.isInteger(s) || !Number.isInteger(n)) throw malformedCursor();
  if ((n as number) < 1 || (n as number) > maxPage || (s as number) < 0 || (s as number) > (n as number)) throw malformedCursor();
  return { t, s: s as number, n: n as number };
}

/** Decodes an `after` cursor of list `kind` whose pages hold at most `maxPage` items. */
export function decodePosition(kind: string, cursor: string, maxPage: number): TokenPosition {
  return checkPosition(decodeCursor(kind, cursor), maxPage);
}

/** Encodes a position as a cursor of list `kind`. */
export function encodePosition(kind: string, p: TokenPosition): string {
  return encodeCursor(kind, { t: p.t, s: p.s, n: p.n });
}

/**
 * Collects `first` items after `after` (or from the start), fetching pages of at most `maxPage` items. Returns the
 * edges and whether more items follow.
 */
export async function collectPage<T>(
  first: number,
  after: TokenPosition | undefined,
  maxPage: number,
  fetchPage: (pageToken: string, pageSize: number) => Promise<TokenPage<T>>,
  keep?: (item: T) => boolean,
): Promise<{ edges: TokenEdge<T>[]; hasNextPage: boolean }> {
  // With a filter, fewer items than fetched come back: fetch whole pages rather than just what is missing.
  const want = (missing: number) => (keep ? maxPage : Math.min(maxPage, missing));
  const edges: TokenEdge<T>[] = [];
  let token = after?.t ?? '';
  let skip = after?.s ?? 0;
  // Resuming inside a page must fetch it with the size it was fetched with, or its boundaries would move.
  let size = after !== undefined && after.s > 0 ? after.n : want(first);
  for (;;) {
    const page = await fetchPage(token, size);
    const next = page.nextPageToken ?? '';
    for (const [k, item] of page.items.slice(skip).entries()) {
      const i = skip + k;
      // Items that do not pass `keep` are skipped, but positions still count them: the source's pages stay put.
      if (keep && !keep(item)) continue;
      const last = i === page.items.length - 1;
      const position: TokenPosition = last && next ? { t: next, s: 0, n: size } : { t: token, s: i + 1, n: size };
      edges.push({ node: item, position });
      if (edges.length === first) return { edges, hasNextPage: !last || next !== '' };
    }
    if (!next) return { edges, hasNextPage: false };
    token = next;
    skip = 0;
    size = want(first - edges.length);
  }
}
