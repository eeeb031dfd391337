import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from '../../src/graph/jsonPatch.js';
import { buildSettings, looksSecret, maskSecrets } from '../../src/graph/settings.js';
import { catalogOf } from '../../src/sources/conductorone/catalog.js';
import type { C1Connector } from '../../src/sources/conductorone/client.js';
import { checkConfigMessage, configOperations, kindProblem, pointerToken } from '../../src/sources/conductorone/forms.js';
import { configFields, kindOfConfigValue } from '../../src/sources/conductorone/mappers.js';

describe('kindOfConfigValue', () => {
  it.each([
    ['acme', 'TEXT'],
    ['', 'TEXT'],
    ['https://acme.okta.com', 'URL'],
    ['http://10.0.0.1:8080/scim/v2', 'URL'],
    ['ftp://acme.example', 'TEXT'],
    ['https://', 'TEXT'],
    ['https://acme.example has words', 'TEXT'],
    ['javascript:alert(1)', 'TEXT'],
    [42, 'NUMBER'],
    [0.5, 'NUMBER'],
    [true, 'SWITCH'],
    [['a', 'b'], 'LIST'],
    [[], 'LIST'],
    [[1, 2], 'JSON'],
    [{ a: 1 }, 'JSON'],
    [null, 'TEXT'],
  ])('%j is %s', (value, kind) => {
    expect(kindOfConfigValue(value)).toBe(kind);
  });
});

describe('configFields', () => {
  it('types every key but @type from its value, locks secrets (isSet only) and invents no description', () => {
    const fields = configFields({
      '@type': 'type.googleapis.com/c1.connector.v1.OktaConfig',
      domain: 'https://acme.okta.com',
      apiToken: 'sbx-token',
      emptySecret: '',
      pageSize: 100,
      skipSecondaryEmails: false,
      groups: ['a'],
      headers: { Authorization: 'Bearer x', accept: 'json' },
    });
    expect(fields.map((f) => [f.key, f.kind, f.type])).toEqual([
      ['domain', 'URL', 'Url'],
      ['apiToken', 'SECRET', 'Secret'],
      ['emptySecret', 'SECRET', 'Secret'],
      ['pageSize', 'NUMBER', 'Number'],
      ['skipSecondaryEmails', 'SWITCH', 'Switch'],
      ['groups', 'LIST', 'List'],
      ['headers', 'JSON', 'Json'],
    ]);
    expect(fields.find((f) => f.key === 'apiToken')).toMatchObject({ isSet: true });
    expect(fields.find((f) => f.key === 'apiToken')).not.toHaveProperty('value');
    expect(fields.find((f) => f.key === 'emptySecret')).toMatchObject({ isSet: false });
    expect(fields.every((f) => f.description === undefined)).toBe(true);
    const shown = JSON.stringify(buildSettings(fields));
    expect(shown).not.toContain('sbx-token');
    expect(shown).not.toContain('Bearer x');
  });
});

const connector = (over: Partial<C1Connector> & { id: string; catalogId: string }): C1Connector => ({
  appId: 'app',
  createdAt: '2024-01-01T00:00:00Z',
  ...over,
});

describe('catalogOf', () => {
  const OKTA = 'type.googleapis.com/c1.connector.v1.OktaConfig';
  const connectors = [
    connector({
      id: 'c2',
      catalogId: 'okta',
      displayName: 'Okta (new)',
      createdAt: '2025-01-01T00:00:00Z',
      config: { '@type': OKTA, domain: 'b', apiToken: 's2' },
    }),
    connector({ id: 'c1', catalogId: 'okta', displayName: 'Okta', createdAt: '2024-01-01T00:00:00Z', config: { '@type': OKTA, domain: '', pageSize: 5 } }),
    connector({ id: 'c3', catalogId: 'okta', displayName: 'Waiting', createdAt: '2026-01-01T00:00:00Z', config: null }),
    connector({ id: 'd1', catalogId: 'delegated', displayName: 'Not configured yet', config: null }),
    connector({ id: 'm1', catalogId: 'mixed', config: { '@type': 'type.googleapis.com/A', a: 1 } }),
    connector({ id: 'm2', catalogId: 'mixed', config: { '@type': 'type.googleapis.com/B', a: 1 } }),
    connector({ id: 'x1', catalogId: '' }),
  ];

  it('lists each catalog id of the connectors once, in id order, with the config type they share and its form', () => {
    const catalog = catalogOf(connectors);
    expect(catalog.map((e) => [e.id, e.name, e.configType, e.connectorCount])).toEqual([
      ['delegated', 'Not configured yet', null, 1],
      ['mixed', 'mixed', null, 2],
      ['okta', 'Okta', OKTA, 3],
    ]);
    const okta = catalog[2]!;
    expect(okta.form!.map((f) => [f.key, f.kind])).toEqual([
      ['domain', 'TEXT'],
      ['pageSize', 'NUMBER'],
      ['apiToken', 'SECRET'],
    ]);
    expect(catalog[0]!.form).toBeNull();
    expect(catalog[1]!.form).toBeNull();
  });

  it('gives forms without any connector value', () => {
    const shown = JSON.stringify(catalogOf(connectors).map((e) => e.form && buildSettings(e.form, 'FORM_DEFAULTS')));
    expect(shown).not.toContain('s2');
    expect(shown).not.toMatch(/"value":(?!null)/);
    expect(shown).not.toContain('"isSet":true');
  });
});

