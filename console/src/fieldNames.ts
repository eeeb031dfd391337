/**
 * Which field a refusal names: a source's reasons name fields by their key ("clientId is required",
 * "metadata.target must be a text"), not by a field id. Pure, and safe on any text a source sends.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The first of `keys` (in the order given) that `message` names as a whole key: not part of a longer name
 * (letters, digits, `_`, `-`, or a `.` joining a path), so `target` is not found in `metadata.target` nor `name` in
 * `displayName`. Undefined when none is named.
 */
export function fieldNamedIn(message: string, keys: readonly string[]): string | undefined {
  return keys.find((key) => key !== '' && new RegExp(`(?<![\\w.-])${escapeRegExp(key)}(?![\\w-]|\\.\\w)`).test(message));
}
