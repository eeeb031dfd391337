/**
 * The `settings` shape every source maps its configuration to: fields in four fixed sections, secrets locked.
 * Masking happens here, in one place, whatever a source returned. Internal module.
 */

/** The sections, in the order they are shown. */
export const SECTION_ORDER = ['GENERAL', 'ADDITIONAL', 'ADVANCED', 'RELAY'] as const;
export type SettingsSectionName = (typeof SECTION_ORDER)[number];

/** One configuration field as the GraphQL `ConnectorSettingsField` returns it. */
export interface SettingsField {
  key: string;
  label: string | null;
  type: string;
  required: boolean;
  locked: boolean;
  /** Always null when locked. */
  value: unknown;
  isSet: boolean;
}

/** `ConnectorSettings`: only non-empty sections, in SECTION_ORDER. */
export interface Settings {
  sections: Array<{ section: SettingsSectionName; fields: SettingsField[] }>;
}

/** A field as a source mapper describes it, before grouping and masking. */
export interface RawSettingsField {
  section: SettingsSectionName;
  key: string;
  label?: string | null;
  type: string;
  required?: boolean;
  /** Whether the source marks it confidential; names that look secret are locked as well. */
  confidential?: boolean;
  /** The stored or default value, if any. It is dropped here when the field is locked. */
  value?: unknown;
}

// Names of secrets, keys, tokens and passwords: matched on the key split at camelCase, `_`, `-` and `.`.
const SECRET_WORDS = new Set(['secret', 'secrets', 'password', 'passwd', 'pwd', 'passphrase', 'token', 'tokens', 'credential', 'credentials', 'key', 'keys', 'apikey', 'privatekey', 'pat']);

/** True when a field's key names a secret, key, token or password (e.g. `clientSecret`, `api_key`, `accessToken`). */
export function looksSecret(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.some((w) => SECRET_WORDS.has(w));
}

/** A field type for a config value that nothing describes (no form item, no schema): from the value's JSON type. */
export function typeOfValue(value: unknown): string {
  if (typeof value === 'number') return 'Number';
  if (typeof value === 'boolean') return 'Switch';
  if (typeof value === 'object' && value !== null) return 'Json';
  return 'Text';
}

/** Groups fields into sections and masks every locked value. */
export function buildSettings(fields: Iterable<RawSettingsField>): Settings {
  const bySection = new Map<SettingsSectionName, SettingsField[]>();
  for (const raw of fields) {
    const locked = raw.confidential === true || raw.type === 'Secret' || looksSecret(raw.key);
    const isSet = raw.value !== undefined && raw.value !== null && raw.value !== '';
    const field: SettingsField = {
      key: raw.key,
      label: raw.label ?? null,
      type: locked && raw.type === 'Text' ? 'Secret' : raw.type,
      required: raw.required === true,
      locked,
      value: locked || !isSet ? null : raw.value,
      isSet,
    };
    const list = bySection.get(raw.section);
    if (list) list.push(field);
    else bySection.set(raw.section, [field]);
  }
  return {
    sections: SECTION_ORDER.filter((s) => bySection.has(s)).map((section) => ({ section, fields: bySection.get(section)! })),
  };
}
