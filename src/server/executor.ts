/**
 * The execution engine behind Apollo Server: a `GatewayInterface` whose executor runs each operation as a query
 * compiled by graphql-jit (cached, size-bounded, per document and operation name), or with graphql-js when
 * configured or when jit cannot compile a document. Apollo still parses and validates (with its own cache).
 * Internal module.
 */
import { execute, printSchema, type ExecutionResult, type GraphQLSchema } from 'graphql';
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

/** An Apollo "gateway" that serves one local schema with a faster executor. */
export function createLocalGateway(schema: GraphQLSchema, options: ExecutorOptions): GatewayInterface & { cacheSize(): number } {
  const callbacks = new Set<GatewaySchemaLoadOrUpdateCallback>();
  // `false` marks a document jit could not compile, so it is not tried again.
  const compiled = new LRUCache<string, CompiledQuery | false>({ max: options.cacheSize });

  const executor: GatewayExecutor = async (rc) => {
    const variables = rc.request.variables ?? {};
    if (options.engine === 'jit') {
      const key = `${rc.queryHash}\n${rc.operationName ?? ''}`;
      let query = compiled.get(key);
      if (query === undefined) {
        const result = compileQuery(schema, rc.document, rc.operationName ?? undefined);
        query = isCompiledQuery(result) ? result : false;
        compiled.set(key, query);
      }
      if (query) return (await query.query(undefined, rc.context, variables)) as ExecutionResult;
    }
    return execute({
      schema,
      document: rc.document,
      contextValue: rc.context,
      variableValues: variables,
      operationName: rc.operationName,
    });
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
