/**
 * Per-request dataloaders of the SailPoint source: each distinct call is made at most once per GraphQL request.
 * SailPoint has no bulk GET by scriptName, so a batch is a set of parallel single GETs. Create them only through
 * the request context (a new set for each request). Internal module.
 */
import DataLoader from 'dataloader';
import { eachKey } from '../../errors/classes.js';
import { batchReporter, type BatchObserver } from '../../observability/batch.js';
import type { ListConnectorsParams, SailPointClient, SailPointConnectorDetail, SailPointConnectorPage, SailPointXmlFilePath } from './client.js';
import type { SailPointLocale } from './types.js';

export interface SailPointLoaders {
  /** `GET /connectors/{scriptName}` by scriptName. */
  connectorByScriptName: DataLoader<string, SailPointConnectorDetail>;
  /** `GET /connectors/{scriptName}?locale=` by `{ scriptName, locale }` (a locale other than SailPoint's default `en`). */
  connectorInLocale: DataLoader<{ scriptName: string; locale: SailPointLocale }, SailPointConnectorDetail, string>;
  /** An XML file by `{ scriptName, file }`. */
  xmlFileByScriptName: DataLoader<{ scriptName: string; file: SailPointXmlFilePath }, string, string>;
  /** A translations file by `{ scriptName, locale }`. */
  translationsByScriptName: DataLoader<{ scriptName: string; locale: SailPointLocale }, string, string>;
  /** A list page by its parameters (the same page asked twice, e.g. under two aliases, is fetched once). */
  connectorPageByParams: DataLoader<ListConnectorsParams, SailPointConnectorPage, string>;
}

export function createSailPointLoaders(client: SailPointClient, requestId: string, observeBatch?: BatchObserver): SailPointLoaders {
  const reported = batchReporter('SAILPOINT', observeBatch);
  return {
    connectorByScriptName: new DataLoader(reported('connectorByScriptName', (names) => eachKey(names, (n) => client.getConnector(n, requestId)))),
    connectorInLocale: new DataLoader(
      reported('connectorInLocale', (keys) => eachKey(keys, (k) => client.getConnector(k.scriptName, requestId, k.locale))),
      { cacheKeyFn: (k) => `${k.locale}\n${k.scriptName}` },
    ),
    xmlFileByScriptName: new DataLoader(
      reported('xmlFileByScriptName', (keys) => eachKey(keys, (k) => client.getXmlFile(k.scriptName, k.file, requestId))),
      { cacheKeyFn: (k) => `${k.file}\n${k.scriptName}` },
    ),
    translationsByScriptName: new DataLoader(
      reported('translationsByScriptName', (keys) => eachKey(keys, (k) => client.getTranslations(k.scriptName, k.locale, requestId))),
      { cacheKeyFn: (k) => `${k.locale}\n${k.scriptName}` },
    ),
    connectorPageByParams: new DataLoader(
      reported('connectorPageByParams', (pages) => eachKey(pages, (p) => client.listConnectors(p, requestId))),
      { cacheKeyFn: (p) => `${p.limit}\n${p.offset}\n${p.filters ?? ''}` },
    ),
  };
}
