/**
 * A connector form's logic, from the form's own metadata only (kind, required, locked, options, showIf), the same
 * for every source: what a field shows, which fields are shown, what the user's entries mean as values, and which
 * of them change something. Pure: no DOM, no React.
 */
import type { ConsoleFormFragment, SettingValueInput } from './__generated__/graphql.js';

export type FormField = ConsoleFormFragment['sections'][number]['fields'][number];

/** What an input holds: text, a switch's position, or the options picked. */
export type Entry = string | boolean | string[];

export const SECTION_TITLES: Record<string, string> = {
  GENERAL: 'General',
  ADDITIONAL: 'Additional options',
  ADVANCED: 'Advanced options',
  RELAY: 'Relay',
};

export function formFields(form: ConsoleFormFragment): FormField[] {
  return form.sections.flatMap((section) => section.fields);
}

function isSetValue(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

/** The value a field holds now: for a locked one never its value (the gateway sends none), only whether it is set. */
function storedValue(field: FormField): unknown {
  if (field.locked) return undefined;
  return field.value ?? field.defaultValue ?? null;
}

/** What the field's input starts with. A locked field's input starts empty: entering a value replaces the secret. */
export function initialEntry(field: FormField): Entry {
  if (field.locked) return '';
  const value = storedValue(field);
  switch (field.kind) {
    case 'SWITCH':
      return value === true;
    case 'MULTI_SELECT':
      return Array.isArray(value) ? value.map(String) : [];
    case 'LIST':
      return Array.isArray(value) ? value.map(String).join('\n') : '';
    case 'JSON':
      return value === null || value === undefined ? '' : JSON.stringify(value, null, 2);
    case 'SELECT':
      return value === null || value === undefined ? '' : optionKey(value);
    default:
      return value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** An option's value as the key of a `<select>` entry (options may be numbers, booleans or strings). */
export function optionKey(value: unknown): string {
  return JSON.stringify(value);
}

/** The value an entry means for the field, or the reason it means none (`problem`). Empty text is null (cleared). */
export function entryValue(field: FormField, entry: Entry): { value: unknown } | { problem: string } {
  if (typeof entry === 'boolean') return { value: entry };
  if (Array.isArray(entry)) return { value: entry.map((key) => optionValue(field, key)) };
  const text = entry;
  if (field.locked && !isTextKind(field.kind)) return parseJsonOrText(text);
  switch (field.kind) {
    case 'NUMBER': {
      if (text.trim() === '') return { value: null };
      const n = Number(text);
      return Number.isFinite(n) ? { value: n } : { problem: 'must be a number' };
    }
    case 'JSON': {
      if (text.trim() === '') return { value: null };
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return { problem: 'must be JSON' };
      }
    }
    case 'LIST': {
      const items = text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
      return { value: items };
    }
    case 'SELECT':
      return { value: text === '' ? null : optionValue(field, text) };
    case 'URL': {
      if (text.trim() === '') return { value: null };
      try {
        new URL(text.trim());
        return { value: text.trim() };
      } catch {
        return { problem: 'must be a URL, e.g. https://example.com' };
      }
    }
    default:
      return { value: text === '' ? null : text };
  }
}

function isTextKind(kind: FormField['kind']): boolean {
  return kind === 'TEXT' || kind === 'MULTILINE_TEXT' || kind === 'SECRET' || kind === 'URL';
}

/** A locked field of a structured kind (a JSON secret): JSON when the entry is JSON, else the text itself. */
function parseJsonOrText(text: string): { value: unknown } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { value: text };
  }
}

function optionValue(field: FormField, key: string): unknown {
  const option = field.options?.find((o) => optionKey(o.value) === key);
  return option === undefined ? key : option.value;
}

/** The label `form` gives the field `key`; undefined when it has no such field or the field has no label. */
export function fieldLabel(form: ConsoleFormFragment | null | undefined, key: string): string | undefined {
  return form ? (formFields(form).find((f) => f.key === key)?.label ?? undefined) : undefined;
}

