/**
 * Subscriptions over Server-Sent Events: graphql-sse's handler (distinct connections mode) for a POST to `/graphql`
 * that accepts `text/event-stream`, after the caller was authenticated and the JSON body read within its limit
 * (http.ts). An operation goes through the same checks as Apollo's: the parser's token limit, graphql-js's and the
 * gateway's validation rules (depth, aliases, directives, introspection when off), the operation checks (variables
 * well-formed, estimated cost) and the authorization by `@source` on coerced variables; errors are formatted by the
 * same `formatError`. A refusal before anything runs is an HTTP error with a JSON body, as for queries (400, 401,
 * 403); a refusal when the subscription starts (ids, caps) is its stream's one event, then `complete`. Queries and
 * mutations are refused here (400): they are served as JSON. Internal module.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHandler, type OperationArgs, type Response } from 'graphql-sse';
import {
  GraphQLError,
  getOperationAST,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { Caller } from '../auth/authenticate.js';
import { authorizeOperation } from '../auth/authorize.js';
import type { GatewayContext } from '../context.js';
import { formatError } from '../errors/format.js';
import type { OperationCheck } from './limits.js';

/** What the SSE handler needs: the schema, the same rules and checks as Apollo's, and the context factory. */
export interface SseOptions {
  schema: GraphQLSchema;
  validationRules: readonly ValidationRule[];
  /** How many parsed and validated documents to keep (GATEWAY_DOCUMENT_CACHE_SIZE, as Apollo's). */
  documentCacheSize: number;
  /** The parser's options (its token limit), as Apollo's. */
  parseOptions: ParseOptions;
  checks: readonly OperationCheck[];
  createContext: (requestId: string, caller: Caller) => GatewayContext;
  logger: Logger;
}

/** The request as http.ts hands it over: authenticated, its JSON body read. */
export interface SseRequest {
  caller: Caller;
  requestId: string;
  body: unknown;
}

interface RequestContext {
  res: ServerResponse;
  caller: Caller;
  requestId: string;
}

/** graphql-sse's type of a context value (a record); the gateway's context is one. */
type OperationContext = GatewayContext & Record<PropertyKey, unknown>;

/** The last event of a stream whose caller's credentials expired. */
const EXPIRED: GraphQLFormattedError = {
  message: 'Your credentials expired: this subscription ended. Subscribe again with valid ones.',
  extensions: { code: 'UNAUTHENTICATED' },
};

const STATUS_OF_CODE: Readonly<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403 };

/** A refusal before anything ran: HTTP status by the first error's code (else 400), the errors formatted. */
function refusal(errors: readonly GraphQLError[]): Response {
  const formatted: GraphQLFormattedError[] = errors.map((e) => formatError(e.toJSON(), e));
  const code = formatted[0]?.extensions?.code;
  const status = (typeof code === 'string' ? STATUS_OF_CODE[code] : undefined) ?? 400;
  return [
    JSON.stringify({ errors: formatted }),
    {
      status,
      statusText: status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Bad Request',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    },
  ];
}

/** A GraphQL-js error made client-safe with a code (as Apollo gives parse and validation errors). */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}

