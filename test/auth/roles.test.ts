/** Role syntax, `GATEWAY_API_KEYS`, JWT role claims and the start-up refusal without authentication. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseApiKeys, parseRole, permissionsOf } from '../../src/auth/roles.js';
import { rolesFromClaim } from '../../src/auth/authenticate.js';
import { ConfigError, isLoopback, loadConfig } from '../../src/config/index.js';
import { SOURCES } from '../../src/sources/index.js';

const hash = createHash('sha256').update('k').digest('hex');
const NAMES = SOURCES.map((s) => s.name);

describe('roles', () => {
  it('parses levels and source scopes, case-insensitively, and nothing else', () => {
    expect(parseRole('viewer', NAMES)).toEqual({ level: 'viewer' });
    expect(parseRole('Editor@Logto', NAMES)).toEqual({ level: 'editor', source: 'LOGTO' });
    for (const bad of ['admin', 'editor@okta', 'viewer@', '@logto', 'editor logto']) expect(parseRole(bad, NAMES), bad).toBeUndefined();
    // The scopes are the gateway's sources, whatever they are.
    expect(parseRole('viewer@acme', [...NAMES, 'ACME'])).toEqual({ level: 'viewer', source: 'ACME' });
    expect(parseRole('viewer@logto', ['ACME'])).toBeUndefined();
  });

  it('an editor reads what it writes; scoped roles add up', () => {
    const p = permissionsOf(
      [
        { level: 'editor', source: 'LOGTO' },
        { level: 'viewer', source: 'SAILPOINT' },
      ],
      NAMES,
    );
    expect([...p.read].sort()).toEqual(['LOGTO', 'SAILPOINT']);
    expect([...p.write]).toEqual(['LOGTO']);
    expect(permissionsOf([{ level: 'viewer' }], NAMES).write.size).toBe(0);
    expect([...permissionsOf([{ level: 'viewer' }], [...NAMES, 'ACME']).read]).toEqual([...NAMES, 'ACME']);
  });

  it('reads GATEWAY_API_KEYS entries and names the bad one without echoing it', () => {
    const keys = parseApiKeys(`viewer:${hash}, editor@sailpoint:${hash.toUpperCase()}`, NAMES);
    expect(keys.map((k) => k.role)).toEqual([{ level: 'viewer' }, { level: 'editor', source: 'SAILPOINT' }]);
    expect(keys[0]!.hash.equals(Buffer.from(hash, 'hex'))).toBe(true);
    expect(() => parseApiKeys(`viewer:${hash},admin:${hash}`, NAMES)).toThrow(
      'entry 2: expected ROLE:SHA256HEX with ROLE viewer or editor, optionally @conductorone, @logto or @sailpoint',
    );
    expect(() => parseApiKeys('editor:my-plain-key', NAMES)).toThrow(/entry 1: .*64 hex/);
    expect(() => parseApiKeys('editor:my-plain-key', NAMES)).not.toThrow(/my-plain-key/);
  });

  it('takes roles from an array claim or a space-separated string, ignoring others', () => {
    expect(rolesFromClaim(['viewer', 'openid', 'editor@logto', 3], NAMES)).toEqual([{ level: 'viewer' }, { level: 'editor', source: 'LOGTO' }]);
    expect(rolesFromClaim('openid editor', NAMES)).toEqual([{ level: 'editor' }]);
    expect(rolesFromClaim(undefined, NAMES)).toEqual([]);
    expect(rolesFromClaim({ viewer: true }, NAMES)).toEqual([]);
  });
});

describe('start-up without caller authentication', () => {
  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopback(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.5', 'gateway.internal', '128.0.0.1']) expect(isLoopback(h), h).toBe(false);
  });

  it('refuses a non-loopback host with no API keys and no JWKS, naming the settings', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/GATEWAY_API_KEYS.*GATEWAY_JWT_JWKS_URL/);
    expect(loadConfig({ HOST: '0.0.0.0', GATEWAY_API_KEYS: `viewer:${hash}` }).auth.apiKeys).toHaveLength(1);
    expect(loadConfig({ HOST: '0.0.0.0', GATEWAY_JWT_JWKS_URL: 'https://idp.example/jwks' }).auth.jwt).toMatchObject({ rolesClaim: 'roles' });
    expect(loadConfig({ HOST: '0.0.0.0', GATEWAY_ALLOW_ANONYMOUS: 'true' }).host).toBe('0.0.0.0');
    expect(loadConfig({}).auth).toEqual({ apiKeys: [] });
  });

  it('names a bad auth or limit setting', () => {
    expect(() => loadConfig({ GATEWAY_API_KEYS: 'viewer:abc' })).toThrow(/GATEWAY_API_KEYS: entry 1/);
    expect(() => loadConfig({ GATEWAY_JWT_JWKS_URL: 'file:///etc/keys' })).toThrow(/GATEWAY_JWT_JWKS_URL/);
    expect(() => loadConfig({ GATEWAY_JWT_ROLES_CLAIM: 'a..b' })).toThrow(/GATEWAY_JWT_ROLES_CLAIM/);
    expect(() => loadConfig({ GATEWAY_MAX_DEPTH: '0' })).toThrow(/GATEWAY_MAX_DEPTH/);
  });
});
