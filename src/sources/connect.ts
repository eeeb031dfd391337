/**
 * Connects the gateway to its sources: for each, a configured tenant, or (URL unset) the source's built-in sandbox
 * started in this process on a free loopback port. Builds the long-lived clients, and each source's readiness: the
 * callers' exchanges, or a probe through a client of its own (never the callers' rate limiter). Knows sources only
 * through the port. The one place that loads a sandbox module (also for `npm run sandbox`): by the URL its source
 * names, with a computed import that no build follows, so that `npm run build:prod` leaves the sandboxes out.
 * Internal module.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Config, SourceTenant } from '../config/types.js';
import type { Services } from '../context.js';
import type { SourceName } from '../errors/codes.js';
import { LocalWriteLocks, type WriteLocks } from '../graph/writeLocks.js';
import type { RedisLink } from '../cluster/redis.js';
import { SharedRateLimiter } from '../cluster/rateBudget.js';
import { RedisTokenStore } from '../cluster/sharedTokens.js';
import { RedisWriteLocks } from '../cluster/writeLocks.js';
import { ClientCredentialsTokenProvider } from '../http/tokens.js';
import { UpstreamClient, type UpstreamObserver } from '../http/upstream.js';
import { SourceReadiness } from '../observability/readiness.js';
import type { ConnectorSource, SandboxModule, SandboxOptions, StartedSandbox } from './port.js';
import type { SourceList } from './sourceList.js';

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

interface ConnectedSource {
  name: SourceName;
  /** The callers' HTTP client. */
  http: UpstreamClient;
  /** The source's own client over it. */
  client: unknown;
  readiness: SourceReadiness;
  close(graceMs?: number): Promise<void>;
}

/** Whether the module at `url` is there: compiled, or as its TypeScript source (which tsx and vitest run). */
function moduleExists(url: URL): boolean {
  const file = fileURLToPath(url);
  return existsSync(file) || (file.endsWith('.js') && existsSync(`${file.slice(0, -'.js'.length)}.ts`));
}

/**
 * Loads `source`'s sandbox module (`connection.sandbox`) and starts the sandbox. A build without the module (`npm
 * run build:prod`) is a start-up error naming the source's `<NAME>_URL`.
 */
export async function startSandbox(source: ConnectorSource, options: SandboxOptions = {}): Promise<StartedSandbox> {
  const url = source.connection.sandbox;
  if (!moduleExists(url)) {
    throw new Error(
      `${source.name}_URL is not set and this build has no sandboxes (npm run build:prod leaves them out): set ${source.name}_URL and its client credentials.`,
    );
  }
  const loaded = (await import(url.href)) as Partial<SandboxModule>;
  if (typeof loaded.start !== 'function') throw new Error(`The ${source.name} sandbox module ${url.href} exports no start function.`);
  return loaded.start(options);
}

