/**
 * Apollo Server, configured for the gateway: local schema behind the jit executor, errors masked, CSRF
 * prevention on, cache-control and usage reporting off unless asked for. Internal module.
 */
import { ApolloServer, type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerErrorCode, ApolloServerValidationErrorCode } from '@apollo/server/errors';
import { GraphQLError, OperationTypeNode, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from 'pino';
import type { Config } from '../config/types.js';
import type { GatewayContext } from '../context.js';
import { formatError } from '../errors/format.js';
import { createLocalGateway } from './executor.js';
import { landingPagePlugin } from './landing.js';
import { authorizationPlugin } from '../auth/authorize.js';
import { createLimits } from './limits.js';
import type { RedisLink } from '../cluster/redis.js';
import { SharedPersistedQueries } from '../cluster/apq.js';

type Limits = ReturnType<typeof createLimits>;

/**
 * Finishes the response's errors: adds those of sources that failed while others answered
 * (`GatewayContext.partialErrors`), formatted like the rest, and gives every upstream error the request id
 * (`extensions.requestId`) under which the log holds the upstream's detail.
 */
function responseErrorsPlugin(): ApolloServerPlugin<GatewayContext> {
  // One listener for every request: it reads the request's own context and response only.
  const listener: GraphQLRequestListener<GatewayContext> = {
    willSendResponse({ contextValue, response }) {
      if (response.body.kind !== 'single') return Promise.resolve();
      const result = response.body.singleResult;
      if (contextValue.partialErrors.length > 0) {
        const added = contextValue.partialErrors.map((e) => formatError(e.toJSON(), e));
        result.errors = [...(result.errors ?? []), ...added];
      }
      if (!result.errors?.some((e) => e.extensions?.source !== undefined)) return Promise.resolve();
      result.errors = result.errors.map((e) =>
        e.extensions?.source !== undefined ? { ...e, extensions: { ...e.extensions, requestId: contextValue.requestId } } : e,
      );
      return Promise.resolve();
    },
  };
  return {
    requestDidStart: () => Promise.resolve(listener),
  };
}

/**
 * Refuses a subscription sent as a plain request (JSON, GET): subscriptions are served as Server-Sent Events
 * (sse.ts), and execution here would only fail. BAD_REQUEST, HTTP 400, saying how to send one.
 */
function subscriptionsAsEventStreamsPlugin(): ApolloServerPlugin<GatewayContext> {
  const listener: GraphQLRequestListener<GatewayContext> = {
    didResolveOperation: ({ operation }) =>
      operation?.operation === OperationTypeNode.SUBSCRIPTION
        ? Promise.reject(
            new GraphQLError(
              'Subscriptions are served as Server-Sent Events: send a POST with `accept: text/event-stream` and a JSON body (README: Live updates).',
              { extensions: { code: ApolloServerErrorCode.BAD_REQUEST, http: { status: 400 } } },
            ),
          )
        : Promise.resolve(),
  };
  return { requestDidStart: () => Promise.resolve(listener) };
}

/**
 * Refuses introspection (`__schema`, `__type`) when it is off, saying how to turn it on. Apollo Server's own rule
 * (its `introspection: false`) tells the caller to "pass introspection: true to ApolloServer", which a gateway
 * operator cannot do: the setting is GATEWAY_INTROSPECTION. Apollo's validation error code stays.
 */
const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value !== '__schema' && node.name.value !== '__type') return;
    context.reportError(
      new GraphQLError('Introspection is off on this gateway (it is off in production by default); its operator turns it on with GATEWAY_INTROSPECTION=true.', {
        nodes: [node],
        extensions: { validationErrorCode: ApolloServerValidationErrorCode.INTROSPECTION_DISABLED },
      }),
    );
  },
});

/** The gateway's validation rules beside graphql-js's: the limits' (graphql-armor), and introspection's refusal when it is off. */
export function gatewayValidationRules(config: Config, limits: Limits): ValidationRule[] {
  return config.introspection ? limits.validationRules : [...limits.validationRules, noIntrospection];
}

/**
 * `operationLog` is the plugin that logs and measures each operation (`src/observability`); `limits` are the query
 * limits (made from `config.limits` unless given, as the SSE handler shares them).
 */
export async function createApollo(
  schema: GraphQLSchema,
  config: Config,
  logger: Logger,
  operationLog: ApolloServerPlugin<GatewayContext>,
  limits: Limits = createLimits(config.limits),
  redis?: RedisLink,
  /** Apollo plugins beside the gateway's own (the GraphQL spans when tracing is on). */
  extraPlugins: readonly ApolloServerPlugin<GatewayContext>[] = [],
): Promise<ApolloServer<GatewayContext>> {
  // Loaded only when configured: the reporting plugin and its protobuf code cost a few MB of memory.
  const usageReporting = config.apollo
    ? (await import('@apollo/server/plugin/usageReporting')).ApolloServerPluginUsageReporting<GatewayContext>()
    : ApolloServerPluginUsageReportingDisabled();
  const gateway = createLocalGateway(schema, { engine: config.executor, cacheSize: config.documentCacheSize });
  return new ApolloServer<GatewayContext>({
    gateway,
    // Apollo GraphOS (usage reporting) only as configured: without the Disabled plugin, Apollo Server would read
    // APOLLO_KEY and APOLLO_GRAPH_REF from process.env itself and report whenever they happen to be set.
    apollo: config.apollo ?? undefined,
    // Parsed and validated documents, bounded by count (Apollo's default bounds an estimate of their JSON size,
    // which lets thousands of documents, several times larger in memory, pile up).
    documentStore: new InMemoryLRUCache<DocumentNode>({ maxSize: config.documentCacheSize, sizeCalculation: () => 1 }),
    // Introspection is refused by the gateway's own rule (noIntrospection), whose message names GATEWAY_INTROSPECTION.
    introspection: true,
    // Automatic persisted queries: with Redis, a hash registered through one replica is served by every other.
    ...(redis ? { persistedQueries: { cache: new SharedPersistedQueries(redis) } } : {}),
    csrfPrevention: true,
    // The gateway owns shutdown (src/index.ts, stop() in server/index.ts: drain, then Apollo, then the pools). Apollo's
    // own SIGINT/SIGTERM handlers (installed unless NODE_ENV is test) would stop it beside that, and a second stop()
    // while Apollo's first is under way waits on a barrier that Apollo 5 never resolves: the process hung until the
    // shutdown timer fired.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.env === 'production',
    validationRules: gatewayValidationRules(config, limits),
    parseOptions: limits.parseOptions,
    formatError,
    logger: {
      debug: (m) => {
        logger.debug(m);
      },
      info: (m) => {
        logger.info(m);
      },
      warn: (m) => {
        logger.warn(m);
      },
      error: (m) => {
        logger.error(m);
      },
    },
    // The cache-control plugin wraps every field resolver; the gateway sets no cache hints. Inline tracing is for
    // federated subgraphs, which this is not (Apollo would install it, with a hook on every request).
    // Authorization first: a caller who may not run an operation learns nothing about its cost.
    // The operation log after every plugin that adds errors to the response: it counts them.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      usageReporting,
      responseErrorsPlugin(),
      authorizationPlugin(),
      subscriptionsAsEventStreamsPlugin(),
      ...limits.plugins,
      operationLog,
      ...extraPlugins,
      landingPagePlugin(config),
    ],
  });
}
