/**
 * The execution engine behind Apollo Server: a `GatewayInterface` whose executor runs each operation as a query
 * compiled by graphql-jit (cached, size-bounded, per document and operation name), or with graphql-js when
 * configured or when jit cannot compile a document. Apollo still parses and validates (with its own cache).
 * Where jit falls short of graphql-js, graphql-js answers: a request whose operation Apollo could not find, and
 * variables jit refuses before executing (graphql-js's errors name the variable, so Apollo makes them
 * BAD_USER_INPUT with HTTP 400). Variables left out get their default values before jit sees them (jit refuses a
 * non-null variable with a default that is left out), and jit's errors become graphql-js GraphQLErrors (jit's lack
 * the `extensions` Apollo reads). Internal module.
 */
import {
  execute,
  GraphQLError,
  Kind,
  printSchema,
  valueFromASTUntyped,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import type {
  GatewayExecutor,
  GatewayInterface,
  GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';

export interface ExecutorOptions {
  engine: 'jit' | 'graphql-js';
  /** How many compiled operations to keep. */
  cacheSize: number;
}

/** A compiled operation and the default values of its variables (as a client would send them). */
interface Compiled {
  query: CompiledQuery;
  defaults: [name: string, value: unknown][];
}

/** The variables of operation `operationName` that have a default value, with that value in its JSON form. */
function variableDefaults(document: DocumentNode, operationName: string | null | undefined): Compiled['defaults'] {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && (operationName == null || d.name?.value === operationName));
  if (operation?.kind !== Kind.OPERATION_DEFINITION) return [];
  return (operation.variableDefinitions ?? []).flatMap((d) => (d.defaultValue ? [[d.variable.name.value, valueFromASTUntyped(d.defaultValue)] as [string, unknown]] : []));
}

/** `variables` with the defaults of those left out (the same object when none is). */
function withDefaults(variables: Record<string, unknown>, defaults: Compiled['defaults']): Record<string, unknown> {
  let out = variables;
  for (const [name, value] of defaults) {
    if (Object.hasOwn(variables, name)) continue;
    if (out === variables) out = { ...variables };
    out[name] = value;
  }
  return out;
}

/**
 * jit's errors as graphql-js GraphQLErrors: jit makes its own error objects, without `extensions` unless the
 * original error had some, and Apollo cannot format an error without them (it answered "Internal server error"
 * without the path).
 */
function normaliseErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.some((e) => e.extensions === undefined)) return result;
  const errors = result.errors.map((e) => {
    if (e.extensions !== undefined) return e;
    const error = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined });
    if (e.locations) Object.defineProperty(error, 'locations', { value: e.locations, enumerable: true });
    return error;
  });
  return { ...result, errors };
}

/** An Apollo "gateway" that serves one local schema with a faster executor. */
export function createLocalGateway(schema: GraphQLSchema, options: ExecutorOptions): GatewayInterface & { cacheSize(): number } {
  const callbacks = new Set<GatewaySchemaLoadOrUpdateCallback>();
  // `false` marks a document jit could not compile, so it is not tried again.
  const compiled = new LRUCache<string, Compiled | false>({ max: options.cacheSize });

  const executor: GatewayExecutor = async (rc) => {
    const variables = rc.request.variables ?? {};
    const graphqlJs = () =>
      execute({
        schema,
        document: rc.document,
        contextValue: rc.context,
        variableValues: variables,
        // The name the client asked for: when Apollo could not find that operation, graphql-js says so.
        operationName: rc.request.operationName ?? rc.operationName,
      });
    // Apollo found no operation by the requested name (rc.operation is then unset, whatever its type says).
    if (!rc.operation) return graphqlJs();
    if (options.engine === 'jit') {
      const key = `${rc.queryHash}\n${rc.operationName ?? ''}`;
      let entry = compiled.get(key);
      if (entry === undefined) {
        const result = compileQuery(schema, rc.document, rc.operationName ?? undefined);
        entry = isCompiledQuery(result) ? { query: result, defaults: variableDefaults(rc.document, rc.operationName) } : false;
        compiled.set(key, entry);
      }
      if (entry) {
        const result = (await entry.query.query(undefined, rc.context, withDefaults(variables, entry.defaults))) as ExecutionResult;
        // No data: jit refused the variables before executing anything; graphql-js gives the errors Apollo knows.
        if (result.data === undefined) return graphqlJs();
        return normaliseErrors(result);
      }
    }
    return graphqlJs();
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      callbacks.add(callback);
      return () => callbacks.delete(callback);
    },
    async load() {
      const sdl = printSchema(schema);
      for (const callback of callbacks) callback({ apiSchema: schema, coreSupergraphSdl: sdl });
      return { executor };
    },
    async stop() {
      compiled.clear();
    },
    cacheSize: () => compiled.size,
  };
}
