/**
 * Automatic persisted queries shared by the replicas (`REDIS_URL`): a hash registered through one replica is
 * served by every other. Apollo's KeyvAdapter over Keyv on the link's client (under the gateway's key prefix),
 * behind a local LRU: a query's hash names its text, so an entry can never be stale, and the local copy answers
 * without a round trip, and answers alone while Redis is away. A Redis failure never fails a request (the caller
 * is at worst asked to send the query again). Knows no vendor. Internal module.
 */
import KeyvRedis from '@keyv/redis';
import { Keyv } from 'keyv';
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { RedisLink } from './redis.js';

/** How many persisted queries each replica keeps in memory. */
const LOCAL_ENTRIES = 1_000;

/** The persisted-query cache: local first, then Redis while it serves. */
export class SharedPersistedQueries implements KeyValueCache {
  private readonly local = new InMemoryLRUCache({ maxSize: LOCAL_ENTRIES, sizeCalculation: () => 1 });
  private readonly shared: KeyValueCache;

  constructor(private readonly link: RedisLink) {
    const store = new KeyvRedis<string>(link.client, { throwOnErrors: true, throwOnConnectError: true });
    store.on('error', () => {
      // A failed command rejects (below); the link logs Redis going away.
    });
    const keyv = new Keyv<string>({ store, namespace: link.key('apq'), useKeyPrefix: false });
    keyv.on('error', () => {
      // As above.
    });
    // The adapter's types name Keyv as CommonJS resolves it; the class is the same.
    this.shared = new KeyvAdapter<string>(keyv as unknown as ConstructorParameters<typeof KeyvAdapter<string>>[0]);
  }

  async get(key: string): Promise<string | undefined> {
    const local = await this.local.get(key);
    if (local !== undefined || !this.link.available) return local;
    try {
      const found = await this.shared.get(key);
      if (found !== undefined) await this.local.set(key, found);
      return found;
    } catch {
      return undefined; // Redis failed: the caller sends the query again, and it is registered here
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    await this.local.set(key, value);
    if (!this.link.available) return;
    try {
      await this.shared.set(key, value, options);
    } catch {
      // Redis failed: this replica has it; another asks its caller for the query once.
    }
  }

  async delete(key: string): Promise<boolean> {
    const local = await this.local.delete(key);
    if (!this.link.available) return local;
    try {
      return (await this.shared.delete(key)) === true || local;
    } catch {
      return local; // as above
    }
  }
}
