/**
 * A script connector's `connectorMetadata` (free JSON that SailPoint stores with the connector) as reads show it, and
 * a patched one given its stored secrets back. Pure functions. Internal module.
 *
 * What reads mask, at any depth: the value under a key that looks secret (looksSecret: `password`, `apiKey`,
 * `clientSecret`, …) reads as null; a string that is well-formed XML reads as the XML fields do (xmlSecrets.ts);
 * PEM private keys in any other string read as SECRET_MASK. What a patch leaves is written back with the stored
 * value wherever it still shows it as read at the same place: a null under a secret key, a string equal to the stored
 * one as it reads, the masked values of an XML string (by the XML rules); an array item sent back unchanged keeps the
 * stored item. A mask left anywhere else (a masked value copied or moved to another place, a masked private key
 * edited in part) is a problem: it would be stored as the value. Only a string stored with nothing masked may hold
 * `********` as text.
 */
import { isDeepStrictEqual } from 'node:util';
import { looksSecret, maskPrivateKeys, SECRET_MASK } from '../../graph/settings.js';
import { maskXmlSecrets, restoreXmlSecrets } from './xmlSecrets.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a string is to be read as XML: it starts with `<` (after blanks). */
const looksXml = (text: string): boolean => text.trimStart().startsWith('<');

/** A string as reads show it: XML masked as the XML fields are, PEM private keys masked in any string. */
function shownString(text: string): string {
  if (looksXml(text)) {
    const masked = maskXmlSecrets(text);
    if (masked !== undefined) return masked;
  }
  return maskPrivateKeys(text);
}

/** A JSON value as reads show it (see the module comment); a new value, `value` itself when nothing in it is a string, object or array. */
export function shownJson(value: unknown): unknown {
  if (typeof value === 'string') return shownString(value);
  if (Array.isArray(value)) return value.map(shownJson);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) out[key] = looksSecret(key) ? null : shownJson(v);
  return out;
}

// Each metadata object is masked once, however often (and under however many aliases) it is read.
const shownMetadataCache = new WeakMap<object, Json>();

/** A connector's `connectorMetadata` as reads show it (masked once per object); null when it has none. */
export function shownMetadata(metadata: Json | null | undefined): Json | null {
  if (!isObject(metadata)) return null;
  let shown = shownMetadataCache.get(metadata);
  if (shown === undefined) {
    shown = shownJson(metadata) as Json;
    shownMetadataCache.set(metadata, shown);
  }
  return shown;
}

/** The outcome of giving a patched metadata value its stored secrets back: the value to write, or the place of a problem. */
type MetadataRestore = { ok: true; value: unknown } | { ok: false; problem: string; at: string[] };

class RestoreProblem extends Error {
  constructor(
    readonly problem: string,
    readonly at: string[],
  ) {
    super(problem);
  }
}

/**
 * `next` (metadata as a patch left it, from the value reads showed) with the stored values put back where it still
 * shows them as read at the same place (see the module comment): what is written keeps reading as `next`, so no
 * stored secret becomes readable, at another place or at a place that is no longer masked.
 */
export function restoreMetadata(next: unknown, stored: unknown): MetadataRestore {
  try {
    return { ok: true, value: restore(next, stored, []) };
  } catch (error) {
    if (error instanceof RestoreProblem) return { ok: false, problem: error.problem, at: error.at };
    throw error;
  }
}

function restore(next: unknown, stored: unknown, at: string[]): unknown {
  if (typeof next === 'string') return restoreString(next, typeof stored === 'string' ? stored : undefined, at);
  if (Array.isArray(next)) {
    const storedItems: unknown[] = Array.isArray(stored) ? stored : [];
    const shown = storedItems.map(shownJson);
    const taken = new Set<number>();
    return next.map((item, i) => {
      // An item sent back unchanged takes the stored one (the same place first), each stored item at most once; a
      // changed item is matched to none (by position it could take another item's secret).
      const same =
        !taken.has(i) && i < shown.length && isDeepStrictEqual(shown[i], item) ? i : shown.findIndex((s, k) => !taken.has(k) && isDeepStrictEqual(s, item));
      if (same !== -1) {
        taken.add(same);
        return storedItems[same];
      }
      return restore(item, undefined, [...at, String(i)]);
    });
  }
  if (!isObject(next)) return next;
  const out: Json = {};
  for (const [key, value] of Object.entries(next)) {
    const before = isObject(stored) && Object.hasOwn(stored, key) ? stored[key] : undefined;
    if (looksSecret(key)) {
      // Reads show null here: null keeps what is stored; anything else is a new value (it reads as null too).
      out[key] = value === null && before !== undefined ? before : value;
    } else {
      out[key] = restore(value, before, [...at, key]);
    }
  }
  return out;
}

function restoreString(next: string, stored: string | undefined, at: string[]): string {
  if (!next.includes(SECRET_MASK)) return next;
  const storedShown = stored === undefined ? undefined : shownString(stored);
  // Sent back as read: the stored text (masking is by content, so it reads the same here).
  if (stored !== undefined && storedShown === next) return stored;
  if (looksXml(next)) {
    const restored = restoreXmlSecrets(next, stored !== undefined && looksXml(stored) ? stored : undefined);
    if (restored.ok) return restored.xml;
    // Not XML after all: only a literal mask, unless something masked is stored here (below).
    if (restored.problem !== 'not well-formed XML') throw new RestoreProblem(restored.problem, at);
  }
  // A literal `********` in a string stored without anything masked (edited around it).
  if (stored !== undefined && storedShown === stored) return next;
  // A masked value carried elsewhere (a copy, a move), or edited in part: its secret cannot follow.
  const where = stored === undefined ? 'where nothing is stored' : 'where a masked value is stored';
  throw new RestoreProblem(`it holds the mask ${SECRET_MASK} ${where}; send the whole value itself`, at);
}
