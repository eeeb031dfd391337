/**
 * The `settings` shape every source maps its configuration to: fields in four fixed sections, secrets locked.
 * Masking happens here, in one place, whatever a source returned. Internal module.
 */

/** The sections, in the order they are shown. */
const SECTION_ORDER = ['GENERAL', 'ADDITIONAL', 'ADVANCED', 'RELAY'] as const;
export type SettingsSectionName = (typeof SECTION_ORDER)[number];

/** The GraphQL `FormFieldType`: the kind of input a field takes. */
export type FormFieldKind = 'TEXT' | 'MULTILINE_TEXT' | 'NUMBER' | 'SWITCH' | 'SELECT' | 'MULTI_SELECT' | 'JSON' | 'SECRET' | 'URL' | 'XML' | 'LIST' | 'FILE';

/** One choice of a select (`FormFieldOption`). */
export interface FormFieldOption {
  value: string;
  label: string;
}

/** `FormFieldCondition`: shown while the field `key` holds `equals` (null/undefined: any set value). */
export interface FormFieldCondition {
  key: string;
  equals?: unknown;
}

/** What the settings' values are (`SettingsValueKind`). */
export type SettingsValueKind = 'STORED' | 'FORM_DEFAULTS';

/** One configuration field as the GraphQL `ConnectorSettingsField` returns it. */
interface SettingsField {
  key: string;
  label: string | null;
  type: string;
  kind: FormFieldKind;
  description: string | null;
  placeholder: string | null;
  options: FormFieldOption[] | null;
  /** Always null when locked. */
  defaultValue: unknown;
  showIf: FormFieldCondition[];
  required: boolean;
  locked: boolean;
  /** Always null when locked. */
  value: unknown;
  isSet: boolean;
}

/** `ConnectorSettings`: only non-empty sections, in SECTION_ORDER. */
export interface Settings {
  valueKind: SettingsValueKind;
  sections: { section: SettingsSectionName; fields: SettingsField[] }[];
}

/** A field as a source mapper describes it, before grouping and masking. */
export interface RawSettingsField {
  section: SettingsSectionName;
  key: string;
  label?: string | null;
  /** The source's own name of the input kind (the deprecated `type`). */
  type: string;
  /** The kind of input; default: from `type` (see kindOfType). */
  kind?: FormFieldKind;
  description?: string | null;
  placeholder?: string | null;
  options?: readonly FormFieldOption[] | null;
  defaultValue?: unknown;
  showIf?: readonly FormFieldCondition[];
  required?: boolean;
  /** Whether the source marks it confidential; names that look secret are locked as well. */
  confidential?: boolean;
  /** The stored or default value, if any. It is dropped here when the field is locked. */
  value?: unknown;
  /** Whether a value is stored, when `value` cannot tell (a locked value read as null); default: from `value`. */
  isSet?: boolean;
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

/**
 * Known secrets shorter than this are not searched for in text (they would match ordinary words): the one minimum of
 * the log (logger.ts scrubBody), the reasons shown to callers (errors/reasons.ts) and the settings engine's answers.
 */
export const MIN_KNOWN_SECRET = 4;

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

const KIND_OF_TYPE: Readonly<Record<string, FormFieldKind>> = {
  text: 'TEXT',
  textarea: 'MULTILINE_TEXT',
  multilinetext: 'MULTILINE_TEXT',
  number: 'NUMBER',
  switch: 'SWITCH',
  select: 'SELECT',
  multiselect: 'MULTI_SELECT',
  json: 'JSON',
  secret: 'SECRET',
  url: 'URL',
  xml: 'XML',
  list: 'LIST',
  file: 'FILE',
};

/** The kind of a source's type name (`Text`, `MultilineText`, `TextArea`, `Json`, …), TEXT when unknown. */
export function kindOfType(type: string): FormFieldKind {
  return KIND_OF_TYPE[type.toLowerCase()] ?? 'TEXT';
}

/** Whether a field is locked (write-only): the source marks it confidential, its kind is SECRET, or its key names a secret. */
export function isLockedField(raw: Pick<RawSettingsField, 'confidential' | 'type' | 'kind' | 'key'>): boolean {
  return raw.confidential === true || raw.kind === 'SECRET' || raw.type === 'Secret' || looksSecret(raw.key);
}

/** Whether a value counts as set (not absent, null or the empty text). */
export function isSetValue(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** One field as the schema returns it: locked values (and defaults) dropped, secrets below the top level masked. */
function settingsField(raw: RawSettingsField): SettingsField {
  const locked = isLockedField(raw);
  const isSet = raw.isSet ?? isSetValue(raw.value);
  const type = locked && raw.type === 'Text' ? 'Secret' : raw.type;
  // A locked one-line text is a SECRET; any other locked field keeps its kind (write-only, but still a choice among
  // its options, a URL, …: `tokenEndpointAuthMethod` is locked by its name and still a SELECT).
  const own = raw.kind ?? kindOfType(type);
  const kind = locked && own === 'TEXT' ? 'SECRET' : own;
  return {
    key: raw.key,
    label: raw.label ?? null,
    type,
    kind,
    description: raw.description ?? null,
    placeholder: raw.placeholder ?? null,
    options: raw.options ? [...raw.options] : null,
    defaultValue: locked || raw.defaultValue === undefined ? null : maskSecrets(raw.defaultValue),
    showIf: raw.showIf ? [...raw.showIf] : [],
    required: raw.required === true,
    locked,
    // A value that is not locked may still hold secrets below it (a headers object, nested JSON): masked at any depth.
    value: locked || !isSetValue(raw.value) ? null : maskSecrets(raw.value),
    isSet,
  };
}

/** Groups fields into sections and masks every locked value. */
export function buildSettings(fields: Iterable<RawSettingsField>, valueKind: SettingsValueKind = 'STORED'): Settings {
  const bySection = new Map<SettingsSectionName, SettingsField[]>();
  for (const raw of fields) {
    const field = settingsField(raw);
    const list = bySection.get(raw.section);
    if (list) list.push(field);
    else bySection.set(raw.section, [field]);
  }
  return {
    valueKind,
    sections: SECTION_ORDER.flatMap((section) => {
      const fields = bySection.get(section);
      return fields ? [{ section, fields }] : [];
    }),
  };
}
