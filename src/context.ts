/**
 * The per-request context: who is asking (request id, logger), the long-lived services, and each source's part of
 * the request (its client and dataloaders that are created lazily, for this request only). Nothing here outlives a
 * request except `services`. Knows no vendor: a source reads its part through its own typed helper
 * (`src/sources/<x>/context.ts`).
 */
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Config } from './config/types.js';
import type { BatchObserver } from './observability/batch.js';
import type { Caller } from './auth/authenticate.js';
import type { WriteLocks } from './graph/writeLocks.js';
import type { RedisLink } from './cluster/redis.js';
import type { Downstream, LiveHub } from './live/hub.js';
import type { RequestSources, SourceContext, SourceHandle } from './sources/port.js';
import type { SourceList } from './sources/sourceList.js';
import type { ResponseCache } from './cache/index.js';
import type { ChangeFeed } from './live/changes.js';

/** What lives as long as the gateway: configuration, the sources and one client per source. */
export interface Services {
  config: Config;
  logger: Logger;
  /** The sources this gateway serves. */
  sources: SourceList;
  /** Each source's long-lived client, by source name. */
  clients: ReadonlyMap<string, unknown>;
  /** Serialises each connector's patch (read, apply, write) in this process. */
  writeLocks: WriteLocks;
  /** Told each dataloader batch's size (metrics), when metrics are on. */
  observeBatch?: BatchObserver | undefined;
  /** The link to what the replicas share (`REDIS_URL`), when configured. */
  redis?: RedisLink | undefined;
  /** The subscriptions' hub (live updates), when the gateway serves them. */
  live?: LiveHub | undefined;
  /** The changes made through this gateway (the mutations tell it; the response cache listens). */
  changes?: ChangeFeed | undefined;
  /** The response cache (`GATEWAY_RESPONSE_CACHE=on`). */
  cache?: ResponseCache | undefined;
}

/**
 * The sources' parts of one request, each built on first use (a query that touches one source builds one source's
 * loaders, and a request that touches none allocates nothing here).
 */
class RequestSourceHandles implements RequestSources {
  /** The last handle asked for, by source name: most requests touch one source, and then need no map at all. */
  private last: { name: string; handle: SourceHandle } | undefined;
  private handles: Map<string, SourceHandle> | undefined;

  constructor(
    private readonly services: Services,
    private readonly requestId: string,
    /** Told the name of every source the request reads (the response cache's tags and TTL). */
    private readonly read: Set<string>,
  ) {}

  get<Client, Loaders>(name: string): SourceHandle<Client, Loaders> {
    if (name === this.last?.name) return this.last.handle as SourceHandle<Client, Loaders>;
    let handle = this.handles?.get(name);
    if (handle === undefined) {
      const client = this.services.clients.get(name);
      const source = this.services.sources.get(name);
      handle = { client, loaders: source.createLoaders(client, this.requestId, this.services.observeBatch) };
      this.read.add(name);
      if (this.last !== undefined) (this.handles ??= new Map([[this.last.name, this.last.handle]])).set(name, handle);
    }
    this.last = { name, handle };
    return handle as SourceHandle<Client, Loaders>;
  }
}

/** The GraphQL context value of one request. */
export interface GatewayContext extends SourceContext {
  requestId: string;
  /** Who is calling, and what their roles allow. */
  caller: Caller;
  logger: Logger;
  services: Services;
  sources: RequestSources;
  /** Errors of sources that failed while others answered (lists across sources); added to the response's errors. */
  partialErrors: GraphQLError[];
  /** The sources the request has read (called) so far: a cached response is tagged with them. */
  sourcesRead: Set<string>;
  /** A subscription's connection (SSE): how much it holds unsent, so that a client that falls behind is dropped. */
  downstream?: Downstream;
}

/**
 * Gives a subscription's context fresh per-request parts (dataloaders) before each event is resolved: an event's
 * nested fields are read as they are at that event, not from what an earlier event cached, and nothing accumulates
 * for the life of the stream.
 */
export function renewRequestSources(ctx: GatewayContext): void {
  ctx.sourcesRead = new Set();
  ctx.sources = new RequestSourceHandles(ctx.services, ctx.requestId, ctx.sourcesRead);
  ctx.partialErrors = [];
}

/** A new context for one request. */
export function createContext(services: Services, requestId: string, caller: Caller): GatewayContext {
  const sourcesRead = new Set<string>();
  return {
    requestId,
    caller,
    logger: services.logger,
    services,
    sources: new RequestSourceHandles(services, requestId, sourcesRead),
    partialErrors: [],
    sourcesRead,
  };
}
