/**
 * One OAuth token per source and tenant for every replica (`REDIS_URL`): stored sealed (tokenSeal.ts) with its
 * expiry; refreshed by one replica at a time under a Redis lock (SET NX PX, released by compare-and-delete); a
 * replica that loses the race waits for the stored token (at most the token request's timeout), then fetches its
 * own. Redis away or failing: each replica fetches its own, as without Redis. Knows no vendor. Internal module.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SourceName } from '../errors/codes.js';
import { sleep } from '../http/resilience.js';
import type { SharedTokenStore, TokenGrant } from '../http/tokens.js';
import type { RedisLink } from './redis.js';
import { COMPARE_AND_DELETE, runScript } from './scripts.js';
import { openToken, sealToken, tokenKey } from './tokenSeal.js';

export interface RedisTokenStoreOptions {
  link: RedisLink;
  source: SourceName;
  tokenUrl: string;
  clientId: string;
  /** Derives the sealing key: only gateways with the secret can open the stored token. */
  clientSecret: string;
  /** The token request's timeout: the lock's lease is longer, and a replica that lost the race waits at most this. */
  timeoutMs: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** How often a replica that lost the race looks for the stored token. */
const POLL_MS = 25;
/** How many stored values `drop` can still recognise (the latest ones this replica read or wrote). */
const REMEMBERED = 4;

/** The shared token of one source's tenant on Redis. */
export class RedisTokenStore implements SharedTokenStore {
  private readonly key: string;
  private readonly lockKey: string;
  private readonly aesKey: Buffer;
  private readonly now: () => number;
  /** Stored (sealed) value by token, for `drop`'s compare-and-delete. */
  private readonly sealed = new Map<string, string>();

  constructor(private readonly options: RedisTokenStoreOptions) {
    const { link, source, tokenUrl, clientId, clientSecret } = options;
    const tenant = createHash('sha256').update(`${tokenUrl}\n${clientId}`).digest('hex').slice(0, 16);
    this.key = link.key('token', source, tenant);
    this.lockKey = link.key('token', source, tenant, 'lock');
    this.aesKey = tokenKey(clientSecret, this.key);
    this.now = options.now ?? Date.now;
  }

  async obtain(fetch: () => Promise<TokenGrant>): Promise<TokenGrant> {
    const { link, timeoutMs } = this.options;
    if (!link.available) return fetch();
    const stored = await this.read();
    if (stored !== 'failed' && stored !== undefined) return stored;
    if (stored === 'failed') return fetch();
    const holder = randomUUID();
    let locked: boolean;
    try {
      locked = (await link.client.set(this.lockKey, holder, { condition: 'NX', expiration: { type: 'PX', value: timeoutMs + 1_000 } })) === 'OK';
    } catch {
      return fetch();
    }
    if (locked) {
      try {
        // Another replica may have stored one between the read and the lock.
        const again = await this.read();
        if (again !== 'failed' && again !== undefined) return again;
        const grant = await fetch();
        await this.write(grant);
        return grant;
      } finally {
        runScript(link.client, COMPARE_AND_DELETE, [this.lockKey], [holder]).catch(() => {
          // Redis away: the lease ends the lock.
        });
      }
    }
    // Another replica is fetching: wait for what it stores, then fetch this replica's own.
    const until = this.now() + timeoutMs;
    while (this.now() < until && this.serving()) {
      await sleep(POLL_MS);
      const found = await this.read();
      if (found === 'failed') break;
      if (found !== undefined) return found;
    }
    return fetch();
  }

  /** Whether Redis serves now (read afresh: it may have gone away during a wait). */
  private serving(): boolean {
    return this.options.link.available;
  }

  drop(grant: TokenGrant): void {
    const sealed = this.sealed.get(grant.value);
    const { link } = this.options;
    if (sealed === undefined || !link.available) return;
    runScript(link.client, COMPARE_AND_DELETE, [this.key], [sealed]).catch(() => {
      // Redis away: the stored token is dropped by its expiry, or by the next replica it fails for.
    });
  }

  /** The stored token while it is fresh; undefined when there is none (or it is stale or unreadable); 'failed' when Redis failed. */
  private async read(): Promise<TokenGrant | undefined | 'failed'> {
    let sealed: string | null;
    try {
      sealed = await this.options.link.client.get(this.key);
    } catch {
      return 'failed';
    }
    if (sealed === null) return undefined;
    const payload = openToken(this.aesKey, this.key, sealed);
    if (payload === undefined || this.now() >= payload.refreshAt) return undefined;
    this.remember(payload.value, sealed);
    return payload;
  }

  private async write(grant: TokenGrant): Promise<void> {
    const ttl = Math.floor(grant.expiresAt - this.now());
    if (ttl <= 0) return;
    const sealed = sealToken(this.aesKey, this.key, grant);
    try {
      await this.options.link.client.set(this.key, sealed, { expiration: { type: 'PX', value: ttl } });
      this.remember(grant.value, sealed);
    } catch {
      // Redis away: the other replicas fetch their own.
    }
  }

  private remember(value: string, sealed: string): void {
    this.sealed.delete(value);
    this.sealed.set(value, sealed);
    for (const old of this.sealed.keys()) {
      if (this.sealed.size <= REMEMBERED) break;
      this.sealed.delete(old);
    }
  }
}
