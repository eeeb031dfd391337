/**
 * The SailPoint sandbox's connectors: held by script name in list order (seed order, created ones appended),
 * restored from the seed on reset, and read by tests through {@link SailPointSandboxStore} copies.
 *
 * Internal module of the SailPoint sandbox.
 */
import { HttpError } from '../../../sandbox/http.js';
import { createSailPointSeed, type SailPointSandboxConnector } from './seed.js';

/** Read access to the sandbox's connectors (copies; changing them changes nothing). */
export interface SailPointSandboxStore {
  /** Every connector in list order (seed order, created ones appended), whatever its status. */
  list(): SailPointSandboxConnector[];
  get(scriptName: string): SailPointSandboxConnector | undefined;
  readonly size: number;
}

/** The connectors the SailPoint sandbox serves; handlers change the stored objects in place. */
export class SailPointConnectorStore {
  #connectors = new Map<string, SailPointSandboxConnector>();

  constructor() {
    this.reseed();
  }

  /** Replaces the catalogue with a fresh seed. */
  reseed(): void {
    this.#connectors = new Map(createSailPointSeed().map((c) => [c.scriptName, c]));
  }

  /** Every stored connector in list order, whatever its status. */
  all(): SailPointSandboxConnector[] {
    return [...this.#connectors.values()];
  }

  /** The connector the path's `scriptName` names; a 404 when there is none. */
  find(params: Record<string, string>): SailPointSandboxConnector {
    const scriptName = params.scriptName ?? '';
    const connector = this.#connectors.get(scriptName);
    if (!connector) throw new HttpError(404, `No connector has the script name '${scriptName}'.`);
    return connector;
  }

  /** Stores a new connector under its script name. */
  add(connector: SailPointSandboxConnector): void {
    this.#connectors.set(connector.scriptName, connector);
  }

  /** Forgets the connector with this script name. */
  delete(scriptName: string): void {
    this.#connectors.delete(scriptName);
  }

  /** A script name derived from `name` that no stored connector has (`-2`, `-3`… appended when needed). */
  uniqueScriptName(name: string): string {
    const base = scriptNameFromName(name);
    let candidate = base;
    for (let n = 2; this.#connectors.has(candidate); n += 1) candidate = `${base}-${n}`;
    return candidate;
  }

  /** The read-only view tests get; it follows reseeds. */
  view(): SailPointSandboxStore {
    const connectors = (): Map<string, SailPointSandboxConnector> => this.#connectors;
    return {
      list: () => [...connectors().values()].map((c) => structuredClone(c)),
      get: (scriptName) => {
        const found = connectors().get(scriptName);
        return found ? structuredClone(found) : undefined;
      },
      get size() {
        return connectors().size;
      },
    };
  }
}

/** Derives a URL-friendly script name from a connector name. */
function scriptNameFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'connector';
}
