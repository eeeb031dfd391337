/**
 * Configuration: the only reader of process.env. Every setting is validated at start, and a bad one stops the
 * gateway with a message that names it. Public: the variable names are documented in the README's table.
 */
import { z } from 'zod';
import { parseRate, type Rate } from '../http/resilience.js';
import { parseApiKeys, type ApiKeyEntry } from '../auth/roles.js';
import type { SourceName } from '../errors/codes.js';
import { SOURCES } from '../sources/index.js';
import type { ConnectorSource, SourceSettingSpec } from '../sources/port.js';
import type { AuthConfig, Config, SourceConfig, UpstreamConfig } from './types.js';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));
const redisUrl = z.url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379' });
const rate = z.string().transform((text, ctx) => {
  const parsed = parseRate(text);
  if (parsed === undefined) {
    ctx.addIssue({ code: 'custom', message: 'expected REQUESTS/WINDOW such as 100/10s, 5/500ms or 60/1m, or off' });
    return z.NEVER;
  }
  return parsed;
});
const breaker = z.string().transform((text, ctx) => {
  const m = /^(\d+)\/(\d+)(ms|s)$/.exec(text.trim());
  if (!m || Number(m[1]) < 1) {
    ctx.addIssue({ code: 'custom', message: 'expected FAILURES/HALF_OPEN_AFTER such as 5/10s or 3/500ms' });
    return z.NEVER;
  }
  return { failures: Number(m[1]), halfOpenMs: Number(m[2]) * (m[3] === 's' ? 1000 : 1) };
});

/**
 * `GATEWAY_CORS_ORIGINS`: comma-separated exact origins, `scheme://host[:port]` (http or https; no path, no wildcard),
 * each as a browser sends it in `Origin` (the host lower-cased, a default port dropped), duplicates once.
 */
const corsOrigins = z.string().transform((text, ctx) => {
  const origins = new Set<string>();
  for (const item of text.split(',')) {
    const entry = item.trim();
    if (entry === '') continue;
    const origin = parseOrigin(entry);
    if (origin === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `'${entry}' is not an origin: expected comma-separated scheme://host[:port] (http or https, no path, no wildcard), e.g. https://studio.apollographql.com`,
      });
      return z.NEVER;
    }
    origins.add(origin);
  }
  return [...origins];
});

