/**
 * The form check of `updateConnectorSettings`, `testConnector` and `testNewConnector`: values by field key against a
 * connector's form (its fields with their current values), before anything is sent. Pure. Internal module.
 *
 * - A key the form does not have is UNKNOWN_FIELD, a key given twice DUPLICATE, a FILE field READ_ONLY.
 * - A value must be of its field's kind (WRONG_TYPE), a choice one of the field's options (NOT_AN_OPTION); null clears.
 * - The next state is the current values (a locked field: only whether it is set) with the given ones laid over
 *   them. `showIf` is evaluated on it: a value for a field that is not shown is HIDDEN, and a shown required field
 *   unset in it is REQUIRED. For a test (`mode: 'test'`) saved locked values do not count: a shown required locked
 *   field not given is RE_ENTER_SECRET.
 * Messages name the field by its label and key, never hold a locked field's value and cut what they echo at 100
 * characters. Caller-controlled keys live in Maps only, never as keys of plain objects.
 */
import { isDeepStrictEqual } from 'node:util';
import { SaxesParser } from 'saxes';
import { asSentenceEnd } from '../errors/reasons.js';
import type { SettingsProblem } from '../sources/port.js';
import {
  isLockedField,
  isSetValue,
  kindOfType,
  maskSecrets,
  type FormFieldCondition,
  type FormFieldKind,
  type FormFieldOption,
  type RawSettingsField,
} from './settings.js';

/** What the values are checked for: a save (saved locked values count) or a test (they must be re-entered). */
export type FormMode = 'update' | 'test';

/** One value as the caller gives it (`SettingValueInput`); undefined reads as null. */
export interface GivenValue {
  key: string;
  value?: unknown;
}

/** `FieldChangeStatus`. */
type FieldChangeStatus = 'UNCHANGED' | 'CHANGED' | 'SET' | 'CLEARED';

/** `FieldChange`: what a save does to one given field. */
export interface FieldChange {
  key: string;
  locked: boolean;
  status: FieldChangeStatus;
}

/** The outcome of a form check. */
export interface FormCheck {
  /** What is wrong; empty when the values may be used. */
  problems: SettingsProblem[];
  /** Each known key given (once, in the order given) and what a save does to it. */
  fields: FieldChange[];
  /** The values that change something (UNCHANGED left out), by key; a cleared one is null. */
  changed: Map<string, unknown>;
  /**
   * The complete values a test gets: each shown field's given value, else its current one when it is not locked
   * (a locked one only when given); unset ones left out.
   */
  complete: Map<string, unknown>;
}

/** The most characters of a caller's text a message echoes. */
const ECHO = 100;
/** How many options a NOT_AN_OPTION message lists. */
const LISTED_OPTIONS = 10;

/** `text` cut at ECHO characters (never inside a surrogate pair). */
function cut(text: string): string {
  if (text.length <= ECHO) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(ECHO - 1)) ? ECHO - 1 : ECHO;
  return `${text.slice(0, end)}…`;
}

/** A caller's value as a message shows it: JSON, cut. */
function preview(value: unknown): string {
  return cut(JSON.stringify(value));
}

/** How a message names a field: its label and key ("Region (region)"), or the key alone. */
function nameOf(field: RawSettingsField): string {
  const key = JSON.stringify(cut(field.key));
  const label = field.label?.trim();
  return label ? `${cut(label)} (${key})` : `The field ${key}`;
}

/** The kind a value is checked against: the source's own (a locked field's too, as the source stores it). */
function kindOf(field: RawSettingsField): FormFieldKind {
  return field.kind ?? kindOfType(field.type);
}

/** Whether `text` is one well-formed XML document (saxes); the parser's complaint otherwise. */
function xmlProblem(text: string): string | undefined {
  const parser = new SaxesParser();
  let problem: string | undefined;
  let elements = 0;
  parser.on('opentag', () => {
    elements += 1;
  });
  parser.on('error', (err) => {
    problem ??= err.message;
  });
  try {
    parser.write(text).close();
  } catch (err) {
    problem ??= (err as Error).message;
  }
  return problem ?? (elements === 0 ? 'no root element' : undefined);
}

/** Whether `text` is an absolute http(s) URL. */
function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const WANTS: Readonly<Record<FormFieldKind, string>> = {
  TEXT: 'a text',
  MULTILINE_TEXT: 'a text',
  SECRET: 'a text',
  XML: 'an XML text',
  URL: 'an absolute http(s) URL',
  NUMBER: 'a number',
  SWITCH: 'true or false',
  SELECT: 'one of its options (a text)',
  MULTI_SELECT: 'a list of its options (texts, each once)',
  LIST: 'a list of texts',
  JSON: 'JSON',
  FILE: 'a file',
};

