/**
 * Pure wire → GraphQL mappings of the SailPoint source. Internal module.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import {
  buildSettings,
  holdsPrivateKey,
  isLockedField,
  SECRET_MASK,
  type FormFieldKind,
  type FormFieldOption,
  type RawSettingsField,
  type Settings,
  type SettingsSectionName,
} from '../../graph/settings.js';
import { encodeGlobalId } from '../../graph/globalId.js';
import type { SailPointConnector, SailPointConnectorDetail } from './client.js';
import { parseProperties } from './properties.js';
import type { SailPointConnectorWire, SailPointLocale } from './types.js';

/** What ScriptConnector resolvers receive: a list item or a detail, whichever the operation fetched. */
export type ScriptConnectorRecord = SailPointConnector | SailPointConnectorDetail;

/** The global id of a script connector. */
export function scriptConnectorId(scriptName: string): string {
  return encodeGlobalId('ScriptConnector', scriptName);
}

/** `description`: the metadata's `shortDesc`, when it is a non-empty string. */
export function scriptConnectorDescription(connector: Pick<SailPointConnectorWire, 'connectorMetadata'>): string | null {
  const shortDesc = connector.connectorMetadata?.shortDesc;
  return typeof shortDesc === 'string' && shortDesc.trim() !== '' ? shortDesc : null;
}

/**
 * A string literal of SailPoint's `filters` syntax (standard collection parameters): in double quotes, with `\` and
 * `"` escaped by a backslash, the two escapes SailPoint documents (`#`, `%` and `&` are the URL's business: the
 * query string encodes them). Lone UTF-16 surrogates, which no URL can carry, become U+FFFD.
 */
export function filterString(value: string): string {
  const wellFormed = value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return `"${wellFormed.replace(/[\\"]/g, '\\$&')}"`;
}

/** The `filters` expression of a case-insensitive substring search of connector names (`name co "…"`). */
export function nameContainsFilter(search: string): string {
  return `name co ${filterString(search)}`;
}

/**
 * The section of a form menu item. The rule, in order: relay, proxy, virtual appliance (VA) or cluster → RELAY;
 * advanced → ADVANCED; connection, authentication, credentials, general or login → GENERAL; anything else
 * (aggregation, filters, mappings, …) → ADDITIONAL. Both the menu item's keyName and its label are read.
 */
export function sectionForMenuItem(keyName: string | undefined, label: string | undefined): SettingsSectionName {
  const text = `${keyName ?? ''} ${label ?? ''}`.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  if (/\brelay|\bproxy|virtual appliance|\bva\b|\bcluster/.test(text)) return 'RELAY';
  if (/\badvanced/.test(text)) return 'ADVANCED';
  if (/\bconnect|\bauthenticat|\bcredential|\bgeneral|\blogin/.test(text)) return 'GENERAL';
  return 'ADDITIONAL';
}

const FIELD_TYPES: Record<string, string> = {
  text: 'Text',
  string: 'Text',
  url: 'Url',
  secret: 'Secret',
  password: 'Secret',
  number: 'Number',
  int: 'Number',
  integer: 'Number',
  checkbox: 'Switch',
  boolean: 'Switch',
  toggle: 'Switch',
  textarea: 'TextArea',
  select: 'Select',
  radio: 'Select',
  list: 'List',
  json: 'Json',
  fileupload: 'File',
};

/** The contract's field type for a SailPoint form field type. */
export function fieldType(sailpointType: string | undefined): string {
  const t = (sailpointType ?? 'text').toLowerCase();
  return FIELD_TYPES[t] ?? t.charAt(0).toUpperCase() + t.slice(1);
}

/*
 * The source config form as typed fields. What a `Field` gives:
 * - `kind` from its `type`: secret/password → SECRET, boolean/checkbox/toggle → SWITCH, number/int/integer →
 *   NUMBER, url → URL, textarea → MULTILINE_TEXT, select/radio with allowed values → SELECT, list → LIST,
 *   fileupload → FILE, json → JSON, anything else TEXT;
 * - `options` from its allowed values: `<AllowedValues><Value>v</Value>…` or IdentityIQ's
 *   `<AllowedValuesDefinition><Value><List><String>v</String>…`, where an inner `<List>` of two strings is a value and
 *   its label;
 * - `label` from `displayName` (else `label`), as the form translated into the locale shows it; `description` from
 *   `helpKey` and `placeholder` from the `placeHolder_<name>` entry, both looked up in the connector's translations
 *   for the locale, then `en` (a help key no file has is shown as it is: forms carry keys or texts);
 * - `value` (the default a new source starts with) from its `value` attribute in the kind's JSON type: a number, a
 *   boolean, a list from comma-separated text, JSON parsed; `defaultValue` from its `defaultValue` attribute.
 * Fields marked `hidden="true"` are not part of the form a person fills and are left out.
 */