/** An origin as browsers send it, from `scheme://host[:port]`; undefined when it is not one. */
function parseOrigin(entry: string): string | undefined {
  if (!/^https?:\/\/[^\s/?#@*\\]+$/i.test(entry)) return undefined;
  try {
    const url = new URL(entry);
    return url.origin === 'null' || url.hostname === '' ? undefined : url.origin;
  } catch {
    return undefined;
  }
}

const apiKeys = (sources: readonly SourceName[]) =>
  z.string().transform((text, ctx) => {
    try {
      return parseApiKeys(text, sources);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

/** The resilience settings every source has, globally (`UPSTREAM_…`) and per source (`<SOURCE>_…`). */
const perSourceShape = (prefix: string) => ({
  [`${prefix}TIMEOUT_MS`]: int(100, 600_000).optional(),
  [`${prefix}CONNECT_TIMEOUT_MS`]: int(100, 600_000).optional(),
  [`${prefix}DEADLINE_MS`]: int(100, 3_600_000).optional(),
  [`${prefix}CONNECTIONS`]: int(1, 1024).optional(),
  [`${prefix}RETRIES`]: int(0, 10).optional(),
  [`${prefix}BREAKER`]: breaker.optional(),
  [`${prefix}RATE_LIMIT`]: rate.optional(),
  [`${prefix}CACHE_TTL_MS`]: int(0, 3_600_000).optional(),
});

/** What the configuration needs of a source: its name, its vendor's rate and its own settings. */
export type ConfiguredSource = Pick<ConnectorSource, 'name'> & { connection: Pick<ConnectorSource['connection'], 'defaultRate' | 'settings' | 'cacheTtlMs'> };

/** A source's own setting as the environment gives it. */
const sourceSetting = (spec: SourceSettingSpec) => {
  const value = spec.kind === 'url' ? url : z.string().min(1);
  return spec.default !== undefined ? value.default(spec.default) : value.optional();
};

/** The variables of one source: where it is, its credentials, its own settings and its resilience settings. */
const sourceShape = (source: ConfiguredSource) => ({
  [`${source.name}_URL`]: url.optional(),
  [`${source.name}_CLIENT_ID`]: z.string().min(1).optional(),
  [`${source.name}_CLIENT_SECRET`]: z.string().min(1).optional(),
  ...Object.fromEntries(Object.entries(source.connection.settings ?? {}).map(([key, spec]) => [`${source.name}_${key}`, sourceSetting(spec)])),
  ...perSourceShape(`${source.name}_`),
});

/** Environment variables and their defaults, but those of the sources. */
const GatewayEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0, 65535).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GATEWAY_EXECUTOR: z.enum(['jit', 'graphql-js']).default('jit'),
  GATEWAY_DOCUMENT_CACHE_SIZE: int(1, 100_000).default(500),
  GATEWAY_BODY_LIMIT_BYTES: int(1024, 100 * 1024 * 1024).default(1024 * 1024),
  GATEWAY_METRICS: z.enum(['on', 'off']).default('on'),
  GATEWAY_SANDBOX: z.enum(['on', 'off']).optional(),
  GATEWAY_SHUTDOWN_GRACE_MS: int(0, 600_000).default(10_000),
  GATEWAY_READINESS_MAX_AGE_MS: int(100, 300_000).default(5_000),
  GATEWAY_INTROSPECTION: bool.optional(),
  GATEWAY_LANDING_PAGE: z.enum(['graphiql', 'apollo', 'static']).optional(),
  GATEWAY_CONSOLE: z.enum(['on', 'off']).optional(),
  GATEWAY_CORS_ORIGINS: corsOrigins.optional(),
  GATEWAY_API_KEYS: z.string().optional(),
  GATEWAY_JWT_JWKS_URL: url.optional(),
  GATEWAY_JWT_ISSUER: z.string().min(1).optional(),
  GATEWAY_JWT_AUDIENCE: z.string().min(1).optional(),
  GATEWAY_JWT_ROLES_CLAIM: z
    .string()
    .regex(/^[\w-]+(\.[\w-]+)*$/, 'expected a claim name, or a dotted path such as realm_access.roles')
    .default('roles'),
  GATEWAY_ALLOW_ANONYMOUS: bool.default(false),
  GATEWAY_MAX_DEPTH: int(1, 1000).default(12),
  GATEWAY_MAX_ALIASES: int(0, 1000).default(15),
  GATEWAY_MAX_TOKENS: int(10, 1_000_000).default(2000),
  GATEWAY_MAX_DIRECTIVES: int(0, 1000).default(20),
  GATEWAY_MAX_COST: int(1, 100_000_000).default(50_000),
  GATEWAY_LIVE_MAX_PER_CALLER: int(1, 10_000).default(20),
  GATEWAY_LIVE_MAX: int(1, 1_000_000).default(2000),
  GATEWAY_LIVE_MAX_WATCHED: int(1, 1_000_000).default(500),
  GATEWAY_LIVE_ACTIVE_MS: int(100, 600_000).default(1000),
  GATEWAY_LIVE_IDLE_MS: int(100, 3_600_000).default(15_000),
  GATEWAY_PATCH_MAX_NODES: int(10, 1_000_000).default(10_000),
  GATEWAY_PATCH_MAX_BYTES: int(1024, 100 * 1024 * 1024).default(1024 * 1024),
  GATEWAY_PATCH_MAX_OPERATIONS: int(1, 10_000).default(100),
  UPLOAD_MAX_FILE_SIZE: int(1, 1024 * 1024 * 1024).default(1024 * 1024),
  UPLOAD_MAX_FILES: int(1, 100).default(4),
  UPSTREAM_DEDUPE: bool.default(true),
  GATEWAY_RESPONSE_CACHE: z.enum(['on', 'off']).default('off'),
  GATEWAY_RESPONSE_CACHE_MAX_BYTES: int(1024, 4 * 1024 * 1024 * 1024).default(32 * 1024 * 1024),
  REDIS_URL: redisUrl.optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,100}$/, 'expected letters, digits, and . : _ - (at most 100), e.g. connector-gateway:')
    .default('connector-gateway:'),
  GATEWAY_REPLICAS: int(1, 1000).default(1),
  ...perSourceShape('UPSTREAM_'),
  APOLLO_KEY: z.string().min(1).optional(),
  APOLLO_GRAPH_REF: z
    .string()
    .regex(/^[^\s@]+(@[^\s@]+)?$/, 'expected GRAPH_ID@VARIANT, e.g. connector-gateway@current')
    .optional(),
});

