/**
 * Configuration: the only reader of process.env. Every setting is validated at start, and a bad one stops the
 * gateway with a message that names it. Public: the variable names are documented in the README's table.
 */
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));

/** Environment variables and their defaults. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0, 65535).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GATEWAY_EXECUTOR: z.enum(['jit', 'graphql-js']).default('jit'),
  GATEWAY_DOCUMENT_CACHE_SIZE: int(1, 100_000).default(500),
  GATEWAY_BODY_LIMIT_BYTES: int(1024, 100 * 1024 * 1024).default(1024 * 1024),
  GATEWAY_INTROSPECTION: bool.optional(),
  UPLOAD_MAX_FILE_SIZE: int(1, 1024 * 1024 * 1024).default(1024 * 1024),
  UPLOAD_MAX_FILES: int(1, 100).default(4),
  UPSTREAM_TIMEOUT_MS: int(100, 600_000).default(10_000),
  UPSTREAM_CONNECT_TIMEOUT_MS: int(100, 600_000).default(5_000),
  UPSTREAM_CONNECTIONS: int(1, 1024).default(32),
  UPSTREAM_DEDUPE: bool.default(true),
  SAILPOINT_URL: url.optional(),
  SAILPOINT_CLIENT_ID: z.string().min(1).optional(),
  SAILPOINT_CLIENT_SECRET: z.string().min(1).optional(),
  SAILPOINT_TOKEN_URL: url.optional(),
  LOGTO_URL: url.optional(),
  LOGTO_CLIENT_ID: z.string().min(1).optional(),
  LOGTO_CLIENT_SECRET: z.string().min(1).optional(),
  LOGTO_RESOURCE: z.string().min(1).default('https://default.logto.app/api'),
  CONDUCTORONE_URL: url.optional(),
  CONDUCTORONE_CLIENT_ID: z.string().min(1).optional(),
  CONDUCTORONE_CLIENT_SECRET: z.string().min(1).optional(),
});

/** Where a source is and how the gateway signs in to it. `url` unset means: start the built-in sandbox. */
export interface SourceConfig {
  url?: string;
  clientId?: string;
  clientSecret?: string;
  tokenUrl?: string;
  /** Logto: the Management API's resource indicator, sent with the token request. */
  resource?: string;
}

/** Limits and timeouts of the upstream HTTP clients (the same for every source for now). */
export interface UpstreamConfig {
  timeoutMs: number;
  connectTimeoutMs: number;
  connections: number;
  /** Identical GETs in flight share one exchange. */
  dedupe: boolean;
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
  uploads: { maxFileSize: number; maxFiles: number };
  upstream: UpstreamConfig;
  sources: { sailpoint: SourceConfig; logto: SourceConfig; conductorone: SourceConfig };
}

/** A setting that failed validation; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the configuration from `env` (tests pass a plain object). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as a shell's `VAR=` usually means.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const sailpoint = sourceConfig('SAILPOINT', e.SAILPOINT_URL, e.SAILPOINT_CLIENT_ID, e.SAILPOINT_CLIENT_SECRET);
  if (e.SAILPOINT_TOKEN_URL) sailpoint.tokenUrl = e.SAILPOINT_TOKEN_URL;
  const logto = sourceConfig('LOGTO', e.LOGTO_URL, e.LOGTO_CLIENT_ID, e.LOGTO_CLIENT_SECRET);
  logto.resource = e.LOGTO_RESOURCE;
  const conductorone = sourceConfig('CONDUCTORONE', e.CONDUCTORONE_URL, e.CONDUCTORONE_CLIENT_ID, e.CONDUCTORONE_CLIENT_SECRET);
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    executor: e.GATEWAY_EXECUTOR,
    documentCacheSize: e.GATEWAY_DOCUMENT_CACHE_SIZE,
    bodyLimitBytes: e.GATEWAY_BODY_LIMIT_BYTES,
    introspection: e.GATEWAY_INTROSPECTION ?? e.NODE_ENV !== 'production',
    uploads: { maxFileSize: e.UPLOAD_MAX_FILE_SIZE, maxFiles: e.UPLOAD_MAX_FILES },
    upstream: {
      timeoutMs: e.UPSTREAM_TIMEOUT_MS,
      connectTimeoutMs: e.UPSTREAM_CONNECT_TIMEOUT_MS,
      connections: e.UPSTREAM_CONNECTIONS,
      dedupe: e.UPSTREAM_DEDUPE,
    },
    sources: { sailpoint, logto, conductorone },
  });
}

function sourceConfig(prefix: string, url?: string, clientId?: string, clientSecret?: string): SourceConfig {
  if (!url) return {};
  // A configured tenant needs its credentials; without them every call would fail later, less clearly.
  for (const [name, value] of [['CLIENT_ID', clientId], ['CLIENT_SECRET', clientSecret]] as const) {
    if (!value) throw new ConfigError(`Invalid configuration: ${prefix}_${name} is required when ${prefix}_URL is set`);
  }
  return { url, clientId, clientSecret };
}
