/**
 * The ConductorOne sandbox's route table: every operation it serves, by method and path, in the order the router
 * tries them (a known path with another method is UNIMPLEMENTED).
 *
 * Internal module of the ConductorOne sandbox.
 */
import { Router, type RouteHandler } from '../../../sandbox/router.js';
import { getApp, listApps, searchApps } from './apps.js';
import { createAppConnector, createDelegatedAppConnector, deleteAppConnector, getAppConnector, listAppConnectors, updateAppConnector } from './connectors.js';
import type { ConductorOnePaging } from './paging.js';
import type { ConductorOneStore } from './store.js';
import type { ConductorOneSyncs } from './sync.js';
import { issueToken, type ConductorOneOAuthClient } from './tokens.js';

/** What the routes act on. */
interface ConductorOneRouteTargets {
  client: ConductorOneOAuthClient;
  store: ConductorOneStore;
  paging: ConductorOnePaging;
  syncs: ConductorOneSyncs;
}

/** The router of the ConductorOne sandbox's operations. */
export function conductorOneRoutes({ client, store, paging, syncs }: ConductorOneRouteTargets): Router<RouteHandler> {
  // `/connectors/create` comes before `/connectors/:id`, so a POST there is a create, not an update of "create".
  return (
    new Router<RouteHandler>()
      .add('POST', '/auth/v1/token', (ctx) => issueToken(ctx, client))
      .add('GET', '/api/v1/apps', (ctx) => {
        listApps(ctx, store, paging);
      })
      .add('GET', '/api/v1/apps/:appId', (ctx, p) => {
        getApp(ctx, p, store);
      })
      .add('POST', '/api/v1/search/apps', (ctx) => searchApps(ctx, store, paging))
      .add('GET', '/api/v1/apps/:appId/connectors', (ctx, p) => {
        listAppConnectors(ctx, p, store, paging);
      })
      .add('POST', '/api/v1/apps/:appId/connectors', (ctx, p) => createDelegatedAppConnector(ctx, p, store))
      .add('POST', '/api/v1/apps/:appId/connectors/create', (ctx, p) => createAppConnector(ctx, p, store))
      .add('GET', '/api/v1/apps/:appId/connectors/:id', (ctx, p) => {
        getAppConnector(ctx, p, store);
      })
      .add('POST', '/api/v1/apps/:appId/connectors/:id', (ctx, p) => updateAppConnector(ctx, p, store))
      .add('DELETE', '/api/v1/apps/:appId/connectors/:id', (ctx, p) => deleteAppConnector(ctx, p, store))
      // ForceSync names the connector `connector_id` in its path; the sandbox's routes call it `id` throughout.
      .add('POST', '/api/v1/apps/:appId/connectors/:id/force_sync', (ctx, p) => syncs.forceSync(ctx, p))
  );
}
