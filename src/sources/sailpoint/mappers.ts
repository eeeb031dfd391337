/**
 * Pure wire → GraphQL mappings of the SailPoint source. Internal module.
 */
import { SaxesParser } from 'saxes';
import { buildSettings, holdsPrivateKey, type RawSettingsField, type Settings, type SettingsSectionName } from '../../graph/settings.js';
import { encodeGlobalId } from '../../graph/globalId.js';
import type { SailPointConnector, SailPointConnectorDetail } from './client.js';
import type { SailPointConnectorWire } from './types.js';

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

/** A form field's default value in its JSON type (numbers and switches are not strings). */
function fieldValue(type: string, raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  if (type === 'Number') {
    const n = Number(raw);
    return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
  }
  if (type === 'Switch') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

/**
 * The settings of a script connector, read from its source config `Form` XML: every `Field` of a `MenuItem`
 * goes to the section its menu item maps to (see sectionForMenuItem), `BaseConfig` fields to ADVANCED, fields
 * outside both to GENERAL. Secret fields (a secret type or name, or a value holding a private key) are locked by
 * buildSettings. Returns undefined when the XML is not well-formed (the caller logs it and shows no sections).
 */
export function settingsFromSourceConfig(xml: string | undefined): Settings | undefined {
  if (!xml) return { valueKind: 'FORM_DEFAULTS', sections: [] };
  const fields: RawSettingsField[] = [];
  const sections: SettingsSectionName[] = [];
  const parser = new SaxesParser();
  let failed = false;
  parser.on('error', () => {
    failed = true;
  });
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case 'MenuItem':
        sections.push(sectionForMenuItem(a.keyName, a.label));
        break;
      case 'BaseConfig':
        sections.push('ADVANCED');
        break;
      case 'Field': {
        if (!a.name) break;
        const type = fieldType(a.type);
        fields.push({
          section: sections.at(-1) ?? 'GENERAL',
          key: a.name,
          label: a.displayName ?? a.label ?? null,
          type,
          required: a.required === 'true',
          // The XML fields mask the same values (xmlSecrets.ts): a secret type or name, or a private key anywhere.
          confidential: type === 'Secret' || (a.value !== undefined && holdsPrivateKey(a.value)),
          value: fieldValue(type, a.value),
        });
        break;
      }
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'MenuItem' || tag.name === 'BaseConfig') sections.pop();
  });
  try {
    parser.write(xml).close();
  } catch {
    failed = true;
  }
  return failed ? undefined : buildSettings(fields, 'FORM_DEFAULTS');
}
