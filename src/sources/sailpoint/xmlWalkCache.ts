/**
 * The walks of stored XML files (readXmlSecrets) kept across requests, keyed by the file's text: a connector's
 * detail is read again and again with the same files, and the walk (a full parse) is a tenth of a detail read's
 * CPU. The result depends on the text alone, so a hit is the walk itself. Bounded by the characters held (each
 * entry counted as twice its text: the raw file and its masked copy); a file larger than MAX_CACHED_CHARS is walked
 * every time and never kept. Internal module.
 */
import { LRUCache } from 'lru-cache';
import { readXmlSecrets, type StoredXml } from './xmlSecrets.js';

/** Characters the cache holds at most (raw and shown texts together). */
export const MAX_TOTAL_CHARS = 2_000_000;
/** A file longer than this is not kept. */
export const MAX_CACHED_CHARS = 256_000;

/** A walk result; null: not well-formed. */
type Walk = StoredXml | null;

export interface XmlWalkCache {
  /** The walk of `xml` (readXmlSecrets), from the cache when it holds it; undefined when it is not well-formed. */
  walk(xml: string): StoredXml | undefined;
  /** Characters held now (for tests). */
  readonly heldChars: number;
  /** Entries held now (for tests). */
  readonly size: number;
  /** Whether `xml`'s walk is held (for tests; does not refresh its place). */
  has(xml: string): boolean;
}

/** Size an entry is counted at: its text, and its masked copy (when it differs, as it is then a second string). */
function charsOf(xml: string, walk: Walk): number {
  return xml.length + (walk && walk.shown !== walk.raw ? walk.shown.length : 0) + 1;
}

export function createXmlWalkCache(maxTotalChars = MAX_TOTAL_CHARS, maxCachedChars = MAX_CACHED_CHARS): XmlWalkCache {
  // lru-cache refuses null values; a not-well-formed file is held as this marker.
  const NOT_WELL_FORMED = { notWellFormed: true } as const;
  const cache = new LRUCache<string, StoredXml | typeof NOT_WELL_FORMED>({
    maxSize: maxTotalChars,
    sizeCalculation: (value, key) => charsOf(key, value === NOT_WELL_FORMED ? null : (value as StoredXml)),
  });
  return {
    walk(xml) {
      const hit = cache.get(xml);
      if (hit !== undefined) return hit === NOT_WELL_FORMED ? undefined : (hit as StoredXml);
      const walked = readXmlSecrets(xml);
      if (xml.length <= maxCachedChars && charsOf(xml, walked ?? null) <= maxTotalChars) cache.set(xml, walked ?? NOT_WELL_FORMED);
      return walked;
    },
    get heldChars() {
      return cache.calculatedSize;
    },
    get size() {
      return cache.size;
    },
    has: (xml) => cache.has(xml),
  };
}

/** The process's cache. */
export const xmlWalks = createXmlWalkCache();