describe('configOperations', () => {
  const values = { domain: 'acme', apiToken: null, pageSize: 5, headers: { accept: 'json', Authorization: null } };

  it('writes only what changes, on /config/value/<key>', () => {
    const ops = configOperations(
      values,
      new Map<string, unknown>([
        ['domain', 'acme'],
        ['pageSize', 6],
        ['newFlag', true],
        ['headers', { accept: 'json', Authorization: null }],
      ]),
    );
    expect(ops).toEqual([
      { operation: { op: 'replace', path: '/config/value/pageSize', value: 6 } },
      { operation: { op: 'add', path: '/config/value/newFlag', value: true } },
    ]);
  });

  it('always writes a secret (never compared with the stored one) and flags it; null removes a key', () => {
    const ops = configOperations(
      values,
      new Map<string, unknown>([
        ['apiToken', 'new-secret'],
        ['domain', null],
        ['absent', null],
      ]),
    );
    expect(ops).toEqual([
      { operation: { op: 'replace', path: '/config/value/apiToken', value: 'new-secret' }, secret: true },
      { operation: { op: 'remove', path: '/config/value/domain' } },
    ]);
  });

  it('flags a value that holds a secret below its top level and shows it masked', () => {
    const [op] = configOperations(values, new Map([['headers', { accept: 'xml', Authorization: 'Bearer hidden' }]]));
    expect(op).toEqual({
      operation: { op: 'replace', path: '/config/value/headers', value: { accept: 'xml', Authorization: 'Bearer hidden' } },
      secret: true,
      shown: { accept: 'xml', Authorization: null },
    });
  });

  it('plans nothing for a connector without a config', () => {
    expect(configOperations(null, new Map([['domain', 'x']]))).toEqual([]);
  });

  // Keys and values are the caller's: whatever they are, the operations reach exactly that key, apply cleanly to the
  // representation, and a secret is never shown.
  it('for any keys and values, applying the operations gives exactly those values, and dry-run output holds no secret', () => {
    // `__proto__`, `constructor` and `prototype` are left out: the patch engine refuses them as path members (BAD_USER_INPUT).
    // `__proto__`, `constructor` and `prototype` are left out: the patch engine refuses them as path members (BAD_USER_INPUT).
    const key = fc
      .oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('a/b', '~0', '~1/', 'apiToken', 'client_secret', 'proto'))
      .filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));
    const value = fc.oneof(
      fc.constant(null),
      fc.string({ maxLength: 8 }),
      fc.integer(),
      fc.boolean(),
      fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('password', 'x'), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
    );
    fc.assert(
      fc.property(
        fc.dictionary(key, value, { maxKeys: 5 }),
        fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 5 }),
        (stored, changes) => {
          const document = { config: { typeUrl: 't', value: maskSecrets(stored) as Record<string, unknown> } };
          const planned = configOperations(document.config.value, new Map(changes));
          const after = applyJsonPatch(
            document,
            planned.map((p) => p.operation),
          ).config.value;
          for (const [k, v] of changes) {
            if (v === null) expect(Object.hasOwn(after, k)).toBe(false);
            else expect(after[k]).toEqual(v);
          }
          for (const p of planned) {
            const k = p.operation.path.slice('/config/value/'.length);
            expect(changes.some(([c]) => pointerToken(c) === k)).toBe(true);
            if (looksSecret(changes.find(([c]) => pointerToken(c) === k)![0]) && p.operation.op !== 'remove') expect(p.secret).toBe(true);
            if (p.secret === true && 'shown' in p) expect(p.shown).toEqual(maskSecrets(p.shown));
            if (p.secret !== true && 'value' in p.operation) expect(maskSecrets(p.operation.value)).toEqual(p.operation.value);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('checkConfigMessage', () => {
  const entry = catalogOf([
    connector({
      id: 'c1',
      catalogId: 'okta',
      config: { '@type': 'T', domain: 'https://acme.okta.com', apiToken: 's', pageSize: 5, groups: ['a'], on: true, extra: { a: 1 }, name: 'x' },
    }),
  ])[0]!;

  it('passes a message of the entry type whose values are of the form kinds', () => {
    expect(
      checkConfigMessage(entry, 'T', {
        domain: 'https://other.okta.com',
        apiToken: 'new',
        pageSize: 1,
        groups: [],
        on: false,
        extra: [1],
        name: 'https://x.example',
      }),
    ).toEqual([]);
  });

  it('names a foreign @type, an unknown key and each value of the wrong kind', () => {
    const problems = checkConfigMessage(entry, 'U', { domain: 'acme', pageSize: '5', groups: [1], on: 'yes', extra: 'x', name: 3, nope: 1 });
    expect(problems.map((p) => [p.key, p.code])).toEqual([
      [null, 'INVALID'],
      ['domain', 'WRONG_TYPE'],
      ['pageSize', 'WRONG_TYPE'],
      ['groups', 'WRONG_TYPE'],
      ['on', 'WRONG_TYPE'],
      ['extra', 'WRONG_TYPE'],
      ['name', 'WRONG_TYPE'],
      ['nope', 'UNKNOWN_FIELD'],
    ]);
    expect(problems[0]!.message).toContain('"T"');
  });

  it('refuses to check against an entry whose config type is not known', () => {
    const [unknown] = catalogOf([connector({ id: 'd', catalogId: 'delegated', config: null })]);
    expect(checkConfigMessage(unknown!, null, {})).toEqual([expect.objectContaining({ key: null, code: 'INVALID' })]);
  });

  it('takes any value for a secret, and "" (proto3 unset) for a URL', () => {
    expect(kindProblem('SECRET', 5)).toBeUndefined();
    expect(kindProblem('URL', '')).toBeUndefined();
  });
});
