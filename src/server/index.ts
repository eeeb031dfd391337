/**
 * Assembles and runs the gateway: sources → schema → Apollo Server → node:http. `startGateway` is what
 * `npm start` and the tests use. Internal module.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config/types.js';
import { createContext, type Services } from '../context.js';
import { LiveHub } from '../live/hub.js';
import type { UpstreamObserver } from '../http/upstream.js';
import { createObservability } from '../observability/index.js';
import { tracingFromEnv, type Tracing } from '../observability/tracing.js';
import { graphqlSpansPlugin } from '../observability/graphqlSpans.js';
import { createSchema, schemaDir } from '../schema.js';
import { connectSources, type ConnectedSources } from '../sources/connect.js';
import { SOURCES } from '../sources/index.js';
import type { ConnectorSource } from '../sources/port.js';
import { SourceList } from '../sources/sourceList.js';
import { createApollo, gatewayValidationRules } from './apollo.js';
import { Authenticator, type Caller } from '../auth/authenticate.js';
import { createLimits } from './limits.js';
import { createSseHandler } from './sse.js';
import { rootFieldSources } from '../auth/authorize.js';
import { createHttpHandler, GRAPHQL_PATH } from './http.js';
import { createHttpDrain } from './drain.js';
import { loadConsole } from './console.js';
import { RedisLink } from '../cluster/redis.js';
import { createResponseCache } from '../cache/index.js';
import { ChangeFeed } from '../live/changes.js';
import { ChangeRelay } from '../cluster/changeRelay.js';

/** A running gateway. */
export interface RunningGateway {
  /** e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  port: number;
  server: Server;
  sources: ConnectedSources;
  /**
   * Drains, then shuts down: no new connections, idle keep-alive ones closed, requests in flight finished (for up
   * to `shutdownGraceMs`, then cut), then Apollo stops and the source pools close. Calling it again returns the
   * same promise.
   */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Loaded for the same `sources` (`loadConfig(env, sources)`). */
  config: Config;
  logger: Logger;
  observer?: UpstreamObserver;
  /** The sources to serve, in list order: the registry's unless a test passes its own. */
  sources?: readonly ConnectorSource[];
  /** The console's build (`npm run build:console`): dist/console beside the schema unless a test passes its own. */
  consoleDir?: string;
  /** Tracing; by default OpenTelemetry when the `OTEL_*` variables ask for it (tracing.ts), else none. */
  tracing?: Tracing | undefined;
}

export async function startGateway(options: StartOptions): Promise<RunningGateway> {
  const { config, logger, observer, sources: served = SOURCES, consoleDir } = options;
  const tracing = 'tracing' in options ? options.tracing : await tracingFromEnv(process.env);
  const list = new SourceList(served);
  const schema = createSchema(served);
  // Every `@source` directive is read now: a malformed one stops the start rather than a request.
  rootFieldSources(schema);
  const observability = createObservability({ logger, metrics: config.metrics, observer });
  // Opened without waiting for Redis: a replica starts (degraded, on local state) while Redis is away.
  const redis = config.redis ? RedisLink.open({ url: config.redis.url, keyPrefix: config.redis.keyPrefix, logger }) : undefined;
  let sources: ConnectedSources;
  try {
    sources = await connectSources(list, config, logger, observability.observer, redis);
  } catch (error) {
    await redis?.close();
    throw error;
  }
  observability.metrics?.watchBreakers(() => sources.breakers());
  const services: Services = { ...sources.services, observeBatch: observability.observeBatch };
  const live = new LiveHub(services, config.live);
  services.live = live;
  const changes = new ChangeFeed(logger);
  services.changes = changes;
  const limits = createLimits(config.limits);
  const cache = createResponseCache(config, schema, redis, limits.parseOptions, (result) => observability.metrics?.cacheLookup(result));
  services.cache = cache;
  if (cache !== undefined) changes.on((change) => cache.invalidate([change.source]));
  // Other replicas' changes: their watched connectors are polled here now.
  const relay = redis
    ? new ChangeRelay(
        redis,
        changes,
        (change) => {
          live.touched(change.source);
        },
        logger,
      )
    : undefined;
  const apollo = await createApollo(schema, config, logger, observability.plugin, limits, redis, tracing ? [graphqlSpansPlugin()] : []);
  await apollo.start();
  const consoleBuild = config.console ? loadConsole(consoleDir ?? join(dirname(schemaDir()), 'dist', 'console')) : undefined;
  if (config.console && consoleBuild === undefined) logger.warn('The console (/console) is not built: run `npm run build`.');
  const newContext = (requestId: string, caller: Caller) => createContext(services, requestId, caller);
  const handler = createHttpHandler({
    apollo,
    createContext: newContext,
    sse: createSseHandler({
      schema,
      validationRules: gatewayValidationRules(config, limits),
      parseOptions: limits.parseOptions,
      documentCacheSize: config.documentCacheSize,
      checks: limits.checks,
      createContext: newContext,
      logger,
    }),
    authenticator: await Authenticator.create(config.auth, list.names),
    landingAssets: config.landingPage === 'graphiql',
    console: config.console ? { build: consoleBuild } : undefined,
    logger,
    bodyLimitBytes: config.bodyLimitBytes,
    uploads: config.uploads,
    readiness: async () => ({ ...(await sources.readiness()), ...(redis ? { redis: redis.view() } : {}) }),
    metrics: observability.metrics,
    corsOrigins: config.corsOrigins,
    cache,
    tracing,
  });
  const drain = createHttpDrain();
  const server = createServer({ keepAliveTimeout: 65_000, ServerResponse: drain.ServerResponse }, handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    const started = performance.now();
    // Open event streams complete first: they would otherwise hold the drain for the whole grace time.
    live.close();
    relay?.close();
    const graceful = await drain.drain(server, config.shutdownGraceMs);
    if (!graceful) logger.warn({ graceMs: config.shutdownGraceMs }, 'requests still in flight after the shutdown grace time were cut');
    await apollo.stop();
    // Upstream calls of requests that were cut get what is left of the grace time.
    await sources.close(Math.max(0, config.shutdownGraceMs - (performance.now() - started)));
    await redis?.close();
    // The spans still buffered are sent.
    await tracing?.shutdown();
  };
  return {
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    port,
    server,
    sources,
    stop: () => (stopping ??= stop()),
  };
}
