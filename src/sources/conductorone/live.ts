/**
 * What live updates watch of an app connector: its `connectorStatus` (state, times, last error), and whether a sync
 * is running (then polled fast). Internal module.
 */
import type { LiveStatus } from '../port.js';
import type { C1ConnectorWire } from './types.js';

export const appConnectorLive: LiveStatus = {
  status: (connector) => {
    const s = (connector as C1ConnectorWire).status;
    return s
      ? {
          status: s.status ?? null,
          startedAt: s.startedAt ?? null,
          completedAt: s.completedAt ?? null,
          updatedAt: s.updatedAt ?? null,
          lastError: s.lastError ?? null,
        }
      : null;
  },
  active: (connector) => (connector as C1ConnectorWire).status?.status === 'SYNC_STATUS_RUNNING',
};
