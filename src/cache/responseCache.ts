/**
 * The response cache (`GATEWAY_RESPONSE_CACHE=on`): whole responses of queries, looked up before execution and
 * stored after it when it had no errors, keyed by key.ts, tagged with the sources the response read and kept for
 * the least TTL of those sources; every change through the gateway drops its source's responses (live/changes.ts).
 * Knows no vendor. Internal module.
 */
import type { GraphQLSchema, ParseOptions } from 'graphql';
import type { Permissions } from '../auth/roles.js';
import { cacheKey, keyParts, ParsedDocuments, permissionIdentity, type OperationInput } from './key.js';
import { sourceTag, type CacheRecord } from './record.js';
import type { CacheStore, Stamp } from './store.js';

/** What a lookup found: an answer, a miss to fill once computed, or nothing to do with the cache (bypass). */
export type Lookup = { kind: 'hit'; record: CacheRecord } | { kind: 'miss'; key: string; stamp: Stamp } | { kind: 'bypass' };

export interface ResponseCacheOptions {
  store: CacheStore;
  schema: GraphQLSchema;
  /** The same limits Apollo parses with (a document over them is not even parsed here). */
  parseOptions?: ParseOptions;
  /** Each source's TTL, by name. */
  ttlMs: Readonly<Record<string, number>>;
  /** Told every lookup's result (metrics). */
  onLookup?: (result: Lookup['kind']) => void;
  now?: () => number;
}

export class ResponseCache {
  private readonly now: () => number;
  /** The TTL of a response that read no source: the least of all. */
  private readonly leastTtl: number;
  private readonly documents: ParsedDocuments;

  constructor(private readonly options: ResponseCacheOptions) {
    this.now = options.now ?? Date.now;
    this.documents = new ParsedDocuments(options.parseOptions);
    this.leastTtl = Math.min(...Object.values(options.ttlMs));
  }

  /** Looks `input` up for a caller with `permissions`. */
  async lookup(input: OperationInput, permissions: Permissions): Promise<Lookup> {
    const result = await this.find(input, permissions);
    this.options.onLookup?.(result.kind);
    return result;
  }

  private async find(input: OperationInput, permissions: Permissions): Promise<Lookup> {
    const identity = permissionIdentity(permissions);
    if (identity === undefined) return { kind: 'bypass' };
    const parts = keyParts(this.options.schema, input, identity, this.documents);
    if (parts === undefined) return { kind: 'bypass' };
    const key = cacheKey(parts);
    // The stamp first: a change that lands from now on keeps what is computed next out of the cache.
    const stamp = await this.options.store.begin();
    if (stamp === undefined) return { kind: 'bypass' };
    const record = await this.options.store.get(key, this.now());
    return record !== undefined ? { kind: 'hit', record } : { kind: 'miss', key, stamp };
  }

  /** Stores the body of a miss's response that read `sources` (call only when it had no errors); whether it did. */
  async store(miss: Extract<Lookup, { kind: 'miss' }>, body: string, sources: Iterable<string>): Promise<boolean> {
    const names = [...new Set(sources)].sort();
    const ttlMs = this.ttlOf(names);
    if (!(ttlMs > 0) || !Number.isFinite(ttlMs)) return false;
    const record: CacheRecord = { body, tags: names.map(sourceTag), createdAt: this.now(), ttlMs };
    return this.options.store.set(miss.key, record, miss.stamp);
  }

  /** The TTL of a response that read `sources`: the least of theirs (of all, when it read none). */
  ttlOf(sources: Iterable<string>): number {
    const ttls = [...sources].map((name) => this.options.ttlMs[name] ?? this.leastTtl);
    return ttls.length === 0 ? this.leastTtl : Math.min(...ttls);
  }

  /** Drops every response that read one of `sources`, on every replica that shares the store. */
  invalidate(sources: Iterable<string>): Promise<void> {
    return this.options.store.invalidate([...new Set(sources)].map(sourceTag));
  }
}
