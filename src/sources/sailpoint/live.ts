/**
 * What live updates watch of a script connector: its lifecycle `status`. SailPoint has no long-running change of a
 * script connector, so it is never active (always polled at the idle interval). Internal module.
 */
import type { LiveStatus } from '../port.js';
import type { ScriptConnectorRecord } from './mappers.js';

export const scriptConnectorLive: LiveStatus = {
  status: (connector) => (connector as ScriptConnectorRecord).status ?? null,
  active: () => false,
};
