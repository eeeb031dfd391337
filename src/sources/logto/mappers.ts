/**
 * Pure wire → GraphQL mappings of the Logto source. Internal module.
 */
import { encodeGlobalId } from '../../graph/globalId.js';
import { buildSettings, looksSecret, maskSecrets, typeOfValue, type RawSettingsField, type Settings, type SettingsSectionName } from '../../graph/settings.js';
import type { LoginConnectorType } from '../../__generated__/resolvers-types.js';
import type { LogtoConnectorType, LogtoConnectorWire, LogtoFormItemWire, LogtoI18nPhrasesWire } from './types.js';

/** The global id of a login connector. */
export function loginConnectorId(id: string): string {
  return encodeGlobalId('LoginConnector', id);
}

const TYPES: Record<LogtoConnectorType, LoginConnectorType> = { Email: 'EMAIL', Sms: 'SMS', Social: 'SOCIAL' };
const WIRE_TYPES: Record<LoginConnectorType, LogtoConnectorType> = { EMAIL: 'Email', SMS: 'Sms', SOCIAL: 'Social' };

/** The contract's type for Logto's `Email` / `Sms` / `Social`. */
export function loginConnectorType(type: LogtoConnectorType): LoginConnectorType {
  return TYPES[type];
}

/** Logto's type for the contract's. */
export function logtoConnectorType(type: LoginConnectorType): LogtoConnectorType {
  return WIRE_TYPES[type];
}

/** A localised text in English, else its first language; null when there is none. */
export function phrase(text: LogtoI18nPhrasesWire | Record<string, string> | null | undefined): string | null {
  if (!text || typeof text !== 'object') return null;
  const en = text.en;
  if (typeof en === 'string' && en !== '') return en;
  const first = Object.values(text).find((v) => typeof v === 'string' && v !== '');
  return first ?? null;
}

/**
 * The section of a form item. The rule, in order: a key or label about a proxy or relay → RELAY; a required or
 * confidential item (the credentials) → GENERAL; Json and multi-line items, and keys about scopes, prompts,
 * timeouts or custom settings → ADVANCED; anything else → ADDITIONAL.
 */
export function sectionForFormItem(item: Pick<LogtoFormItemWire, 'key' | 'label' | 'type' | 'required' | 'isConfidential'>): SettingsSectionName {
  const text = `${item.key} ${item.label}`.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  if (/\b(proxy|relay)/.test(text)) return 'RELAY';
  if (item.required === true || item.isConfidential === true) return 'GENERAL';
  if (item.type === 'Json' || item.type === 'MultilineText' || /\b(scopes?|prompts?|timeouts?|custom|advanced)\b/.test(text)) return 'ADVANCED';
  return 'ADDITIONAL';
}

/** Whether a config key of this connector holds a secret: its form item is confidential, or the key names one. */
export function logtoSecretTest(formItems: readonly Pick<LogtoFormItemWire, 'key' | 'isConfidential'>[] | undefined): (key: string) => boolean {
  const confidential = new Set((formItems ?? []).filter((i) => i.isConfidential).map((i) => i.key));
  return (key) => confidential.has(key) || looksSecret(key);
}

/**
 * The settings of a login connector: one field per form item with the stored config value, then any stored keys
 * the form does not describe (ADDITIONAL). Confidential items, and keys that name a secret, are locked; inside the
 * other values (a headers object, nested JSON, arrays) such keys are null at any depth.
 */
export function loginConnectorSettings(connector: Pick<LogtoConnectorWire, 'formItems' | 'config'>): Settings {
  const { config } = connector;
  const isSecret = logtoSecretTest(connector.formItems);
  const fields: RawSettingsField[] = [];
  const described = new Set<string>();
  for (const item of connector.formItems ?? []) {
    described.add(item.key);
    fields.push({
      section: sectionForFormItem(item),
      key: item.key,
      label: item.label,
      type: item.type,
      required: item.required === true,
      confidential: item.isConfidential === true,
      value: maskSecrets(config[item.key], isSecret),
    });
  }
  for (const [key, value] of Object.entries(config)) {
    if (described.has(key)) continue;
    fields.push({ section: 'ADDITIONAL', key, label: null, type: typeOfValue(value), confidential: isSecret(key), value: maskSecrets(value, isSecret) });
  }
  return buildSettings(fields);
}
