/**
 * Wire shapes of the Logto sandbox's answers: a stored connector merged with its factory, in the key order of
 * Logto's connector response guard.
 *
 * Internal module of the Logto sandbox.
 */
import type { LogtoConnectorFactoryWire, LogtoConnectorWire, LogtoI18nPhrasesWire } from '../types.js';
import type { LogtoSandboxConnector } from './seed.js';

/** A connector's effective metadata. */
interface MergedMetadata {
  target: string;
  name: LogtoI18nPhrasesWire;
  logo: string;
  logoDark: string | null;
}

/** The factory's metadata overridden by the connector's own (what Logto reports at the top level). */
export function mergedMetadata(entry: LogtoSandboxConnector, factory: LogtoConnectorFactoryWire): MergedMetadata {
  const own = entry.metadata;
  return {
    target: own.target ?? factory.target,
    name: own.name ?? factory.name,
    logo: own.logo ?? factory.logo,
    logoDark: own.logoDark !== undefined ? own.logoDark : factory.logoDark,
  };
}

/** A stored connector as the API answers it; the key order follows Logto's connector response guard. */
export function toConnectorWire(entry: LogtoSandboxConnector, factory: LogtoConnectorFactoryWire): LogtoConnectorWire {
  const merged = mergedMetadata(entry, factory);
  return {
    id: entry.id,
    syncProfile: entry.syncProfile,
    enableTokenStorage: entry.enableTokenStorage,
    config: structuredClone(entry.config),
    metadata: structuredClone(entry.metadata),
    connectorId: entry.connectorId,
    target: merged.target,
    name: structuredClone(merged.name),
    description: structuredClone(factory.description),
    logo: merged.logo,
    logoDark: merged.logoDark,
    readme: factory.readme,
    ...(factory.configTemplate === undefined ? {} : { configTemplate: factory.configTemplate }),
    ...(factory.formItems === undefined ? {} : { formItems: structuredClone(factory.formItems) }),
    ...(factory.customData === undefined ? {} : { customData: structuredClone(factory.customData) }),
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the sandbox answers what Logto answers, its deprecated fields too.
    ...(factory.fromEmail === undefined ? {} : { fromEmail: factory.fromEmail }),
    platform: factory.platform,
    ...(factory.isStandard === undefined ? {} : { isStandard: factory.isStandard }),
    ...(factory.isTokenStorageSupported === undefined ? {} : { isTokenStorageSupported: factory.isTokenStorageSupported }),
    type: factory.type,
    isDemo: false,
    // Logto fills `extraInfo` only for its own cloud e-mail service.
    extraInfo: {},
  };
}
