/**
 * A running vendor sandbox: the options every vendor sandbox takes, the vendor side it plugs in, and
 * {@link runSandbox}, which serves that vendor on loopback inside a {@link SandboxApp}.
 *
 * Internal module of the sandbox kit; knows no vendor.
 */
import { SandboxApp, type SandboxAppOptions, type SandboxContext } from './app.js';
import type { FaultSpec } from './faults.js';
import { startHttpSandbox } from './http.js';
import type { RequestLogEntry, RequestLogFilter } from './requestLog.js';

/** Options every vendor sandbox takes. */
export interface SandboxOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  clientId?: string;
  clientSecret?: string;
  /** Extra latency for every answer, in milliseconds. */
  latencyMs?: number;
  /** Lifetime of issued tokens (each vendor's default otherwise). */
  tokenTtlSeconds?: number;
}

/** The vendor side that a sandbox plugs into the kit. */
export interface VendorApi {
  handle(ctx: SandboxContext): Promise<void> | void;
  authorize(ctx: SandboxContext): boolean;
  /** Restores the seed data. */
  reseed(): void;
  readonly tokens: { expireAll(): void; issuedTokens(): string[] };
}

/** What every vendor sandbox offers besides its API root, credentials and store. */
export interface RunningSandbox {
  readonly origin: string;
  readonly port: number;
  readonly log: {
    entries(filter?: RequestLogFilter): RequestLogEntry[];
    reset(): void;
    count(filter?: RequestLogFilter): number;
  };
  injectFault(spec: FaultSpec): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  /** Makes every issued token expired, so the next API call answers 401. */
  expireTokens(): void;
  /** The bearer tokens this sandbox has issued. */
  issuedTokens(): string[];
  /** Restores the seed data and clears the request log and faults (issued tokens stay valid). */
  reset(): void;
  close(): Promise<void>;
}

/** Serves `api` on loopback with the kit's request log, faults, latency and control endpoints. */
export async function runSandbox(
  api: VendorApi,
  options: Pick<SandboxAppOptions, 'renderFault' | 'renderError' | 'latencyMs'> & { host?: string | undefined; port?: number | undefined },
): Promise<RunningSandbox> {
  const app = new SandboxApp({
    handle: (ctx) => api.handle(ctx),
    authorize: (ctx) => api.authorize(ctx),
    ...(options.renderFault ? { renderFault: options.renderFault } : {}),
    ...(options.renderError ? { renderError: options.renderError } : {}),
    latencyMs: options.latencyMs ?? 0,
  });
  const http = await startHttpSandbox({ host: options.host ?? '127.0.0.1', port: options.port ?? 0, handler: app.listener });
  return {
    origin: http.origin,
    port: http.port,
    log: {
      entries: (filter) => app.log.entries(filter),
      reset: () => {
        app.log.reset();
      },
      count: (filter) => app.log.count(filter),
    },
    injectFault: (spec) => {
      app.injectFault(spec);
    },
    clearFaults: () => {
      app.clearFaults();
    },
    setLatency: (ms) => {
      app.setLatency(ms);
    },
    expireTokens: () => {
      api.tokens.expireAll();
    },
    issuedTokens: () => api.tokens.issuedTokens(),
    reset: () => {
      api.reseed();
      app.log.reset();
      app.clearFaults();
    },
    close: async () => {
      app.dispose();
      await http.close();
    },
  };
}