/** Whether `field` is shown when the form holds `current` (every `showIf` condition holds). */
export function isShown(field: FormField, current: ReadonlyMap<string, unknown>): boolean {
  return field.showIf.every((condition) => {
    const other = current.get(condition.key);
    return condition.equals === null || condition.equals === undefined ? isSetValue(other) : JSON.stringify(other) === JSON.stringify(condition.equals);
  });
}

/** Each field's value as the form holds it with `entries` (unparseable entries count as what was stored). */
export function currentValues(form: ConsoleFormFragment, entries: ReadonlyMap<string, Entry>): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const field of formFields(form)) {
    const entry = entries.get(field.key);
    if (field.locked) {
      values.set(field.key, entry !== undefined && entry !== '' ? entry : field.isSet ? '(set)' : null);
      continue;
    }
    const parsed = entry === undefined ? undefined : entryValue(field, entry);
    values.set(field.key, parsed !== undefined && 'value' in parsed ? parsed.value : storedValue(field));
  }
  return values;
}

export interface Collected {
  values: SettingValueInput[];
  /** Problems found before anything is sent, by field key. */
  problems: Map<string, string>;
}

/**
 * The values to send: every shown field whose entry changes what it holds, a locked one only when a new value was
 * entered. Checks what can be checked here: entries that mean no value, and required shown fields left empty.
 */
export function collectValues(form: ConsoleFormFragment, entries: ReadonlyMap<string, Entry>): Collected {
  const current = currentValues(form, entries);
  const values: SettingValueInput[] = [];
  const problems = new Map<string, string>();
  for (const field of formFields(form)) {
    if (!isShown(field, current)) continue;
    const entry = entries.get(field.key);
    const name = field.label ?? field.key;
    if (field.locked) {
      if (typeof entry === 'string' && entry !== '') {
        const parsed = entryValue(field, entry);
        if ('value' in parsed) values.push({ key: field.key, value: parsed.value });
      } else if (field.required && !field.isSet) problems.set(field.key, `${name} is required.`);
      continue;
    }
    if (entry === undefined) {
      if (field.required && !isSetValue(storedValue(field))) problems.set(field.key, `${name} is required.`);
      continue;
    }
    const parsed = entryValue(field, entry);
    if ('problem' in parsed) {
      problems.set(field.key, `${name} ${parsed.problem}.`);
      continue;
    }
    if (field.required && !isSetValue(parsed.value)) {
      problems.set(field.key, `${name} is required.`);
      continue;
    }
    if (JSON.stringify(parsed.value) !== JSON.stringify(storedValue(field) ?? null)) values.push({ key: field.key, value: parsed.value });
  }
  return { values, problems };
}

/** The locked fields a test needs entered again: shown, and set or required. */
export function lockedForTest(form: ConsoleFormFragment, entries: ReadonlyMap<string, Entry>): FormField[] {
  const current = currentValues(form, entries);
  return formFields(form).filter((field) => field.locked && isShown(field, current) && (field.isSet || field.required));
}

/** A problem with the values: the field's key when one is named. */
export interface Problem {
  key?: string | null;
  message: string;
}

/**
 * The problems a source's refusal lists (`extensions.problems`), each with the key of `keys` its own key names:
 * that key, or a key path ending in it (`config.clientId`, `/config/clientId`); null when it names none.
 */
export function sourceProblems(errors: readonly { extensions?: { problems?: unknown } }[], keys: readonly string[]): Problem[] {
  return errors.flatMap((error) => {
    const listed: unknown = error.extensions?.problems;
    if (!Array.isArray(listed)) return [];
    return listed.flatMap((p: unknown) => {
      if (typeof p !== 'object' || p === null) return [];
      const { key, message } = p as { key?: unknown; message?: unknown };
      if (typeof message !== 'string') return [];
      const named = typeof key === 'string' ? (keys.find((k) => k === key) ?? keys.find((k) => key.endsWith(`.${k}`) || key.endsWith(`/${k}`))) : undefined;
      return [{ key: named ?? null, message }];
    });
  });
}
