/**
 * Per-request dataloaders of the ConductorOne source. Apps are looked up in one batched search however many
 * connectors ask for theirs; connectors by (app, id) and pages by (app, size, token) are fetched once each. Create
 * them only through the request context. Internal module.
 */
import DataLoader from 'dataloader';
import { eachKey } from '../../errors/classes.js';
import { batchReporter, type BatchObserver } from '../../observability/batch.js';
import type { C1App, C1Connector, C1ConnectorPage, ConductorOneClient } from './client.js';

export interface ConnectorKey {
  appId: string;
  id: string;
}

interface PageKey {
  appId: string;
  pageSize: number;
  pageToken: string;
}

export interface ConductorOneLoaders {
  connectorByKey: DataLoader<ConnectorKey, C1Connector, string>;
  connectorPage: DataLoader<PageKey, C1ConnectorPage, string>;
  /** An app by id; null when ConductorOne has none. */
  appById: DataLoader<string, C1App | null>;
}

/** Most app ids in one search (C1's largest page). */
const APP_SEARCH_BATCH = 100;

export function createConductorOneLoaders(client: ConductorOneClient, requestId: string, observeBatch?: BatchObserver): ConductorOneLoaders {
  const reported = batchReporter('CONDUCTORONE', observeBatch);
  return {
    connectorByKey: new DataLoader(
      reported('connectorByKey', (keys) => eachKey(keys, (k) => client.getConnector(k.appId, k.id, requestId))),
      { cacheKeyFn: (k) => `${k.appId}\n${k.id}` },
    ),
    connectorPage: new DataLoader(
      reported('connectorPage', (keys) => eachKey(keys, (k) => client.listConnectors(k.appId, k.pageSize, k.pageToken, requestId))),
      { cacheKeyFn: (k) => `${k.appId}\n${k.pageSize}\n${k.pageToken}` },
    ),
    appById: new DataLoader(
      reported('appById', async (ids) => {
        const found = await client.searchAppsByIds(ids, requestId);
        const byId = new Map(found.map((a) => [a.id, a]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      { maxBatchSize: APP_SEARCH_BATCH },
    ),
  };
}
