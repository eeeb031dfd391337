/**
 * Paging in the ConductorOne sandbox: page sizes (default, maximum, `page_size` from the query or body), id-ordered
 * pages, and opaque page tokens bound to the listing they came from.
 *
 * Internal module of the ConductorOne sandbox.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { isJsonObject } from '../../../sandbox/bodies.js';
import { invalidArgument } from './errors.js';
import { parseInt32 } from './protojson.js';

/** Page size used when a request gives none (or 0): C1's documented default. */
const CONDUCTORONE_DEFAULT_PAGE_SIZE = 25;
/** Largest page size: larger requests are lowered to it (C1 documents `pageSize <= 100`). */
export const CONDUCTORONE_MAX_PAGE_SIZE = 100;

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Opaque page tokens: the last id of a page, encrypted and authenticated (AES-256-GCM) with a key only this sandbox
 * instance knows, and bound to the listing (`scope`, e.g. one app's connectors) as associated data. A token that
 * was altered, comes from another sandbox, or belongs to another listing fails to open: 400 "invalid page token".
 * Positions are ids, not offsets, so deleting or creating rows between pages neither skips nor repeats the others.
 */
export class PageTokens {
  readonly #key = randomBytes(32);

  seal(scope: string, lastId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(scope, 'utf8'));
    const sealed = Buffer.concat([cipher.update(JSON.stringify({ v: 1, after: lastId }), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /** The id a token continues after; throws a 400 for anything this sandbox did not issue for `scope`. */
  open(scope: string, token: string): string {
    const invalid = () => invalidArgument('invalid page token'); // made only when thrown: most tokens are good
    if (!/^[A-Za-z0-9_-]+$/.test(token)) throw invalid();
    const raw = Buffer.from(token, 'base64url');
    if (raw.length <= IV_BYTES + TAG_BYTES) throw invalid();
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(scope, 'utf8'));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      const parsed = JSON.parse(plain) as unknown;
      if (isJsonObject(parsed) && parsed.v === 1 && typeof parsed.after === 'string') return parsed.after;
    } catch {
      // An authentication failure: altered or foreign.
    }
    throw invalid();
  }
}

/** One page of an id-ordered list and the id the next page continues after (undefined on the last page). */
export function pageOf<T extends { id: string }>(items: readonly T[], pageSize: number, after: string | undefined): { page: T[]; lastId: string | undefined } {
  const rest = after === undefined ? items : items.filter((item) => item.id > after);
  const page = rest.slice(0, pageSize);
  return { page, lastId: rest.length > pageSize ? page[page.length - 1]?.id : undefined };
}

/** Orders records by id, as every listing does. */
export const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** What the listings of one sandbox page with: its page-token key and its largest page size. */
export interface ConductorOnePaging {
  readonly pageTokens: PageTokens;
  readonly pageSizeMax: number;
}

/** The token of the page after one that ended at `lastId`, or '' when it was the last page. */
export function nextPageToken(pageTokens: PageTokens, scope: string, lastId: string | undefined): string {
  return lastId === undefined ? '' : pageTokens.seal(scope, lastId);
}

/** `page_size` from the query (or body): 0/absent → default, above the maximum → the maximum, negative → 400. */
export function pageSizeOf(value: unknown, name: string, max: number): number {
  const size = value === '' ? null : parseInt32(value, name);
  if (size === null || size === 0) return Math.min(CONDUCTORONE_DEFAULT_PAGE_SIZE, max);
  if (size < 0) throw invalidArgument(`invalid ${name}: must not be negative, got ${size}`);
  // Google's API guidelines (which C1 follows) lower an oversized page size rather than refusing it.
  return Math.min(size, max);
}

/** A query parameter by its proto name or its JSON name (grpc-gateway accepts both). */
export const queryParam = (query: URLSearchParams, protoName: string, jsonName: string): string | null => query.get(protoName) ?? query.get(jsonName);
