/**
 * Error classes of the gateway. Every error a client may see is a GatewayError (a GraphQLError with a code);
 * anything else is masked by `format.ts`. Internal module.
 */
import { GraphQLError, type GraphQLErrorOptions } from 'graphql';
import { GatewayErrorCode, codeForStatus, type SourceName } from './codes.js';
import { asSentenceEnd, type ShownReason } from './reasons.js';

/** A GraphQLError whose `extensions.code` is one of the gateway's codes. */
export class GatewayError extends GraphQLError {
  readonly code: GatewayErrorCode;
  constructor(message: string, code: GatewayErrorCode, options: GraphQLErrorOptions = {}) {
    super(message, { ...options, extensions: { ...options.extensions, code } });
    this.name = this.constructor.name;
    this.code = code;
  }
}

/** Invalid arguments: refused before anything is sent to a source. */
export class BadUserInputError extends GatewayError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, GatewayErrorCode.BAD_USER_INPUT, { extensions });
  }
}

/** What a source did, kept for the log only; never sent to a client. */
export interface UpstreamDetail {
  method: string;
  path: string;
  /** The start of the upstream body, for the log. */
  body?: string;
}

const PHRASES: Record<GatewayErrorCode, string> = {
  [GatewayErrorCode.BAD_USER_INPUT]: 'refused the request as invalid',
  [GatewayErrorCode.UNAUTHENTICATED]: "refused the gateway's credentials",
  [GatewayErrorCode.FORBIDDEN]: "does not allow the gateway's credentials to do this",
  [GatewayErrorCode.NOT_FOUND]: 'has no such object',
  [GatewayErrorCode.CONFLICT]: 'reported a conflict',
  [GatewayErrorCode.UPSTREAM_RATE_LIMITED]: 'is rate limiting the gateway',
  [GatewayErrorCode.UPSTREAM_TIMEOUT]: 'did not answer in time',
  [GatewayErrorCode.UPSTREAM_UNAVAILABLE]: 'is unavailable',
  [GatewayErrorCode.UPSTREAM_BAD_RESPONSE]: 'answered with an unexpected response',
  [GatewayErrorCode.INTERNAL_SERVER_ERROR]: 'failed',
  [GatewayErrorCode.TOO_MANY_SUBSCRIPTIONS]: 'refused a subscription',
  [GatewayErrorCode.SLOW_CONSUMER]: 'dropped a subscription',
};

/**
 * A failed call to a source. Carries `source` and `upstreamStatus` in its extensions, never the upstream body
 * (unlike datasource-rest); `detail` is for the log. A refusal (4xx) may carry the source's reason, already scrubbed
 * and bounded (see `reasons.ts`): its message ends the error's message and is `upstreamMessage`, with `vendorCode` and
 * field `problems` beside it.
 */
export class UpstreamError extends GatewayError {
  readonly sourceName: SourceName;
  readonly status: number | undefined;
  readonly detail: UpstreamDetail | undefined;
  /** The source's own error code (e.g. Logto's `connector.general`), for branching and the log (shown only with a `reason`). */
  readonly vendorCode: string | undefined;
  /** What the caller is shown of the source's reason (a refusal's), as in the extensions. */
  readonly reason: ShownReason | undefined;
  constructor(
    source: SourceName,
    status: number | undefined,
    options: { code?: GatewayErrorCode; cause?: unknown; detail?: UpstreamDetail; retryAfter?: number; vendorCode?: string; reason?: ShownReason } = {},
  ) {
    const code = options.code ?? (status === undefined ? GatewayErrorCode.UPSTREAM_UNAVAILABLE : codeForStatus(status));
    const extensions: Record<string, unknown> = { source };
    if (status !== undefined) extensions.upstreamStatus = status;
    if (options.retryAfter !== undefined) extensions.retryAfter = options.retryAfter;
    const { reason } = options;
    if (reason?.message !== undefined) extensions.upstreamMessage = reason.message;
    if (reason?.vendorCode !== undefined) extensions.vendorCode = reason.vendorCode;
    if (reason?.problems !== undefined) extensions.problems = reason.problems;
    const head = `${source} ${PHRASES[code]}${status === undefined ? '' : ` (HTTP ${status})`}`;
    super(reason?.message === undefined ? `${head}.` : `${head}: ${asSentenceEnd(reason.message)}`, code, {
      originalError: options.cause instanceof Error ? options.cause : undefined,
      extensions,
    });
    this.sourceName = source;
    this.status = status;
    this.detail = options.detail;
    this.vendorCode = options.vendorCode;
    this.reason = reason;
  }
}

/** Turns any thrown value into an Error (dataloader needs an Error per failed key). */
export function ensureError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/** A dataloader batch of one call per key: runs `fetch` for every key in parallel; a value or an Error per key, in key order. */
export async function eachKey<K, V>(keys: readonly K[], fetch: (key: K) => Promise<V>): Promise<(V | Error)[]> {
  const settled = await Promise.allSettled(keys.map(fetch));
  return settled.map((r) => (r.status === 'fulfilled' ? r.value : ensureError(r.reason)));
}

/** The caller sent no credentials, or credentials the gateway does not accept (HTTP 401). */
export class UnauthenticatedError extends GatewayError {
  constructor(message: string) {
    super(message, GatewayErrorCode.UNAUTHENTICATED, { extensions: { http: { status: 401 } } });
  }
}

/** The caller is known but its roles do not allow this operation (HTTP 403). */
export class ForbiddenError extends GatewayError {
  constructor(message: string) {
    super(message, GatewayErrorCode.FORBIDDEN, { extensions: { http: { status: 403 } } });
  }
}
