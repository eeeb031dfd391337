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

/** The types a decoder accepts: each with its source and the id rule of each part of its native key. */
export type NodeTypeTable = Readonly<Record<NodeTypeName, { readonly source: SourceName; readonly key: readonly IdRule[] }>>;

/** A decoded global id. */
export interface GlobalId {
  type: NodeTypeName;
  source: SourceName;
  key: string[];
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
  const parts = tryParse(id);
  const type = parts?.[0];
  if (!parts || typeof type !== 'string' || !Object.hasOwn(types, type)) {
    throw new BadUserInputError('Malformed or unknown id.', { argumentName });
  }
  const spec = types[type]!;
  const key = parts.slice(1);
  if (key.length !== spec.key.length || !key.every((k, i) => typeof k === 'string' && idProblem(k, spec.key[i]!) === undefined)) {
    throw new BadUserInputError('Malformed or unknown id.', { argumentName });
  }
  return { type, source: spec.source, key: key as string[] };
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
