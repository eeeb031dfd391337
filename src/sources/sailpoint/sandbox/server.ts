/**
 * SailPoint sandbox: a real HTTP server on loopback that imitates the custom-connector operations of Identity
 * Security Cloud v3 (`/v3/connectors…`) and its client-credentials token endpoint (`/oauth/token`), backed by the
 * deterministic seed catalogue. Built on the vendor-neutral sandbox kit (request log, faults, latency, control API).
 *
 * This file assembles and starts it: the store (`store.ts`), the token client (`tokens.ts`) and the route table
 * (`routes.ts`, whose handlers live in `connectors.ts` and `files.ts`), with SailPoint's error bodies (`errors.ts`).
 */
import { dispatchRoute } from '../../../sandbox/router.js';
import { runSandbox, type RunningSandbox, type SandboxOptions, type VendorApi } from '../../../sandbox/runSandbox.js';
import { TokenStore } from '../../../sandbox/tokens.js';
import { SAILPOINT_ROUTING_ERRORS, renderInjectedFault, renderThrownError } from './errors.js';
import { sailPointRoutes } from './routes.js';
import { SailPointConnectorStore, type SailPointSandboxStore } from './store.js';
import { isApiPath, requireBearerToken } from './tokens.js';

/** Default client id of the sandbox's OAuth client. */
export const SAILPOINT_SANDBOX_CLIENT_ID = 'sandbox-sailpoint';
/** Default client secret of the sandbox's OAuth client (a fixed, public sandbox value). */
const SAILPOINT_SANDBOX_CLIENT_SECRET = 'sandbox-sailpoint-secret-4c1d9e7a';
/** Default token lifetime: the 749 seconds ISC reports for client-credentials tokens. */
const SAILPOINT_SANDBOX_TOKEN_TTL_SECONDS = 749;

/** Options of {@link startSailPointSandbox}. */
export interface SailPointSandboxOptions extends SandboxOptions {
  /**
   * The vendor documents `GET /connectors` as listing only RELEASED connectors, and so does the sandbox by default;
   * true lists every status (handy to show demo/development data in a UI).
   */
  listAllStatuses?: boolean;
}

/** A running SailPoint sandbox. */
export interface SailPointSandbox extends RunningSandbox {
  /** API root, e.g. `http://127.0.0.1:PORT/v3`. */
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly store: SailPointSandboxStore;
}

/** Starts a SailPoint sandbox on loopback (a free port unless `port` is given). */
export async function startSailPointSandbox(options: SailPointSandboxOptions = {}): Promise<SailPointSandbox> {
  const clientId = options.clientId ?? SAILPOINT_SANDBOX_CLIENT_ID;
  const clientSecret = options.clientSecret ?? SAILPOINT_SANDBOX_CLIENT_SECRET;
  const tokens = new TokenStore({ ttlSeconds: options.tokenTtlSeconds ?? SAILPOINT_SANDBOX_TOKEN_TTL_SECONDS });
  const store = new SailPointConnectorStore();
  const router = sailPointRoutes({ client: { clientId, clientSecret, tokens }, store, listAllStatuses: options.listAllStatuses ?? false });
  const api: VendorApi = {
    tokens,
    reseed: () => {
      store.reseed();
    },
    // The log records whether an API call carried a live bearer token.
    authorize: (ctx) => isApiPath(ctx.path) && tokens.checkRequest(ctx.req).ok,
    handle: async (ctx) => {
      if (isApiPath(ctx.path)) requireBearerToken(tokens, ctx);
      await dispatchRoute(router, ctx, SAILPOINT_ROUTING_ERRORS);
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
  return { ...running, url: `${running.origin}/v3`, clientId, clientSecret, store: store.view() };
}
