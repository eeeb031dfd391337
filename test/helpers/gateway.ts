/**
 * The one helper that builds the system under test: a SailPoint sandbox and the gateway in front of it, both
 * real HTTP servers on free loopback ports, plus a GraphQL client and the gateway's captured log lines.
 */
import { logSink } from './logs.js';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logger.js';
import { startGateway, type RunningGateway } from '../../src/server/index.js';
import { startSailPointSandbox, type SailPointSandbox } from '../../src/sources/sailpoint/sandbox/server.js';
import { startLogtoSandbox, type LogtoSandbox } from '../../src/sources/logto/sandbox/server.js';
import { startConductorOneSandbox, type ConductorOneSandbox, type ConductorOneSandboxOptions } from '../../src/sources/conductorone/sandbox/server.js';
import { looksSecret } from '../../src/graph/settings.js';
import type { ConnectorSource } from '../../src/sources/port.js';
import { contractProxyFor } from './contract.js';
import type { Tracing } from '../../src/observability/tracing.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; path?: unknown[]; extensions?: Record<string, any> }[] };
}

export interface TestStack {
  gateway: RunningGateway;
  sailpoint: SailPointSandbox;
  logto: LogtoSandbox;
  conductorone: ConductorOneSandbox;
  /** Every line the gateway logged, as text. */
  logs: string[];
  /** POSTs a GraphQL operation as JSON. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** API calls the sandbox served since the last reset (token requests and control endpoints excluded). */
  apiCalls(filter?: { method?: string; pathIncludes?: string }): number;
  /** ConductorOne API calls since the last reset (token requests excluded). */
  c1Calls(filter?: { method?: string; pathIncludes?: string }): number;
  /** Logto API calls since the last reset (token requests excluded). */
  logtoCalls(filter?: { method?: string; pathIncludes?: string }): number;
  /** API calls to all three sandboxes since the last reset. */
  backendCalls(): number;
  /** Resets the request logs of every sandbox. */
  resetCalls(): void;
  /** A value that must never appear in a log line (API keys and tokens sent by `gql` are registered already). */
  registerSecret(value: string): void;
  /** Stops everything, then fails if any log line holds a secret: the sandboxes' credentials and tokens, their stored secret config values, and what `registerSecret` added (see `leakedSecrets`). */
  stop(): Promise<void>;
}

/**
 * Starts a sandbox and a gateway on it; `env` adds or overrides gateway settings; `sources` replaces the registry's
 * list (a test's own source added: its sandbox is the test's, its settings in `env`); `consoleDir` is the console
 * build the gateway serves (default: dist/console); `conductorone` the ConductorOne sandbox's options (e.g. a short
 * `syncDurationMs`).
 */
