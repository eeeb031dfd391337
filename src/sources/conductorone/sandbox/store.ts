/**
 * The ConductorOne sandbox's data: apps, each app's connectors and the catalog connectors are created from, restored
 * from the seed on reset, with the lookups the operations share (an unknown app or connector is NOT_FOUND, an unknown
 * catalog id INVALID_ARGUMENT), and read by tests through {@link ConductorOneSandboxStore} copies.
 *
 * Internal module of the ConductorOne sandbox.
 */
import { invalidArgument, notFound } from './errors.js';
import { byId } from './paging.js';
import { createConductorOneSeed, type C1SandboxApp, type C1SandboxCatalogEntry, type C1SandboxConnector } from './seed.js';

/** Read access to the sandbox's data (deep copies in id order; changing them changes nothing). */
export interface ConductorOneSandboxStore {
  apps(): C1SandboxApp[];
  app(id: string): C1SandboxApp | undefined;
  /** The connectors of one app, or of every app when `appId` is omitted. */
  connectors(appId?: string): C1SandboxConnector[];
  connector(appId: string, id: string): C1SandboxConnector | undefined;
  /** The catalog entries connectors can be created from. */
  catalog(): C1SandboxCatalogEntry[];
}

/** The apps, connectors and catalog the ConductorOne sandbox serves; handlers change the stored connectors in place. */
export class ConductorOneStore {
  #apps = new Map<string, C1SandboxApp>();
  /** Connectors by app id, then by connector id. */
  #connectors = new Map<string, Map<string, C1SandboxConnector>>();
  #catalog = new Map<string, C1SandboxCatalogEntry>();

  constructor() {
    this.reseed();
  }

  /** Replaces apps, connectors and catalog with a fresh seed. */
  reseed(): void {
    const seed = createConductorOneSeed();
    this.#apps = new Map(seed.apps.map((app) => [app.id, app]));
    this.#connectors = new Map(seed.apps.map((app) => [app.id, new Map<string, C1SandboxConnector>()]));
    for (const connector of seed.connectors) this.#connectors.get(connector.appId)?.set(connector.id, connector);
    this.#catalog = new Map(seed.catalog.map((entry) => [entry.id, entry]));
  }

  /** Every stored app, in no particular order. */
  apps(): C1SandboxApp[] {
    return [...this.#apps.values()];
  }

  /** The app with this id, if any. */
  app(appId: string): C1SandboxApp | undefined {
    return this.#apps.get(appId);
  }

  /** The app with this id; NOT_FOUND when there is none. */
  findApp(appId: string): C1SandboxApp {
    const app = this.#apps.get(appId);
    if (!app) throw notFound(`app not found: "${appId}"`);
    return app;
  }

  /** The connectors of an app by id (NOT_FOUND for an unknown app); adding to the map stores a connector. */
  appConnectors(appId: string): Map<string, C1SandboxConnector> {
    this.findApp(appId); // NOT_FOUND for an unknown app
    const connectors = this.#connectors.get(appId);
    if (!connectors) throw new Error(`app ${appId} has no connector map (reseed() gives every app one).`);
    return connectors;
  }

  /** The connector the path's `appId` and `id` name; NOT_FOUND when the app or the connector does not exist. */
  findConnector(params: Record<string, string>): C1SandboxConnector {
    const appId = params.appId ?? '';
    const id = params.id ?? '';
    const connector = this.appConnectors(appId).get(id);
    if (!connector) throw notFound(`connector not found: "${id}" in app "${appId}"`);
    return connector;
  }

  /** Whether the app has a connector with this id. */
  hasConnector(appId: string, id: string): boolean {
    return this.#connectors.get(appId)?.has(id) ?? false;
  }

  /** Forgets a stored connector. */
  removeConnector(connector: C1SandboxConnector): void {
    this.#connectors.get(connector.appId)?.delete(connector.id);
  }

  /** The catalog entry with this id, if any. */
  catalogEntry(catalogId: string): C1SandboxCatalogEntry | undefined {
    return this.#catalog.get(catalogId);
  }

  /** The catalog entry a (non-empty) `catalogId` names; an unknown id is a bad argument, like any invalid field. */
  findCatalogEntry(catalogId: string, message: string): C1SandboxCatalogEntry {
    const entry = this.#catalog.get(catalogId);
    if (!entry) throw invalidArgument(`invalid ${message}.catalogId: no catalog entry has the id "${catalogId}"`);
    return entry;
  }

  /** The read-only view tests get; it follows reseeds. */
  view(): ConductorOneSandboxStore {
    return {
      apps: () => [...this.#apps.values()].sort(byId).map((app) => structuredClone(app)),
      app: (id) => {
        const app = this.#apps.get(id);
        return app ? structuredClone(app) : undefined;
      },
      connectors: (appId) => {
        const maps = appId === undefined ? [...this.#connectors.values()] : [this.#connectors.get(appId) ?? new Map<string, C1SandboxConnector>()];
        return maps
          .flatMap((map) => [...map.values()])
          .sort(byId)
          .map((connector) => structuredClone(connector));
      },
      connector: (appId, id) => {
        const connector = this.#connectors.get(appId)?.get(id);
        return connector ? structuredClone(connector) : undefined;
      },
      catalog: () => [...this.#catalog.values()].sort(byId).map((entry) => structuredClone(entry)),
    };
  }
}
