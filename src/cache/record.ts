/**
 * What the response cache stores of one response: its body (the JSON text sent), its tags (`source:<NAME>` of every
 * source it read), when it was made and how long it may be served. Knows no vendor. Internal module.
 */
import { parseJsonObject } from '../json.js';

export interface CacheRecord {
  /** The response's JSON text, as sent. */
  body: string;
  /** `source:<NAME>` of every source the response read. */
  tags: string[];
  /** When it was made (ms since the epoch). */
  createdAt: number;
  /** How long after `createdAt` it may be served (ms). */
  ttlMs: number;
}

/** The tag of a source. */
export function sourceTag(source: string): string {
  return `source:${source}`;
}

/** The tag every record carries implicitly: invalidating it drops everything. */
export const ALL = '*';

/** Milliseconds `record` may still be served at `now` (0 or less: expired). */
export function remainingMs(record: CacheRecord, now: number): number {
  return record.createdAt + record.ttlMs - now;
}

/** Its `Age` header: whole seconds since it was made. */
export function ageSeconds(record: CacheRecord, now: number): number {
  return Math.max(0, Math.floor((now - record.createdAt) / 1000));
}

/** Roughly what it holds in memory, in bytes (the body counts twice: UTF-16). */
export function recordBytes(record: CacheRecord): number {
  return 2 * record.body.length + record.tags.reduce((n, t) => n + 2 * t.length, 0) + 64;
}

/** Its stored form (Redis). */
export function encodeRecord(record: CacheRecord): string {
  return JSON.stringify(record);
}

/** A record from its stored form; undefined when it is not one (a foreign or damaged value is a miss). */
export function decodeRecord(text: string): CacheRecord | undefined {
  const r = parseJsonObject(text);
  if (r === undefined) return undefined;
  if (typeof r.body !== 'string' || typeof r.createdAt !== 'number' || typeof r.ttlMs !== 'number') return undefined;
  if (!Array.isArray(r.tags) || !r.tags.every((t) => typeof t === 'string')) return undefined;
  return { body: r.body, tags: r.tags, createdAt: r.createdAt, ttlMs: r.ttlMs };
}
