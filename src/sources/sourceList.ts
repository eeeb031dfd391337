/**
 * The sources one gateway serves, indexed: by name, in list order (the order of `connectors`), and by node type
 * (global ids, `__resolveType`). Built once at start from the registry (or a test's own list), checked for names
 * and types that two sources would share. Vendor-free: it knows sources only through the port. Internal module.
 */
import { decodeGlobalId, type GlobalId, type NativeKeyRules, type NodeTypeTable } from '../graph/globalId.js';
import type { ConnectorSource } from './port.js';

/** A node type with its source. */
export interface NodeTypeEntry {
  readonly source: string;
  readonly key: NativeKeyRules;
  readonly connector: boolean;
}

/** A source name: SCREAMING_SNAKE, usable as a GraphQL enum value and an environment variable prefix. */
const SOURCE_NAME = /^[A-Z][A-Z0-9_]*$/;

export class SourceList {
  /** The sources, in list order. */
  readonly all: readonly ConnectorSource[];
  /** Their names, in list order. */
  readonly names: readonly string[];
  /** Every node type of every source. */
  readonly nodeTypes: NodeTypeTable & Readonly<Record<string, NodeTypeEntry>>;
  private readonly byName: ReadonlyMap<string, ConnectorSource>;

  constructor(sources: readonly ConnectorSource[]) {
    const byName = new Map<string, ConnectorSource>();
    const nodeTypes: Record<string, NodeTypeEntry> = {};
    for (const source of sources) {
      if (!SOURCE_NAME.test(source.name)) throw new Error(`source name "${source.name}" is not SCREAMING_SNAKE (A-Z, 0-9, _)`);
      if (byName.has(source.name)) throw new Error(`two sources are named ${source.name}`);
      byName.set(source.name, source);
      for (const [type, spec] of Object.entries(source.nodeTypes)) {
        const taken = Object.hasOwn(nodeTypes, type) ? nodeTypes[type] : undefined;
        if (taken) throw new Error(`node type ${type} belongs to both ${taken.source} and ${source.name}`);
        nodeTypes[type] = Object.freeze({ source: source.name, key: spec.key, connector: spec.connector });
      }
    }
    this.all = Object.freeze([...sources]);
    this.names = Object.freeze(sources.map((s) => s.name));
    this.nodeTypes = Object.freeze(nodeTypes);
    this.byName = byName;
  }

  /** Whether `name` is one of the sources. */
  has(name: unknown): name is string {
    return typeof name === 'string' && this.byName.has(name);
  }

  /** The source named `name`; a programming error when there is none. */
  get(name: string): ConnectorSource {
    const source = this.byName.get(name);
    if (!source) throw new Error(`no source is named ${name}`);
    return source;
  }

  /** Whether node type `type` is one of the sources' Connector types (what `connector`, `patchConnector` and `deleteConnector` accept). */
  isConnector(type: string): boolean {
    return Object.hasOwn(this.nodeTypes, type) && this.nodeTypes[type]?.connector === true;
  }

  /** Decodes a global id of one of the sources' node types (BAD_USER_INPUT naming `argumentName` otherwise). */
  decodeGlobalId(id: string, argumentName = 'id'): GlobalId {
    return decodeGlobalId(id, this.nodeTypes, argumentName);
  }

  /** The GraphQL type of an object a source returned (for `__resolveType`): the first source that owns it says. */
  typeOf(obj: object): string {
    for (const source of this.all) {
      const type = source.typeOf(obj);
      if (type !== undefined) return type;
    }
    throw new Error('object of unknown source');
  }
}
