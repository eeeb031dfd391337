/**
 * Field masks in the ConductorOne sandbox: the update mask of `ConnectorService.Update` (which paths exist, how each
 * copies its value, which are refused) and the `ConnectorExpandMask` that asks for the app in `expanded`.
 *
 * Internal module of the ConductorOne sandbox.
 */
import type { C1ConnectorSyncCronScheduleWire } from '../types.js';
import { CONNECTOR_FIELDS, isConnectorKey, type ConnectorKey } from './connectorFields.js';
import { invalidArgument } from './errors.js';
import { describeValue, parseMessage, parseStrings } from './protojson.js';
import type { C1SandboxConnector } from './seed.js';

/** Applies one update-mask path, copying the value from `source` (already at its zero value when absent). */
type MaskApplier = (target: C1SandboxConnector, source: C1SandboxConnector) => void;

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- K ties target[key] to source[key]: one field's type, not the union of all.
function topLevel<K extends ConnectorKey>(key: K): MaskApplier {
  return (target, source) => {
    target[key] = structuredClone(source[key]);
  };
}

/** Sub-paths of the two writable nested messages: the parent is created when it was unset. */
const NESTED_MASK_PATHS: Record<string, MaskApplier> = {
  'syncConfig.syncResourceTypeIds': (target, source) => {
    target.syncConfig = { ...target.syncConfig, syncResourceTypeIds: [...(source.syncConfig?.syncResourceTypeIds ?? [])] };
  },
  'connectorSyncCronSchedule.cronSpec': (target, source) => {
    target.connectorSyncCronSchedule = { ...emptyCron(target), cronSpec: source.connectorSyncCronSchedule?.cronSpec ?? '' };
  },
  'connectorSyncCronSchedule.timezone': (target, source) => {
    target.connectorSyncCronSchedule = { ...emptyCron(target), timezone: source.connectorSyncCronSchedule?.timezone ?? '' };
  },
  'connectorSyncCronSchedule.start': (target, source) => {
    target.connectorSyncCronSchedule = { ...emptyCron(target), start: source.connectorSyncCronSchedule?.start ?? null };
  },
};

const emptyCron = (target: C1SandboxConnector): C1ConnectorSyncCronScheduleWire =>
  target.connectorSyncCronSchedule ?? { cronSpec: '', timezone: '', start: null };

/** Every path an update mask may name. */
export const MASK_PATHS: Record<string, MaskApplier> = {
  ...Object.fromEntries((Object.keys(CONNECTOR_FIELDS) as ConnectorKey[]).filter((key) => CONNECTOR_FIELDS[key].writable).map((key) => [key, topLevel(key)])),
  ...NESTED_MASK_PATHS,
};

/**
 * Parses a `google.protobuf.FieldMask` in JSON form (comma-separated lowerCamelCase paths) against the connector's
 * updatable fields. The sandbox requires a mask: without one, grpc-gateway would derive it from the body (for PATCH)
 * or replace every field, and neither is something a gateway should rely on.
 */
export function parseUpdateMask(value: unknown): string[] {
  if (value === null || value === undefined || value === '') {
    throw invalidArgument('update_mask is required: name the fields to change, e.g. "displayName,description"');
  }
  if (typeof value !== 'string') throw invalidArgument(`invalid value for google.protobuf.FieldMask field updateMask: ${describeValue(value)}`);
  const paths = value.split(',').map((path) => path.trim());
  for (const path of paths) {
    if (path === '') throw invalidArgument(`invalid update_mask "${value}": empty field path`);
    if (path === '*') throw invalidArgument('invalid update_mask: a wildcard mask is not supported; list the fields');
    if (Object.hasOwn(MASK_PATHS, path)) continue;
    const root = path.split('.')[0] ?? '';
    if (isConnectorKey(root) && !CONNECTOR_FIELDS[root].writable) {
      throw invalidArgument(`invalid update_mask: field "${path}" cannot be updated`);
    }
    throw invalidArgument(`invalid update_mask: unknown field path "${path}" in c1.api.app.v1.Connector`);
  }
  return [...new Set(paths)];
}

/** Parses a `ConnectorExpandMask`; whether the app is to be expanded (paths `app_id` or `*`). */
export function parseExpandMask(value: unknown, path: string): boolean {
  const mask = parseMessage(value, path, (fields) => parseStrings(fields.paths, `${path}.paths`)) ?? [];
  for (const item of mask) {
    if (item !== 'app_id' && item !== '*') throw invalidArgument(`invalid ${path}: unknown path "${item}"; use "app_id" or "*"`);
  }
  return mask.length > 0;
}
