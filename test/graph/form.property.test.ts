/**
 * Property tests of the form check (what the caller controls: any keys, `__proto__` and `constructor` among them,
 * any JSON): it never throws, it reports only the SDL's problem codes and field statuses, every problem names a key
 * it was given or a field of the form, every message ends once, and no value given to a locked field shows in its problems or
 * statuses.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { GraphQLEnumType } from 'graphql';
import { checkForm, problemsMessage, type GivenValue } from '../../src/graph/form.js';
import { isLockedField, type FormFieldKind, type RawSettingsField } from '../../src/graph/settings.js';
import { createSchema } from '../../src/schema.js';

const schema = createSchema();
const enumValues = (name: string) => new Set((schema.getType(name) as GraphQLEnumType).getValues().map((v) => v.value as string));
const PROBLEM_CODES = enumValues('SettingsProblemCode');
const STATUSES = enumValues('FieldChangeStatus');
const KINDS = [...enumValues('FormFieldType')] as FormFieldKind[];

const ODD_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', '', ' ', 'a/b', '~0'];
const OPTIONS = ['a', 'b', 'c', '__proto__'];

/** A form: fields of any kind, some locked, some required, some shown only under conditions on others. */
const formArbitrary = fc
  .uniqueArray(
    fc.record({
      key: fc.oneof(fc.constantFrom('host', 'port', 'mode', 'apiKey', 'password', 'flags', ...ODD_KEYS), fc.string({ maxLength: 8 })),
      kind: fc.constantFrom(...KINDS),
      label: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
      required: fc.boolean(),
      confidential: fc.boolean(),
      options: fc.option(
        fc.subarray(OPTIONS).map((vs) => vs.map((value) => ({ value, label: value.toUpperCase() }))),
        { nil: undefined },
      ),
      value: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
      isSet: fc.option(fc.boolean(), { nil: undefined }),
      showIf: fc.array(
        fc.record({ key: fc.constantFrom('host', 'mode', 'flags', '__proto__'), equals: fc.option(fc.jsonValue({ maxDepth: 1 }), { nil: undefined }) }),
        {
          maxLength: 2,
        },
      ),
    }),
    { maxLength: 8, selector: (s) => s.key },
  )
  .map((specs) =>
    specs.map((s): RawSettingsField => ({
      section: 'GENERAL',
      key: s.key,
      label: s.label,
      type: s.kind === 'SECRET' ? 'Secret' : 'Text',
      kind: s.kind,
      required: s.required,
      confidential: s.confidential,
      options: s.options,
      value: s.value,
      isSet: s.isSet,
      showIf: s.showIf,
    })),
  );

/** A marker no other generated text holds: what a value given to a locked field may be made of. */
const marker = fc.integer({ min: 0, max: 1e9 }).map((n) => `s3cr3t-marker-${n.toString(36)}-x`);

function valuesArbitrary(form: readonly RawSettingsField[]) {
  const keys = [...new Set([...form.map((f) => f.key), ...ODD_KEYS])];
  return fc.array(
    fc.record({
      key: fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 6 })),
      plain: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...OPTIONS), fc.subarray(OPTIONS), fc.constant(undefined)),
      secret: fc.oneof(
        marker,
        marker.map((m) => ({ nested: [m] })),
        marker.map((m) => [m, m]),
        marker.map((m) => `<a>${m}</b>`),
      ),
    }),
    { maxLength: 12 },
  );
}

describe('checkForm (property)', () => {
  it('never throws, reports only the SDL codes and statuses, and never shows a value given to a locked field', () => {
    fc.assert(
      fc.property(
        formArbitrary.chain((form) => fc.tuple(fc.constant(form), valuesArbitrary(form), fc.constantFrom('update' as const, 'test' as const))),
        ([form, generated, mode]) => {
          const locked = new Set(form.filter((f) => isLockedField(f)).map((f) => f.key));
          const secrets: string[] = [];
          const values: GivenValue[] = generated.map(({ key, plain, secret }) => {
            if (!locked.has(key)) return plain === undefined ? { key } : { key, value: plain };
            secrets.push(...JSON.stringify(secret).match(/s3cr3t-marker-[a-z0-9]+-x/g)!);
            return { key, value: secret };
          });
          const check = checkForm(form, values, mode);
          const keys = new Set([...values.map((v) => v.key), ...form.map((f) => f.key)]);
          for (const problem of check.problems) {
            expect(PROBLEM_CODES).toContain(problem.code);
            expect(keys).toContain(problem.key);
            expect(problem.message.length).toBeLessThan(1200);
            // A sentence that ends once, whatever the parser's or the caller's words inside it end with.
            expect(problem.message).not.toMatch(/\.\.$/);
          }
          for (const field of check.fields) expect(STATUSES).toContain(field.status);
          const shown = JSON.stringify({
            problems: check.problems,
            fields: check.fields,
            message: check.problems.length ? problemsMessage(check.problems) : '',
          });
          for (const s of secrets) expect(shown).not.toContain(s);
          // What changes and what a test gets are the form's own keys, each once.
          for (const key of [...check.changed.keys(), ...check.complete.keys()]) expect(form.some((f) => f.key === key)).toBe(true);
          // No key reached Object.prototype.
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: 1000 },
    );
  });
});
