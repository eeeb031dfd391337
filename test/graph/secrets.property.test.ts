/**
 * Property tests of config masking and its write path (what a source stores is attacker-shaped: any keys, any depth):
 * no secret value under a secret key shows anywhere in `settings` (Logto, ConductorOne) or `config.value`, and a
 * config read and sent back unchanged, masked values and all, merges back to exactly what was stored.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loginConnectorSettings, logtoSecretTest } from '../../src/sources/logto/mappers.js';
import { appConnectorSettings, connectorConfig } from '../../src/sources/conductorone/mappers.js';
import { mergeObject } from '../../src/graph/merge.js';
import { looksSecret } from '../../src/graph/settings.js';

const SECRET_KEYS = [
  'clientSecret',
  'password',
  'api_key',
  'Authorization',
  'X-Api-Key',
  'accessToken',
  'privateKey',
  'credentials',
  'Proxy-Authorization',
  'Cookie',
];
const PLAIN_KEYS = ['host', 'region', 'Accept', 'name', 'scope', 'authorizationEndpoint', 'items', 'nested', 'port', 'enabled'];

/** A config whose secret values are all unique `secret-marker-<n>` strings under secret keys, at any depth. */
function configArbitrary() {
  const secret = fc.constant('SECRET');
  const leaf = fc.oneof(
    fc.string({ maxLength: 6 }).map((s) => `plain ${s}`),
    fc.integer(),
    fc.boolean(),
  );
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), tie('array')),
    array: fc.array(tie('tree'), { maxLength: 3 }),
    object: fc
      .array(fc.oneof(fc.tuple(fc.constantFrom(...SECRET_KEYS), fc.oneof(secret, tie('object'))), fc.tuple(fc.constantFrom(...PLAIN_KEYS), tie('tree'))), {
        maxLength: 4,
      })
      .map((entries) => Object.fromEntries(entries)),
  }));
  return fc
    .array(fc.oneof(fc.tuple(fc.constantFrom(...SECRET_KEYS), secret), fc.tuple(fc.constantFrom(...PLAIN_KEYS), tree)), { minLength: 1, maxLength: 5 })
    .map((entries) => {
      let n = 0;
      const number = (v: unknown): unknown =>
        v === 'SECRET'
          ? `secret-marker-${++n}`
          : Array.isArray(v)
            ? v.map(number)
            : typeof v === 'object' && v !== null
              ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, number(x)]))
              : v;
      return number(Object.fromEntries(entries)) as Record<string, unknown>;
    });
}

/** The secret markers anywhere in a value. */
function markers(value: unknown): string[] {
  return [...JSON.stringify(value).matchAll(/secret-marker-\d+/g)].map((m) => m[0]);
}

/** What a client reading `settings` would send back as `config`: each field's key and shown value. */
function readBack(settings: { sections: { fields: { key: string; value: unknown }[] }[] }): Record<string, unknown> {
  return Object.fromEntries(settings.sections.flatMap((s) => s.fields.map((f) => [f.key, f.value])));
}

describe('config masking at any depth', () => {
  it('shows no secret in settings or config.value, whatever the stored config looks like', () => {
    fc.assert(
      fc.property(configArbitrary(), (config) => {
        const stored = markers(config);
        const shown = JSON.stringify([
          loginConnectorSettings({ formItems: [], config }),
          appConnectorSettings(config),
          connectorConfig({ '@type': 't', ...config }),
        ]);
        for (const secret of stored) expect(shown).not.toContain(secret);
      }),
      { numRuns: 300 },
    );
  });

  it('merges a config read and sent back unchanged to exactly what is stored (Logto and ConductorOne rules)', () => {
    fc.assert(
      fc.property(configArbitrary(), (config) => {
        const logto = mergeObject(config, readBack(loginConnectorSettings({ formItems: [], config })), logtoSecretTest([]));
        expect(logto).toEqual(config);
        const c1 = mergeObject(config, readBack(appConnectorSettings(config)), looksSecret);
        expect(c1).toEqual(config);
      }),
      { numRuns: 300 },
    );
  });
});
