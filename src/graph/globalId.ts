/**
 * Global ids: opaque, URL-safe and stable across restarts. An id is base64url of a JSON array
 * `[typeName, ...nativeKey]`; the type names the source. Public contract: ids are opaque to clients, but ids
 * already handed out must keep resolving, so the format only ever gains types.
 */
import { BadUserInputError } from '../errors/classes.js';
import type { SourceName } from '../errors/codes.js';
import { idProblem, type IdRule } from './ids.js';

/** A GraphQL type name that has global ids (`ScriptConnector`, `App` …): the sources declare theirs. */
export type NodeTypeName = string;

/** The id rules of a node type's native key, one a part: at least one. */
export type NativeKeyRules = readonly [IdRule, ...IdRule[]];

/** A native key: one string a part, as many as its node type has rules (so at least one). */
export type NativeKey = readonly [string, ...string[]];

/** The types a decoder accepts: each with its source and the id rule of each part of its native key. */
export type NodeTypeTable = Readonly<Record<NodeTypeName, { readonly source: SourceName; readonly key: NativeKeyRules }>>;

/** A decoded global id. */
export interface GlobalId {
  type: NodeTypeName;
  source: SourceName;
  key: NativeKey;
}

/** The global id of a `type` object with native key `key`. */
export function encodeGlobalId(type: NodeTypeName, ...key: string[]): string {
  return Buffer.from(JSON.stringify([type, ...key])).toString('base64url');
}

/**
 * Decodes a global id of one of `types`; a malformed or foreign id is BAD_USER_INPUT naming `argumentName`, and so is
 * one whose native key is not a valid id of its source (a path, a dot segment, …): the key becomes a URL path segment.
 */
export function decodeGlobalId(id: string, types: NodeTypeTable, argumentName = 'id'): GlobalId {
  const malformed = () =>
    new BadUserInputError(`Malformed or unknown id: ${argumentName} takes a global id (an object's id), not a native id (its nativeId).`, { argumentName });
  const parts = tryParse(id);
  const type = parts?.[0];
  if (!parts || typeof type !== 'string') throw malformed();
  const spec = Object.hasOwn(types, type) ? types[type] : undefined;
  if (spec === undefined || parts.length !== spec.key.length + 1) throw malformed();
  // Part `i` of the key (parts[i + 1]), checked against its rule.
  const part = (rule: IdRule, i: number): string => {
    const value = parts[i + 1];
    if (typeof value !== 'string' || idProblem(value, rule) !== undefined) throw malformed();
    return value;
  };
  const [firstRule, ...otherRules] = spec.key;
  return { type, source: spec.source, key: [part(firstRule, 0), ...otherRules.map((rule, i) => part(rule, i + 1))] };
}

function tryParse(id: string): unknown[] | undefined {
  if (id.length === 0 || id.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(id)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
