/**
 * `Query.connectors`: one Relay connection over the sources, walked in list order (the registry's: CONDUCTORONE,
 * LOGTO, SAILPOINT). The cursor holds the source it is in and that source's own position (whatever its `walk`
 * wrote: ConductorOne apps page token, app index and the app's connector position; Logto an index in its filtered
 * list; SailPoint an offset), checked by that source. A failed source becomes one error with `extensions.source`
 * and the walk goes on with the next. Internal module.
 */
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';
import { BadUserInputError, GatewayError } from '../errors/classes.js';
import { GatewayErrorCode, type SourceName } from '../errors/codes.js';
import type { WalkResult } from '../sources/port.js';
import { checkPageSize, decodeCursor, encodeCursor } from './cursor.js';

const CURSOR_KIND = 'all';
const MAX_CONNECTORS_PAGE = 1000;

/** An edge whose cursor is encoded only when selected. */
class WalkEdge {
  constructor(
    readonly node: object,
    private readonly source: SourceName,
    private readonly position: unknown,
    private readonly scope: string,
  ) {}

  get cursor(): string {
    return encodeCursor(CURSOR_KIND, { s: this.source, p: this.position, f: this.scope });
  }
}

/** Records a failed source for the response's `errors` (added by the partial-errors plugin). */
function recordFailure(ctx: GatewayContext, source: SourceName, error: unknown): void {
  const safe =
    error instanceof GatewayError ? error : new GatewayError(`${source} failed.`, GatewayErrorCode.INTERNAL_SERVER_ERROR, { extensions: { source } });
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
  const selected = ctx.services.sources.names.filter((s) => (!args.sources || args.sources.includes(s)) && readable.has(s));
  const rawSearch = args.filter?.search?.trim();
  const search = rawSearch ? rawSearch.toLowerCase() : undefined;
  // A cursor belongs to one list: the same sources and search.
  const scope = `${selected.join(',')}|${search ?? ''}`;
  let startSource: SourceName | undefined = selected[0];
  let startPosition: unknown;
  if (args.after != null) {
    const c = decodeCursor(CURSOR_KIND, args.after);
    if (c.f !== scope || !selected.includes(c.s as SourceName)) {
      throw new BadUserInputError('This cursor belongs to another list: use it with the same sources and filter.', { argumentName: 'after' });
    }
    startSource = c.s as SourceName;
    // Checked by the source's walk, before any call: a forged one is a malformed cursor.
    startPosition = c.p;
  }
  // Every source the page may reach is asked at the same time (each for at most `first`), so a page costs about
  // one round trip per level (apps, then their connectors), not the sum over sources; then they are taken in order.
  const from = startSource === undefined ? selected.length : selected.indexOf(startSource);
  const reached = selected.slice(from);
  const parts: (PromiseSettledResult<WalkResult> & { source: SourceName })[] =
    first === 0
      ? []
      : await Promise.all(
          reached.map((source, k) =>
            ctx.services.sources
              .get(source)
              .walk(ctx, first, k === 0 ? startPosition : undefined, search)
              .then(
                (value) => ({ source, status: 'fulfilled' as const, value }),
                (reason: unknown) => ({ source, status: 'rejected' as const, reason }),
              ),
          ),
        );
  const edges: WalkEdge[] = [];
  let more = first === 0 && reached.length > 0;
  for (const [k, settled] of parts.entries()) {
    const { source } = settled;
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
    for (const f of take) edges.push(new WalkEdge(f.node, source, f.position, scope));
    if (take.length < part.found.length || (edges.length === first && part.more)) {
      more = true;
      break;
    }
  }
  return { edges, pageInfo: { hasNextPage: more, endCursor: edges.at(-1)?.cursor ?? null } };
}