/** The node:http handler of subscriptions over SSE. */
export function createSseHandler(options: SseOptions): (req: IncomingMessage, res: ServerResponse, request: SseRequest) => Promise<void> {
  const rules = [...specifiedRules, ...options.validationRules];
  const documents = new LRUCache<string, DocumentNode>({ max: options.documentCacheSize });
  const handler = createHandler<IncomingMessage, RequestContext, OperationContext>({
    schema: options.schema,
    // Every stream is its own connection: no reservations (a token is never issued).
    authenticate: () => null,
    // Validated in onSubscribe with the gateway's rules.
    validate: () => [],
    onSubscribe: (req, params): Response | OperationArgs<OperationContext> => {
      // Parsed and validated once per distinct text (as Apollo's document store): subscribers of one operation share it.
      let document = documents.get(params.query);
      if (document === undefined) {
        try {
          document = parse(params.query, options.parseOptions);
        } catch (error) {
          return refusal([withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')]);
        }
        const invalid = validate(options.schema, document, rules);
        if (invalid.length > 0)
          return refusal(invalid.map((e) => withCode(e, typeof e.extensions.code === 'string' ? e.extensions.code : 'GRAPHQL_VALIDATION_FAILED')));
        documents.set(params.query, document);
      }
      const operation = getOperationAST(document, params.operationName);
      if (!operation)
        return refusal([withCode(new GraphQLError('The document has no such operation (or several operations and no operationName).'), 'BAD_REQUEST')]);
      if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
        return refusal([
          withCode(
            new GraphQLError('Only subscriptions are served as an event stream: send queries and mutations without `accept: text/event-stream`.'),
            'BAD_REQUEST',
          ),
        ]);
      }
      const { caller, requestId, res } = req.context;
      const contextValue = options.createContext(requestId, caller);
      contextValue.downstream = { pendingBytes: () => res.writableLength };
      const variables = params.variables ?? undefined;
      try {
        const check = { request: { variables }, document, schema: options.schema, operation, operationName: params.operationName ?? null };
        for (const c of options.checks) c(check);
        authorizeOperation(contextValue, operation, document, variables, options.schema);
      } catch (error) {
        if (error instanceof GraphQLError) return refusal([error]);
        throw error;
      }
      options.logger.info({ requestId, caller: caller.subject, operationName: params.operationName ?? operation.name?.value }, 'subscription started');
      return {
        schema: options.schema,
        document,
        variableValues: variables,
        operationName: params.operationName,
        contextValue: contextValue as OperationContext,
      };
    },
    onNext: (_ctx, _req, result): ExecutionResult | undefined =>
      result.errors ? ({ ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) } as unknown as ExecutionResult) : undefined,
  });

  return async (req, res, request) => {
    const text = JSON.stringify(request.body);
    const [body, init] = await handler({
      method: 'POST',
      url: req.url ?? '/',
      headers: {
        // Distinct connections mode is graphql-sse's for exactly this Accept (http.ts checked the header).
        get: (key) => (key === 'accept' ? 'text/event-stream' : key === 'content-type' ? 'application/json' : undefined),
      },
      body: () => Promise.resolve(text),
      raw: req,
      context: { res, caller: request.caller, requestId: request.requestId },
    });
    // An event stream tells a buffering proxy in front (nginx honours this header) to pass each event on at once.
    if (init.status === 200 && body && typeof body !== 'string') res.setHeader('x-accel-buffering', 'no');
    res.writeHead(init.status, init.statusText, init.headers);
    if (!body || typeof body === 'string') {
      await new Promise<void>((resolve) =>
        res.end(body ?? undefined, () => {
          resolve();
        }),
      );
      return;
    }
    const stop = () => void body.return(undefined);
    res.once('close', stop);
    // Credentials that expire (a JWT's exp) end the stream then, with the reason as its last event: a caller whose
    // token is no longer valid gets nothing more (it subscribes again with a new token).
    const expiresAt = request.caller.expiresAt;
    const expiry =
      expiresAt === undefined
        ? undefined
        : setTimeout(
            () => {
              if (res.writable) res.write(`event: next\ndata: ${JSON.stringify({ errors: [EXPIRED] })}\n\nevent: complete\ndata: \n\n`);
              stop();
              res.end();
            },
            Math.max(0, expiresAt - Date.now()),
          );
    expiry?.unref();
    // Each event is handed to the connection at once: what a client does not read piles up in the response's
    // buffer (res.writableLength), which the hub reads before each event and drops a subscriber that is behind.
    for await (const value of body) {
      if (!res.writable) break;
      res.write(value);
    }
    res.off('close', stop);
    clearTimeout(expiry);
    await new Promise<void>((resolve) =>
      res.end(() => {
        resolve();
      }),
    );
  };
}
