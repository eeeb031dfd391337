/**
 * Native ids are names, never paths: every id that becomes a URL path segment (a SailPoint scriptName, a Logto
 * connector or factory id, a ConductorOne app or connector id) is checked against its vendor's rule before anything
 * is sent, so that no upstream or proxy that normalises dot segments or decodes escapes can be steered to another
 * endpoint. The rules themselves live with each source (`inputs.ts`); this is the check they share. Pure functions.
 * Internal module.
 */
import { BadUserInputError } from '../errors/classes.js';

/** What a vendor's ids look like. */
export interface IdRule {
  /** The longest id the vendor has (at most 128 here, whatever the vendor allows). */
  maxLength: number;
  /** The whole id must match (anchored). */
  pattern: RegExp;
  /** The pattern in words, for the refusal: "letters, digits, '_' or '-'". */
  shape: string;
}

/** Longer than this is never an id, whatever the vendor. */
const MAX_ID_LENGTH = 128;

/**
 * Never part of an id, whatever the vendor: path and query delimiters, percent escapes, backslashes (some servers
 * read them as `/`), control characters and whitespace.
 */
const NEVER = /[/\\%?#\p{Cc}\p{Cf}\p{Zl}\p{Zp}\s]/u;

/** Whether `text` is well-formed UTF-16, with no lone surrogate (String.prototype.isWellFormed: ES2024, Node 20). */
export function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

/** Why `value` is not an id under `rule` (a sentence fragment naming no value), or undefined when it is one. */
export function idProblem(value: string, rule: IdRule): string | undefined {
  if (value === '') return 'must not be empty';
  if (value.length > Math.min(rule.maxLength, MAX_ID_LENGTH)) return `must be at most ${Math.min(rule.maxLength, MAX_ID_LENGTH)} characters`;
  if (!isWellFormed(value)) return 'is not well-formed Unicode (it holds a lone surrogate)';
  if (value === '.' || value === '..') return 'must not be a dot segment (. or ..)';
  if (NEVER.test(value)) return 'must not contain /, \\, %, ?, #, whitespace or control characters';
  if (!rule.pattern.test(value)) return `must be ${rule.shape}`;
  return undefined;
}

/**
 * Whether `value` reads as one of the gateway's global ids (base64url of `["<Type>", ...nativeKey]`, see globalId.ts):
 * what a caller gives a native-id argument when it mixes up `id` and `nativeId`. No vendor's id is one (a KSUID, a
 * Logto id or a scriptName that happens to be base64url does not decode to such an array).
 */
export function looksLikeGlobalId(value: string): boolean {
  if (value.length < 8 || value.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(value)) return false;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return false;
  }
  if (!Array.isArray(parts) || parts.length < 2 || !parts.every((part): part is string => typeof part === 'string')) return false;
  return /^[A-Z][A-Za-z0-9]*$/.test(parts[0] ?? '');
}

/**
 * Returns `value` when it is an id under `rule`; else BAD_USER_INPUT naming `argumentName`, before any call. A global
 * id (an object's `id`) given where a native id (its `nativeId`) belongs is refused too, naming the arguments that
 * take it: without this a source would be asked for an object it cannot have, and the answer would be a silent null.
 */
export function checkId(value: string, rule: IdRule, argumentName: string): string {
  // First: a global id is often longer than a vendor's ids, and the length alone would not say what is wrong.
  if (looksLikeGlobalId(value)) {
    throw new BadUserInputError(
      `${argumentName} takes a native id (an object's nativeId), not a global id (its id): give a global id to node(id:) or, for a connector, to connector(id:).`,
      { argumentName },
    );
  }
  const problem = idProblem(value, rule);
  if (problem !== undefined) throw new BadUserInputError(`${argumentName} ${problem}.`, { argumentName });
  return value;
}

/**
 * One URL path segment: `encodeURIComponent`, as a second line behind the id rules (ids that come from a source
 * pass here too). An empty value, a dot segment or a lone surrogate cannot be one segment: refused.
 */
export function pathSegment(value: string): string {
  if (value === '' || value === '.' || value === '..' || !isWellFormed(value)) {
    throw new BadUserInputError('An id that is empty, a dot segment or not well-formed Unicode cannot address an object.');
  }
  return encodeURIComponent(value);
}
