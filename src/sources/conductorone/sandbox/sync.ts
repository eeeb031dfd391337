/**
 * Forced syncs of the ConductorOne sandbox (`POST …/connectors/{connector_id}/force_sync`, `ConnectorService.ForceSync`,
 * in the vendor's full document, not in the trimmed one): the connector's `status` turns RUNNING at once and, after the
 * sandbox's sync duration, DONE, or ERROR with `lastError`. The timestamps follow the vendor's `ConnectorStatus`:
 * `startedAt` when the current or last sync started, `completedAt` when the last one finished (kept from the previous
 * sync while one runs), `updatedAt` when the status last changed; the connector's own `updatedAt` does not move.
 *
 * Where the vendor is silent the sandbox decides:
 * - A forced sync while one this sandbox started still runs joins it: `{}`, nothing restarts, no timestamp moves. A
 *   seeded RUNNING status has no run behind it, so a force starts a new sync there.
 * - A sync fails when the connector has no config (`connector has no config to sync with`), or when its last sync
 *   failed and its config has not changed since (`configUpdatedAt` not after that `completedAt`): the same error
 *   again, as a real connector with the same bad credentials would. A config update clears the cause.
 * - A connector whose sync is disabled (`syncDisabledAt` set, status DISABLED) is refused with FAILED_PRECONDITION.
 *
 * Timers are unref'd (they never keep the process alive) and all stop on reset and on close.
 *
 * Internal module of the ConductorOne sandbox.
 */
import type { SandboxContext } from '../../../sandbox/app.js';
import { sendJson } from '../../../sandbox/http.js';
import { C1_GRPC_CODES, type C1ForceSyncResponse } from '../types.js';
import { readRpcBody } from './bodies.js';
import { C1RpcError } from './errors.js';
import { rfc3339, type C1SandboxConnector } from './seed.js';
import type { ConductorOneStore } from './store.js';

/** How long a forced sync runs by default: long enough to watch, short enough to wait for. */
export const CONDUCTORONE_DEFAULT_SYNC_MS = 3000;

/** The error a connector without config ends its sync with. */
export const NO_CONFIG_SYNC_ERROR = 'connector has no config to sync with';

/** Runs the sandbox's forced syncs: at most one per connector, each a single unref'd timer. */
export class ConductorOneSyncs {
  /** Running syncs by connector key (`appId/id`). */
  readonly #running = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: ConductorOneStore,
    private readonly durationMs: number,
  ) {
    if (!Number.isFinite(durationMs) || durationMs < 0) throw new RangeError('syncDurationMs must be a number of milliseconds, 0 or more');
  }

  /** `POST …/connectors/{connector_id}/force_sync`: starts (or joins) the connector's sync; answers `{}`. */
  async forceSync(ctx: SandboxContext, params: Record<string, string>): Promise<void> {
    // The body is `{}` (the ids are in the URL); anything else that is a JSON object is ignored.
    await readRpcBody(ctx.req, 'ForceSyncRequest');
    const connector = this.store.findConnector(params);
    if (connector.syncDisabledAt !== null || connector.status.status === 'SYNC_STATUS_DISABLED') {
      throw new C1RpcError(C1_GRPC_CODES.FAILED_PRECONDITION, `connector sync is disabled: "${connector.id}" in app "${connector.appId}"`);
    }
    const key = keyOf(connector);
    if (!this.#running.has(key)) this.#start(connector, key);
    const body: C1ForceSyncResponse = {};
    sendJson(ctx.res, 200, body);
  }

  /** Stops every running sync where it stands (reset, close). */
  stopAll(): void {
    for (const timer of this.#running.values()) clearTimeout(timer);
    this.#running.clear();
  }

  #start(connector: C1SandboxConnector, key: string): void {
    const failure = failureOf(connector);
    const startedAt = rfc3339(Date.now());
    connector.status = { ...connector.status, status: 'SYNC_STATUS_RUNNING', startedAt, updatedAt: startedAt };
    const timer = setTimeout(() => {
      this.#running.delete(key);
      // The stored connector now: it may have been deleted (then nothing is left to finish).
      if (!this.store.hasConnector(connector.appId, connector.id)) return;
      const stored = this.store.findConnector({ appId: connector.appId, id: connector.id });
      const completedAt = rfc3339(Date.now());
      stored.status =
        failure === null
          ? { ...stored.status, status: 'SYNC_STATUS_DONE', completedAt, updatedAt: completedAt, lastError: '' }
          : { ...stored.status, status: 'SYNC_STATUS_ERROR', completedAt, updatedAt: completedAt, lastError: failure };
    }, this.durationMs);
    timer.unref();
    this.#running.set(key, timer);
  }
}

/** Why a sync of `connector` started now fails, or null when it succeeds (see the module's notes). */
function failureOf(connector: C1SandboxConnector): string | null {
  if (connector.config === null) return NO_CONFIG_SYNC_ERROR;
  const { status, lastError, completedAt } = connector.status;
  if (status !== 'SYNC_STATUS_ERROR' || lastError === '') return null;
  const configChanged = connector.configUpdatedAt !== null && completedAt !== null && Date.parse(connector.configUpdatedAt) > Date.parse(completedAt);
  return configChanged ? null : lastError;
}

function keyOf(connector: C1SandboxConnector): string {
  return JSON.stringify([connector.appId, connector.id]);
}
