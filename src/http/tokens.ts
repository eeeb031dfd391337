/**
 * OAuth2 client-credentials tokens, one provider per source: cached until shortly before expiry, refreshed by
 * one request at a time however many calls wait for it. Internal module.
 */
import { request, type Dispatcher } from 'undici';
import type { Logger } from 'pino';
import { GatewayErrorCode, type SourceName } from '../errors/codes.js';
import { UpstreamError } from '../errors/classes.js';
import { parseJsonObject } from '../json.js';
import { scrubBody } from '../logger.js';

/** Hands out a bearer token for a source. */
export interface TokenProvider {
  /** A valid token, from the cache or freshly fetched (one fetch at a time). */
  getToken(requestId?: string): Promise<string>;
  /** Forgets `token` (after a 401), so that the next getToken fetches a new one. */
  invalidate(token: string): void;
  /** The credentials it holds (client secret, the tokens it handed out lately): never to be logged, even echoed by a source. */
  credentials?(): string[];
}

/** A token with its times (epoch milliseconds). */
export interface TokenGrant {
  value: string;
  /** When to stop using it: a margin before `expiresAt`. */
  refreshAt: number;
  expiresAt: number;
}

/** Where several gateways share one token (e.g. on Redis, src/cluster/sharedTokens.ts). */
export interface SharedTokenStore {
  /** A fresh token: the stored one, or one from `fetch` (this replica's or, under the store's lock, another's). */
  obtain(fetch: () => Promise<TokenGrant>): Promise<TokenGrant>;
  /** Drops `grant` from the store if it is still the stored one (after a 401). */
  drop(grant: TokenGrant): void;
}

export interface ClientCredentialsOptions {
  source: SourceName;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Extra form fields, e.g. Logto's `resource` and `scope`. */
  params?: Record<string, string>;
  /** Where to send the token request (the source's pool when the token endpoint shares its origin). */
  dispatcher?: Dispatcher;
  timeoutMs: number;
  logger: Logger;
  /** Clock, for tests. */
  now?: () => number;
  /** Shares the token with other gateways (replicas); without it, this provider fetches its own. */
  shared?: SharedTokenStore | undefined;
}

/** Longest margin before expiry at which a token is refreshed. */
const MAX_REFRESH_MARGIN_MS = 60_000;
/** How many of the latest tokens `credentials()` names (a refreshed one may still be echoed in a late answer). */
const REMEMBERED_TOKENS = 3;

/** Client-credentials grant with the secret in the form body (what all three vendors accept). */
export class ClientCredentialsTokenProvider implements TokenProvider {
  private cached: TokenGrant | undefined;
  private inflight: Promise<string> | undefined;
  private readonly recent: string[] = [];
  private readonly now: () => number;

  constructor(private readonly options: ClientCredentialsOptions) {
    this.now = options.now ?? Date.now;
  }

  getToken(requestId?: string): Promise<string> {
    const cached = this.cached;
    if (cached && this.now() < cached.refreshAt) return Promise.resolve(cached.value);
    // Single flight: every caller that arrives during a refresh waits for the same one.
    this.inflight ??= this.fetchToken(requestId).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  invalidate(token: string): void {
    if (this.cached?.value !== token) return;
    // Shared: dropped only if it is still the stored one (another replica may have stored a new one already).
    this.options.shared?.drop(this.cached);
    this.cached = undefined;
  }

  credentials(): string[] {
    return [this.options.clientSecret, ...this.recent];
  }

  private async fetchToken(requestId: string | undefined): Promise<string> {
    const { shared } = this.options;
    const grant = shared ? await shared.obtain(() => this.requestToken(requestId)) : await this.requestToken(requestId);
    if (!this.recent.includes(grant.value)) {
      this.recent.unshift(grant.value);
      this.recent.length = Math.min(this.recent.length, REMEMBERED_TOKENS);
    }
    this.cached = grant;
    return grant.value;
  }

  /** Asks the token endpoint for a new token. */
  private async requestToken(requestId: string | undefined): Promise<TokenGrant> {
    const { source, tokenUrl, clientId, clientSecret, params, dispatcher, timeoutMs, logger } = this.options;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, ...params });
    let status: number;
    let text: string;
    try {
      const res = await request(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(timeoutMs),
        ...(dispatcher ? { dispatcher } : {}),
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (cause) {
      logger.warn({ requestId, source, err: { message: cause instanceof Error ? cause.message : String(cause) } }, 'token request failed without an answer');
      const timedOut = cause instanceof Error && /timeout/i.test(cause.name + cause.message);
      throw new UpstreamError(source, undefined, {
        code: timedOut ? GatewayErrorCode.UPSTREAM_TIMEOUT : GatewayErrorCode.UPSTREAM_UNAVAILABLE,
        cause,
      });
    }
    if (status !== 200) {
      // 400/401 from a token endpoint both mean: the gateway's credentials are not accepted.
      logger.warn({ requestId, source, status, upstreamBody: scrubBody(text, [clientSecret, ...this.recent], 300) }, 'token request refused');
      const code = status >= 500 ? GatewayErrorCode.UPSTREAM_UNAVAILABLE : GatewayErrorCode.UNAUTHENTICATED;
      throw new UpstreamError(source, status, { code });
    }
    const token = parseToken(text);
    if (!token) {
      logger.warn({ requestId, source, status }, 'token endpoint answered without an access_token');
      throw new UpstreamError(source, status, { code: GatewayErrorCode.UPSTREAM_BAD_RESPONSE });
    }
    const lifetimeMs = token.expiresIn * 1000;
    const now = this.now();
    return { value: token.accessToken, refreshAt: now + lifetimeMs - Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs / 10), expiresAt: now + lifetimeMs };
  }
}

/** Reads `{access_token, expires_in}`; a missing expires_in counts as 5 minutes. */
export function parseToken(text: string): { accessToken: string; expiresIn: number } | undefined {
  const body = parseJsonObject(text);
  if (body === undefined) return undefined;
  const { access_token: accessToken, expires_in: expiresIn } = body;
  if (typeof accessToken !== 'string' || accessToken === '') return undefined;
  const seconds = typeof expiresIn === 'number' ? expiresIn : Number(expiresIn);
  return { accessToken, expiresIn: Number.isFinite(seconds) && seconds > 0 ? seconds : 300 };
}
