/**
 * Global ids: opaque, URL-safe and stable across restarts. An id is base64url of a JSON array
 * `[typeName, ...nativeKey]`; the type names the source. Public contract: ids are opaque to clients, but ids
 * already handed out must keep resolving, so the format only ever gains types.
 */
import { BadUserInputError } from '../errors/classes.js';
import type { SourceName } from '../errors/codes.js';

/** Every type that has a global id, with its source and the number of parts of its native key. */
export const NODE_TYPES = {
  ScriptConnector: { source: 'SAILPOINT', keyParts: 1 },
  LoginConnector: { source: 'LOGTO', keyParts: 1 },
  AppConnector: { source: 'CONDUCTORONE', keyParts: 2 },
  App: { source: 'CONDUCTORONE', keyParts: 1 },
} as const satisfies Record<string, { source: SourceName; keyParts: number }>;

export type NodeTypeName = keyof typeof NODE_TYPES;

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

/** Decodes a global id; a malformed or foreign id is BAD_USER_INPUT. */
export function decodeGlobalId(id: string): GlobalId {
  const parts = tryParse(id);
  const type = parts?.[0];
  if (!parts || typeof type !== 'string' || !Object.hasOwn(NODE_TYPES, type)) {
    throw new BadUserInputError('Malformed or unknown id.', { argumentName: 'id' });
  }
  const spec = NODE_TYPES[type as NodeTypeName];
  const key = parts.slice(1);
  if (key.length !== spec.keyParts || !key.every((k) => typeof k === 'string' && k !== '')) {
    throw new BadUserInputError('Malformed or unknown id.', { argumentName: 'id' });
  }
  return { type: type as NodeTypeName, source: spec.source, key: key as string[] };
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
