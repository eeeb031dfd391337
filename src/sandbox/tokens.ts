/**
 * OAuth2 client credentials in the sandboxes: reading a token request's body in the encodings a vendor accepts,
 * reading HTTP Basic and bearer credentials, finding a token request's client credentials, comparing secrets in
 * constant time, and the store of issued bearer tokens.
 *
 * Internal module of the sandbox kit; knows no vendor.
 */
import type { IncomingMessage } from 'node:http';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { decodeBody, isJsonObject, mediaType, mediaTypeCharset, parseMultipartFields, readBody } from './bodies.js';
import { HttpError } from './http.js';

/** A body encoding a token endpoint may accept. */
type TokenBodyEncoding = 'form' | 'multipart' | 'json';

const ENCODING_MEDIA_TYPES: Record<TokenBodyEncoding, string> = {
  form: 'application/x-www-form-urlencoded',
  multipart: 'multipart/form-data',
  json: 'application/json',
};

/** Options of {@link readTokenBody}. */
export interface TokenBodyOptions {
  /** The encodings the vendor's token endpoint reads parameters from. */
  accept: readonly TokenBodyEncoding[];
  /** Whether the `charset` parameter of `Content-Type` decodes form and JSON bodies (otherwise always UTF-8). */
  honourCharset?: boolean;
  /** Largest body read (default 64 KiB); more is an {@link HttpError} 413. */
  limitBytes?: number;
}

/** What {@link readTokenBody} found: the body's parameters, or why there are none. */
export type TokenBody =
  | { ok: true; params: URLSearchParams; encoding: TokenBodyEncoding | 'empty' }
  | { ok: false; problem: 'unsupported' | 'charset' | 'malformed'; message: string };

/**
 * Reads a token request's body parameters in the encodings the vendor accepts: form fields, the plain fields of a
 * multipart form (busboy, small limits) or the string members of a JSON object. An empty body without a media type
 * has no parameters (credentials may come by HTTP Basic or the query). Any other media type is `unsupported`, a
 * charset no decoder knows is `charset`, and a body that does not parse is `malformed`; the vendor answers each its
 * own way.
 */
export async function readTokenBody(req: IncomingMessage, options: TokenBodyOptions): Promise<TokenBody> {
  const raw = await readBody(req, options.limitBytes ?? 64 * 1024);
  const type = mediaType(req);
  if (type === '' && raw.length === 0) return { ok: true, params: new URLSearchParams(), encoding: 'empty' };
  const encoding = options.accept.find((candidate) => ENCODING_MEDIA_TYPES[candidate] === type);
  if (!encoding) return { ok: false, problem: 'unsupported', message: `content type '${type || '(none)'}' is not accepted` };
  if (encoding === 'multipart') {
    try {
      return { ok: true, params: await parseMultipartFields(req.headers, raw), encoding };
    } catch (error) {
      if (error instanceof HttpError && error.status === 400) return { ok: false, problem: 'malformed', message: error.message };
      throw error;
    }
  }
  const charset = options.honourCharset ? mediaTypeCharset(req) : undefined;
  const text = decodeBody(raw, charset);
  if (text === undefined) return { ok: false, problem: 'charset', message: `charset '${charset ?? ''}' is not supported` };
  if (encoding === 'form') return { ok: true, params: new URLSearchParams(text), encoding };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, problem: 'malformed', message: 'the body is not valid JSON' };
  }
  if (!isJsonObject(parsed)) return { ok: false, problem: 'malformed', message: 'the body is not a JSON object' };
  const params = new URLSearchParams();
  // Token parameters are strings; members of any other type name nothing a token endpoint reads.
  for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') params.set(key, value);
  return { ok: true, params, encoding };
}

/** Decodes `Authorization: Basic …` (RFC 6749 §2.3.1: both parts form-urlencoded); undefined when absent/garbled. */
function parseBasicAuth(header: string | undefined): { username: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const formDecode = (part: string): string => {
    try {
      return decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return part;
    }
  };
  return { username: formDecode(decoded.slice(0, colon)), password: formDecode(decoded.slice(colon + 1)) };
}

