/**
 * Per-request dataloaders of the Logto source. Factories come from one list call however many are asked for
 * (Logto lists them all at once); connectors by id are single GETs, each made once. Create them only through the
 * request context. Internal module.
 */
import DataLoader from 'dataloader';
import { GatewayError, eachKey } from '../../errors/classes.js';
import { GatewayErrorCode } from '../../errors/codes.js';
import { batchReporter, type BatchObserver } from '../../observability/batch.js';
import type { LogtoClient } from './client.js';
import type { LogtoConnectorFactoryWire, LogtoConnectorWire } from './types.js';

export interface LogtoLoaders {
  /** `GET /api/connectors/{id}` by connector id. */
  connectorById: DataLoader<string, LogtoConnectorWire>;
  /** `GET /api/connectors`, once per request (the key is ignored; use `ALL`). */
  connectorList: DataLoader<typeof ALL, LogtoConnectorWire[]>;
  /** Every factory, from one `GET /api/connector-factories` (the key is ignored; use `ALL`). */
  factoryList: DataLoader<typeof ALL, LogtoConnectorFactoryWire[]>;
  /** A factory by id, picked from the one factory list; NOT_FOUND for an id Logto does not have. */
  factoryById: DataLoader<string, LogtoConnectorFactoryWire>;
}

export const ALL = 'all' as const;

export function createLogtoLoaders(client: LogtoClient, requestId: string, observeBatch?: BatchObserver): LogtoLoaders {
  const reported = batchReporter('LOGTO', observeBatch);
  const factoryList = new DataLoader<typeof ALL, LogtoConnectorFactoryWire[]>(
    reported('factoryList', async (keys) => {
      const factories = await client.listFactories(requestId);
      return keys.map(() => factories);
    }),
  );
  return {
    connectorById: new DataLoader(reported('connectorById', (ids) => eachKey(ids, (id) => client.getConnector(id, requestId)))),
    connectorList: new DataLoader(
      reported('connectorList', async (keys) => {
        const connectors = await client.listConnectors(requestId);
        return keys.map(() => connectors);
      }),
    ),
    factoryList,
    factoryById: new DataLoader(
      reported<string, LogtoConnectorFactoryWire>('factoryById', async (ids) => {
        const factories = await factoryList.load(ALL);
        const byId = new Map(factories.map((f) => [f.id, f]));
        return ids.map(
          (id) =>
            byId.get(id) ??
            new GatewayError(`LOGTO has no connector factory "${id.slice(0, 100)}".`, GatewayErrorCode.NOT_FOUND, { extensions: { source: 'LOGTO' } }),
        );
      }),
    ),
  };
}
