/**
 * An app connector as a form (the port's SettingsForms): its config message's keys as fields, written as JSON Patch
 * operations on `/config/value/<key>` of the patchable representation (graph.ts), and tested by checking the
 * config message against its catalog entry (catalog.ts): ConductorOne's API has no connection test. Internal module.
 */
import { isDeepStrictEqual } from 'node:util';
import type { JsonPatchOperation } from '../../graph/jsonPatch.js';
import { looksSecret, maskSecrets, type FormFieldKind, type RawSettingsField } from '../../graph/settings.js';
import type { PatchRead, PlannedOperation, SettingsForms, SettingsProblem, SourceContext, TestOutcome, TestSubject } from '../port.js';
import { catalogEntry, type C1CatalogEntry } from './catalog.js';
import type { C1Connector } from './client.js';
import { configFields, kindOfConfigValue, setString, TYPE_KEY } from './mappers.js';

type Json = Record<string, unknown>;

/** A key as one JSON Pointer token (RFC 6901: `~` → `~0`, `/` → `~1`). */
export function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Whether a value holds a secret below its top level (a headers object, nested credentials). */
function holdsSecret(value: unknown): boolean {
  return !isDeepStrictEqual(maskSecrets(value), value);
}

/** The config values of the patchable representation (`config.value`, secrets null); null for a connector without config. */
function documentValues(read: PatchRead<C1Connector>): Json | null {
  const config = read.document.config as { value?: unknown } | null | undefined;
  return typeof config?.value === 'object' && config.value !== null ? (config.value as Json) : null;
}

/**
 * The operations that give the config keys these values, on `/config/value/<key>`: a value equal to the one read is
 * left out; a secret's is always written (comparing it with the stored one would tell the caller whether a guess is
 * right), flagged `secret`; so is a value that holds secrets below its top level, shown with them masked (where it
 * has null under a secret key, the write keeps the stored secret: graph.ts keepSecrets); null removes the key.
 */
export function configOperations(values: Json | null, changes: ReadonlyMap<string, unknown>): PlannedOperation[] {
  if (values === null) return [];
  const out: PlannedOperation[] = [];
  for (const [key, value] of changes) {
    const path = `/config/value/${pointerToken(key)}`;
    const present = Object.hasOwn(values, key);
    const secret = looksSecret(key);
    if (value === null || value === undefined) {
      if (present) out.push({ operation: { op: 'remove', path }, ...(secret ? { secret } : {}) });
      continue;
    }
    const nested = !secret && holdsSecret(value);
    if (!secret && !nested && present && isDeepStrictEqual(values[key], value)) continue;
    const operation: JsonPatchOperation = { op: present ? 'replace' : 'add', path, value };
    if (secret) out.push({ operation, secret: true });
    else if (nested) out.push({ operation, secret: true, shown: maskSecrets(value) });
    else out.push({ operation });
  }
  return out;
}

/** What is wrong with `value` for a field of `kind` (a config value's kind as its catalog form says); undefined: nothing. */
export function kindProblem(kind: FormFieldKind, value: unknown): string | undefined {
  const given = kindOfConfigValue(value);
  switch (kind) {
    case 'SECRET':
      return undefined;
    case 'TEXT':
      return given === 'TEXT' || given === 'URL' ? undefined : 'must be a text';
    case 'URL':
      // "" is proto3's unset string: a URL field that is not used.
      return given === 'URL' || value === '' ? undefined : 'must be an absolute http(s) URL';
    case 'NUMBER':
      return given === 'NUMBER' ? undefined : 'must be a number';
    case 'SWITCH':
      return given === 'SWITCH' ? undefined : 'must be true or false';
    case 'LIST':
      return given === 'LIST' ? undefined : 'must be a list of texts';
    default:
      return typeof value === 'object' && value !== null ? undefined : 'must be a JSON object or list';
  }
}

/**
 * Checks a config message against its catalog entry: its `@type` is the entry's config type, every key is one of
 * the entry's form, every value of the kind the form says.
 */
