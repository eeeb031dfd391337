/**
 * Opaque pagination cursors: base64url of a small JSON object, prefixed by a kind so that a cursor of one list
 * is refused by another. Internal module.
 */
import { BadUserInputError } from '../errors/classes.js';

/** Encodes `position` as a cursor of list `kind`. */
export function encodeCursor(kind: string, position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ k: kind, ...position })).toString('base64url');
}

/** The error for a cursor that is not one of this list's (also for a decoded cursor whose position makes no sense). */
export function malformedCursor(): BadUserInputError {
  return new BadUserInputError('Malformed cursor: pass an endCursor or edge cursor of this same list.', { argumentName: 'after' });
}

/** Decodes a cursor of list `kind`; anything else is BAD_USER_INPUT naming the `after` argument. */
export function decodeCursor(kind: string, cursor: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = /^[A-Za-z0-9_-]{1,4096}$/.test(cursor) ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || (value as { k?: unknown }).k !== kind) {
    throw malformedCursor();
  }
  return value as Record<string, unknown>;
}

/** Checks a page size: an integer from `min` (0 unless a source cannot serve an empty page) to `max`. */
export function checkPageSize(first: number | null | undefined, fallback: number, max: number, min = 0): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < min || size > max) {
    throw new BadUserInputError(`first must be between ${min} and ${max}.`, { argumentName: 'first' });
  }
  return size;
}

/** A decoded position as this gateway wrote it: a JSON object; anything else is a forged cursor. */
export function positionObject(position: unknown): Record<string, unknown> {
  if (typeof position !== 'object' || position === null || Array.isArray(position)) throw malformedCursor();
  return position as Record<string, unknown>;
}

/** A position's offset or index, as this gateway wrote it: an integer from 0 to `max`; anything else is a forged cursor. */
export function checkOffset(value: unknown, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > max) throw malformedCursor();
  return value as number;
}
