/**
 * One log line per GraphQL operation, and the operation metrics. An Apollo Server plugin times each operation
 * and, when its response is sent, logs its caller, name, type, document hash, duration, the upstream exchanges made for
 * it (counted from the upstream observer by request id) and its errors by code. Never the query text or the
 * variables: both may hold secrets. Internal module; the line's fields are public (README, "Operations").
 */
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { getOperationAST, type OperationDefinitionNode } from 'graphql';
import type { Logger } from 'pino';
import type { GatewayContext } from '../context.js';
import type { SourceName } from '../errors/codes.js';
import type { UpstreamEvent } from '../http/upstream.js';
import type { GatewayMetrics, Outcome } from './metrics.js';
import { currentSampledTraceId, currentTraceId } from './tracing.js';

/** Upstream exchanges of the operations in flight under one request id. */
interface Calls {
  total: number;
  bySource: Partial<Record<SourceName, number>>;
  /** Operations in flight under this id (a client may send the same `x-request-id` twice at once). */
  operations: number;
}

/** Most request ids tracked at once; past it the oldest is dropped (its operation then logs the calls seen so far). */
const MAX_TRACKED = 10_000;

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,127}$/;

/**
 * What willSendResponse gets. Apollo's type says `queryHash` is set, but a request refused before its query was read
 * (no query, a malformed persisted query) reaches the hook without one.
 */
type SentResponse = Omit<GraphQLRequestContextWillSendResponse<GatewayContext>, 'queryHash'> & { readonly queryHash?: string };

/** The operation log: an upstream observer that counts exchanges per request, and the plugin that logs each operation. */
export interface OperationLog {
  /** Counts one upstream exchange for the operation of its request id, and in the metrics. */
  observe: (event: UpstreamEvent) => void;
  plugin: ApolloServerPlugin<GatewayContext>;
}

export function createOperationLog(gatewayLogger: Logger, metrics: GatewayMetrics | undefined): OperationLog {
  // The line is built from the fields below only (names, ids, counts, codes; never the query, variables or headers),
  // so it skips pino's redaction: @pinojs/redact parses every redact path again on every call, about 35 µs a line,
  // a tenth of a list operation's CPU. The gateway's other log lines keep it.
  const logger = gatewayLogger.child({}, { redact: [] });
  const inflight = new Map<string, Calls>();

  const track = (requestId: string): Calls => {
    let calls = inflight.get(requestId);
    if (calls) {
      calls.operations++;
      return calls;
    }
    if (inflight.size >= MAX_TRACKED) {
      const oldest = inflight.keys().next();
      if (oldest.done !== true) inflight.delete(oldest.value);
    }
    calls = { total: 0, bySource: {}, operations: 1 };
    inflight.set(requestId, calls);
    return calls;
  };

  const untrack = (requestId: string, calls: Calls): void => {
    if (--calls.operations === 0 && inflight.get(requestId) === calls) inflight.delete(requestId);
  };

  const finish = (ctx: SentResponse, started: number, calls: Calls): void => {
    const ms = performance.now() - started;
    const result = ctx.response.body.kind === 'single' ? ctx.response.body.singleResult : undefined;
    const outcome = outcomeOf(result);
    const operation = operationOf(ctx);
    const name = operation ? (operation.name?.value ?? null) : requestedName(ctx.request.operationName);
    const traceId = currentTraceId();
    metrics?.operation(name, outcome, ms / 1000, currentSampledTraceId());
    if (!logger.isLevelEnabled('info')) return;
    logger.info(
      {
        requestId: ctx.contextValue.requestId,
        ...(traceId === undefined ? {} : { traceId }),
        caller: ctx.contextValue.caller.subject,
        operation: name,
        type: operation?.operation ?? null,
        queryHash: ctx.queryHash ?? null,
        ms: Math.round(ms * 10) / 10,
        calls: calls.total,
        callsBySource: calls.bySource,
        ...(outcome === 'ok' || !result?.errors ? {} : { errors: errorsByCode(result.errors) }),
        outcome,
      },
      'operation',
    );
  };

  return {
    observe(event) {
      metrics?.upstream(event);
      const calls = event.requestId === undefined ? undefined : inflight.get(event.requestId);
      if (!calls) return; // a readiness probe, or an exchange that ended after its operation
      calls.total++;
      calls.bySource[event.source] = (calls.bySource[event.source] ?? 0) + 1;
    },
    plugin: {
      requestDidStart({ contextValue }) {
        const started = performance.now();
        const { requestId } = contextValue;
        const calls = track(requestId);
        return Promise.resolve({
          // Listed after the plugin that adds the partial errors, so they are in the response already.
          willSendResponse(ctx) {
            untrack(requestId, calls);
            finish(ctx, started, calls);
            return Promise.resolve();
          },
        });
      },
    },
  };
}

interface Result {
  data?: Record<string, unknown> | null;
  errors?: readonly { extensions?: Record<string, unknown> }[];
}

/** `partial` when a root field has a value beside the errors; `error` when all are null or there is no data. */
function outcomeOf(result: Result | undefined): Outcome {
  if (!result?.errors?.length) return 'ok';
  const data = result.data;
  if (data) for (const key in data) if (data[key] != null) return 'partial';
  return 'error';
}

function errorsByCode(errors: NonNullable<Result['errors']>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const error of errors) {
    const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR';
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

/** The operation; when it did not resolve (invalid document, refused), the one the parsed document names, if any. */
function operationOf(ctx: SentResponse): OperationDefinitionNode | undefined {
  if (ctx.operation) return ctx.operation;
  return ctx.document ? (getOperationAST(ctx.document, ctx.request.operationName) ?? undefined) : undefined;
}

/** The operation name the client asked for, when the document did not parse; only a valid GraphQL name. */
function requestedName(name: string | undefined): string | null {
  return name !== undefined && GRAPHQL_NAME.test(name) ? name : null;
}