export function checkConfigMessage(entry: C1CatalogEntry, typeUrl: string | null, message: Json): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (entry.configType === null || entry.form === null) {
    return [
      {
        key: null,
        code: 'INVALID',
        message: `The config type of catalog entry "${entry.id}" is not known: none of the tenant's connectors of it has a config, or they disagree.`,
      },
    ];
  }
  if (typeUrl !== entry.configType) {
    problems.push({
      key: null,
      code: 'INVALID',
      message: `The config's "@type" is "${typeUrl ?? ''}", not the config type of catalog entry "${entry.id}" ("${entry.configType}").`,
    });
  }
  const form = new Map(entry.form.map((field) => [field.key, field]));
  for (const [key, value] of Object.entries(message)) {
    const field = form.get(key);
    if (field === undefined) {
      problems.push({ key, code: 'UNKNOWN_FIELD', message: `"${key}" is not a key of the config of catalog entry "${entry.id}".` });
      continue;
    }
    const wrong = kindProblem(field.kind ?? 'TEXT', value);
    if (wrong !== undefined) problems.push({ key, code: 'WRONG_TYPE', message: `"${key}" ${wrong}.` });
  }
  return problems;
}

/** The config message a test checks: the complete values it is given (the engine's: saved secrets only when given again). */
function testedMessage(values: ReadonlyMap<string, unknown>): Json {
  return Object.fromEntries([...values].filter(([, value]) => value !== null && value !== undefined));
}

async function testConfig(ctx: SourceContext, subject: TestSubject<C1Connector>, values: ReadonlyMap<string, unknown>): Promise<TestOutcome> {
  const saved = subject.read?.stored;
  const catalogId = subject.read ? (setString(subject.read.stored.catalogId) ?? '') : subject.templateId;
  const entry = catalogId === '' ? undefined : await catalogEntry(ctx, catalogId);
  const noConnection = "ConductorOne's API has no connection test: no connection was made.";
  if (entry === undefined) {
    const message = `No connector of the tenant is of catalog entry "${catalogId}", so there is nothing to check the config against. ${noConnection}`;
    return { ok: false, method: 'FORM_CHECK', message, problems: [{ key: null, code: 'INVALID', message }] };
  }
  const storedConfig: Json = saved?.config ?? {};
  const typeUrl = saved ? (typeof storedConfig[TYPE_KEY] === 'string' ? storedConfig[TYPE_KEY] : null) : entry.configType;
  const problems = checkConfigMessage(entry, typeUrl, testedMessage(values));
  // A saved secret is never used for a test: one the connector has must be given again.
  for (const [key, value] of Object.entries(storedConfig)) {
    if (key !== TYPE_KEY && looksSecret(key) && value !== null && value !== '' && !values.has(key)) {
      problems.push({ key, code: 'RE_ENTER_SECRET', message: `"${key}" is a saved secret: enter it again to test it.` });
    }
  }
  const what = `catalog entry "${entry.name}" (${entry.id})`;
  return problems.length === 0
    ? { ok: true, method: 'FORM_CHECK', problems, message: `The config matches ${what}: its config type and the kinds of its form. ${noConnection}` }
    : { ok: false, method: 'FORM_CHECK', problems, message: `The config does not match ${what}. ${noConnection}` };
}

/** ConductorOne's app connectors as forms. */
export const appConnectorForms: SettingsForms<C1Connector> = {
  valueKind: 'STORED',
  // The current values as reads show them (secrets below a key masked), never the stored ones: see configField.
  fields: (read): RawSettingsField[] => configFields(read.stored.config ?? null),
  operations: (read, values) => configOperations(documentValues(read), values),
  async templateFields(ctx, templateId) {
    const entry = await catalogEntry(ctx, templateId);
    // An entry whose config type is not known has no form to give: an empty one.
    return entry === undefined ? undefined : (entry.form ?? []);
  },
  test: (ctx, subject, values) => testConfig(ctx, subject, values),
};
