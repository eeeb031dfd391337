/**
 * The Logto sandbox as the port starts it: `connection.sandbox` names this module, which the gateway (when
 * LOGTO_URL is unset) and `npm run sandbox` load with a computed import, so that the production build
 * (`npm run build:prod`) leaves the sandbox out. Internal module.
 */
import type { SandboxModule } from '../../port.js';
import { startLogtoSandbox } from './server.js';

/** Starts the sandbox; its Management API resource indicator is the source's `RESOURCE` setting. */
export const start: SandboxModule['start'] = async (options) => {
  const sandbox = await startLogtoSandbox({ port: options.port, latencyMs: options.latencyMs });
  return {
    url: sandbox.url,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    settings: { RESOURCE: sandbox.resource },
    close: () => sandbox.close(),
  };
};
