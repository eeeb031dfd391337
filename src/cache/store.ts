/**
 * Where cached responses live, and how they are never served stale: every invalidation of a tag advances a clock
 * and marks the tag with it; a response is stamped with the clock as it was *before* it was computed, and is
 * refused (on write) or dropped (on read) once any of its tags, or `*` (everything), was marked after its stamp. So a
 * change that lands while a response is being computed keeps that response out of the cache. This file: the
 * interface and the in-memory store (one process; least recently used dropped first beyond `maxBytes`). Knows no
 * vendor. Internal module.
 */
import { LRUCache } from 'lru-cache';
import { ALL, recordBytes, remainingMs, type CacheRecord } from './record.js';

/**
 * The clock as it was before a response was computed, and the store's own epoch then (Redis: the link's switches
 * seen; a response begun before one is never stored).
 */
export interface Stamp {
  clock: number;
  epoch: number;
}

export interface CacheStore {
  /** The stamp of a response about to be computed; undefined when the store cannot be used now (bypass). */
  begin(): Promise<Stamp | undefined>;
  /** A fresh record under `key`, else undefined. */
  get(key: string, now: number): Promise<CacheRecord | undefined>;
  /** Stores `record` unless one of its tags was invalidated after `stamp`; whether it did. */
  set(key: string, record: CacheRecord, stamp: Stamp): Promise<boolean>;
  /** Drops every record with one of `tags` (`*`: all), and every one being computed now. */
  invalidate(tags: readonly string[]): Promise<void>;
}

interface Entry {
  record: CacheRecord;
  stamp: Stamp;
}

/** The in-memory store. */
export class MemoryStore implements CacheStore {
  private clock = 0;
  /** The clock when each tag was last invalidated. */
  private readonly marks = new Map<string, number>();
  private readonly entries: LRUCache<string, Entry>;

  constructor(maxBytes: number) {
    this.entries = new LRUCache<string, Entry>({ maxSize: maxBytes, sizeCalculation: (e) => Math.max(1, recordBytes(e.record)) });
  }

  begin(): Promise<Stamp> {
    return Promise.resolve({ clock: this.clock, epoch: 0 });
  }

  get(key: string, now: number): Promise<CacheRecord | undefined> {
    const entry = this.entries.get(key);
    if (entry === undefined) return Promise.resolve(undefined);
    if (remainingMs(entry.record, now) <= 0 || this.stale(entry.record.tags, entry.stamp)) {
      this.entries.delete(key);
      return Promise.resolve(undefined);
    }
    return Promise.resolve(entry.record);
  }

  set(key: string, record: CacheRecord, stamp: Stamp): Promise<boolean> {
    if (this.stale(record.tags, stamp) || recordBytes(record) > this.entries.maxSize) return Promise.resolve(false);
    this.entries.set(key, { record, stamp }, { ttl: record.ttlMs });
    return Promise.resolve(true);
  }

  invalidate(tags: readonly string[]): Promise<void> {
    this.clock += 1;
    for (const tag of tags) this.marks.set(tag, this.clock);
    if (tags.includes(ALL)) this.entries.clear();
    return Promise.resolve();
  }

  /** Bytes held (tests). */
  get bytes(): number {
    return this.entries.calculatedSize;
  }

  private stale(tags: readonly string[], { clock }: Stamp): boolean {
    if ((this.marks.get(ALL) ?? 0) > clock) return true;
    return tags.some((tag) => (this.marks.get(tag) ?? 0) > clock);
  }
}
