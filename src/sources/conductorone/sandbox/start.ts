/**
 * The ConductorOne sandbox as the port starts it: `connection.sandbox` names this module, which the gateway (when
 * CONDUCTORONE_URL is unset) and `npm run sandbox` load with a computed import, so that the production build
 * (`npm run build:prod`) leaves the sandbox out. Internal module.
 */
import type { SandboxModule } from '../../port.js';
import { startConductorOneSandbox } from './server.js';

/** Starts the sandbox. */
export const start: SandboxModule['start'] = (options) => startConductorOneSandbox({ port: options.port, latencyMs: options.latencyMs });
