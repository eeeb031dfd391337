/**
 * The response cache's key: a SHA-256 of the operation (its document printed from the AST, so that spacing and
 * comments do not matter, and the operation's name), the variables as execution will use them (coerced, defaults
 * included) and the caller's permission identity (what it may read and write): two callers share an entry only
 * when they may see the same data. Undefined when no key can be told (not a query, a document that does not parse,
 * variables that do not coerce, a caller with no permissions): then nothing is cached. Knows no vendor. Internal module.
 */
import { createHash } from 'node:crypto';
import { getVariableValues, Kind, OperationTypeNode, parse, print, visit, type GraphQLSchema, type ParseOptions, type VariableDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Permissions } from '../auth/roles.js';

/** One operation as the caller sent it. */
export interface OperationInput {
  query: string;
  operationName?: string | null | undefined;
  variables?: Readonly<Record<string, unknown>> | null | undefined;
}

/** What the key is made of. */
export interface KeyParts {
  /** SHA-256 (hex) of the whole document printed from its AST (so that spacing and comments do not matter). */
  document: string;
  operationName: string | null;
  /** The variables' values as execution uses them (coerced, defaults included). */
  variables: Readonly<Record<string, unknown>>;
  /** `permissionIdentity` of the caller. */
  identity: string;
}

/** The caller's permission identity: its readable and writable sources, sorted; undefined when it may read nothing. */
export function permissionIdentity(permissions: Permissions): string | undefined {
  if (permissions.read.size === 0) return undefined;
  return `read=${[...permissions.read].sort().join(',')};write=${[...permissions.write].sort().join(',')}`;
}

/** One operation of a document, as much as the key needs of it. */
interface OperationFacts {
  name: string | undefined;
  isQuery: boolean;
  variables: readonly VariableDefinitionNode[];
}

/** A document parsed (within the parse options), as much as the key needs of it: not its AST, not its text. */
interface Parsed {
  /** SHA-256 (hex) of the document printed from its AST. */
  printedHash: string;
  operations: readonly OperationFacts[];
  /** The memory it holds, estimated in bytes (beside its query text, the memo's key). */
  bytes: number;
}

/**
 * Estimated bytes of what the memo holds beside the query texts: an entry of the LRU with its slots, a remembered
 * result, each operation's record, each AST node of a kept variable definition. On the high side: filled to 4 MiB with
 * tiny texts that do not parse, tiny queries, documents of 660 operations, of 60 variables with defaults, or typical
 * queries, the heap (node --expose-gc) grew by 0.35 to 0.83 of the estimate.
 */
const ENTRY_BYTES = 320;
const PARSED_BYTES = 200;
const OPERATION_BYTES = 120;
const NODE_BYTES = 120;

/** The bytes of a query text (a key of the memo) and what is remembered of it. */
function entryBytes(query: string, parsed: Parsed | false): number {
  return ENTRY_BYTES + 2 * query.length + (parsed === false ? 0 : parsed.bytes);
}

/**
 * Documents parsed and printed once per text: the same query comes again and again, and a hit must not pay a parse,
 * a print and a hash each time. Only a hash of the printed document and each operation's type, name and variable
 * definitions are kept (not the AST), and the memo is bounded by an estimate of the bytes it holds, per entry, per
 * operation and per kept AST node (a caller can send any number of distinct documents); a text that does not parse
 * is remembered too.
 */
export class ParsedDocuments {
  private readonly cache: LRUCache<string, Parsed | false>;

  constructor(
    private readonly parseOptions?: ParseOptions,
    maxBytes = 1024 * 1024,
  ) {
    this.cache = new LRUCache<string, Parsed | false>({ maxSize: maxBytes, sizeCalculation: (parsed, query) => entryBytes(query, parsed) });
  }

  /** The document of `query`, or undefined when it does not parse. */
  get(query: string): Parsed | undefined {
    let parsed = this.cache.get(query);
    if (parsed === undefined) {
      parsed = this.parse(query);
      // One that would take more than half of the budget is not kept.
      if (entryBytes(query, parsed) <= this.cache.maxSize / 2) this.cache.set(query, parsed);
    }
    return parsed === false ? undefined : parsed;
  }

  /** Estimated bytes held, and how many texts (tests). */
  get held(): { bytes: number; entries: number } {
    return { bytes: this.cache.calculatedSize, entries: this.cache.size };
  }

  private parse(query: string): Parsed | false {
    let document;
    try {
      document = parse(query, { ...this.parseOptions, noLocation: true });
    } catch {
      return false;
    }
    let bytes = PARSED_BYTES;
    const operations: OperationFacts[] = [];
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const variables = definition.variableDefinitions ?? [];
      bytes += OPERATION_BYTES;
      for (const variable of variables) {
        visit(variable, {
          enter() {
            bytes += NODE_BYTES;
          },
        });
      }
      operations.push({ name: definition.name?.value, isQuery: definition.operation === OperationTypeNode.QUERY, variables });
    }
    return { printedHash: createHash('sha256').update(print(document)).digest('hex'), operations, bytes };
  }
}

/** The operation a request runs, as graphql-js picks it (getOperationAST): by name, or the only one. */
function operationOf(parsed: Parsed, operationName: string | null | undefined): OperationFacts | undefined {
  if (operationName != null) return parsed.operations.find((operation) => operation.name === operationName);
  return parsed.operations.length === 1 ? parsed.operations[0] : undefined;
}

/**
 * The parts of a query's key, or undefined when it cannot be cached: not parseable (within the documents' parse
 * options), not a single query (a mutation, a subscription, an ambiguous or missing operation), or variables that
 * do not coerce.
 */
export function keyParts(schema: GraphQLSchema, input: OperationInput, identity: string, documents: ParsedDocuments): KeyParts | undefined {
  const parsed = documents.get(input.query);
  if (parsed === undefined) return undefined;
  const operation = operationOf(parsed, input.operationName);
  if (operation?.isQuery !== true) return undefined;
  const coerced = getVariableValues(schema, operation.variables, input.variables ?? {});
  if (coerced.errors !== undefined) return undefined;
  return { document: parsed.printedHash, operationName: input.operationName ?? null, variables: coerced.coerced, identity };
}

/** A value as canonical JSON: object keys sorted at every level, undefined members left out. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** The key: SHA-256 (hex) of the parts, each length-prefixed so that no two parts run into each other. */
export function cacheKey(parts: KeyParts): string {
  const hash = createHash('sha256');
  for (const part of [parts.identity, parts.operationName ?? '\u0000', parts.document, canonicalJson(parts.variables)]) {
    hash.update(`${Buffer.byteLength(part)}:`).update(part);
  }
  return hash.digest('hex');
}
