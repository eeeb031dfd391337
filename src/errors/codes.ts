/**
 * The `extensions.code` values of the gateway's errors. Public contract: clients branch on these values
 * (`design/README.md` says when each is used).
 */
export enum GatewayErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED', // the caller, or the gateway's credentials at a source (401)
  FORBIDDEN = 'FORBIDDEN', // 403
  NOT_FOUND = 'NOT_FOUND', // 404
  CONFLICT = 'CONFLICT', // 409/412, a failed JSON Patch `test`
  UPSTREAM_RATE_LIMITED = 'UPSTREAM_RATE_LIMITED', // 429 after retries
  UPSTREAM_TIMEOUT = 'UPSTREAM_TIMEOUT', // no answer in time
  UPSTREAM_UNAVAILABLE = 'UPSTREAM_UNAVAILABLE', // 5xx, connect failure
  UPSTREAM_BAD_RESPONSE = 'UPSTREAM_BAD_RESPONSE', // a body of the wrong shape
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  TOO_MANY_SUBSCRIPTIONS = 'TOO_MANY_SUBSCRIPTIONS', // a subscription over the per-caller or per-process cap
  SLOW_CONSUMER = 'SLOW_CONSUMER', // a subscription dropped because its client did not keep up
}

/**
 * A source's name as `extensions.source` shows it (SCREAMING_SNAKE, e.g. `SAILPOINT`): one of the registry's
 * (`src/sources/index.ts`), which also fixes their order.
 */
export type SourceName = string;

/** The code for an upstream HTTP status that is not a success. */
export function codeForStatus(status: number): GatewayErrorCode {
  switch (status) {
    case 400:
    case 413:
    case 415:
    case 422:
      return GatewayErrorCode.BAD_USER_INPUT;
    case 401:
      return GatewayErrorCode.UNAUTHENTICATED;
    case 403:
      return GatewayErrorCode.FORBIDDEN;
    case 404:
    case 410:
      return GatewayErrorCode.NOT_FOUND;
    case 409:
    case 412:
      return GatewayErrorCode.CONFLICT;
    case 429:
      return GatewayErrorCode.UPSTREAM_RATE_LIMITED;
    case 408:
    case 504:
      return GatewayErrorCode.UPSTREAM_TIMEOUT;
    default:
      return status >= 500 ? GatewayErrorCode.UPSTREAM_UNAVAILABLE : GatewayErrorCode.UPSTREAM_BAD_RESPONSE;
  }
}
