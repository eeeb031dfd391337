/**
 * The GraphQL spans of a traced request, from Apollo Server's plugin hooks: the operation (its name, type and
 * document hash, sha256 as Apollo computes it; never the query text or the variables' values) and its parse,
 * validate and execute steps. While the operation runs it is the request's current span, and while it executes
 * the execute span is, so dataloader batches and backend calls become their children. Without a traced request
 * (tracing off) every hook returns at once. Internal module.
 */
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { GatewayContext } from '../context.js';
import { currentSpan, setCurrentSpan, type TraceSpan } from './tracing.js';

/** The gateway's code of an error (its `extensions.code`), else INTERNAL_SERVER_ERROR. */
function codeOf(error: unknown): string {
  const code = (error as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

/** A child span of `parent` and the hook that ends it, failed with the first error's code when there is one. */
function step(parent: TraceSpan, name: string) {
  const span = parent.child(name);
  return (errors?: unknown): Promise<void> => {
    const first: unknown = Array.isArray(errors) ? errors[0] : errors;
    if (first !== undefined) span.fail(codeOf(first));
    span.end();
    return Promise.resolve();
  };
}

export function graphqlSpansPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart() {
      const parent = currentSpan();
      if (!parent) return Promise.resolve();
      const operation = parent.child('graphql.operation');
      setCurrentSpan(operation);
      const listener: GraphQLRequestListener<GatewayContext> = {
        parsingDidStart: () => Promise.resolve(step(operation, 'graphql.parse')),
        validationDidStart: () => Promise.resolve(step(operation, 'graphql.validate')),
        didResolveOperation({ operation: node, queryHash }) {
          if (!node) return Promise.resolve();
          const name = node.name?.value;
          operation.updateName(`${node.operation}${name === undefined ? '' : ` ${name}`}`);
          operation.setAttribute('graphql.operation.type', node.operation);
          operation.setAttribute('graphql.operation.name', name);
          operation.setAttribute('graphql.document.hash', queryHash);
          return Promise.resolve();
        },
        executionDidStart() {
          const execute = operation.child('graphql.execute');
          setCurrentSpan(execute);
          return Promise.resolve({
            executionDidEnd(error) {
              if (error) execute.fail(codeOf(error));
              execute.end();
              setCurrentSpan(operation);
              return Promise.resolve();
            },
          });
        },
        willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          if (errors?.length) {
            for (const error of errors) operation.addEvent('graphql.error', { 'error.type': codeOf(error), 'graphql.error.path': error.path?.join('.') });
            operation.fail(codeOf(errors[0]));
          }
          operation.end();
          setCurrentSpan(parent);
          return Promise.resolve();
        },
      };
      return Promise.resolve(listener);
    },
  };
}
