/**
 * The response cache, built from the configuration: in Redis when the replicas share one, else in memory.
 * Internal module.
 */
import type { GraphQLSchema, ParseOptions } from 'graphql';
import type { Config } from '../config/types.js';
import type { RedisLink } from '../cluster/redis.js';
import { MemoryStore } from './store.js';
import { RedisStore } from './redisStore.js';
import { ResponseCache, type Lookup } from './responseCache.js';

export { ResponseCache, type Lookup } from './responseCache.js';
export { ageSeconds, remainingMs } from './record.js';

/** The gateway's response cache, or undefined when it is off. */
export function createResponseCache(
  config: Config,
  schema: GraphQLSchema,
  redis: RedisLink | undefined,
  parseOptions: ParseOptions | undefined,
  onLookup?: (result: Lookup['kind']) => void,
): ResponseCache | undefined {
  if (!config.responseCache.enabled) return undefined;
  const ttlMs = Object.fromEntries(Object.entries(config.sources).map(([name, source]) => [name, source.upstream.cacheTtlMs]));
  const store = redis !== undefined ? new RedisStore(redis) : new MemoryStore(config.responseCache.maxBytes);
  return new ResponseCache({ store, schema, ttlMs, ...(parseOptions ? { parseOptions } : {}), ...(onLookup ? { onLookup } : {}) });
}
