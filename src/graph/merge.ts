/**
 * Merging a partial update onto what a source stores, for sources that replace an object whole. Pure. Internal module.
 */
import { isDeepStrictEqual } from 'node:util';
import { maskSecrets } from './settings.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Sets `key` on `target` as an own data property: an assignment of `__proto__` (an own key that JSON.parse makes)
 * would set the object's prototype instead.
 */
function setOwn(target: Json, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * `stored` with the keys of `patch` applied: a value replaces, null removes, except that null on a locked key
 * keeps the stored secret (reads show locked values as null, so a config read and sent back must not erase them);
 * the same holds below a replaced value (see keepSecrets). Keys are data, `__proto__` too (an own key JSON.parse
 * makes): only own members are read and every key is set as an own property. Neither input is changed.
 */
export function mergeObject(
  stored: Record<string, unknown> | undefined,
  patch: Record<string, unknown>,
  isLocked: (key: string) => boolean = () => false,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...stored };
  const removed = new Set<string>();
  for (const [key, value] of Object.entries(patch)) {
    if (value !== null) setOwn(merged, key, keepSecrets(value, stored && Object.hasOwn(stored, key) ? stored[key] : undefined, isLocked));
    else if (!isLocked(key)) removed.add(key);
  }
  return removed.size === 0 ? merged : Object.fromEntries(Object.entries(merged).filter(([key]) => !removed.has(key)));
}

/**
 * `next` with the stored secrets put back where a read showed them as null, at any depth: in objects, a null under a
 * locked key takes the stored value at the same key; in arrays, an item sent back unchanged (equal to a stored
 * item as reads show it, the one at the same place first) takes that stored item, secrets included, each stored item
 * at most once. An item that was changed keeps what was sent: matching it to a stored one by position could hand it
 * another item's secret.
 */
export function keepSecrets(next: unknown, stored: unknown, isLocked: (key: string) => boolean): unknown {
  if (Array.isArray(next)) {
    if (!Array.isArray(stored)) return next;
    const sent: readonly unknown[] = next;
    const storedItems: readonly unknown[] = stored;
    const shown = storedItems.map((item) => maskSecrets(item, isLocked));
    const taken = new Set<number>();
    const match = (item: unknown, i: number): number =>
      !taken.has(i) && isDeepStrictEqual(shown[i], item) ? i : shown.findIndex((s, k) => !taken.has(k) && isDeepStrictEqual(s, item));
    return sent.map((item, i) => {
      // The same place first, then any stored item not matched yet: each stored item (and secret) is used once.
      const at = match(item, i);
      if (at === -1) return item;
      taken.add(at);
      return storedItems[at];
    });
  }
  if (!isObject(next) || !isObject(stored)) return next;
  const out: Json = {};
  for (const [key, value] of Object.entries(next)) {
    const before = Object.hasOwn(stored, key) ? stored[key] : undefined;
    setOwn(out, key, value === null && isLocked(key) && before !== undefined ? before : keepSecrets(value, before, isLocked));
  }
  return out;
}
