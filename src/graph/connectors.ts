/**
 * `Query.connectors`: one Relay connection over the three sources, walked in a fixed order (CONDUCTORONE, LOGTO,
 * SAILPOINT). The cursor holds the source it is in and that source's own position (ConductorOne: apps page token,
 * app index and the app's connector position; Logto: index in its filtered list; SailPoint: offset). A failed source
 * becomes one error with `extensions.source` and the walk goes on with the next. Internal module.
 */
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';
import { BadUserInputError, GatewayError } from '../errors/classes.js';
import { GatewayErrorCode, SOURCE_NAMES, type SourceName } from '../errors/codes.js';
import { checkPageSize, decodeCursor, encodeCursor, malformedCursor } from './cursor.js';
import { phrase } from '../sources/logto/mappers.js';
import { ALL } from '../sources/logto/loaders.js';
import { checkPosition, collectPage } from '../sources/conductorone/paging.js';
import { C1_MAX_PAGE } from '../sources/conductorone/resolvers.js';
import type { C1Connector } from '../sources/conductorone/client.js';
import { SAILPOINT_MAX_PAGE } from '../sources/sailpoint/resolvers.js';
import { nameContainsFilter } from '../sources/sailpoint/mappers.js';

const CURSOR_KIND = 'all';
export const MAX_CONNECTORS_PAGE = 1000;

type Position = Record<string, unknown>;

/** A connector found by the walk, with the position right after it in its source. */
interface Found {
  node: object;
  source: SourceName;
  position: Position;
}

/** One source's part of a page: what it found and whether it has more after the last one. */
interface SourcePart {
  found: Found[];
  more: boolean;
}

/** An edge whose cursor is encoded only when selected. */
class WalkEdge {
  constructor(
    readonly node: object,
    private readonly source: SourceName,
    private readonly position: Position,
    private readonly scope: string,
  ) {}

  get cursor(): string {
    return encodeCursor(CURSOR_KIND, { s: this.source, p: this.position, f: this.scope });
  }
}

/** A position's offset or index, as this gateway wrote it: an integer from 0 to `max`; anything else is a forged cursor. */
function checkOffset(value: unknown, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > max) throw malformedCursor();
  return value as number;
}

function contains(text: string | null | undefined, search: string | undefined): boolean {
  return search === undefined || (text ?? '').toLowerCase().includes(search);
}

/** SailPoint: offset paging; the search is pushed down as `name co "…"` (quotes and backslashes escaped). */
async function walkSailPoint(ctx: GatewayContext, want: number, pos: Position | undefined, search: string | undefined): Promise<SourcePart> {
  let offset = pos === undefined ? 0 : checkOffset(pos.o);
  const filters = search === undefined ? undefined : nameContainsFilter(search);
  const found: Found[] = [];
  for (;;) {
    const limit = Math.min(SAILPOINT_MAX_PAGE, want - found.length);
    const page = await ctx.loaders.sailpoint.connectorPageByParams.load({ limit, offset, filters });
    for (const [i, item] of page.items.entries()) {
      found.push({ node: item, source: 'SAILPOINT', position: { o: offset + i + 1 } });
      if (found.length === want) {
        const after = offset + i + 1;
        return { found, more: page.total !== undefined ? after < page.total : true };
      }
    }
    offset += page.items.length;
    const end = page.total !== undefined ? offset >= page.total : page.items.length < limit;
    if (end || page.items.length === 0) return { found, more: false };
  }
}

/** Logto: one list call; the position is the index in the filtered list. */
async function walkLogto(ctx: GatewayContext, want: number, pos: Position | undefined, search: string | undefined): Promise<SourcePart> {
  const start = pos === undefined ? 0 : checkOffset(pos.i);
  const all = (await ctx.loaders.logto.connectorList.load(ALL)).filter((c) => contains(phrase(c.name) ?? c.id, search));
  const slice = all.slice(start, start + want);
  return {
    found: slice.map((node, k) => ({ node, source: 'LOGTO' as const, position: { i: start + k + 1 } })),
    more: start + slice.length < all.length,
  };
}

/**
 * ConductorOne: apps page by page; the connectors of the apps of one apps page are asked for at the same time
 * (each for at most what the page still needs), then taken in app order.
 */
