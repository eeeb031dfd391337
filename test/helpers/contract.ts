/**
 * Contract checking in the test suite: when CONTRACT_PROXY names the shared contract-proxy folder, every sandbox
 * a test starts gets a contract proxy in front of it (in this process), and the gateway talks to the proxy. The
 * proxy appends its findings to CONTRACT_LOG; `npm run test:contract` truncates that log first and summarizes it
 * afterwards. Without CONTRACT_PROXY this is a no-op.
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface ProxyHandle {
  ready: { baseUrl: string };
  close(): Promise<void>;
}

/** The URL the gateway should use for a sandbox at `target` (API root), and how to stop the proxy in between. */
export async function contractProxyFor(source: 'sailpoint' | 'logto' | 'conductorone', target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const dir = process.env.CONTRACT_PROXY;
  if (!dir) return { url: target, close: () => Promise.resolve() };
  const specs: Record<typeof source, { spec: string; basePath: string }> = {
    sailpoint: { spec: 'sailpoint-v3.openapi.yaml', basePath: '/v3' },
    logto: { spec: 'logto.openapi.json', basePath: '' },
    conductorone: { spec: 'conductorone.openapi.yaml', basePath: '' },
  };
  const { spec, basePath } = specs[source];
  const proxyModule = (await import(pathToFileURL(join(resolve(dir), 'proxy.mjs')).href)) as {
    startProxy(opts: Record<string, unknown>): Promise<ProxyHandle>;
  };
  const origin = new URL(target).origin;
  const proxy = await proxyModule.startProxy({
    spec: join(resolve(dir), '..', 'specs', spec),
    basePath,
    target: origin,
    port: 0,
    log: process.env.CONTRACT_LOG ?? resolve('contract-log.jsonl'),
    source,
    quiet: true,
  });
  // The proxy's base URL ends with the spec's base path; the gateway's URL for the source is the API root.
  return { url: proxy.ready.baseUrl, close: () => proxy.close() };
}
