/**
 * Connects the gateway to its sources: a configured tenant, or (URL unset) the source's built-in sandbox started
 * in this process on a free loopback port. Builds the long-lived clients. Internal module.
 */
import type { Logger } from 'pino';
import type { Config, SourceConfig } from '../config/index.js';
import type { Services } from '../context.js';
import type { SourceName } from '../errors/codes.js';
import { ClientCredentialsTokenProvider } from '../http/tokens.js';
import { UpstreamClient, type UpstreamObserver } from '../http/upstream.js';
import { SailPointClient } from './sailpoint/client.js';
import { LogtoClient, logtoErrorCode } from './logto/client.js';
import { LOGTO_DEFAULT_MANAGEMENT_API_RESOURCE, LOGTO_MANAGEMENT_API_SCOPE } from './logto/types.js';
import { ConductorOneClient, c1ErrorCode } from './conductorone/client.js';

/** The clients plus what must be closed at shutdown. */
export interface ConnectedSources {
  services: Services;
  /** Per-source readiness (one cheap call each), for `/readyz`. */
  readiness(): Promise<{ ready: boolean; sources: Record<string, unknown> }>;
  /** Each source's circuit breaker state, without a call (for metrics). */
  breakers(): Record<SourceName, ReturnType<UpstreamClient['breakerState']>>;
  close(): Promise<void>;
}

/** What a sandbox hands back: where it listens and the client credentials it accepts. */
interface StartedSandbox {
  url: string;
  clientId: string;
  clientSecret: string;
  resource?: string;
  close(): Promise<void>;
}

/** How one source is reached and signed in to. */
interface SourceSpec {
  name: SourceName;
  config: SourceConfig;
  /** Starts the built-in sandbox (imported only when needed). */
  startSandbox(): Promise<StartedSandbox>;
  /** The token endpoint for an API root. */
  tokenUrl(origin: string, url: string): string;
  /** Extra token request fields. */
  tokenParams?(config: SourceConfig): Record<string, string>;
  vendorCodeOf?: (body: string) => string | undefined;
}

interface ConnectedSource {
  http: UpstreamClient;
  close(): Promise<void>;
}

async function connectSource(spec: SourceSpec, logger: Logger, production: boolean, observer?: UpstreamObserver): Promise<ConnectedSource> {
  let config = spec.config;
  const upstream = config.upstream;
  let sandbox: StartedSandbox | undefined;
  if (!config.url) {
    sandbox = await spec.startSandbox();
    config = { ...config, url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, ...(sandbox.resource ? { resource: sandbox.resource } : {}) };
    // In production a forgotten URL would silently serve demo data: say so loudly.
    const log = production ? logger.warn.bind(logger) : logger.info.bind(logger);
    log({ source: spec.name, url: sandbox.url }, `${spec.name}_URL is not set: using the built-in ${spec.name} sandbox (demo data)`);
  }
  const http = new UpstreamClient({
    source: spec.name,
    baseUrl: config.url!,
    config: upstream,
    logger,
    ...(observer ? { observer } : {}),
    ...(spec.vendorCodeOf ? { vendorCodeOf: spec.vendorCodeOf } : {}),
  });
  const tokenUrl = config.tokenUrl ?? spec.tokenUrl(http.origin, config.url!);
  http.setTokens(
    new ClientCredentialsTokenProvider({
      source: spec.name,
      tokenUrl,
      clientId: config.clientId!,
      clientSecret: config.clientSecret!,
      ...(spec.tokenParams ? { params: spec.tokenParams(config) } : {}),
      timeoutMs: upstream.timeoutMs,
      logger,
      // A token endpoint at the API's origin shares its keep-alive pool.
      ...(new URL(tokenUrl).origin === http.origin ? { dispatcher: http.pool } : {}),
    }),
  );
  return {
    http,
    async close() {
      await http.close();
      await sandbox?.close();
    },
  };
}

export async function connectSources(config: Config, logger: Logger, observer?: UpstreamObserver): Promise<ConnectedSources> {
  const [sailpointSource, logtoSource, conductoroneSource] = await Promise.all([
    connectSource(
      {
        name: 'SAILPOINT',
        config: config.sources.sailpoint,
        startSandbox: async () => (await import('./sailpoint/sandbox/server.js')).startSailPointSandbox(),
        // SailPoint's token endpoint sits at the tenant's API origin, beside /v3.
        tokenUrl: (origin) => `${origin}/oauth/token`,
      },
      logger,
      config.env === 'production',
      observer,
    ),
    connectSource(
      {
        name: 'LOGTO',
        config: config.sources.logto,
        startSandbox: async () => (await import('./logto/sandbox/server.js')).startLogtoSandbox(),
        tokenUrl: (_origin, url) => `${url}/oidc/token`,
        // The Management API is a resource of its own; client-credentials tokens must name it and ask for `all`.
        tokenParams: (c) => ({ resource: c.resource ?? LOGTO_DEFAULT_MANAGEMENT_API_RESOURCE, scope: LOGTO_MANAGEMENT_API_SCOPE }),
        vendorCodeOf: logtoErrorCode,
      },
      logger,
      config.env === 'production',
      observer,
    ),
    connectSource(
      {
        name: 'CONDUCTORONE',
        config: config.sources.conductorone,
        startSandbox: async () => (await import('./conductorone/sandbox/server.js')).startConductorOneSandbox(),
        // Client id and secret in the form body, as ConductorOne's API documents (its SDKs sign a JWT instead).
        tokenUrl: (_origin, url) => `${url}/auth/v1/token`,
        vendorCodeOf: c1ErrorCode,
      },
      logger,
      config.env === 'production',
      observer,
    ),
  ]);
  const sailpoint = new SailPointClient(sailpointSource.http);
  const logto = new LogtoClient(logtoSource.http);
  const conductorone = new ConductorOneClient(conductoroneSource.http);
  const probes: Array<[SourceName, UpstreamClient, () => Promise<unknown>]> = [
    ['SAILPOINT', sailpointSource.http, () => sailpoint.listConnectors({ limit: 1, offset: 0 })],
    ['LOGTO', logtoSource.http, () => logto.listFactories()],
    // Any app id answers: a search for none still proves the token and the API.
    ['CONDUCTORONE', conductoroneSource.http, () => conductorone.searchAppsByIds([])],
  ];

  return {
    services: { config, logger, sailpoint, logto, conductorone },
    async readiness() {
      const sources: Record<string, unknown> = {};
      await Promise.all(
        probes.map(async ([name, http, probe]) => {
          const started = performance.now();
          try {
            await probe();
            sources[name] = { status: 'up', ms: Math.round(performance.now() - started), breaker: http.breakerState() };
          } catch (error) {
            sources[name] = { status: 'down', code: (error as { code?: string }).code ?? 'INTERNAL_SERVER_ERROR', breaker: http.breakerState() };
          }
        }),
      );
      return { ready: Object.values(sources).every((s) => (s as { status: string }).status === 'up'), sources };
    },
    breakers() {
      return { SAILPOINT: sailpointSource.http.breakerState(), LOGTO: logtoSource.http.breakerState(), CONDUCTORONE: conductoroneSource.http.breakerState() };
    },
    async close() {
      await Promise.all([sailpointSource.close(), logtoSource.close(), conductoroneSource.close()]);
    },
  };
}