/** Where a form's texts come from besides the form itself. */
export interface FormTexts {
  /** The form as SailPoint translated it into `locale` (the detail's `sourceConfig`): labels by field name. */
  localized?: string | undefined;
  /** The connector's `.properties` texts by locale (the detail's `translationProperties`). */
  translations?: Readonly<Record<string, unknown>> | undefined;
  locale: SailPointLocale;
}

const localName = (qualified: string): string => qualified.slice(qualified.indexOf(':') + 1);

const KINDS: Readonly<Record<string, FormFieldKind>> = {
  secret: 'SECRET',
  password: 'SECRET',
  boolean: 'SWITCH',
  checkbox: 'SWITCH',
  toggle: 'SWITCH',
  number: 'NUMBER',
  int: 'NUMBER',
  integer: 'NUMBER',
  url: 'URL',
  textarea: 'MULTILINE_TEXT',
  list: 'LIST',
  fileupload: 'FILE',
  json: 'JSON',
};

/** The kind of a SailPoint `Field` type; a select or radio is a SELECT only when it lists its allowed values. */
export function fieldKind(type: string | undefined, hasOptions: boolean): FormFieldKind {
  const t = (type ?? 'text').toLowerCase();
  if (t === 'select' || t === 'radio') return hasOptions ? 'SELECT' : 'TEXT';
  return KINDS[t] ?? 'TEXT';
}

/** A `value` attribute in its kind's JSON type (a text that does not read as one stays text: the form check shows it). */
function parseFieldValue(kind: FormFieldKind, raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  switch (kind) {
    case 'NUMBER': {
      const n = Number(raw);
      return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
    }
    case 'SWITCH':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    case 'LIST':
      return raw
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
    case 'JSON':
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        return raw;
      }
    default:
      return raw;
  }
}

/** One `Field` of the form as the walk reads it. */
interface ParsedField {
  section: SettingsSectionName;
  attributes: Record<string, string>;
  options: FormFieldOption[];
}

/** An open element of the walk. */
interface Frame {
  name: string;
  text: string;
  children: number;
  /** The strings of a `List` inside a `List` (a value and its label). */
  items: string[];
}

/**
 * The `Field` elements of a form in document order (hidden ones left out), with their section and allowed values;
 * undefined when the XML is not well-formed.
 */
function parseFields(xml: string): ParsedField[] | undefined {
  const fields: ParsedField[] = [];
  const sections: SettingsSectionName[] = [];
  const stack: Frame[] = [];
  let field: ParsedField | undefined;
  let fieldDepth = -1;
  let allowedDepth = -1;
  let failed = false;
  const parser = new SaxesParser();
  parser.on('error', () => {
    failed = true;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = localName(tag.name);
    const a = tag.attributes;
    const parent = stack.at(-1);
    if (parent) parent.children += 1;
    stack.push({ name, text: '', children: 0, items: [] });
    if (name === 'MenuItem') sections.push(sectionForMenuItem(a.keyName, a.label));
    else if (name === 'BaseConfig') sections.push('ADVANCED');
    else if (name === 'Field' && field === undefined) {
      field = { section: sections.at(-1) ?? 'GENERAL', attributes: { ...a }, options: [] };
      fieldDepth = stack.length;
    } else if (field !== undefined && allowedDepth === -1 && (name === 'AllowedValues' || name === 'AllowedValuesDefinition')) {
      allowedDepth = stack.length;
    }
  });
  const onText = (text: string) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const frame = stack.pop();
    if (!frame) return;
    const depth = stack.length + 1;
    if (field !== undefined && allowedDepth !== -1 && depth > allowedDepth) {
      const parent = stack.at(-1);
      const inPair = parent?.name === 'List' && stack.at(-2)?.name === 'List';
      if (frame.children === 0 && (frame.name === 'Value' || frame.name === 'String')) {
        const text = frame.text.trim();
        if (inPair) {
          if (text !== '' || parent.items.length === 0) parent.items.push(text);
        } else if (text !== '') field.options.push({ value: text, label: text });
      } else if (frame.name === 'List' && parent?.name === 'List' && frame.items[0] !== undefined) {
        field.options.push({ value: frame.items[0], label: frame.items[1] ?? frame.items[0] });
      }
    }
    if (depth === allowedDepth) allowedDepth = -1;
    if (depth === fieldDepth && field !== undefined) {
      if (field.attributes.hidden !== 'true' && field.attributes.name) fields.push(field);
      field = undefined;
      fieldDepth = -1;
    }
    if (frame.name === 'MenuItem' || frame.name === 'BaseConfig') sections.pop();
  });
  try {
    parser.write(xml).close();
  } catch {
    failed = true;
  }
  return failed ? undefined : fields;
}

