/**
 * The `settings` shape every source maps its configuration to: fields in four fixed sections, secrets locked.
 * Masking happens here, in one place, whatever a source returned. Internal module.
 */

/** The sections, in the order they are shown. */
const SECTION_ORDER = ['GENERAL', 'ADDITIONAL', 'ADVANCED', 'RELAY'] as const;
export type SettingsSectionName = (typeof SECTION_ORDER)[number];

/** One configuration field as the GraphQL `ConnectorSettingsField` returns it. */
interface SettingsField {
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
  sections: { section: SettingsSectionName; fields: SettingsField[] }[];
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
const SECRET_WORDS = new Set([
  'secret',
  'secrets',
  'password',
  'passwords',
  'passwd',
  'pwd',
  'passphrase',
  'token',
  'tokens',
  'credential',
  'credentials',
  'key',
  'keys',
  'apikey',
  'privatekey',
  'pat',
]);
// Header names that carry a credential when they are the key's last word (`Authorization`, `Proxy-Authorization`,
// `Cookie`), but not in other keys (`authorizationEndpoint` is a URL).
const SECRET_LAST_WORDS = new Set(['authorization', 'cookie']);

/**
 * True when a field's key names a secret, key, token or password (e.g. `clientSecret`, `api_key`, `accessToken`), or
 * is a credential header (`Authorization`, `Proxy-Authorization`, `Cookie`).
 */
export function looksSecret(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.some((w) => SECRET_WORDS.has(w)) || SECRET_LAST_WORDS.has(words.at(-1) ?? '');
}

/**
 * A copy of `value` in which every value under a secret key is `replacement` (null by default), at any depth: object
 * keys at every level, objects inside arrays too. `isSecret` defaults to looksSecret.
 */
export function maskSecrets(value: unknown, isSecret: (key: string) => boolean = looksSecret, replacement: unknown = null): unknown {
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, isSecret, replacement));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = isSecret(key) ? replacement : maskSecrets(v, isSecret, replacement);
  return out;
}

/** The fixed text that stands for a secret where a value cannot be null (inside XML, in log text). */
export const SECRET_MASK = '********';

// A PEM private key block (PKCS#1/#8, encrypted, EC, OpenSSH, PGP), or its start when the text is cut before its end.
const PRIVATE_KEY_BLOCK = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END \1PRIVATE KEY\2-----|$)/g;
const PRIVATE_KEY_START = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/;

/** Whether `text` holds a PEM private key (or the start of one). */
export function holdsPrivateKey(text: string): boolean {
  return text.includes('PRIVATE KEY') && PRIVATE_KEY_START.test(text);
}

/** `text` with every PEM private key block (or a cut one) replaced by `replacement` (SECRET_MASK by default). */
export function maskPrivateKeys(text: string, replacement = SECRET_MASK): string {
  return text.includes('PRIVATE KEY') ? text.replace(PRIVATE_KEY_BLOCK, () => replacement) : text;
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
      // A value that is not locked may still hold secrets below it (a headers object, nested JSON): masked at any depth.
      value: locked || !isSet ? null : maskSecrets(raw.value),
      isSet,
    };
    const list = bySection.get(raw.section);
    if (list) list.push(field);
    else bySection.set(raw.section, [field]);
  }
  return {
    sections: SECTION_ORDER.flatMap((section) => {
      const fields = bySection.get(section);
      return fields ? [{ section, fields }] : [];
    }),
  };
}