/** Every environment variable, the sources' included. */
function envSchema(sources: readonly ConfiguredSource[]) {
  const names = sources.map((s) => s.name);
  return GatewayEnvSchema.extend({ GATEWAY_API_KEYS: apiKeys(names).optional(), ...Object.assign({}, ...sources.map(sourceShape)) });
}

/** Every environment variable the gateway reads with the registry's sources (the README's configuration table documents each). */
export const ENV_VARIABLES: readonly string[] = Object.keys(envSchema(SOURCES).shape);

/** A setting that failed validation; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = z.infer<typeof GatewayEnvSchema> & Record<string, unknown>;

/** A source's resilience settings: its own, else the global ones, else the defaults. */
function upstreamFor(e: Env, source: ConfiguredSource, configured: boolean): UpstreamConfig {
  const prefix = source.name;
  // `undefined` is "not set"; null is a value (a rate limit switched off).
  const pick = <T>(name: string, fallback: T): T => {
    const own = (e as Record<string, unknown>)[`${prefix}_${name}`];
    const global = (e as Record<string, unknown>)[`UPSTREAM_${name}`];
    return (own !== undefined ? own : global !== undefined ? global : fallback) as T;
  };
  return {
    timeoutMs: pick('TIMEOUT_MS', 10_000),
    connectTimeoutMs: pick('CONNECT_TIMEOUT_MS', 5_000),
    deadlineMs: pick('DEADLINE_MS', 15_000),
    connections: pick('CONNECTIONS', 32),
    retries: pick('RETRIES', 2),
    retryBaseMs: 100,
    retryMaxMs: 2_000,
    breaker: pick('BREAKER', { failures: 5, halfOpenMs: 10_000 }),
    // A built-in sandbox does not throttle, so only a configured tenant gets the vendor's rate by default.
    rate: pick<Rate | null>('RATE_LIMIT', configured ? source.connection.defaultRate : null),
    dedupe: e.UPSTREAM_DEDUPE,
    cacheTtlMs: pick('CACHE_TTL_MS', source.connection.cacheTtlMs),
  };
}

