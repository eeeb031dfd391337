/**
 * Wire shapes of the ConductorOne sandbox's answers: stored connectors (unset fields left out, as the vendor's
 * document declares them) and apps.
 *
 * Internal module of the ConductorOne sandbox.
 */
import type { C1AppWire, C1ConnectorWire } from '../types.js';
import type { C1SandboxApp, C1SandboxConnector } from './seed.js';

/** A stored connector as the API writes it (a copy; `parallelSyncWorkerCount` left out while never set). */
export function toConnectorWire(connector: C1SandboxConnector): C1ConnectorWire {
  // The vendor's document declares unset timestamps and messages as absent, not null (only the repeated fields and
  // `parallelSyncWorkerCount` may be null), so unset fields are left out, at every level of the connector.
  return withoutNulls(structuredClone(connector));
}

/** Fields the vendor's document lets be null: the repeated ones. */
const NULLABLE_FIELDS = new Set(['profileAllowList', 'profileIgnoreList', 'userIds', 'syncResourceTypeIds']);

/** `value` without its null-valued keys (but NULLABLE_FIELDS), and so the plain objects inside it; not inside `config`. */
function withoutNulls(value: object): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value) as [string, unknown][]) {
    if (v === null && !NULLABLE_FIELDS.has(key)) continue;
    kept[key] = typeof v === 'object' && v !== null && !Array.isArray(v) && key !== 'config' ? withoutNulls(v) : v;
  }
  return kept;
}

/** A stored app as the API writes it (a copy). */
export function toAppWire(app: C1SandboxApp): C1AppWire {
  return structuredClone(app);
}