/** The token of `Authorization: Bearer <token>`, or undefined. */
function readBearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** Client credentials found in a token request. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  source: 'basic' | 'body' | 'query';
}

/** Finds client credentials: HTTP Basic first, then the form body, then the query string. */
export function extractClientCredentials(input: {
  authorization?: string | undefined;
  form?: URLSearchParams;
  query?: URLSearchParams;
}): ClientCredentials | undefined {
  const basic = parseBasicAuth(input.authorization);
  if (basic) return { clientId: basic.username, clientSecret: basic.password, source: 'basic' };
  for (const [source, params] of [
    ['body', input.form],
    ['query', input.query],
  ] as const) {
    const clientId = params?.get('client_id');
    if (clientId) return { clientId, clientSecret: params?.get('client_secret') ?? '', source };
  }
  return undefined;
}

/** Compares two secrets in constant time. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A token issued by a {@link TokenStore}. */
export interface IssuedToken {
  token: string;
  jti: string;
  clientId: string;
  scope: string;
  issuedAt: number;
  expiresAt: number;
  /** The lifetime in whole seconds, as `expires_in` reports it. */
  expiresIn: number;
}

/** Result of {@link TokenStore.check}. */
export type TokenCheck = { ok: true; token: IssuedToken } | { ok: false; reason: 'missing' | 'unknown' | 'expired' };

/** Options of {@link TokenStore}. */
export interface TokenStoreOptions {
  /** Lifetime of issued tokens in seconds. */
  ttlSeconds: number;
  /** Clock (ms since epoch); injectable for tests. */
  now?: () => number;
}

/** Issues opaque random bearer tokens and validates them against their expiry. */
export class TokenStore {
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #now: () => number;
  #ttlSeconds: number;

  constructor(options: TokenStoreOptions) {
    this.#ttlSeconds = options.ttlSeconds;
    this.#now = options.now ?? Date.now;
  }

  /** Lifetime of tokens issued from now on. */
  set ttlSeconds(seconds: number) {
    this.#ttlSeconds = seconds;
  }

  get ttlSeconds(): number {
    return this.#ttlSeconds;
  }

  /** Issues a new token for `clientId`. */
  issue(clientId: string, scope = ''): IssuedToken {
    this.#prune();
    const issuedAt = this.#now();
    const issued: IssuedToken = {
      token: randomBytes(32).toString('base64url'),
      jti: randomUUID(),
      clientId,
      scope,
      issuedAt,
      expiresAt: issuedAt + this.#ttlSeconds * 1000,
      expiresIn: Math.max(0, Math.floor(this.#ttlSeconds)),
    };
    this.#tokens.set(issued.token, issued);
    return issued;
  }

  /** Checks a presented token (undefined: none presented). */
  check(token: string | undefined): TokenCheck {
    if (!token) return { ok: false, reason: 'missing' };
    const issued = this.#tokens.get(token);
    if (!issued) return { ok: false, reason: 'unknown' };
    if (this.#now() >= issued.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, token: issued };
  }

  /** Checks the bearer token of a request's `Authorization` header. */
  checkRequest(req: IncomingMessage): TokenCheck {
    return this.check(readBearerToken(req.headers.authorization));
  }

  /** Every token issued and not yet forgotten (tests check that none of them reached a log). */
  issuedTokens(): string[] {
    return [...this.#tokens.keys()];
  }

  /** Makes every issued token expired (they are still recognised, so clients see "expired"). */
  expireAll(): void {
    const now = this.#now();
    for (const issued of this.#tokens.values()) issued.expiresAt = Math.min(issued.expiresAt, now);
  }

  /** Forgets every issued token (clients then see "unknown"). */
  revokeAll(): void {
    this.#tokens.clear();
  }

  /** How many tokens are held. */
  get size(): number {
    return this.#tokens.size;
  }

  #prune(): void {
    // Drop long-expired tokens now and then so a benchmark that keeps asking for tokens does not grow the map.
    if (this.#tokens.size < 1000) return;
    const cutoff = this.#now() - 60 * 60 * 1000;
    for (const [key, issued] of this.#tokens) if (issued.expiresAt < cutoff) this.#tokens.delete(key);
  }
}
