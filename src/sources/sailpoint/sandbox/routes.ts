/**
 * The SailPoint sandbox's route table: every operation it serves, by method and path, in the order the router tries
 * them (which is also the order of the `Allow` header of a 405).
 *
 * Internal module of the SailPoint sandbox.
 */
import { Router, type RouteHandler } from '../../../sandbox/router.js';
import { createConnector, deleteConnector, getConnector, listConnectors, patchConnector } from './connectors.js';
import { XML_FILE_KINDS, getTranslations, getXmlFile, putTranslations, putXmlFile } from './files.js';
import type { SailPointConnectorStore } from './store.js';
import { issueToken, type SailPointOAuthClient } from './tokens.js';

/** What the routes act on. */
interface SailPointRouteTargets {
  client: SailPointOAuthClient;
  store: SailPointConnectorStore;
  /** List every status, not only RELEASED. */
  listAllStatuses: boolean;
}

/** The router of the SailPoint sandbox's operations. */
export function sailPointRoutes({ client, store, listAllStatuses }: SailPointRouteTargets): Router<RouteHandler> {
  const router = new Router<RouteHandler>()
    .add('POST', '/oauth/token', (ctx) => issueToken(ctx, client))
    .add('GET', '/v3/connectors', (ctx) => {
      listConnectors(ctx, store, listAllStatuses);
    })
    .add('POST', '/v3/connectors', (ctx) => createConnector(ctx, store))
    .add('GET', '/v3/connectors/:scriptName', (ctx, p) => {
      getConnector(ctx, p, store);
    })
    .add('DELETE', '/v3/connectors/:scriptName', (ctx, p) => {
      deleteConnector(ctx, p, store);
    })
    .add('PATCH', '/v3/connectors/:scriptName', (ctx, p) => patchConnector(ctx, p, store))
    .add('GET', '/v3/connectors/:scriptName/translations/:locale', (ctx, p) => {
      getTranslations(ctx, p, store);
    })
    .add('PUT', '/v3/connectors/:scriptName/translations/:locale', (ctx, p) => putTranslations(ctx, p, store));
  for (const [segment, kind] of Object.entries(XML_FILE_KINDS)) {
    router
      .add('GET', `/v3/connectors/:scriptName/${segment}`, (ctx, p) => {
        getXmlFile(ctx, p, store, kind.field);
      })
      .add('PUT', `/v3/connectors/:scriptName/${segment}`, (ctx, p) => putXmlFile(ctx, p, store, kind.field, kind.file));
  }
  return router;
}