/** Reads and validates the configuration of `sources` (the registry's by default) from `env` (tests pass a plain object). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, sources: readonly ConfiguredSource[] = SOURCES): Config {
  // Empty strings count as unset, as a shell's `VAR=` usually means.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema(sources).safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data as Env;
  const sourceConfigs = Object.fromEntries(sources.map((source) => [source.name, sourceConfig(e, source)]));
  // Production never serves the sandboxes' demo data by accident: a forgotten URL stops the start instead.
  const unset = sources.filter((source) => !e[`${source.name}_URL`]).map((source) => `${source.name}_URL`);
  if (unset.length > 0 && (e.GATEWAY_SANDBOX ?? (e.NODE_ENV === 'production' ? 'off' : 'on')) === 'off') {
    throw new ConfigError(
      `Invalid configuration: ${unset.join(', ')} ${unset.length === 1 ? 'is' : 'are'} not set, and ` +
        `${e.GATEWAY_SANDBOX === 'off' ? 'GATEWAY_SANDBOX=off' : 'NODE_ENV=production'} never serves the built-in sandboxes' demo data. ` +
        `Set ${unset.length === 1 ? 'it' : 'them'} (with the client credentials), or GATEWAY_SANDBOX=on to run on the sandbox${unset.length === 1 ? '' : 'es'}.`,
    );
  }
  const auth: AuthConfig = { apiKeys: (e.GATEWAY_API_KEYS as ApiKeyEntry[] | undefined) ?? [] };
  if (e.GATEWAY_JWT_JWKS_URL) {
    auth.jwt = { jwksUrl: e.GATEWAY_JWT_JWKS_URL, rolesClaim: e.GATEWAY_JWT_ROLES_CLAIM };
    if (e.GATEWAY_JWT_ISSUER) auth.jwt.issuer = e.GATEWAY_JWT_ISSUER;
    if (e.GATEWAY_JWT_AUDIENCE) auth.jwt.audience = e.GATEWAY_JWT_AUDIENCE;
  }
  // The gateway acts with admin credentials at three platforms: open to anyone only where only this machine can reach it.
  if (auth.apiKeys.length === 0 && !auth.jwt && !isLoopback(e.HOST) && !e.GATEWAY_ALLOW_ANONYMOUS) {
    throw new ConfigError(
      `Invalid configuration: HOST=${e.HOST} is reachable from other machines but no caller authentication is configured. ` +
        'Set GATEWAY_API_KEYS and/or GATEWAY_JWT_JWKS_URL, or HOST=127.0.0.1 (or GATEWAY_ALLOW_ANONYMOUS=true behind a proxy that authenticates callers).',
    );
  }
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    executor: e.GATEWAY_EXECUTOR,
    documentCacheSize: e.GATEWAY_DOCUMENT_CACHE_SIZE,
    bodyLimitBytes: e.GATEWAY_BODY_LIMIT_BYTES,
    introspection: e.GATEWAY_INTROSPECTION ?? e.NODE_ENV !== 'production',
    metrics: e.GATEWAY_METRICS === 'on',
    console: (e.GATEWAY_CONSOLE ?? (e.NODE_ENV === 'production' ? 'off' : 'on')) === 'on',
    shutdownGraceMs: e.GATEWAY_SHUTDOWN_GRACE_MS,
    readinessMaxAgeMs: e.GATEWAY_READINESS_MAX_AGE_MS,
    landingPage: e.GATEWAY_LANDING_PAGE ?? (e.NODE_ENV === 'production' ? 'static' : 'graphiql'),
    corsOrigins: Object.freeze(e.GATEWAY_CORS_ORIGINS ?? []),
    auth,
    limits: {
      maxDepth: e.GATEWAY_MAX_DEPTH,
      maxAliases: e.GATEWAY_MAX_ALIASES,
      maxTokens: e.GATEWAY_MAX_TOKENS,
      maxDirectives: e.GATEWAY_MAX_DIRECTIVES,
      maxCost: e.GATEWAY_MAX_COST,
    },
    live: {
      maxPerCaller: e.GATEWAY_LIVE_MAX_PER_CALLER,
      max: e.GATEWAY_LIVE_MAX,
      maxWatched: e.GATEWAY_LIVE_MAX_WATCHED,
      activeMs: e.GATEWAY_LIVE_ACTIVE_MS,
      idleMs: e.GATEWAY_LIVE_IDLE_MS,
    },
    uploads: { maxFileSize: e.UPLOAD_MAX_FILE_SIZE, maxFiles: e.UPLOAD_MAX_FILES },
    patch: { maxNodes: e.GATEWAY_PATCH_MAX_NODES, maxBytes: e.GATEWAY_PATCH_MAX_BYTES, maxOperations: e.GATEWAY_PATCH_MAX_OPERATIONS },
    sources: Object.freeze(sourceConfigs),
    responseCache: { enabled: e.GATEWAY_RESPONSE_CACHE === 'on', maxBytes: e.GATEWAY_RESPONSE_CACHE_MAX_BYTES },
    redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX, replicas: e.GATEWAY_REPLICAS } : null,
    apollo: e.APOLLO_KEY && e.APOLLO_GRAPH_REF ? { key: e.APOLLO_KEY, graphRef: e.APOLLO_GRAPH_REF } : null,
  });
}

/** True for names and addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

function sourceConfig(e: Env, source: ConfiguredSource): SourceConfig {
  const prefix = source.name;
  const read = (name: string) => e[`${prefix}_${name}`] as string | undefined;
  const url = read('URL');
  const upstream = upstreamFor(e, source, url !== undefined);
  const settings: Record<string, string> = {};
  for (const key of Object.keys(source.connection.settings ?? {})) {
    const value = read(key);
    if (value !== undefined) settings[key] = value;
  }
  if (!url) return { settings, upstream };
  // A configured tenant needs its credentials; without them every call would fail later, less clearly.
  const missing = (name: string) => new ConfigError(`Invalid configuration: ${prefix}_${name} is required when ${prefix}_URL is set`);
  const clientId = read('CLIENT_ID');
  if (!clientId) throw missing('CLIENT_ID');
  const clientSecret = read('CLIENT_SECRET');
  if (!clientSecret) throw missing('CLIENT_SECRET');
  return { url, clientId, clientSecret, settings, upstream };
}