async function connectSource(spec: ConnectorSource, logger: Logger, config: Config, observer?: UpstreamObserver, redis?: RedisLink): Promise<ConnectedSource> {
  const { name, connection } = spec;
  const configured = config.sources[name];
  if (configured === undefined) throw new Error(`The configuration has no ${name} source.`);
  const { upstream } = configured;
  let sandbox: StartedSandbox | undefined;
  let source: SourceTenant & { settings: Readonly<Record<string, string>> };
  if (configured.url === undefined) {
    sandbox = await startSandbox(spec);
    source = { url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, settings: { ...configured.settings, ...sandbox.settings } };
    // In production only with GATEWAY_SANDBOX=on (config refuses it otherwise): still say so loudly.
    const log = config.env === 'production' ? logger.warn.bind(logger) : logger.info.bind(logger);
    log({ source: name, url: sandbox.url }, `${name}_URL is not set: using the built-in ${name} sandbox (demo data)`);
  } else {
    source = configured;
  }
  // How the client reads the source's reason in an error body (shown to the caller for a 4xx, scrubbed).
  const { reasonOf } = connection;
  // Probes go through a client of their own: one connection, one try, no rate limiter and no breaker (the
  // readiness budget, one probe per source per readinessMaxAgeMs, is their limit), so that a probe never takes a
  // token, a connection or a breaker's half-open try that a caller needs. It shares the callers' access token.
  const probeHttp = new UpstreamClient({
    source: name,
    baseUrl: source.url,
    config: {
      ...upstream,
      connections: 1,
      retries: 0,
      deadlineMs: upstream.timeoutMs,
      rate: null,
      dedupe: false,
      breaker: { failures: Number.MAX_SAFE_INTEGER, halfOpenMs: upstream.breaker.halfOpenMs },
    },
    logger,
    ...(observer ? { observer } : {}),
    reasonOf,
  });
  const probeClient = connection.createClient(probeHttp);
  const readiness = new SourceReadiness({ probe: () => connection.probe(probeClient), maxAgeMs: config.readinessMaxAgeMs });
  const http = new UpstreamClient({
    source: name,
    baseUrl: source.url,
    config: upstream,
    logger,
    // Every exchange of the callers' traffic is also what `/readyz` answers from while it is recent.
    observer: observer
      ? (event) => {
          readiness.observe(event.status);
          observer(event);
        }
      : (event) => {
          readiness.observe(event.status);
        },
    reasonOf,
    // With Redis: one budget for the source's tenant across replicas, and its 429s' Retry-After honoured by all.
    ...(redis && config.redis
      ? { limiter: new SharedRateLimiter({ link: redis, source: name, tenantUrl: source.url, rate: upstream.rate, replicas: config.redis.replicas }) }
      : {}),
  });
  const tokenUrl = connection.tokenUrl({ origin: http.origin, url: source.url }, source.settings);
  const tokens = new ClientCredentialsTokenProvider({
    source: name,
    tokenUrl,
    clientId: source.clientId,
    clientSecret: source.clientSecret,
    ...(connection.tokenParams ? { params: connection.tokenParams(source.settings) } : {}),
    timeoutMs: upstream.timeoutMs,
    logger,
    // A token endpoint at the API's origin shares its keep-alive pool.
    ...(new URL(tokenUrl).origin === http.origin ? { dispatcher: http.pool } : {}),
    // With Redis: one token for every replica, refreshed by one of them at a time.
    ...(redis
      ? {
          shared: new RedisTokenStore({
            link: redis,
            source: name,
            tokenUrl,
            clientId: source.clientId,
            clientSecret: source.clientSecret,
            timeoutMs: upstream.timeoutMs,
          }),
        }
      : {}),
  });
  http.setTokens(tokens);
  probeHttp.setTokens(tokens);
  return {
    name,
    http,
    client: connection.createClient(http),
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
  const cut = new Promise<'cut'>(
    (resolve) =>
      (timer = setTimeout(() => {
        resolve('cut');
      }, graceMs)),
  );
  try {
    if ((await Promise.race([closing, cut])) === 'cut') await http.pool.destroy();
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The per-connector write locks: with Redis, shared by the replicas, with a lease longer than the longest hold (a
 * patch reads then writes, each bounded by its source's deadline) and a wait of one such hold.
 */
function writeLocksFor(config: Config, redis: RedisLink | undefined): WriteLocks {
  if (!redis) return new LocalWriteLocks();
  const longestDeadline = Math.max(...Object.values(config.sources).map((source) => source.upstream.deadlineMs));
  return new RedisWriteLocks({ link: redis, leaseMs: 2 * longestDeadline + 1_000, waitMs: 2 * longestDeadline });
}

/**
 * Connects every source of `sources` (at the same time), each as `config.sources[name]` says; with `redis`, their
 * rate budgets, tokens and write locks are shared with the other replicas.
 */
export async function connectSources(
  sources: SourceList,
  config: Config,
  logger: Logger,
  observer?: UpstreamObserver,
  redis?: RedisLink,
): Promise<ConnectedSources> {
  const unconfigured = sources.names.filter((name) => !Object.hasOwn(config.sources, name));
  if (unconfigured.length > 0)
    throw new Error(`the configuration has no settings for ${unconfigured.join(', ')}: load it with the same sources (loadConfig(env, sources))`);
  const settled = await Promise.allSettled(sources.all.map((source) => connectSource(source, logger, config, observer, redis)));
  const connected = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) {
    // A source that cannot connect stops the start: the others' pools and sandboxes close rather than linger.
    await Promise.allSettled(connected.map((source) => source.close()));
    throw failed.reason;
  }
  return {
    services: {
      config,
      logger,
      sources,
      clients: new Map(connected.map((c) => [c.name, c.client])),
      writeLocks: writeLocksFor(config, redis),
      ...(redis ? { redis } : {}),
    },
    async readiness() {
      const states: Record<string, unknown> = {};
      let ready = true;
      await Promise.all(
        connected.map(async (source) => {
          const seen = await source.readiness.check();
          if (seen.status !== 'up') ready = false;
          states[source.name] = { ...seen, breaker: source.http.breakerState() };
        }),
      );
      // In list order, whatever order the checks finished in.
      const ordered: Record<string, unknown> = {};
      for (const { name } of connected) ordered[name] = states[name];
      return { ready, sources: ordered };
    },
    breakers() {
      return Object.fromEntries(connected.map((source) => [source.name, source.http.breakerState()]));
    },
    async close(graceMs) {
      await Promise.all(connected.map((source) => source.close(graceMs)));
    },
  };
}