/** The problem with a non-null `value` for `field` (of its kind, among its options), if any. */
function valueProblem(field: RawSettingsField, value: unknown, locked: boolean): SettingsProblem | undefined {
  const kind = kindOf(field);
  const name = nameOf(field);
  const wrongType = (detail = ''): SettingsProblem => ({
    key: field.key,
    code: 'WRONG_TYPE',
    message: `${name} takes ${WANTS[kind]}${locked ? '' : `, not ${preview(value)}`}${detail}.`,
  });
  const options = field.options ?? undefined;
  const notAnOption = (choices: readonly FormFieldOption[], values: readonly string[]): SettingsProblem => {
    const listed = choices.slice(0, LISTED_OPTIONS).map((o) => JSON.stringify(cut(o.value)));
    const more = choices.length > LISTED_OPTIONS ? `, … (${choices.length} in all)` : '';
    const shownValues = values.slice(0, LISTED_OPTIONS).map((v) => preview(v));
    const moreValues = values.length > LISTED_OPTIONS ? `, … (${values.length} in all)` : '';
    const what = locked ? 'The value is' : values.length === 1 ? `${preview(values[0])} is` : `${shownValues.join(', ')}${moreValues} are`;
    return {
      key: field.key,
      code: 'NOT_AN_OPTION',
      message: `${what} not ${values.length === 1 ? 'one' : 'among the options'} of ${name}${values.length === 1 ? "'s options" : ''}: ${listed.join(', ')}${more}.`,
    };
  };
  const isOption = (choices: readonly FormFieldOption[], v: string) => choices.some((o) => o.value === v);
  switch (kind) {
    case 'TEXT':
    case 'MULTILINE_TEXT':
    case 'SECRET':
      return typeof value === 'string' ? undefined : wrongType();
    case 'XML': {
      if (typeof value !== 'string') return wrongType();
      const problem = xmlProblem(value);
      if (problem === undefined) return undefined;
      // The parser's words may quote the text: never for a locked field.
      return { key: field.key, code: 'WRONG_TYPE', message: asSentenceEnd(`${name} is not well-formed XML${locked ? '' : `: ${cut(problem)}`}`) };
    }
    case 'URL':
      return typeof value === 'string' && isHttpUrl(value) ? undefined : wrongType();
    case 'NUMBER':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : wrongType();
    case 'SWITCH':
      return typeof value === 'boolean' ? undefined : wrongType();
    case 'SELECT':
      if (typeof value !== 'string') return wrongType();
      return options === undefined || isOption(options, value) ? undefined : notAnOption(options, [value]);
    case 'MULTI_SELECT': {
      if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) return wrongType();
      if (new Set(value).size !== value.length) return wrongType(' (a value is listed twice)');
      if (options === undefined) return undefined;
      const outside = value.filter((v) => !isOption(options, v));
      return outside.length === 0 ? undefined : notAnOption(options, outside);
    }
    case 'LIST':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : wrongType();
    case 'JSON':
      return undefined;
    case 'FILE':
      return { key: field.key, code: 'READ_ONLY', message: `${name} is a file: upload it on its own; it cannot be set here.` };
  }
}

/** One field's state after the values are laid over the current ones. */
interface NextField {
  field: RawSettingsField;
  locked: boolean;
  /** Whether it holds a value. */
  set: boolean;
  /** Its value, when it is known (not for a locked field whose value was not given). */
  value: unknown;
  known: boolean;
}

/** Whether every condition of `field` holds in `next` (a condition on a field that is not shown itself does not hold). */
function isShown(key: string, next: ReadonlyMap<string, NextField>, memo: Map<string, boolean>): boolean {
  const cached = memo.get(key);
  if (cached !== undefined) return cached;
  // A cycle of conditions: the field under evaluation counts as hidden for the fields that depend on it.
  memo.set(key, false);
  const shown = (next.get(key)?.field.showIf ?? []).every((condition) => holds(condition, next, memo));
  memo.set(key, shown);
  return shown;
}

function holds(condition: FormFieldCondition, next: ReadonlyMap<string, NextField>, memo: Map<string, boolean>): boolean {
  const other = next.get(condition.key);
  if (other === undefined || !isShown(condition.key, next, memo) || !other.set) return false;
  if (condition.equals === undefined || condition.equals === null) return true;
  // A locked value that was not given cannot be compared: a set one counts as holding.
  return other.known ? isDeepStrictEqual(other.value, condition.equals) : true;
}

/**
 * Checks `values` against `form` (the fields with their current values). See the module comment for the rules.
 */
