/**
 * The console's form logic (console/src/formLogic.ts), pure: what an input starts with, what an entry means, which
 * fields are shown, and what Save sends. Locked fields are never given a value to show and are sent only when a new
 * value was entered; an untouched form sends nothing (property: for any stored value of any kind, the entry it
 * starts with means that value again).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConsoleFormFragment } from '../../console/src/__generated__/graphql.js';
import { collectValues, entryValue, initialEntry, isShown, lockedForTest, sourceProblems, type Entry, type FormField } from '../../console/src/formLogic.js';

function field(over: Partial<FormField> & Pick<FormField, 'key' | 'kind'>): FormField {
  return {
    label: null,
    description: null,
    placeholder: null,
    required: false,
    locked: false,
    isSet: false,
    value: null,
    defaultValue: null,
    options: null,
    showIf: [],
    ...over,
  };
}

function form(...fields: FormField[]): ConsoleFormFragment {
  return { valueKind: 'STORED', sections: [{ section: 'GENERAL', fields }] };
}

describe('a locked field', () => {
  it('starts empty whatever it holds, is sent only with a new value, and is asked for by a test when set or required', () => {
    const secret = field({ key: 'clientSecret', kind: 'SECRET', locked: true, isSet: true, value: 'should-never-show' });
    expect(initialEntry(secret)).toBe('');
    expect(collectValues(form(secret), new Map()).values).toEqual([]);
    expect(collectValues(form(secret), new Map([['clientSecret', '']])).values).toEqual([]);
    expect(collectValues(form(secret), new Map([['clientSecret', 'new-one']])).values).toEqual([{ key: 'clientSecret', value: 'new-one' }]);
    const unsetOptional = field({ key: 'token', kind: 'SECRET', locked: true });
    const unsetRequired = field({ key: 'apiKey', kind: 'SECRET', locked: true, required: true });
    expect(lockedForTest(form(secret, unsetOptional, unsetRequired), new Map()).map((f) => f.key)).toEqual(['clientSecret', 'apiKey']);
    expect(collectValues(form(unsetRequired), new Map()).problems.get('apiKey')).toBe('apiKey is required.');
  });
});

describe('entries', () => {
  it('mean values of the field kind, or say why not', () => {
    expect(entryValue(field({ key: 'n', kind: 'NUMBER' }), '42')).toEqual({ value: 42 });
    expect(entryValue(field({ key: 'n', kind: 'NUMBER' }), 'forty')).toEqual({ problem: 'must be a number' });
    expect(entryValue(field({ key: 'j', kind: 'JSON' }), '{"a":1}')).toEqual({ value: { a: 1 } });
    expect(entryValue(field({ key: 'j', kind: 'JSON' }), '{a')).toEqual({ problem: 'must be JSON' });
    expect(entryValue(field({ key: 'l', kind: 'LIST' }), ' a\n\nb ')).toEqual({ value: ['a', 'b'] });
    expect(entryValue(field({ key: 'u', kind: 'URL' }), 'not a url')).toHaveProperty('problem');
    expect(entryValue(field({ key: 't', kind: 'TEXT' }), '')).toEqual({ value: null });
    const select = field({ key: 's', kind: 'SELECT', options: [{ value: '1', label: 'one' }] });
    expect(entryValue(select, '"1"')).toEqual({ value: '1' });
    expect(entryValue(select, '')).toEqual({ value: null });
  });

  it('send only what changed, and name the field of each problem', () => {
    const name = field({ key: 'name', kind: 'TEXT', label: 'Name', required: true, value: 'a' });
    const size = field({ key: 'size', kind: 'NUMBER', label: 'Page size', value: 5 });
    const entries = new Map<string, Entry>([
      ['name', 'a'],
      ['size', '6'],
    ]);
    expect(collectValues(form(name, size), entries)).toEqual({ values: [{ key: 'size', value: 6 }], problems: new Map() });
    const bad = collectValues(
      form(name, size),
      new Map<string, Entry>([
        ['name', ''],
        ['size', 'x'],
      ]),
    );
    expect([...bad.problems]).toEqual([
      ['name', 'Name is required.'],
      ['size', 'Page size must be a number.'],
    ]);
  });
});

describe('show conditions', () => {
  it('hide a field (and what it would send) until the condition holds', () => {
    const mode = field({
      key: 'mode',
      kind: 'SELECT',
      value: 'simple',
      options: [
        { value: 'simple', label: 'Simple' },
        { value: 'tls', label: 'TLS' },
      ],
    });
    const cert = field({ key: 'cert', kind: 'TEXT', required: true, showIf: [{ key: 'mode', equals: 'tls' }] });
    expect(isShown(cert, new Map([['mode', 'simple']]))).toBe(false);
    expect(collectValues(form(mode, cert), new Map()).problems.size).toBe(0);
    const tls = collectValues(form(mode, cert), new Map([['mode', '"tls"']]));
    expect(tls.values).toEqual([{ key: 'mode', value: 'tls' }]);
    expect(tls.problems.get('cert')).toBe('cert is required.');
  });
});

const KINDS = ['TEXT', 'MULTILINE_TEXT', 'NUMBER', 'SWITCH', 'SELECT', 'MULTI_SELECT', 'JSON', 'URL', 'LIST'] as const;

describe('an untouched form', () => {
  it('sends nothing: the entry a field starts with means the value it holds (any kind, any stored value)', () => {
    const stored = (kind: (typeof KINDS)[number]): fc.Arbitrary<unknown> => {
      switch (kind) {
        case 'NUMBER':
          return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
        case 'SWITCH':
          return fc.boolean();
        case 'JSON':
          return fc.jsonValue().filter((v) => v !== null);
        case 'LIST':
          return fc.array(
            fc
              .string()
              .map((s) => s.trim())
              .filter((s) => s !== '' && !s.includes('\n')),
          );
        case 'URL':
          return fc.webUrl();
        case 'SELECT':
        case 'MULTI_SELECT':
          return fc.constantFrom('a', '1', 'true');
        default:
          return fc.string({ minLength: 1 });
      }
    };
    const options = [
      { value: 'a', label: 'A' },
      { value: '1', label: 'One' },
      { value: 'true', label: 'Yes' },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...KINDS).chain((kind) => fc.tuple(fc.constant(kind), stored(kind))),
        ([kind, value]) => {
          const f = field({ key: 'k', kind, value: kind === 'MULTI_SELECT' ? [value] : value, options: kind.endsWith('SELECT') ? options : null });
          const entries = new Map<string, Entry>([['k', initialEntry(f)]]);
          expect(collectValues(form(f), entries).values).toEqual([]);
        },
      ),
    );
  });
});

describe("a source's problems", () => {
  it("name a form field by its key or by a key path of the source's that ends in it, else none", () => {
    const errors = [
      {
        extensions: {
          problems: [
            { key: 'config.clientId', message: 'is not a Google client id' },
            { key: '/config/scope', message: 'has an unknown scope' },
            { key: 'displayName', message: 'is too long' },
            { key: 'config.notAField', message: 'is odd' },
            { key: 'config.xclientId', message: 'is another key' },
            { message: 'no key at all' },
            'not a problem',
          ],
        },
      },
      { extensions: {} },
    ];
    expect(sourceProblems(errors, ['clientId', 'scope', 'displayName'])).toEqual([
      { key: 'clientId', message: 'is not a Google client id' },
      { key: 'scope', message: 'has an unknown scope' },
      { key: 'displayName', message: 'is too long' },
      { key: null, message: 'is odd' },
      { key: null, message: 'is another key' },
      { key: null, message: 'no key at all' },
    ]);
  });
});
