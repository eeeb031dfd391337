/**
 * A sandbox module for the sandbox-loading tests: it starts Acme's sandbox through the port's entry (`start`) and
 * records each one it started and whether the gateway closed it, so that a test sees what a failed start left open.
 */
import type { SandboxModule } from '../../src/sources/port.js';
import { startAcmeSandbox } from './acme/sandbox.js';

/** The sandboxes this module started, in order, and whether each was closed. */
export const started: { url: string; closed: boolean }[] = [];

export const start: SandboxModule['start'] = async () => {
  const sandbox = await startAcmeSandbox();
  const entry = { url: sandbox.url, closed: false };
  started.push(entry);
  return {
    url: sandbox.url,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    async close() {
      entry.closed = true;
      await sandbox.close();
    },
  };
};
