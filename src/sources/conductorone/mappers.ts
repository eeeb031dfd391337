/**
 * Pure wire → GraphQL mappings of the ConductorOne source. Internal module.
 */
import { encodeGlobalId } from '../../graph/globalId.js';
import { buildSettings, looksSecret, maskSecrets, typeOfValue, type RawSettingsField, type Settings, type SettingsSectionName } from '../../graph/settings.js';
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

/** The settings of an app connector: one field per config key (but `@type`); secret-like keys are locked. */
export function appConnectorSettings(config: Record<string, unknown> | null | undefined): Settings {
  const fields: RawSettingsField[] = [];
  for (const [key, value] of Object.entries(config ?? {})) {
    if (key === TYPE_KEY) continue;
    fields.push({ section: sectionForConfigKey(key), key, label: labelForConfigKey(key), type: typeOfValue(value), value });
  }
  return buildSettings(fields);
}
