/** Acme's per-request dataloaders: a connector by id, a page by offset and size. */
import DataLoader from 'dataloader';
import { eachKey } from '../../../src/errors/classes.js';
import { batchReporter, type BatchObserver } from '../../../src/observability/batch.js';
import type { AcmeClient } from './client.js';
import type { AcmeConnectorWire, AcmePageWire } from './types.js';

export interface AcmeLoaders {
  connectorById: DataLoader<string, AcmeConnectorWire>;
  page: DataLoader<{ offset: number; limit: number }, AcmePageWire, string>;
}

export function createAcmeLoaders(client: AcmeClient, requestId: string, observeBatch?: BatchObserver): AcmeLoaders {
  const reported = batchReporter('ACME', observeBatch);
  return {
    connectorById: new DataLoader(reported('connectorById', (ids) => eachKey(ids, (id) => client.getConnector(id, requestId)))),
    page: new DataLoader(
      reported('page', (keys) => eachKey(keys, (k) => client.listConnectors(k.offset, k.limit, requestId))),
      { cacheKeyFn: (k) => `${k.offset}\n${k.limit}` },
    ),
  };
}