async function walkConductorOne(ctx: GatewayContext, want: number, pos: Position | undefined, search: string | undefined): Promise<SourcePart> {
  let appsToken = pos === undefined ? '' : checkPosition({ t: pos.a, s: 0, n: C1_MAX_PAGE }, C1_MAX_PAGE).t;
  let appIndex = pos === undefined ? 0 : checkOffset(pos.x, C1_MAX_PAGE);
  let inApp = pos?.c === undefined ? undefined : checkPosition(pos.c, C1_MAX_PAGE);
  const found: Found[] = [];
  const keep = search === undefined ? undefined : (c: C1Connector) => contains(c.displayName || c.id, search);
  for (;;) {
    const apps = await ctx.services.conductorone.listApps(C1_MAX_PAGE, appsToken, ctx.requestId);
    // A connector's `app` is then read from this page rather than searched for again.
    for (const app of apps.items) ctx.loaders.conductorone.appById.prime(app.id!, app);
    const need = want - found.length;
    const start = inApp;
    const parts = await Promise.all(
      apps.items.slice(appIndex).map((app, k) =>
        collectPage(need, k === 0 ? start : undefined, C1_MAX_PAGE, (pageToken, pageSize) => ctx.loaders.conductorone.connectorPage.load({ appId: app.id!, pageSize, pageToken }), keep),
      ),
    );
    inApp = undefined;
    for (const [k, part] of parts.entries()) {
      const x = appIndex + k;
      for (const e of part.edges) {
        found.push({ node: e.node, source: 'CONDUCTORONE', position: { a: appsToken, x, c: e.position } });
        if (found.length === want) {
          const last = e === part.edges.at(-1);
          const appHasMore = !last || part.hasNextPage;
          // Past an app's last connector, continue at the next app rather than re-reading this one.
          if (!appHasMore) found[found.length - 1]!.position = { a: appsToken, x: x + 1 };
          const laterApps = parts.slice(k + 1).some((p) => p.edges.length > 0 || p.hasNextPage);
          return { found, more: appHasMore || laterApps || apps.nextPageToken !== '' };
        }
      }
    }
    if (!apps.nextPageToken) return { found, more: false };
    appsToken = apps.nextPageToken;
    appIndex = 0;
  }
}

const WALKS: Record<SourceName, (ctx: GatewayContext, want: number, pos: Position | undefined, search: string | undefined) => Promise<SourcePart>> = {
  CONDUCTORONE: walkConductorOne,
  LOGTO: walkLogto,
  SAILPOINT: walkSailPoint,
};

/** Records a failed source for the response's `errors` (added by the partial-errors plugin). */
function recordFailure(ctx: GatewayContext, source: SourceName, error: unknown): void {
  const safe =
    error instanceof GatewayError
      ? error
      : new GatewayError(`${source} failed.`, GatewayErrorCode.INTERNAL_SERVER_ERROR, { extensions: { source } });
  if (!(error instanceof GatewayError)) ctx.logger.error({ requestId: ctx.requestId, source, err: error }, 'source failed in connectors');
  ctx.partialErrors.push(new GraphQLError(safe.message, { path: ['connectors'], extensions: { ...safe.extensions, source } }));
}

export async function connectorsConnection(
  ctx: GatewayContext,
  args: { sources?: readonly SourceName[] | null; filter?: { search?: string | null } | null; first?: number | null; after?: string | null },
) {
  const first = checkPageSize(args.first, 50, MAX_CONNECTORS_PAGE);
  // Only the sources the caller may read (an explicit `sources` naming another was refused before execution).
  const readable = ctx.caller.permissions.read;
  const selected = SOURCE_NAMES.filter((s) => (!args.sources || args.sources.includes(s)) && readable.has(s));
  const rawSearch = args.filter?.search?.trim();
  const search = rawSearch ? rawSearch.toLowerCase() : undefined;
  // A cursor belongs to one list: the same sources and search.
  const scope = `${selected.join(',')}|${search ?? ''}`;
  let startSource: SourceName | undefined = selected[0];
  let startPosition: Position | undefined;
  if (args.after != null) {
    const c = decodeCursor(CURSOR_KIND, args.after);
    if (c.f !== scope || !selected.includes(c.s as SourceName) || typeof c.p !== 'object' || c.p === null) {
      throw new BadUserInputError('This cursor belongs to another list: use it with the same sources and filter.', { argumentName: 'after' });
    }
    startSource = c.s as SourceName;
    startPosition = c.p as Position;
  }
  // Every source the page may reach is asked at the same time (each for at most `first`), so a page costs about
  // one round trip per level (apps, then their connectors), not the sum over sources; then they are taken in order.
  const from = startSource === undefined ? selected.length : selected.indexOf(startSource);
  const reached = selected.slice(from);
  const parts = first === 0 ? [] : await Promise.allSettled(reached.map((source, k) => WALKS[source](ctx, first, k === 0 ? startPosition : undefined, search)));
  const edges: WalkEdge[] = [];
  let more = first === 0 && reached.length > 0;
  for (const [k, settled] of parts.entries()) {
    const source = reached[k]!;
    if (edges.length === first) {
      // The page is full: more follow if this or a later source has any.
      more = parts.slice(k).some((p) => p.status === 'rejected' || p.value.found.length > 0 || p.value.more);
      break;
    }
    if (settled.status === 'rejected') {
      recordFailure(ctx, source, settled.reason);
      continue;
    }
    const part = settled.value;
    const take = part.found.slice(0, first - edges.length);
    for (const f of take) edges.push(new WalkEdge(f.node, f.source, f.position, scope));
    if (take.length < part.found.length || (edges.length === first && part.more)) {
      more = true;
      break;
    }
  }
  return { edges, pageInfo: { hasNextPage: more, endCursor: edges.at(-1)?.cursor ?? null } };
}