/** Looks texts up in the connector's translations: the locale's file, then `en`'s. */
function translator(texts: FormTexts | undefined): (key: string) => string | undefined {
  const files = texts?.translations ?? {};
  const read = (locale: string): Map<string, string> | undefined => {
    const text = files[locale];
    return typeof text === 'string' ? parseProperties(text) : undefined;
  };
  const english = read('en');
  const local = texts && texts.locale !== 'en' ? read(texts.locale) : undefined;
  return (key) => local?.get(key) ?? english?.get(key);
}

/**
 * The typed fields of a source config form (see the module comment), the first `Field` of each name; undefined when
 * the XML is not well-formed. `texts` gives the translated labels and the translations of help keys and placeholders.
 */
export function sourceConfigFields(xml: string, texts?: FormTexts): RawSettingsField[] | undefined {
  const parsed = parseFields(xml);
  if (!parsed) return undefined;
  const localized = new Map<string, string>();
  const localizedForm = texts?.localized?.trimStart().startsWith('<') ? parseFields(texts.localized) : undefined;
  for (const f of localizedForm ?? []) {
    const label = f.attributes.displayName ?? f.attributes.label;
    const name = f.attributes.name;
    if (name !== undefined && label !== undefined && !localized.has(name)) localized.set(name, label);
  }
  const translate = translator(texts);
  const seen = new Set<string>();
  const fields: RawSettingsField[] = [];
  for (const { section, attributes: a, options } of parsed) {
    const key = a.name;
    if (key === undefined || seen.has(key)) continue;
    seen.add(key);
    const type = fieldType(a.type);
    const kind = fieldKind(a.type, options.length > 0);
    const value = parseFieldValue(kind, a.value);
    // The XML fields mask the same values (xmlSecrets.ts): a secret type or name, a private key anywhere; a value read
    // masked (a private key in a text field of a masked form) is locked too.
    const confidential = kind === 'SECRET' || (a.value !== undefined && (holdsPrivateKey(a.value) || a.value.includes(SECRET_MASK)));
    const base = { section, key, type, kind, confidential };
    const locked = isLockedField(base);
    const help = a.helpKey?.trim();
    fields.push({
      ...base,
      label: localized.get(key) ?? a.displayName ?? a.label ?? null,
      description: help ? (translate(help) ?? help) : null,
      placeholder: translate(`placeHolder_${key}`) ?? null,
      options: kind === 'SELECT' ? options.map((o) => ({ value: o.value, label: translate(o.label) ?? o.label })) : null,
      defaultValue: locked ? undefined : parseFieldValue(kind, a.defaultValue),
      required: a.required === 'true',
      ...(locked ? { isSet: a.value !== undefined && a.value !== '' } : { value }),
    });
  }
  return fields;
}

/**
 * The settings of a script connector, read from its source config `Form` XML (see sourceConfigFields): every `Field`
 * of a `MenuItem` goes to the section its menu item maps to (see sectionForMenuItem), `BaseConfig` fields to
 * ADVANCED, fields outside both to GENERAL. Secret fields (a secret type or name, or a value holding a private key)
 * are locked by buildSettings. The values are the form's defaults (FORM_DEFAULTS). Returns undefined when the XML is
 * not well-formed (the caller logs it and shows no sections).
 */
export function settingsFromSourceConfig(xml: string | undefined, texts?: FormTexts): Settings | undefined {
  if (!xml) return { valueKind: 'FORM_DEFAULTS', sections: [] };
  const fields = sourceConfigFields(xml, texts);
  return fields ? buildSettings(fields, 'FORM_DEFAULTS') : undefined;
}
