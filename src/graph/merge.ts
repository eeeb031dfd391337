/**
 * Merging a partial update onto what a source stores, for sources that replace an object whole. Pure. Internal module.
 */

/**
 * `stored` with the keys of `patch` applied: a value replaces, null removes, except that null on a locked key
 * keeps the stored secret (reads show locked values as null, so a config read and sent back must not erase them).
 * Neither input is changed.
 */
export function mergeObject(
  stored: Record<string, unknown> | undefined,
  patch: Record<string, unknown>,
  isLocked: (key: string) => boolean = () => false,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== null) merged[key] = value;
    else if (!isLocked(key)) delete merged[key];
  }
  return merged;
}
