/**
 * ConductorOne sandbox: a real HTTP server on loopback that imitates the app-connector operations of the C1 API
 * (`/api/v1/apps/{app_id}/connectors…`, `ConnectorService`), the app reads the gateway needs (`/api/v1/apps…`,
 * `/api/v1/search/apps`) and the client-credentials token endpoint (`/auth/v1/token`), backed by the deterministic
 * seed. Built on the vendor-neutral sandbox kit (request log, faults, latency, control API).
 *
 * C1 serves gRPC through grpc-gateway, and the sandbox answers the way that stack does: every error is a
 * `google.rpc.Status` body (`{code, message, details}`) with the HTTP status grpc-gateway derives from the gRPC code,
 * unknown JSON fields are ignored, unset fields are still written (`''`, `[]`, `null`), and page tokens are opaque.
 *
 * Where the vendor contract is silent the sandbox decides (each is noted where it is implemented): the token endpoint
 * takes only the plain `client_secret` form (C1's SDKs send a signed JWT assertion instead), an update needs an
 * explicit `updateMask`, unknown apps give 404 on every app-scoped route, page tokens are bound to the listing
 * they came from, and a forced sync runs for a set time and fails only for the connectors `sync.ts` names.
 *
 * This file assembles and starts it: the store (`store.ts`), the token client (`tokens.ts`), paging (`paging.ts`)
 * and the route table (`routes.ts`, whose handlers live in `apps.ts`, `connectors.ts` and `sync.ts`), with grpc-gateway's
 * error bodies (`errors.ts`).
 */
import { dispatchRoute } from '../../../sandbox/router.js';
import { runSandbox, type RunningSandbox, type SandboxOptions, type VendorApi } from '../../../sandbox/runSandbox.js';
import { TokenStore } from '../../../sandbox/tokens.js';
import { CONDUCTORONE_ROUTING_ERRORS, renderInjectedFault, renderThrownError } from './errors.js';
import { CONDUCTORONE_MAX_PAGE_SIZE, PageTokens } from './paging.js';
import { conductorOneRoutes } from './routes.js';
import { ConductorOneStore, type ConductorOneSandboxStore } from './store.js';
import { CONDUCTORONE_DEFAULT_SYNC_MS, ConductorOneSyncs } from './sync.js';
import { isApiPath, requireBearerToken } from './tokens.js';

/** Default client id of the sandbox's API client (C1 client ids have this `name@tenant/pcc` shape). */
export const CONDUCTORONE_SANDBOX_CLIENT_ID = 'sandbox-gateway@sandbox.conductor.one/pcc';
/** Default client secret of that client (a fixed, public sandbox value). */
export const CONDUCTORONE_SANDBOX_CLIENT_SECRET = 'sandbox-conductorone-secret-5e2c9b14';
/** Default token lifetime. C1 documents none; an hour is the sandbox's choice. */
const CONDUCTORONE_SANDBOX_TOKEN_TTL_SECONDS = 3600;

/** Options of {@link startConductorOneSandbox}. */
export interface ConductorOneSandboxOptions extends SandboxOptions {
  /** Largest page size of every listing (default 100); the default page size is 25 or this, whichever is smaller. */
  pageSizeMax?: number;
  /** How long a forced sync runs before it ends DONE or ERROR, in milliseconds (default 3000). */
  syncDurationMs?: number;
}

/** A running ConductorOne sandbox. */
export interface ConductorOneSandbox extends RunningSandbox {
  /** API root: the origin, e.g. `http://127.0.0.1:PORT` (operations live under `/api/v1/…`). */
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly store: ConductorOneSandboxStore;
}

/** Starts a ConductorOne sandbox on loopback (a free port unless `port` is given). */
export async function startConductorOneSandbox(options: ConductorOneSandboxOptions = {}): Promise<ConductorOneSandbox> {
  const clientId = options.clientId ?? CONDUCTORONE_SANDBOX_CLIENT_ID;
  const clientSecret = options.clientSecret ?? CONDUCTORONE_SANDBOX_CLIENT_SECRET;
  const pageSizeMax = options.pageSizeMax ?? CONDUCTORONE_MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSizeMax) || pageSizeMax < 1) throw new RangeError('pageSizeMax must be a positive integer');
  const tokens = new TokenStore({ ttlSeconds: options.tokenTtlSeconds ?? CONDUCTORONE_SANDBOX_TOKEN_TTL_SECONDS });
  const store = new ConductorOneStore();
  const syncs = new ConductorOneSyncs(store, options.syncDurationMs ?? CONDUCTORONE_DEFAULT_SYNC_MS);
  const router = conductorOneRoutes({ client: { clientId, clientSecret, tokens }, store, paging: { pageTokens: new PageTokens(), pageSizeMax }, syncs });
  const api: VendorApi = {
    tokens,
    reseed: () => {
      // A sync still running would finish on a connector of the old seed: stop them first.
      syncs.stopAll();
      store.reseed();
    },
    // The log records whether an API call carried a live bearer token.
    authorize: (ctx) => isApiPath(ctx.path) && tokens.checkRequest(ctx.req).ok,
    handle: async (ctx) => {
      // Authentication runs before routing, so unknown API paths need a token too.
      if (isApiPath(ctx.path)) requireBearerToken(tokens, ctx);
      await dispatchRoute(router, ctx, CONDUCTORONE_ROUTING_ERRORS);
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
  return {
    ...running,
    close: async () => {
      syncs.stopAll();
      await running.close();
    },
    url: running.origin,
    clientId,
    clientSecret,
    store: store.view(),
  };
}
