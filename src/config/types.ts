/**
 * The configuration's shape: what every part of the gateway reads (the loader, which knows the sources, is
 * `index.ts`). Types only, importing no source. Public: the variables behind them are documented in the README.
 */
import type { ApiKeyEntry } from '../auth/roles.js';
import type { SourceName } from '../errors/codes.js';
import type { Rate } from '../http/resilience.js';

/** Limits, timeouts and resilience of one source's HTTP client. */
export interface UpstreamConfig {
  /** Connect, headers and body timeouts of one try. */
  timeoutMs: number;
  connectTimeoutMs: number;
  /** The whole upstream call, tries, waits and token included. */
  deadlineMs: number;
  /** Keep-alive connections: also the cap on requests in flight to the source. */
  connections: number;
  /** Extra tries for idempotent requests (GET, file PUT, DELETE, read-only POST). */
  retries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Consecutive failures (5xx, no answer) that open the breaker, and how long it stays open before a probe. */
  breaker: { failures: number; halfOpenMs: number };
  /** Client-side rate limit; null for none. */
  rate: Rate | null;
  /** Identical GETs in flight share one exchange. */
  dedupe: boolean;
  /** How long a cached response that read this source may be served (the response cache). */
  cacheTtlMs: number;
}

/** A source's tenant: its API's URL and the client credentials the gateway signs in with. */
export interface SourceTenant {
  url: string;
  clientId: string;
  clientSecret: string;
}

/** Where a source is and how the gateway signs in to it: its tenant, or (`url` unset) the built-in sandbox. */
export type SourceConfig = (SourceTenant | { url?: undefined }) & {
  /** The source's own settings that are set (`<NAME>_<KEY>` by key, e.g. Logto's `RESOURCE`). */
  settings: Readonly<Record<string, string>>;
  upstream: UpstreamConfig;
};

/** Who may call the gateway. No API keys and no JWKS: everyone (allowed on loopback only, or when asked for). */
export interface AuthConfig {
  apiKeys: ApiKeyEntry[];
  jwt?: { jwksUrl: string; issuer?: string; audience?: string; rolesClaim: string };
}

/** Query limits, enforced before execution. */
export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** Highest estimated cost: every field 1, a field with `first` its selection times `first`. */
  maxCost: number;
}

/** The gateway's whole configuration, frozen. */
export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: string;
  executor: 'jit' | 'graphql-js';
  documentCacheSize: number;
  bodyLimitBytes: number;
  introspection: boolean;
  /** Prometheus metrics at `GET /metrics` (no caller authentication: switch off where that port is public). */
  metrics: boolean;
  /** How long `stop()` lets requests in flight finish before it cuts them. */
  shutdownGraceMs: number;
  /** `/readyz`: how old an observation of a source may be and still answer; also the least time between two probes of a source. */
  readinessMaxAgeMs: number;
  /** What a browser gets on GET /graphql: GraphiQL served offline, Apollo's embedded Sandbox (from Apollo's CDN), or a static page. */
  landingPage: 'graphiql' | 'apollo' | 'static';
  /** The connector console at `/console` (a static page; its operations go to `/graphql` with the caller's key). */
  console: boolean;
  /** Browser origins allowed to call `/graphql` across origins (CORS), exact; empty: no CORS headers at all. */
  corsOrigins: readonly string[];
  auth: AuthConfig;
  limits: LimitsConfig;
  /** Subscriptions: caps per caller and per process, and how often a watched connector is polled (while active, else). */
  live: { maxPerCaller: number; max: number; maxWatched: number; activeMs: number; idleMs: number };
  uploads: { maxFileSize: number; maxFiles: number };
  /** How large a JSON Patch may make a connector (and each operation's value): JSON values and bytes of JSON; and its most operations. */
  patch: { maxNodes: number; maxBytes: number; maxOperations: number };
  /** Each source's, by its name (`SAILPOINT` …). */
  sources: Readonly<Record<SourceName, SourceConfig>>;
  /**
   * The response cache (`GATEWAY_RESPONSE_CACHE`): whole query responses, keyed by operation, variables and the
   * caller's permissions, dropped on every change; in Redis when `redis` is set, else in memory up to `maxBytes`.
   */
  responseCache: { enabled: boolean; maxBytes: number };
  /**
   * What the replicas share (`REDIS_URL`): rate budgets, OAuth tokens, persisted queries, write locks. `replicas`
   * is how many replicas are expected: while Redis is away each one limits itself to its share of a source's rate.
   * Null: everything stays in this process's memory.
   */
  redis: { url: string; keyPrefix: string; replicas: number } | null;
  /** Usage reporting to Apollo GraphOS: set when APOLLO_KEY and APOLLO_GRAPH_REF both are. The key is a secret: never log it. */
  apollo: { key: string; graphRef: string } | null;
}
