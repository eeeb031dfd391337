/**
 * Filling a connector's form from its own field metadata only (kind, options, required, locked, showIf, defaults),
 * whatever the source: what a generic connector page does. No knowledge of any vendor's representation.
 */
import type { FormFieldsFragment, SettingValueInput } from './__generated__/graphql.js';

/** One field of a form, as FormFields reads it. */
type FormField = FormFieldsFragment['sections'][number]['fields'][number];

/** The fields of a form in order, whatever their section. */
function formFields(form: FormFieldsFragment): FormField[] {
  return form.sections.flatMap((section) => section.fields);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether a value counts as set (what `isSet` means for a value). */
function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** Whether `field` is shown when the form holds `values` (every `showIf` condition holds). */
function isShown(field: FormField, values: ReadonlyMap<string, unknown>): boolean {
  return field.showIf.every((condition) => {
    const other = values.get(condition.key);
    return condition.equals === null || condition.equals === undefined ? isSet(other) : sameJson(other, condition.equals);
  });
}

/**
 * A value of the field's kind that differs from what it holds: a new text, URL, number, the other switch position, another
 * option. `secret` is the value for a locked field (never read back, so always given anew). Undefined for kinds a
 * form does not write (XML, FILE).
 */
function exampleValue(field: FormField, suffix: string, secret: string): unknown {
  const current = field.value ?? field.defaultValue;
  const options = field.options?.map((o) => o.value) ?? [];
  switch (field.kind) {
    case 'SECRET':
      return secret;
    case 'TEXT':
    case 'MULTILINE_TEXT':
      return `example ${field.key} ${suffix}`;
    case 'URL':
      return `https://example.com/${encodeURIComponent(field.key)}/${suffix}`;
    case 'NUMBER':
      return (typeof current === 'number' ? current : 0) + 1;
    case 'SWITCH':
      return current !== true;
    case 'SELECT':
      return options.find((o) => o !== current) ?? options[0];
    case 'MULTI_SELECT':
      return options.slice(0, 1);
    case 'LIST':
      return [`example-${suffix}`];
    case 'JSON':
      return current ?? {};
    case 'XML':
    case 'FILE':
      return undefined;
  }
}

/**
 * Values that fill a form for a save or a test: every shown required field that has no value, every shown locked
 * field that is set or required (a test needs secrets again; a save may keep them, but this example rotates them),
 * and one more shown field (the first optional one it can write) so that the save changes something visible. With
 * `every`, every shown field it can write (a new connector's form).
 */
export function fillForm(form: FormFieldsFragment, suffix: string, secret: string, every = false): SettingValueInput[] {
  const fields = formFields(form);
  const current = new Map<string, unknown>(fields.map((f) => [f.key, f.locked ? (f.isSet ? secret : null) : (f.value ?? null)]));
  const values: SettingValueInput[] = [];
  const give = (field: FormField): void => {
    const value = exampleValue(field, suffix, secret);
    if (value === undefined) return;
    values.push({ key: field.key, value });
    current.set(field.key, value);
  };
  for (const field of fields) {
    if (!isShown(field, current)) continue;
    if (every || (field.locked ? field.isSet || field.required : field.required && !isSet(field.value))) give(field);
  }
  const optional = fields.find(
    (f) => !f.locked && !f.required && isShown(f, current) && !values.some((v) => v.key === f.key) && exampleValue(f, suffix, secret) !== undefined,
  );
  if (optional) give(optional);
  return values;
}
