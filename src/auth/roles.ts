/**
 * Roles and what they allow. A role is `viewer` (queries) or `editor` (queries and mutations), for every source or
 * for one (`editor@logto`: a source's name, lower-cased); the same strings name roles in `GATEWAY_API_KEYS` and in a
 * JWT's roles claim. The sources are the gateway's (the registry's names), passed in. Public: the role syntax is
 * documented in the README.
 */
import { ForbiddenError } from '../errors/classes.js';
import type { SourceName } from '../errors/codes.js';

/** What a caller may do, per source. */
export interface Permissions {
  read: ReadonlySet<SourceName>;
  write: ReadonlySet<SourceName>;
}

/** One parsed role: its level and the source it is limited to (undefined: every source). */
export interface Role {
  level: 'viewer' | 'editor';
  source?: SourceName;
}

/** One entry of `GATEWAY_API_KEYS`: a role and the SHA-256 of the key. */
export interface ApiKeyEntry {
  role: Role;
  /** The key's SHA-256, 32 bytes. */
  hash: Buffer;
}

const ROLE = /^(viewer|editor)(?:@([a-z0-9_]+))?$/;

/** Parses `viewer`, `editor`, `viewer@sailpoint`, … for the sources named `sources`; undefined for anything else (case-insensitive). */
export function parseRole(text: string, sources: readonly SourceName[]): Role | undefined {
  const m = ROLE.exec(text.trim().toLowerCase());
  if (!m) return undefined;
  if (m[2] === undefined) return { level: m[1] as Role['level'] };
  const source = m[2].toUpperCase();
  return sources.includes(source) ? { level: m[1] as Role['level'], source } : undefined;
}

/** How the README writes the scopes: `@conductorone, @logto or @sailpoint`. */
function scopesText(sources: readonly SourceName[]): string {
  const scopes = sources.map((s) => `@${s.toLowerCase()}`);
  return scopes.length <= 1 ? scopes.join('') : `${scopes.slice(0, -1).join(', ')} or ${scopes.at(-1)}`;
}

/**
 * Parses `GATEWAY_API_KEYS`: comma-separated `role:sha256-hex-of-key` entries. The same hash may appear with
 * several roles. Throws with a message naming the bad entry by position (never echoing a hash).
 */
export function parseApiKeys(text: string, sources: readonly SourceName[]): ApiKeyEntry[] {
  const entries: ApiKeyEntry[] = [];
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  items.forEach((item, i) => {
    const colon = item.lastIndexOf(':');
    const role = colon > 0 ? parseRole(item.slice(0, colon), sources) : undefined;
    const hex = colon > 0 ? item.slice(colon + 1).trim() : '';
    if (!role) throw new Error(`entry ${i + 1}: expected ROLE:SHA256HEX with ROLE viewer or editor, optionally ${scopesText(sources)}`);
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`entry ${i + 1}: the key's SHA-256 must be 64 hex digits (see the README: never the key itself)`);
    entries.push({ role, hash: Buffer.from(hex, 'hex') });
  });
  if (entries.length === 0) throw new Error('no entries');
  return entries;
}

/** The permissions that a set of roles grants over `sources` (an unscoped role: all of them); an editor may also read what it may write. */
export function permissionsOf(roles: readonly Role[], sources: readonly SourceName[]): Permissions {
  const read = new Set<SourceName>();
  const write = new Set<SourceName>();
  for (const role of roles) {
    for (const source of role.source ? [role.source] : sources) {
      read.add(source);
      if (role.level === 'editor') write.add(source);
    }
  }
  return { read, write };
}

/** Everything on every one of `sources`: the caller when no authentication is configured. */
export function fullAccess(sources: readonly SourceName[]): Permissions {
  return permissionsOf([{ level: 'editor' }], sources);
}

/** Nothing on any source. */
export const NO_ACCESS: Permissions = permissionsOf([], []);

/** The refusal of reading (`write` false) or changing `source`'s connectors, naming the roles that would allow it. */
export function forbiddenFor(write: boolean, source: SourceName): ForbiddenError {
  const level = write ? 'editor' : 'viewer';
  return new ForbiddenError(
    `Your roles do not allow ${write ? 'changing' : 'reading'} ${source} connectors (needs ${level} or ${level}@${source.toLowerCase()}).`,
  );
}

/**
 * Throws FORBIDDEN unless `permissions` allow reading `source`. The resolvers that find their source in an id (`node`,
 * `connector`) call it before any backend call, behind the check of the whole operation: a Set lookup.
 */
export function assertCanRead(permissions: Permissions, source: SourceName): void {
  if (!permissions.read.has(source)) throw forbiddenFor(false, source);
}

/** Throws FORBIDDEN unless `permissions` allow changing `source` (`patchConnector`, `deleteConnector`; see assertCanRead). */
export function assertCanWrite(permissions: Permissions, source: SourceName): void {
  if (!permissions.write.has(source)) throw forbiddenFor(true, source);
}