export async function startTestStack(
  env: Record<string, string> = {},
  options: { sources?: readonly ConnectorSource[]; consoleDir?: string; conductorone?: ConductorOneSandboxOptions; tracing?: Tracing } = {},
): Promise<TestStack> {
  const [sailpoint, logto, conductorone] = await Promise.all([startSailPointSandbox(), startLogtoSandbox(), startConductorOneSandbox(options.conductorone)]);
  const sailpointProxy = await contractProxyFor('sailpoint', sailpoint.url);
  const logtoProxy = await contractProxyFor('logto', logto.url);
  const c1Proxy = await contractProxyFor('conductorone', conductorone.url);
  const { logs, sink } = logSink();
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'debug',
      // The sandboxes do not throttle; the limiter has its own test.
      SAILPOINT_RATE_LIMIT: 'off',
      SAILPOINT_URL: sailpointProxy.url,
      SAILPOINT_CLIENT_ID: sailpoint.clientId,
      SAILPOINT_CLIENT_SECRET: sailpoint.clientSecret,
      LOGTO_URL: logtoProxy.url,
      LOGTO_CLIENT_ID: logto.clientId,
      LOGTO_CLIENT_SECRET: logto.clientSecret,
      LOGTO_RESOURCE: logto.resource,
      CONDUCTORONE_URL: c1Proxy.url,
      CONDUCTORONE_CLIENT_ID: conductorone.clientId,
      CONDUCTORONE_CLIENT_SECRET: conductorone.clientSecret,
      ...env,
    },
    options.sources,
  );
  const gateway = await startGateway({
    config,
    logger: createLogger(config.logLevel, sink),
    ...(options.sources ? { sources: options.sources } : {}),
    ...(options.consoleDir !== undefined ? { consoleDir: options.consoleDir } : {}),
    ...(options.tracing ? { tracing: options.tracing } : {}),
  });
  const secrets = new Set<string>();
  interface CallFilter {
    method?: string;
    pathIncludes?: string;
  }
  const apiCalls = (filter: CallFilter = {}) => countCalls(sailpoint.log.entries(), '/v3/', filter);
  const logtoCalls = (filter: CallFilter = {}) => countCalls(logto.log.entries(), '/api/', filter);
  const c1Calls = (filter: CallFilter = {}) => countCalls(conductorone.log.entries(), '/api/', filter);
  return {
    gateway,
    sailpoint,
    logto,
    conductorone,
    logs,
    async gql(query, variables, headers = {}) {
      for (const [name, value] of Object.entries(headers)) {
        if (/^(x-api-key|authorization)$/i.test(name)) secrets.add(value.replace(/^Bearer\s+/i, ''));
      }
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLResponse<never>['body'] };
    },
    apiCalls,
    logtoCalls,
    c1Calls,
    backendCalls: () => apiCalls() + logtoCalls() + c1Calls(),
    resetCalls() {
      sailpoint.log.reset();
      logto.log.reset();
      conductorone.log.reset();
    },
    registerSecret(value) {
      secrets.add(value);
    },
    async stop() {
      await gateway.stop();
      const sandboxes = [sailpoint, logto, conductorone];
      for (const s of sandboxes) {
        secrets.add(s.clientSecret);
        for (const token of s.issuedTokens()) secrets.add(token);
      }
      for (const value of [...logtoSecrets(logto), ...conductoroneSecrets(conductorone)]) secrets.add(value);
      await Promise.all([sailpointProxy.close(), logtoProxy.close(), c1Proxy.close()]);
      await Promise.all(sandboxes.map((s) => s.close()));
      const leaks = leakedSecrets(logs, secrets);
      if (leaks.length > 0) throw new Error(`Secrets in the gateway's log:\n${leaks.join('\n')}`);
    },
  };
}

/** Every confidential config value the Logto sandbox holds (Logto stores them in plain text; the gateway must not log them). */
export function logtoSecrets(logto: LogtoSandbox): string[] {
  const factories = new Map(logto.store.factories().map((f) => [f.id, f]));
  return logto.store.connectors().flatMap((c) =>
    (factories.get(c.connectorId)?.formItems ?? [])
      .filter((i) => i.isConfidential)
      .map((i) => c.config[i.key])
      .filter((v): v is string => typeof v === 'string' && v.length > 3),
  );
}

/** Every secret-looking string value in the configs the ConductorOne sandbox holds (the gateway must not log them). */
export function conductoroneSecrets(conductorone: ConductorOneSandbox): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key = '') => {
    if (typeof v === 'string' && looksSecret(key) && v.length > 3) out.push(v);
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  for (const c of conductorone.store.connectors()) walk(c.config);
  return out;
}

/** Log lines that contain one of `secrets` (each reported with the secret's first 4 characters only). */
function leakedSecrets(logs: readonly string[], secrets: Iterable<string>): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    if (secret.length < 8) continue; // too short to tell from ordinary text
    const line = logs.find((l) => l.includes(secret));
    if (line) found.push(`${secret.slice(0, 4)}…: ${line.slice(0, 200)}`);
  }
  return found;
}

/** API calls (paths under `prefix`, so no token requests) that pass `filter`. */
function countCalls(entries: { method: string; path: string }[], prefix: string, filter: { method?: string; pathIncludes?: string }): number {
  return entries.filter(
    (e) => e.path.startsWith(prefix) && (!filter.method || e.method === filter.method) && (!filter.pathIncludes || e.path.includes(filter.pathIncludes)),
  ).length;
}

/** Sends a GraphQL multipart request (one file as variable `file`). */
export async function uploadFile(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  file: { name: string; content: string | Uint8Array; type?: string },
  headers: Record<string, string> = { 'apollo-require-preflight': 'true' },
): Promise<{ status: number; body: GraphQLResponse['body'] }> {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables: { ...variables, file: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new Blob([file.content], { type: file.type ?? 'application/octet-stream' }), file.name);
  const res = await fetch(url, { method: 'POST', body: form, headers });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : { errors: [{ message: text }] } };
}