export function checkForm(form: readonly RawSettingsField[], values: readonly GivenValue[], mode: FormMode): FormCheck {
  const fields = new Map<string, RawSettingsField>();
  for (const field of form) if (!fields.has(field.key)) fields.set(field.key, field);
  const problems: SettingsProblem[] = [];
  const given = new Map<string, { field: RawSettingsField; value: unknown }>();
  const duplicates = new Set<string>();
  const unknown = new Set<string>();
  for (const { key, value } of values) {
    const field = fields.get(key);
    if (field === undefined) {
      if (!unknown.has(key)) problems.push({ key, code: 'UNKNOWN_FIELD', message: `This form has no field ${JSON.stringify(cut(key))}.` });
      unknown.add(key);
      continue;
    }
    if (given.has(key)) {
      if (!duplicates.has(key)) problems.push({ key, code: 'DUPLICATE', message: `${nameOf(field)} is given more than once.` });
      duplicates.add(key);
      continue;
    }
    given.set(key, { field, value: value ?? null });
  }
  const next = new Map<string, NextField>();
  for (const [key, field] of fields) {
    const locked = isLockedField(field);
    const value = given.get(key)?.value;
    if (given.has(key)) {
      next.set(key, { field, locked, set: isSetValue(value), value, known: true });
    } else if (locked) {
      // A saved secret counts for a save, never for a test.
      next.set(key, { field, locked, set: mode === 'update' && (field.isSet ?? isSetValue(field.value)), value: undefined, known: false });
    } else {
      next.set(key, { field, locked, set: field.isSet ?? isSetValue(field.value), value: field.value, known: true });
    }
  }
  const memo = new Map<string, boolean>();
  const fieldChanges: FieldChange[] = [];
  const changed = new Map<string, unknown>();
  for (const [key, { field, value }] of given) {
    const locked = isLockedField(field);
    const shown = isShown(key, next, memo);
    if (value !== null) {
      const problem = valueProblem(field, value, locked);
      if (problem) problems.push(problem);
      else if (!shown) {
        problems.push({ key, code: 'HIDDEN', message: `${nameOf(field)} is not shown with these settings (see its showIf) and takes no value.` });
      }
    } else if (kindOf(field) === 'FILE') {
      problems.push({ key, code: 'READ_ONLY', message: `${nameOf(field)} is a file: upload it on its own; it cannot be set here.` });
    }
    const status = statusOf(field, locked, value);
    fieldChanges.push({ key, locked, status });
    if (status !== 'UNCHANGED') changed.set(key, isSetValue(value) ? value : null);
  }
  const complete = new Map<string, unknown>();
  for (const [key, state] of next) {
    if (!isShown(key, next, memo)) continue;
    if (state.field.required === true && !state.set) {
      const reEnter = mode === 'test' && state.locked && !given.has(key) && (state.field.isSet ?? isSetValue(state.field.value));
      problems.push(
        reEnter
          ? { key, code: 'RE_ENTER_SECRET', message: `${nameOf(state.field)} is locked: enter it again for a test (saved secrets are never used for one).` }
          : { key, code: 'REQUIRED', message: `${nameOf(state.field)} is required.` },
      );
    }
    if (state.set && state.known && kindOf(state.field) !== 'FILE') complete.set(key, state.value);
  }
  return { problems, fields: fieldChanges, changed, complete };
}

/**
 * What a save of `value` does to `field`. A locked value is never compared with the current one, nor is a value that
 * holds a secret below its top level (a `proxy: { password }`): the answer would tell whether a guess of the saved
 * secret is right. Such a value is always written (CHANGED).
 */
function statusOf(field: RawSettingsField, locked: boolean, value: unknown): FieldChangeStatus {
  const current = locked ? undefined : field.value;
  const wasSet = field.isSet ?? isSetValue(field.value);
  if (!isSetValue(value)) return wasSet ? 'CLEARED' : 'UNCHANGED';
  if (locked) return 'SET';
  if (!isDeepStrictEqual(maskSecrets(value), value)) return 'CHANGED';
  return isDeepStrictEqual(value, current) ? 'UNCHANGED' : 'CHANGED';
}

/** A sentence over the problems a person can act on ("2 fields need attention: …"), the first few spelled out. */
export function problemsMessage(problems: readonly SettingsProblem[]): string {
  const keys = new Set(problems.map((p) => p.key));
  const count = keys.size === 1 ? '1 field needs attention' : `${keys.size} fields need attention`;
  const shown = problems.slice(0, 5).map((p) => p.message.replace(/\.$/, ''));
  return `${count}: ${shown.join('; ')}${problems.length > shown.length ? `; and ${problems.length - shown.length} more` : ''}.`;
}
