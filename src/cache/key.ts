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
  /** The whole document, printed from its AST. */
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

/** A document parsed (within the parse options) and printed back, with its operations; not its AST. */
interface Parsed {
  printed: string;
  operations: readonly OperationFacts[];
  /** What it holds, in characters of a string: the texts, and 64 for each AST node of the variable definitions kept. */
  size: number;
}

/** What an AST node of a kept variable definition (or its default value) is counted as, in characters. */
const NODE_CHARS = 64;

/**
 * Documents parsed and printed once per text: the same query comes again and again, and a hit must not pay a parse
 * and a print each time. Only the printed text and each operation's type, name and variable definitions are kept
 * (not the AST), and the memo is bounded by what they hold (a caller can send any number of distinct documents); a
 * text that does not parse is remembered too.
 */
export class ParsedDocuments {
  private readonly cache: LRUCache<string, Parsed | false>;

  constructor(
    private readonly parseOptions?: ParseOptions,
    maxChars = 500_000,
  ) {
    this.cache = new LRUCache<string, Parsed | false>({
      maxSize: maxChars,
      sizeCalculation: (parsed, query) => Math.max(1, query.length + (parsed === false ? 0 : parsed.size)),
    });
  }

  /** The document of `query`, or undefined when it does not parse. */
  get(query: string): Parsed | undefined {
    let parsed = this.cache.get(query);
    if (parsed === undefined) {
      parsed = this.parse(query);
      // One that would take more than half of the budget is not kept.
      if (query.length + (parsed === false ? 0 : parsed.size) <= this.cache.maxSize / 2) this.cache.set(query, parsed);
    }
    return parsed === false ? undefined : parsed;
  }

  /** Characters held (tests). */
  get chars(): number {
    return this.cache.calculatedSize;
  }

  private parse(query: string): Parsed | false {
    let document;
    try {
      document = parse(query, { ...this.parseOptions, noLocation: true });
    } catch {
      return false;
    }
    const printed = print(document);
    let size = printed.length;
    const operations: OperationFacts[] = [];
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const variables = definition.variableDefinitions ?? [];
      for (const variable of variables) {
        visit(variable, {
          enter() {
            size += NODE_CHARS;
          },
        });
      }
      operations.push({ name: definition.name?.value, isQuery: definition.operation === OperationTypeNode.QUERY, variables });
    }
    return { printed, operations, size };
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
  return { document: parsed.printed, operationName: input.operationName ?? null, variables: coerced.coerced, identity };
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
