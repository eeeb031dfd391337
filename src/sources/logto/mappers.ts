/**
 * Pure wire → GraphQL mappings of the Logto source. Internal module.
 */
import { encodeGlobalId } from '../../graph/globalId.js';
import {
  buildSettings,
  isLockedField,
  isSetValue,
  kindOfType,
  looksSecret,
  maskSecrets,
  typeOfValue,
  type FormFieldKind,
  type FormFieldOption,
  type RawSettingsField,
  type Settings,
  type SettingsSectionName,
} from '../../graph/settings.js';
import type { LoginConnectorPlatform, LoginConnectorType } from '../../__generated__/resolvers-types.js';
import type {
  LogtoConnectorFactoryWire,
  LogtoConnectorPlatform,
  LogtoConnectorType,
  LogtoConnectorWire,
  LogtoFormItemWire,
  LogtoI18nPhrasesWire,
} from './types.js';

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

const KINDS: Record<LogtoFormItemWire['type'], FormFieldKind> = {
  Text: 'TEXT',
  MultilineText: 'MULTILINE_TEXT',
  Number: 'NUMBER',
  Switch: 'SWITCH',
  Select: 'SELECT',
  MultiSelect: 'MULTI_SELECT',
  Json: 'JSON',
};

/** The choices of a Select (its `title` as the label) or MultiSelect item (which has no title: the value is the label). */
function formItemOptions(item: LogtoFormItemWire): FormFieldOption[] | null {
  if (item.type === 'Select') return item.selectItems.map((s) => ({ value: s.value, label: s.title || s.value }));
  if (item.type === 'MultiSelect') return item.selectItems.map((s) => ({ value: s.value, label: s.value }));
  return null;
}

/** Help text: the item's description and its tooltip, joined when it has both. */
function formItemDescription(item: Pick<LogtoFormItemWire, 'description' | 'tooltip'>): string | null {
  const parts = [item.description, item.tooltip].filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  return parts.length === 0 ? null : parts.join(' ');
}

/**
 * One form item as a settings field: its kind, choices, help text, placeholder, default and show conditions (a
 * condition without `expectValue` holds for any set value), without a value.
 */
export function formItemField(item: LogtoFormItemWire): RawSettingsField {
  return {
    section: sectionForFormItem(item),
    key: item.key,
    label: item.label,
    type: item.type,
    // A type Logto adds later is not in KINDS: the kind then comes from the type's name (settings.ts, kindOfType).
    kind: Object.hasOwn(KINDS, item.type) ? KINDS[item.type] : kindOfType(item.type),
    description: formItemDescription(item),
    placeholder: item.placeholder ?? null,
    options: formItemOptions(item),
    defaultValue: item.defaultValue,
    showIf: (item.showConditions ?? []).map((c) => ({ key: c.targetKey, ...(c.expectValue === undefined ? {} : { equals: c.expectValue }) })),
    required: item.required === true,
    confidential: item.isConfidential === true,
  };
}

/**
 * The fields of a login connector: one per form item with the stored config value, then one per stored key the form
 * does not describe (ADDITIONAL, its kind from its JSON type). A locked field (confidential, or a key that names a
 * secret) carries no value, only whether one is stored; inside the other values such keys are null at any depth.
 */
export function loginConnectorFields(connector: Pick<LogtoConnectorWire, 'formItems' | 'config'>): RawSettingsField[] {
  const { config } = connector;
  const isSecret = logtoSecretTest(connector.formItems);
  const withValue = (field: RawSettingsField, value: unknown): RawSettingsField => {
    const locked = isLockedField(field);
    return { ...field, value: locked ? null : maskSecrets(value, isSecret), isSet: isSetValue(value) };
  };
  const fields: RawSettingsField[] = [];
  const described = new Set<string>();
  for (const item of connector.formItems ?? []) {
    described.add(item.key);
    fields.push(withValue(formItemField(item), config[item.key]));
  }
  for (const [key, value] of Object.entries(config)) {
    if (described.has(key)) continue;
    fields.push(withValue({ section: 'ADDITIONAL', key, label: null, type: typeOfValue(value), confidential: isSecret(key) }, value));
  }
  return fields;
}

/**
 * The settings of a login connector (see loginConnectorFields). Confidential items, and keys that name a secret, are
 * locked; inside the other values (a headers object, nested JSON, arrays) such keys are null at any depth.
 */
export function loginConnectorSettings(connector: Pick<LogtoConnectorWire, 'formItems' | 'config'>): Settings {
  return buildSettings(loginConnectorFields(connector));
}

/** The form of a factory: one field per form item, with its default and no value. */
export function factoryFormFields(factory: Pick<LogtoConnectorFactoryWire, 'formItems'>): RawSettingsField[] {
  return (factory.formItems ?? []).map(formItemField);
}

/** A factory's form as settings (`ConnectorFactory.form`): the form a new connector fills, defaults only. */
export function factoryForm(factory: Pick<LogtoConnectorFactoryWire, 'formItems'>): Settings {
  return buildSettings(factoryFormFields(factory), 'FORM_DEFAULTS');
}

const PLATFORMS: Record<LogtoConnectorPlatform, LoginConnectorPlatform> = { Universal: 'UNIVERSAL', Web: 'WEB', Native: 'NATIVE' };

/** The contract's platform for Logto's `Universal` / `Web` / `Native`; null for Email/SMS (and a value Logto does not document). */
export function loginConnectorPlatform(platform: LogtoConnectorPlatform | null | undefined): LoginConnectorPlatform | null {
  return platform != null && Object.hasOwn(PLATFORMS, platform) ? PLATFORMS[platform] : null;
}
