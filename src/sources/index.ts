/**
 * Connects the gateway to its sources: a configured tenant, or (URL unset) the source's built-in sandbox started
 * in this process on a free loopback port. Builds the long-lived clients. Internal module.
 */
import type { Logger } from 'pino';
import type { Config, SourceConfig } from '../config/index.js';
import type { Services } from '../context.js';
import { ClientCredentialsTokenProvider } from '../http/tokens.js';
import { UpstreamClient, type UpstreamObserver } from '../http/upstream.js';
import { SailPointClient } from './sailpoint/client.js';
import { startSailPointSandbox } from './sailpoint/sandbox/server.js';

/** A source's resolved location: where it is and whether it is a sandbox of ours. */
export interface SourceEndpoint {
  url: string;
  sandbox: boolean;
}

/** The clients plus what must be closed at shutdown. */
export interface ConnectedSources {
  services: Services;
  endpoints: { sailpoint: SourceEndpoint };
  /** Per-source readiness (one cheap call each), for `/readyz`. */
  readiness(): Promise<{ ready: boolean; sources: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function connectSources(config: Config, logger: Logger, observer?: UpstreamObserver): Promise<ConnectedSources> {
  const closers: Array<() => Promise<void>> = [];
  let sailpointConfig: Required<Pick<SourceConfig, 'url' | 'clientId' | 'clientSecret'>> & SourceConfig;
  let sailpointSandbox = false;
  if (config.sources.sailpoint.url) {
    sailpointConfig = config.sources.sailpoint as typeof sailpointConfig;
  } else {
    const sandbox = await startSailPointSandbox();
    closers.push(() => sandbox.close());
    sailpointSandbox = true;
    sailpointConfig = { url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret };
    logger.info({ source: 'SAILPOINT', url: sandbox.url }, 'SAILPOINT_URL is not set: using the built-in SailPoint sandbox');
  }

  const sailpointHttp = new UpstreamClient({
    source: 'SAILPOINT',
    baseUrl: sailpointConfig.url,
    config: config.upstream,
    logger,
    ...(observer ? { observer } : {}),
    dedupe: config.upstream.dedupe,
  });
  const sailpointTokens = new ClientCredentialsTokenProvider({
    source: 'SAILPOINT',
    // SailPoint's token endpoint sits at the tenant's API origin, beside /v3.
    tokenUrl: sailpointConfig.tokenUrl ?? `${sailpointHttp.origin}/oauth/token`,
    clientId: sailpointConfig.clientId,
    clientSecret: sailpointConfig.clientSecret,
    timeoutMs: config.upstream.timeoutMs,
    logger,
    ...(sailpointConfig.tokenUrl ? {} : { dispatcher: sailpointHttp.pool }),
  });
  sailpointHttp.setTokens(sailpointTokens);
  closers.push(() => sailpointHttp.close());
  const sailpoint = new SailPointClient(sailpointHttp);

  return {
    services: { config, logger, sailpoint },
    endpoints: { sailpoint: { url: sailpointConfig.url, sandbox: sailpointSandbox } },
    async readiness() {
      const sources: Record<string, unknown> = {};
      const probes = [['SAILPOINT', () => sailpoint.listConnectors({ limit: 1, offset: 0 })]] as const;
      await Promise.all(
        probes.map(async ([name, probe]) => {
          const started = performance.now();
          try {
            await probe();
            sources[name] = { status: 'up', ms: Math.round(performance.now() - started) };
          } catch (error) {
            sources[name] = { status: 'down', code: (error as { code?: string }).code ?? 'INTERNAL_SERVER_ERROR' };
          }
        }),
      );
      return { ready: Object.values(sources).every((s) => (s as { status: string }).status === 'up'), sources };
    },
    async close() {
      for (const close of closers.reverse()) await close();
    },
  };
}
