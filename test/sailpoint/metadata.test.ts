/**
 * A script connector's `connectorMetadata`: masked as reads show it (secret-named values, private keys, XML secrets),
 * and a patched one written back with the stored values only where it still shows them as read (review F1 of issue
 * 15). Unit tests, and a property test over patches an attacker chooses: what is written always reads as what the
 * patch left, and no stored secret ever reads anywhere.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyJsonPatch, type JsonPatchOperation } from '../../src/graph/jsonPatch.js';
import { restoreMetadata, shownJson, shownMetadata } from '../../src/sources/sailpoint/metadata.js';

const PEM = '-----BEGIN PRIVATE KEY-----\nMETA-SECRET-4\n-----END PRIVATE KEY-----';
const FORM = '<Form><Field name="p" type="secret" value="META-SECRET-5"/><Field name="u" type="text" value="plain"/></Form>';
const STORED = {
  shortDesc: 'Plain text',
  auth: { user: 'svc', password: 'META-SECRET-1', headers: { Authorization: 'Bearer META-SECRET-2' } },
  items: [{ name: 'k1', privateKey: 'META-SECRET-3' }, 'note'],
  pem: `key: ${PEM} (rotated)`,
  form: FORM,
  literal: 'shown as ******** on purpose',
};
const SECRETS = ['META-SECRET-1', 'META-SECRET-2', 'META-SECRET-3', 'META-SECRET-4', 'META-SECRET-5'];

describe('shownMetadata', () => {
  it('masks secret-named values at any depth, private keys in strings and XML secrets; keeps the rest', () => {
    const shown = shownMetadata(STORED)!;
    const text = JSON.stringify(shown);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(shown).toMatchObject({
      shortDesc: 'Plain text',
      auth: { user: 'svc', password: null, headers: { Authorization: null } },
      items: [{ name: 'k1', privateKey: null }, 'note'],
      pem: 'key: ******** (rotated)',
      literal: 'shown as ******** on purpose',
    });
    expect(shown.form).toContain('value="********"');
    expect(shown.form).toContain('value="plain"');
    // Once per object, however often it is read.
    expect(shownMetadata(STORED)).toBe(shown);
    expect(shownMetadata(undefined)).toBeNull();
  });
});

describe('restoreMetadata', () => {
  const shown = () => structuredClone(shownMetadata(STORED)!);

  it('gives the metadata sent back as read, or edited around its secrets, its stored values', () => {
    expect(restoreMetadata(shown(), STORED)).toEqual({ ok: true, value: STORED });
    const edited = { ...shown(), shortDesc: 'New text', auth: { ...(shown().auth as object), user: 'svc2' } };
    expect(restoreMetadata(edited, STORED)).toEqual({ ok: true, value: { ...STORED, shortDesc: 'New text', auth: { ...STORED.auth, user: 'svc2' } } });
  });

  it('writes a new secret as sent, and null under a secret name where nothing is stored', () => {
    const next = { ...shown(), auth: { user: 'svc', password: 'new-one', headers: { Authorization: null } }, token: null };
    const restored = restoreMetadata(next, STORED);
    expect(restored).toMatchObject({ ok: true, value: { auth: { password: 'new-one', headers: { Authorization: 'Bearer META-SECRET-2' } }, token: null } });
  });

  it('refuses a masked value carried to another place (copy, move) or edited in part, naming the place', () => {
    expect(restoreMetadata({ ...shown(), leak: shown().pem }, STORED)).toMatchObject({ ok: false, at: ['leak'] });
    expect(restoreMetadata({ ...shown(), copy: shown().form }, STORED)).toMatchObject({
      ok: false,
      at: ['copy'],
      problem: expect.stringMatching(/where no secret is stored/),
    });
    const partly = { ...shown(), pem: 'key: ******** (rotated again)' };
    expect(restoreMetadata(partly, STORED)).toEqual({
      ok: false,
      at: ['pem'],
      problem: 'it holds the mask ******** where a masked value is stored; send the whole value itself',
    });
    // A form field no longer secret does not get the stored secret back (it would read in clear).
    const flipped = { ...shown(), form: (shown().form as string).replace('type="secret"', 'type="text"') };
    expect(restoreMetadata(flipped, STORED)).toMatchObject({ ok: false, at: ['form'], problem: expect.stringMatching(/no longer secret/) });
  });

  it('keeps a literal ******** in a string stored with nothing masked', () => {
    const next = { ...shown(), literal: 'still shown as ******** on purpose' };
    expect(restoreMetadata(next, STORED)).toMatchObject({ ok: true, value: { literal: 'still shown as ******** on purpose' } });
  });
});

const PATHS = [
  '',
  '/shortDesc',
  '/auth',
  '/auth/user',
  '/auth/password',
  '/auth/headers',
  '/auth/headers/Authorization',
  '/items',
  '/items/0',
  '/items/0/privateKey',
  '/items/1',
  '/items/-',
  '/pem',
  '/form',
  '/literal',
  '/new',
  '/auth/new',
  '/auth/apiKey',
];
const VALUES = [
  null,
  'x',
  '********',
  { password: null },
  { note: '********' },
  [{ name: 'k1', privateKey: null }],
  `<Form><Field name="p" type="text" value="********"/></Form>`,
  `<Form><Field name="p" type="secret" value="********"/></Form>`,
  'key: ******** (rotated)',
  42,
];
const operation: fc.Arbitrary<JsonPatchOperation> = fc
  .record({
    op: fc.constantFrom('add', 'replace', 'remove', 'copy', 'move', 'test'),
    path: fc.constantFrom(...PATHS),
    from: fc.constantFrom(...PATHS),
    value: fc.constantFrom(...VALUES),
  })
  .map(({ op, path, from, value }) => (op === 'copy' || op === 'move' ? { op, path, from } : op === 'remove' ? { op, path } : { op, path, value }));

describe('any patch of the metadata as read', () => {
  it('writes what reads as its result, and no stored secret reads anywhere', () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 6 }), (operations) => {
        let after: unknown;
        try {
          after = applyJsonPatch(shownMetadata(STORED), operations);
        } catch {
          return; // refused by the engine: nothing is written
        }
        const restored = restoreMetadata(after, STORED);
        if (!restored.ok) return;
        const read = shownJson(restored.value);
        expect(read).toEqual(shownJson(after));
        const text = JSON.stringify(read);
        for (const secret of SECRETS) expect(text).not.toContain(secret);
      }),
      { numRuns: 2000 },
    );
  });
});
