/**
 * The fields of `c1.api.app.v1.Connector` in the ConductorOne sandbox: how each one's JSON is parsed (nested
 * messages included), and which of them an update may change.
 *
 * Internal module of the ConductorOne sandbox.
 */
import { isJsonObject } from '../../../sandbox/bodies.js';
import { C1_SYNC_STATUSES, type C1ConnectorSyncCronScheduleWire, type C1OAuth2AuthorizedAsWire, type C1SyncConfigWire, type C1SyncStatus } from '../types.js';
import { invalidArgument } from './errors.js';
import { describeValue, parseAny, parseBool, parseInt32, parseMessage, parseString, parseStrings, parseTimestamp } from './protojson.js';
import type { C1SandboxConnector, C1SandboxConnectorStatus } from './seed.js';

function parseSyncStatus(value: unknown, path: string): C1SyncStatus {
  if (value === null || value === undefined) return 'SYNC_STATUS_UNSPECIFIED';
  // protojson also accepts an enum's number.
  const byNumber = typeof value === 'number' ? C1_SYNC_STATUSES[value] : undefined;
  if (byNumber) return byNumber;
  if (typeof value === 'string' && (C1_SYNC_STATUSES as readonly string[]).includes(value)) return value as C1SyncStatus;
  throw invalidArgument(`invalid value for enum field ${path}: ${describeValue(value)}`);
}

const parseStatus = (value: unknown, path: string): C1SandboxConnectorStatus | null =>
  parseMessage(value, path, (fields) => ({
    status: parseSyncStatus(fields.status, `${path}.status`),
    startedAt: parseTimestamp(fields.startedAt, `${path}.startedAt`),
    completedAt: parseTimestamp(fields.completedAt, `${path}.completedAt`),
    lastError: parseString(fields.lastError, `${path}.lastError`),
    updatedAt: parseTimestamp(fields.updatedAt, `${path}.updatedAt`),
  }));

const parseOAuth = (value: unknown, path: string): C1OAuth2AuthorizedAsWire | null =>
  parseMessage(value, path, (fields) => ({
    authEmail: parseString(fields.authEmail, `${path}.authEmail`),
    authorizedAt: parseTimestamp(fields.authorizedAt, `${path}.authorizedAt`),
  }));

const parseSyncConfig = (value: unknown, path: string): C1SyncConfigWire | null =>
  parseMessage(value, path, (fields) => ({ syncResourceTypeIds: parseStrings(fields.syncResourceTypeIds, `${path}.syncResourceTypeIds`) }));

const parseCron = (value: unknown, path: string): C1ConnectorSyncCronScheduleWire | null =>
  parseMessage(value, path, (fields) => ({
    cronSpec: parseString(fields.cronSpec, `${path}.cronSpec`),
    timezone: parseString(fields.timezone, `${path}.timezone`),
    start: parseTimestamp(fields.start, `${path}.start`),
  }));

/** A field of the connector message. */
export type ConnectorKey = keyof C1SandboxConnector;

/**
 * Every field of `c1.api.app.v1.Connector`: how its JSON is parsed, and whether an update may change it. Read-only
 * fields (output only in the proto, or owned by the sync engine) are still type-checked when a body carries them.
 */
export const CONNECTOR_FIELDS: { [K in ConnectorKey]: { parse: (value: unknown, path: string) => C1SandboxConnector[K]; writable: boolean } } = {
  appId: { parse: parseString, writable: false },
  canResumeSync: { parse: parseBool, writable: true },
  catalogId: { parse: parseString, writable: false },
  config: { parse: parseAny, writable: true },
  configUpdatedAt: { parse: parseTimestamp, writable: false },
  connectorApiVersion: { parse: (value, path) => parseInt32(value, path) ?? 0, writable: false },
  connectorSyncCronSchedule: { parse: parseCron, writable: true },
  createdAt: { parse: parseTimestamp, writable: false },
  deletedAt: { parse: parseTimestamp, writable: false },
  description: { parse: parseString, writable: true },
  disableCheckBadSync: { parse: parseBool, writable: true },
  displayName: { parse: parseString, writable: true },
  downloadUrl: { parse: parseString, writable: false },
  id: { parse: parseString, writable: false },
  oauthAuthorizedAs: { parse: parseOAuth, writable: false },
  parallelSyncWorkerCount: { parse: parseInt32, writable: true },
  profileAllowList: { parse: parseStrings, writable: true },
  profileIgnoreList: { parse: parseStrings, writable: true },
  status: {
    parse: (value, path) =>
      parseStatus(value, path) ?? { status: 'SYNC_STATUS_UNSPECIFIED', startedAt: null, completedAt: null, lastError: '', updatedAt: null },
    writable: false,
  },
  syncConfig: { parse: parseSyncConfig, writable: true },
  syncDisabledAt: { parse: parseTimestamp, writable: false },
  syncDisabledCategory: { parse: parseString, writable: false },
  syncDisabledReason: { parse: parseString, writable: false },
  updatedAt: { parse: parseTimestamp, writable: false },
  userIds: { parse: parseStrings, writable: true },
};

/** Whether `key` names a connector field. */
export const isConnectorKey = (key: string): key is ConnectorKey => Object.hasOwn(CONNECTOR_FIELDS, key);

/** A connector from a request body: every known field, absent ones at their zero value; unknown keys dropped. */
export function parseConnector(value: unknown, path: string): C1SandboxConnector {
  if (!isJsonObject(value)) throw invalidArgument(`invalid value for message field ${path}: ${describeValue(value)}`);
  const out: Partial<Record<ConnectorKey, unknown>> = {};
  for (const key of Object.keys(CONNECTOR_FIELDS) as ConnectorKey[]) out[key] = CONNECTOR_FIELDS[key].parse(value[key], `${path}.${key}`);
  return out as C1SandboxConnector;
}
