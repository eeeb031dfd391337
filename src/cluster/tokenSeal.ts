/**
 * How an OAuth access token is stored on Redis: sealed with AES-256-GCM under a key derived (HKDF-SHA256) from the
 * source's client secret, bound to its Redis key, so that Redis (and whoever reads its memory, dumps or traffic)
 * never holds a usable bearer token; only a gateway that holds the client secret can open it, and a value moved to
 * another key does not open. Pure functions. Internal module.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** A token with its times (epoch milliseconds). */
export interface SealedTokenPayload {
  value: string;
  /** When replicas stop using it (a margin before `expiresAt`). */
  refreshAt: number;
  expiresAt: number;
}

const VERSION = 'v1';
const SALT = 'connector-gateway/oauth-token/v1';

/** The 32-byte AES key of the token stored at `keyName`, from the client secret. */
export function tokenKey(clientSecret: string, keyName: string): Buffer {
  return Buffer.from(hkdfSync('sha256', clientSecret, SALT, keyName, 32));
}

/** `v1.<iv>.<ciphertext>.<tag>` (base64url): the payload sealed for `keyName`. */
export function sealToken(key: Buffer, keyName: string, payload: SealedTokenPayload): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(keyName));
  const body = Buffer.concat([cipher.update(JSON.stringify([payload.value, payload.refreshAt, payload.expiresAt]), 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The payload of a sealed value; undefined when it is not one, was sealed under another key or name, or was altered. */
export function openToken(key: Buffer, keyName: string, sealed: string): SealedTokenPayload | undefined {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) return undefined;
  try {
    const iv = Buffer.from(parts[1] ?? '', 'base64url');
    const tag = Buffer.from(parts[3] ?? '', 'base64url');
    if (iv.length !== 12 || tag.length !== 16) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(keyName));
    decipher.setAuthTag(tag);
    const text = Buffer.concat([decipher.update(Buffer.from(parts[2] ?? '', 'base64url')), decipher.final()]).toString('utf8');
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
    const [value, refreshAt, expiresAt] = parsed as unknown[];
    if (typeof value !== 'string' || typeof refreshAt !== 'number' || typeof expiresAt !== 'number') return undefined;
    return { value, refreshAt, expiresAt };
  } catch {
    return undefined; // wrong key, altered, or not ours
  }
}
