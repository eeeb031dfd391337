/**
 * The SailPoint sandbox as the port starts it: `connection.sandbox` names this module, which the gateway (when
 * SAILPOINT_URL is unset) and `npm run sandbox` load with a computed import, so that the production build
 * (`npm run build:prod`) leaves the sandbox out. Internal module.
 */
import type { SandboxModule } from '../../port.js';
import { startSailPointSandbox } from './server.js';

/** Starts the sandbox; `SAILPOINT_SANDBOX_LIST_ALL_STATUSES=true` in the launcher's environment lists connectors of every status. */
export const start: SandboxModule['start'] = (options) =>
  startSailPointSandbox({ port: options.port, latencyMs: options.latencyMs, listAllStatuses: options.env?.SAILPOINT_SANDBOX_LIST_ALL_STATUSES === 'true' });
