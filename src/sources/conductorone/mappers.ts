/**
 * Pure wire → GraphQL mappings of the ConductorOne source. Internal module.
 */
import { encodeGlobalId } from '../../graph/globalId.js';
import {
  buildSettings,
  looksSecret,
  maskSecrets,
  type FormFieldKind,
  type RawSettingsField,
  type Settings,
  type SettingsSectionName,
} from '../../graph/settings.js';
import type { SyncStatus } from '../../__generated__/resolvers-types.js';

/** The global id of an app connector: its app and its own id. */
export function appConnectorId(appId: string, id: string): string {
  return encodeGlobalId('AppConnector', appId, id);
}

/** The global id of an app. */
export function appGlobalId(id: string): string {
  return encodeGlobalId('App', id);
}

/** A string field of ConductorOne's wire, which (proto3 JSON) sends an unset string as "" or not at all: undefined then. */
export function setString(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
}

const SYNC_STATUSES: Record<string, SyncStatus> = {
  SYNC_STATUS_UNSPECIFIED: 'SYNC_STATUS_UNSPECIFIED',
  SYNC_STATUS_RUNNING: 'RUNNING',
  SYNC_STATUS_DONE: 'DONE',
  SYNC_STATUS_ERROR: 'ERROR',
  SYNC_STATUS_DISABLED: 'DISABLED',
};

/** The contract's sync status for ConductorOne's enum value (unknown values read as unspecified). */
export function syncStatus(status: string | null | undefined): SyncStatus | null {
  if (status == null) return null;
  return SYNC_STATUSES[status] ?? 'SYNC_STATUS_UNSPECIFIED';
}

/** The key of the protobuf Any's type URL in a config object. */
export const TYPE_KEY = '@type';

/** `config` as the contract's ConnectorConfig: its type URL and its values (secrets null); null without a type. */
export function connectorConfig(config: Record<string, unknown> | null | undefined): { typeUrl: string; value: Record<string, unknown> } | null {
  if (!config || typeof config[TYPE_KEY] !== 'string') return null;
  const { [TYPE_KEY]: typeUrl, ...rest } = config;
  return { typeUrl: typeUrl, value: maskSecrets(rest) as Record<string, unknown> };
}

/**
 * The section of a config key. The rule, in order: about a proxy or relay → RELAY; secret-like, or naming who or
 * where to connect (client id, user name, URL, host, domain, tenant, region, account, organisation) → GENERAL;
 * about sync, schedules, timeouts, scopes, concurrency or custom settings → ADVANCED; anything else → ADDITIONAL.
 */
function sectionForConfigKey(key: string): SettingsSectionName {
  const text = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]/g, ' ')
    .toLowerCase();
  if (/\b(proxy|relay)/.test(text)) return 'RELAY';
  if (
    looksSecret(key) ||
    /\b(client id|user ?name|username|url|uri|host|domain|tenant|region|account|org|organization|instance|endpoint|subdomain)\b/.test(text)
  ) {
    return 'GENERAL';
  }
  if (/\b(sync|schedule|cron|timeout|scopes?|concurrency|parallel|custom|advanced|retries|page size)\b/.test(text)) return 'ADVANCED';
  return 'ADDITIONAL';
}

/** A readable label for a camelCase or snake_case key (`clientSecret` → `Client secret`). */
function labelForConfigKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The deprecated `type` name of each kind a config value gives. */
const TYPE_OF_KIND: Readonly<Partial<Record<FormFieldKind, string>>> = {
  TEXT: 'Text',
  URL: 'Url',
  NUMBER: 'Number',
  SWITCH: 'Switch',
  LIST: 'List',
  JSON: 'Json',
};

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

/** Whether `text` is an absolute http(s) URL. */
function isHttpUrl(text: string): boolean {
  if (!HTTP_URL.test(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The kind of input a config value takes, from the value alone (ConductorOne's config is an Any whose message
 * schema the public API does not describe): an http(s) URL string → URL, other strings → TEXT, number → NUMBER,
 * boolean → SWITCH, an array of strings → LIST, any other object or array → JSON; null or absent → TEXT.
 */
export function kindOfConfigValue(value: unknown): FormFieldKind {
  if (typeof value === 'string') return isHttpUrl(value) ? 'URL' : 'TEXT';
  if (typeof value === 'number') return 'NUMBER';
  if (typeof value === 'boolean') return 'SWITCH';
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return 'LIST';
  if (typeof value === 'object' && value !== null) return 'JSON';
  return 'TEXT';
}

/**
 * One form field of a config key: section and label from the key, kind from `sample` (a value of that key; a
 * secret's kind is SECRET whatever its value), locked when the key is secret-like. No description: ConductorOne's
 * API says nothing about the keys of a config message. `value` is the stored value with the secrets below its top
 * level masked (null), as reads show it: a form check compares a caller's value with it, and an unmasked nested
 * secret would make that an oracle on it. A secret's value is dropped (`isSet` says whether one is stored). Leave
 * `stored` out for a form without values.
 */
export function configField(key: string, sample: unknown, stored?: { value: unknown }): RawSettingsField {
  const secret = looksSecret(key);
  const kind = secret ? 'SECRET' : kindOfConfigValue(sample);
  const field: RawSettingsField = {
    section: sectionForConfigKey(key),
    key,
    label: labelForConfigKey(key),
    type: secret ? 'Secret' : (TYPE_OF_KIND[kind] ?? 'Text'),
    kind,
  };
  if (stored === undefined) return { ...field, isSet: false };
  const isSet = stored.value !== undefined && stored.value !== null && stored.value !== '';
  return secret ? { ...field, isSet } : { ...field, value: maskSecrets(stored.value), isSet };
}

/** The form fields of a stored config: one per key but `@type`, in the config's order, with their values as reads show them (secrets: isSet only). */
export function configFields(config: Record<string, unknown> | null | undefined): RawSettingsField[] {
  return Object.entries(config ?? {})
    .filter(([key]) => key !== TYPE_KEY)
    .map(([key, value]) => configField(key, value, { value }));
}

/** The settings of an app connector: one field per config key (but `@type`); secret-like keys are locked. */
export function appConnectorSettings(config: Record<string, unknown> | null | undefined): Settings {
  return buildSettings(configFields(config));
}
