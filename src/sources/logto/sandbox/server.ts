/**
 * Logto sandbox: a real HTTP server on loopback that imitates the connector operations of the Logto Management API
 * (`/api/connectors…`, `/api/connector-factories…`) and the OIDC client-credentials token endpoint (`/oidc/token`),
 * backed by the deterministic seed. Built on the vendor-neutral sandbox kit (request log, faults, latency, control
 * API). Behaviour follows Logto's route code: the same checks in the same order, the same error codes.
 *
 * This file assembles and starts it: the store (`store.ts`), the token client (`tokens.ts`) and the route table
 * (`routes.ts`, whose handlers live in `connectors.ts`, `factories.ts` and `authorizationUri.ts`), with Logto's
 * error bodies (`errors.ts`).
 */
import { dispatchRoute } from '../../../sandbox/router.js';
import { runSandbox, type RunningSandbox, type SandboxOptions, type VendorApi } from '../../../sandbox/runSandbox.js';
import { TokenStore } from '../../../sandbox/tokens.js';
import { LOGTO_DEFAULT_MANAGEMENT_API_RESOURCE } from '../types.js';
import { LOGTO_ROUTING_ERRORS, renderInjectedFault, renderThrownError } from './errors.js';
import { logtoRoutes } from './routes.js';
import { LogtoConnectorStore, type LogtoSandboxStore } from './store.js';
import { carriesManagementApiToken, isApiPath, requireBearerToken } from './tokens.js';

/** Default client id of the sandbox's machine-to-machine application. */
export const LOGTO_SANDBOX_CLIENT_ID = 'sandbox-logto-m2m';
/** Default client secret of that application (a fixed, public sandbox value). */
export const LOGTO_SANDBOX_CLIENT_SECRET = 'sandbox-logto-secret-8b3f2a61';
/** Default token lifetime: the hour Logto gives Management API tokens. */
const LOGTO_SANDBOX_TOKEN_TTL_SECONDS = 3600;

/** Options of {@link startLogtoSandbox}. */
export interface LogtoSandboxOptions extends SandboxOptions {
  /** The Management API resource indicator tokens must be requested for (default `https://default.logto.app/api`). */
  resource?: string;
}

/** A running Logto sandbox. */
export interface LogtoSandbox extends RunningSandbox {
  /** API root: the origin, e.g. `http://127.0.0.1:PORT` (operations live under `/api/…`). */
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The resource indicator to request tokens for. */
  readonly resource: string;
  readonly store: LogtoSandboxStore;
}

/** Starts a Logto sandbox on loopback (a free port unless `port` is given). */
export async function startLogtoSandbox(options: LogtoSandboxOptions = {}): Promise<LogtoSandbox> {
  const clientId = options.clientId ?? LOGTO_SANDBOX_CLIENT_ID;
  const clientSecret = options.clientSecret ?? LOGTO_SANDBOX_CLIENT_SECRET;
  const resource = options.resource ?? LOGTO_DEFAULT_MANAGEMENT_API_RESOURCE;
  const tokens = new TokenStore({ ttlSeconds: options.tokenTtlSeconds ?? LOGTO_SANDBOX_TOKEN_TTL_SECONDS });
  const store = new LogtoConnectorStore();
  const router = logtoRoutes({ client: { clientId, clientSecret, resource, tokens }, store });
  const api: VendorApi = {
    tokens,
    reseed: () => {
      store.reseed();
    },
    // The log records whether an API call carried a live token with scope `all`.
    authorize: (ctx) => isApiPath(ctx.path) && carriesManagementApiToken(tokens, ctx),
    handle: async (ctx) => {
      // Logto authenticates the whole Management API router before routing, so unknown paths need a token too.
      if (isApiPath(ctx.path)) requireBearerToken(tokens, ctx);
      await dispatchRoute(router, ctx, LOGTO_ROUTING_ERRORS);
    },
  };
  const running = await runSandbox(api, {
    renderFault: (status) => renderInjectedFault(status),
    renderError: (error, ctx) => {
      renderThrownError(error, ctx);
    },
    latencyMs: options.latencyMs,
    host: options.host,
    port: options.port,
  });
  return { ...running, url: running.origin, clientId, clientSecret, resource, store: store.view() };
}
