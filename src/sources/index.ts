/**
 * Connects the gateway to its sources: a configured tenant, or (URL unset) the source's built-in sandbox started
 * in this process on a free loopback port. Builds the long-lived clients, and each source's readiness: the
 * callers' exchanges, or a probe through a client of its own (never the callers' rate limiter). Internal module.
 */
import type { Logger } from 'pino';
import type { Config, SourceConfig } from '../config/index.js';
import type { Services } from '../context.js';
import type { SourceName } from '../errors/codes.js';
import { ClientCredentialsTokenProvider } from '../http/tokens.js';
import { UpstreamClient, type UpstreamObserver } from '../http/upstream.js';
import { SourceReadiness } from '../observability/readiness.js';
import { SailPointClient } from './sailpoint/client.js';
import { LogtoClient, logtoErrorCode } from './logto/client.js';
import { LOGTO_DEFAULT_MANAGEMENT_API_RESOURCE, LOGTO_MANAGEMENT_API_SCOPE } from './logto/types.js';
import { ConductorOneClient, c1ErrorCode } from './conductorone/client.js';
import { LocalWriteLocks } from '../graph/writeLocks.js';

/** The clients plus what must be closed at shutdown. */
export interface ConnectedSources {
  services: Services;
  /** Per-source readiness for `/readyz`: from the callers' recent exchanges, else a probe (at most one per source per `readinessMaxAgeMs`). */
  readiness(): Promise<{ ready: boolean; sources: Record<string, unknown> }>;
  /** Each source's circuit breaker state, without a call (for metrics). */
  breakers(): Record<SourceName, ReturnType<UpstreamClient['breakerState']>>;
  /** Closes the pools (and sandboxes); with `graceMs`, upstream calls still in flight after it are cut. */
  close(graceMs?: number): Promise<void>;
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
  /** One cheap call that proves the token and the API, for readiness. */
  probe(http: UpstreamClient): Promise<unknown>;
}

interface ConnectedSource {
  /** The callers' client. */
  http: UpstreamClient;
  readiness: SourceReadiness;
  close(graceMs?: number): Promise<void>;
}

async function connectSource(spec: SourceSpec, logger: Logger, config: Config, observer?: UpstreamObserver): Promise<ConnectedSource> {
  let source = spec.config;
  const upstream = source.upstream;
  let sandbox: StartedSandbox | undefined;
  if (!source.url) {
    sandbox = await spec.startSandbox();
    source = { ...source, url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, ...(sandbox.resource ? { resource: sandbox.resource } : {}) };
    // In production only with GATEWAY_SANDBOX=on (config refuses it otherwise): still say so loudly.
    const log = config.env === 'production' ? logger.warn.bind(logger) : logger.info.bind(logger);
    log({ source: spec.name, url: sandbox.url }, `${spec.name}_URL is not set: using the built-in ${spec.name} sandbox (demo data)`);
  }
  const vendorCodeOf = spec.vendorCodeOf ? { vendorCodeOf: spec.vendorCodeOf } : {};
  // Probes go through a client of their own: one connection, one try, no rate limiter and no breaker (the
  // readiness budget, one probe per source per readinessMaxAgeMs, is their limit), so that a probe never takes a
  // token, a connection or a breaker's half-open try that a caller needs. It shares the callers' access token.
  const probeHttp = new UpstreamClient({
    source: spec.name,
    baseUrl: source.url!,
    config: { ...upstream, connections: 1, retries: 0, deadlineMs: upstream.timeoutMs, rate: null, dedupe: false, breaker: { failures: Number.MAX_SAFE_INTEGER, halfOpenMs: upstream.breaker.halfOpenMs } },
    logger,
    ...(observer ? { observer } : {}),
    ...vendorCodeOf,
  });
  const readiness = new SourceReadiness({ probe: () => spec.probe(probeHttp), maxAgeMs: config.readinessMaxAgeMs });
  const http = new UpstreamClient({
    source: spec.name,
    baseUrl: source.url!,
    config: upstream,
    logger,
    // Every exchange of the callers' traffic is also what `/readyz` answers from while it is recent.
    observer: observer
      ? (event) => {
          readiness.observe(event.status);
          observer(event);
        }
      : (event) => readiness.observe(event.status),
    ...vendorCodeOf,
  });
  const tokenUrl = source.tokenUrl ?? spec.tokenUrl(http.origin, source.url!);
  const tokens = new ClientCredentialsTokenProvider({
    source: spec.name,
    tokenUrl,
    clientId: source.clientId!,
    clientSecret: source.clientSecret!,
    ...(spec.tokenParams ? { params: spec.tokenParams(source) } : {}),
    timeoutMs: upstream.timeoutMs,
    logger,
    // A token endpoint at the API's origin shares its keep-alive pool.
    ...(new URL(tokenUrl).origin === http.origin ? { dispatcher: http.pool } : {}),
  });
  http.setTokens(tokens);
  probeHttp.setTokens(tokens);
  return {
    http,
    readiness,
    async close(graceMs) {
      await Promise.all([closeWithin(http, graceMs), closeWithin(probeHttp, graceMs)]);
      await sandbox?.close();
    },
  };
}

/** Closes a client's pool: calls in flight finish, or, after `graceMs` (when given), are cut. */
async function closeWithin(http: UpstreamClient, graceMs: number | undefined): Promise<void> {
  const closing = http.close();
  if (graceMs === undefined) return closing;
  let timer: NodeJS.Timeout | undefined;
  const cut = new Promise<'cut'>((resolve) => (timer = setTimeout(() => resolve('cut'), graceMs)));
  try {
    if ((await Promise.race([closing, cut])) === 'cut') await http.pool.destroy();
  } finally {
    clearTimeout(timer);
  }
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
        probe: (http) => new SailPointClient(http).listConnectors({ limit: 1, offset: 0 }),
      },
      logger,
      config,
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
        probe: (http) => new LogtoClient(http).listFactories(),
      },
      logger,
      config,
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
        // Any app id answers: a search for none still proves the token and the API.
        probe: (http) => new ConductorOneClient(http).searchAppsByIds([]),
      },
      logger,
      config,
      observer,
    ),
  ]);
  const sailpoint = new SailPointClient(sailpointSource.http);
  const logto = new LogtoClient(logtoSource.http);
  const conductorone = new ConductorOneClient(conductoroneSource.http);
  const connected: Array<[SourceName, ConnectedSource]> = [
    ['SAILPOINT', sailpointSource],
    ['LOGTO', logtoSource],
    ['CONDUCTORONE', conductoroneSource],
  ];

  return {
    services: { config, logger, sailpoint, logto, conductorone, writeLocks: new LocalWriteLocks() },
    async readiness() {
      const sources: Record<string, unknown> = {};
      let ready = true;
      await Promise.all(
        connected.map(async ([name, source]) => {
          const seen = await source.readiness.check();
          if (seen.status !== 'up') ready = false;
          sources[name] = { ...seen, breaker: source.http.breakerState() };
        }),
      );
      return { ready, sources };
    },
    breakers() {
      return { SAILPOINT: sailpointSource.http.breakerState(), LOGTO: logtoSource.http.breakerState(), CONDUCTORONE: conductoroneSource.http.breakerState() };
    },
    async close(graceMs) {
      await Promise.all(connected.map(([, source]) => source.close(graceMs)));
    },
  };
}
