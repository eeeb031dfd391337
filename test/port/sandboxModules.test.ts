/**
 * How the gateway loads a source's sandbox (issue 16, "sandboxes are not production code"): by the module URL the
 * source names (`connection.sandbox`), in one place (src/sources/connect.ts), so that `npm run build:prod` can leave
 * the sandboxes out. A source whose URL is unset runs on the sandbox its module starts; a build without the module
 * refuses to start, naming `<NAME>_URL`, and closes what the other sources had started. Real HTTP on loopback.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logger.js';
import { startGateway, type RunningGateway } from '../../src/server/index.js';
import { startSandbox } from '../../src/sources/connect.js';
import { SOURCES } from '../../src/sources/index.js';
import type { ConnectorSource } from '../../src/sources/port.js';
import { acmeSource } from './acme/index.js';
import { started } from './recordingSandbox.js';

const KEY = 'sandbox-modules-viewer-key-0123456789';
const API_KEYS = `viewer:${createHash('sha256').update(KEY).digest('hex')}`;
const quiet = () => createLogger('silent');

/** `source` with its sandbox module at `url`. */
function withSandbox<S extends ConnectorSource>(source: S, url: URL): S {
  return { ...source, connection: { ...source.connection, sandbox: url } };
}

/** A SailPoint source as a build without its sandbox module sees it. */
const sailpointWithoutSandbox = withSandbox(
  SOURCES.find((s) => s.name === 'SAILPOINT')!,
  new URL('./no-sandbox-here/start.js', import.meta.url),
);

let gateway: RunningGateway | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

describe('a source whose URL is unset', () => {
  it('runs on the sandbox its module starts', async () => {
    const sources = [acmeSource];
    const config = loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', GATEWAY_API_KEYS: API_KEYS }, sources);
    gateway = await startGateway({ config, logger: quiet(), sources });
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({ query: '{ acmeConnectors { nativeId } }' }),
    });
    const body = (await res.json()) as { data?: { acmeConnectors: { nativeId: string }[] }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data!.acmeConnectors.map((c) => c.nativeId)).toEqual(['acme-1', 'acme-2', 'acme-3']);
  });

  it('refuses the start when the build has no sandbox module, naming <NAME>_URL, in production with GATEWAY_SANDBOX=on too', async () => {
    const sources = [sailpointWithoutSandbox];
    for (const env of [{ NODE_ENV: 'test' }, { NODE_ENV: 'production', GATEWAY_SANDBOX: 'on' }]) {
      const config = loadConfig({ ...env, HOST: '127.0.0.1', PORT: '0', GATEWAY_API_KEYS: API_KEYS }, sources);
      await expect(startGateway({ config, logger: quiet(), sources })).rejects.toThrow(
        'SAILPOINT_URL is not set and this build has no sandboxes (npm run build:prod leaves them out): set SAILPOINT_URL and its client credentials.',
      );
    }
  });

  it('that cannot start its sandbox stops the start, and the sandboxes the other sources started are closed', async () => {
    const recorded = withSandbox(acmeSource, new URL('./recordingSandbox.js', import.meta.url));
    const sources = [recorded, sailpointWithoutSandbox];
    const config = loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', GATEWAY_API_KEYS: API_KEYS }, sources);
    const before = started.length;
    await expect(startGateway({ config, logger: quiet(), sources })).rejects.toThrow('SAILPOINT_URL is not set');
    expect(started.slice(before)).toEqual([{ url: expect.any(String), closed: true }]);
    // Closed for real: nothing listens there any more.
    await expect(fetch(`${started.at(-1)!.url}/connectors`)).rejects.toThrow();
  });

  it('whose module exports no start function is refused with the module named', async () => {
    const source = withSandbox(acmeSource, new URL('./acme/types.js', import.meta.url));
    await expect(startSandbox(source)).rejects.toThrow(/^The ACME sandbox module file:\/\/\S+\/acme\/types\.js exports no start function\.$/);
  });
});

describe('the registry', () => {
  it('names for every source a sandbox module in its own folder that starts a sandbox', async () => {
    for (const source of SOURCES) {
      const folder = new URL('./', new URL(`../../src/sources/${source.name.toLowerCase()}/index.ts`, import.meta.url)).href;
      expect(source.connection.sandbox.href.startsWith(`${folder}sandbox/`), source.name).toBe(true);
      const sandbox = await startSandbox(source, {});
      try {
        expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
      } finally {
        await sandbox.close();
      }
    }
  });
});
