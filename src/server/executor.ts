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
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import type { GatewayExecutor, GatewayInterface, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';

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
  return (operation.variableDefinitions ?? []).flatMap((d) =>
    d.defaultValue ? [[d.variable.name.value, valueFromASTUntyped(d.defaultValue)] as [string, unknown]] : [],
  );
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
function normaliseErrors(result: JitResult): ExecutionResult {
  if (isExecutionResult(result)) return result;
  const errors = (result.errors ?? []).map((e) => {
    if (hasExtensions(e)) return e;
    const error = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined });
    if (e.locations) Object.defineProperty(error, 'locations', { value: e.locations, enumerable: true });
    return error;
  });
  return { ...result, errors };
}

/** A GraphQLError as jit makes it: `extensions` only when the original error had some. */
type JitError = Omit<GraphQLError, 'extensions'> & { readonly extensions?: GraphQLError['extensions'] };

/** jit's result: what its type says, with its own errors. */
type JitResult = Omit<ExecutionResult, 'errors'> & { errors?: readonly JitError[] };

/** Whether a jit error is a GraphQLError in full (it has `extensions`). */
function hasExtensions(error: JitError): error is GraphQLError {
  return error.extensions !== undefined;
}

/** Whether a jit result is one graphql-js could have given: every error has `extensions`. */
function isExecutionResult(result: JitResult): result is ExecutionResult {
  return result.errors?.every(hasExtensions) ?? true;
}

/** An Apollo "gateway" that serves one local schema with a faster executor. */
export function createLocalGateway(schema: GraphQLSchema, options: ExecutorOptions): GatewayInterface & { cacheSize(): number } {
  const callbacks = new Set<GatewaySchemaLoadOrUpdateCallback>();
  // `false` marks a document jit could not compile, so it is not tried again.
  const compiled = new LRUCache<string, Compiled | false>({ max: options.cacheSize });

  const executor: GatewayExecutor = async (context) => {
    // Apollo found no operation by the requested name: `operation` is then unset, whatever its type says.
    const rc: Omit<typeof context, 'operation'> & { readonly operation?: OperationDefinitionNode } = context;
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
        const result: JitResult = await entry.query.query(undefined, rc.context, withDefaults(variables, entry.defaults));
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
    load() {
      const sdl = printSchema(schema);
      for (const callback of callbacks) callback({ apiSchema: schema, coreSupergraphSdl: sdl });
      return Promise.resolve({ executor });
    },
    stop() {
      compiled.clear();
      return Promise.resolve();
    },
    cacheSize: () => compiled.size,
  };
}
