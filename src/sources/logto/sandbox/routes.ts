/**
 * The Logto sandbox's route table: every operation it serves, by method and path, in the order the router tries them
 * (which is also the order of the `Allow` header of a 405).
 *
 * Internal module of the Logto sandbox.
 */
import { Router, type RouteHandler } from '../../../sandbox/router.js';
import { createAuthorizationUri } from './authorizationUri.js';
import { createConnector, deleteConnector, getConnector, listConnectors, testConnector, updateConnector } from './connectors.js';
import { getConnectorFactory, listConnectorFactories } from './factories.js';
import type { LogtoConnectorStore } from './store.js';
import { issueToken, type LogtoOAuthClient } from './tokens.js';

/** What the routes act on. */
interface LogtoRouteTargets {
  client: LogtoOAuthClient;
  store: LogtoConnectorStore;
}

/** The router of the Logto sandbox's operations. */
export function logtoRoutes({ client, store }: LogtoRouteTargets): Router<RouteHandler> {
  return new Router<RouteHandler>()
    .add('POST', '/oidc/token', (ctx) => issueToken(ctx, client))
    .add('GET', '/api/connectors', (ctx) => {
      listConnectors(ctx, store);
    })
    .add('POST', '/api/connectors', (ctx) => createConnector(ctx, store))
    .add('GET', '/api/connectors/:id', (ctx, p) => {
      getConnector(ctx, p, store);
    })
    .add('PATCH', '/api/connectors/:id', (ctx, p) => updateConnector(ctx, p, store))
    .add('DELETE', '/api/connectors/:id', (ctx, p) => {
      deleteConnector(ctx, p, store);
    })
    .add('POST', '/api/connectors/:factoryId/test', (ctx, p) => testConnector(ctx, p, store))
    .add('POST', '/api/connectors/:connectorId/authorization-uri', (ctx, p) => createAuthorizationUri(ctx, p, store))
    .add('GET', '/api/connector-factories', (ctx) => {
      listConnectorFactories(ctx, store);
    })
    .add('GET', '/api/connector-factories/:id', (ctx, p) => {
      getConnectorFactory(ctx, p, store);
    });
}
