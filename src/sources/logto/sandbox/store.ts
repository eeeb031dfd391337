/**
 * The Logto sandbox's data: connector factories (fixed) and connectors by id in list order (seed order, created ones
 * appended), restored from the seed on reset, values cleaned the way Logto stores them, and read by tests through
 * {@link LogtoSandboxStore} copies.
 *
 * Internal module of the Logto sandbox.
 */
import { randomInt } from 'node:crypto';
import { isJsonObject } from '../../../sandbox/bodies.js';
import type { LogtoConnectorFactoryWire } from '../types.js';
import { requestError } from './errors.js';
import { createLogtoSeed, type LogtoSandboxConnector } from './seed.js';

/** Read access to the sandbox's data (deep copies; changing them changes nothing). */
export interface LogtoSandboxStore {
  /** Every connector as stored, in list order (seed order, created ones appended). */
  connectors(): LogtoSandboxConnector[];
  connector(id: string): LogtoSandboxConnector | undefined;
  /** Every connector factory, in list order. */
  factories(): LogtoConnectorFactoryWire[];
}

/** Alphabet and length of Logto's generated short ids (`generateStandardShortId`). */
const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const ID_LENGTH = 12;

/** The factories and connectors the Logto sandbox serves; handlers change the stored connectors in place. */
export class LogtoConnectorStore {
  #factories: LogtoConnectorFactoryWire[] = [];
  #factoryById = new Map<string, LogtoConnectorFactoryWire>();
  #connectors = new Map<string, LogtoSandboxConnector>();

  constructor() {
    this.reseed();
  }

  /** Replaces factories and connectors with a fresh seed. */
  reseed(): void {
    const seed = createLogtoSeed();
    this.#factories = seed.factories;
    this.#factoryById = new Map(seed.factories.map((factory) => [factory.id, factory]));
    this.#connectors = new Map(seed.connectors.map((connector) => [connector.id, connector]));
  }

  /** Every factory in list order (the stored objects). */
  factories(): LogtoConnectorFactoryWire[] {
    return this.#factories;
  }

  /** The factory with this id, if any. */
  factory(id: string): LogtoConnectorFactoryWire | undefined {
    return this.#factoryById.get(id);
  }

  /** The factory a stored connector was created from. */
  factoryOf(entry: LogtoSandboxConnector): LogtoConnectorFactoryWire {
    const factory = this.#factoryById.get(entry.connectorId);
    // Connectors are only created from known factories, and factories never go away.
    if (!factory) throw new Error(`connector ${entry.id} refers to the unknown factory ${entry.connectorId}`);
    return factory;
  }

  /** Every stored connector in list order. */
  connectors(): LogtoSandboxConnector[] {
    return [...this.#connectors.values()];
  }

  /** Whether a connector has this id. */
  has(id: string): boolean {
    return this.#connectors.has(id);
  }

  /** The connector behind `id` for the read/update paths (Logto's `getLogtoConnectorById`: 404 `entity.not_found`). */
  find(id: string): LogtoSandboxConnector {
    const entry = this.#connectors.get(id);
    if (!entry) throw requestError(404, 'entity.not_found', `The connector '${id}' does not exist.`);
    return entry;
  }

  /** Stores a new connector under its id. */
  add(entry: LogtoSandboxConnector): void {
    this.#connectors.set(entry.id, entry);
  }

  /** Forgets the connector with this id; false when there was none. */
  delete(id: string): boolean {
    return this.#connectors.delete(id);
  }

  /** A new random short id no stored connector has. */
  generateId(): string {
    for (;;) {
      let id = '';
      for (let i = 0; i < ID_LENGTH; i += 1) id += ID_ALPHABET.charAt(randomInt(ID_ALPHABET.length));
      if (!this.#connectors.has(id)) return id;
    }
  }

  /** The read-only view tests get; it follows reseeds. */
  view(): LogtoSandboxStore {
    return {
      connectors: () => [...this.#connectors.values()].map((connector) => structuredClone(connector)),
      connector: (id) => {
        const found = this.#connectors.get(id);
        return found ? structuredClone(found) : undefined;
      },
      factories: () => structuredClone(this.#factories),
    };
  }
}

/**
 * clean-deep with its defaults, which Logto applies to `config` and `metadata` before storing them: drops empty
 * strings, `null`, empty arrays and empty objects, recursively. Returns undefined when nothing is left.
 */
function cleanDeep(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(cleanDeep).filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (isJsonObject(value)) {
    const entries = Object.entries(value)
      .map(([key, item]) => [key, cleanDeep(item)] as const)
      .filter(([, item]) => item !== undefined);
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  }
  return value === null || value === '' ? undefined : value;
}

/** {@link cleanDeep} for a stored object column (an emptied object is stored as `{}`, the column default). */
export function cleanObject<T extends object>(value: T | undefined): T {
  return (cleanDeep(value) as T | undefined) ?? ({} as T);
}
