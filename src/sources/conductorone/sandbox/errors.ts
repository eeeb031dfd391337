/**
 * Error answers of the ConductorOne sandbox, as grpc-gateway writes them: a `google.rpc.Status` body
 * (`{code, message, details}`) with the HTTP status derived from the gRPC code, for thrown errors, injected faults,
 * the kit's own errors and routing errors.
 *
 * Internal module of the ConductorOne sandbox.
 */
import type { SandboxContext } from '../../../sandbox/app.js';
import type { RenderedFault } from '../../../sandbox/faults.js';
import { HttpError, sendJson } from '../../../sandbox/http.js';
import type { RoutingErrors } from '../../../sandbox/router.js';
import { C1_GRPC_CODES, C1_HTTP_STATUS_BY_CODE, type C1ErrorWire, type C1GrpcCode } from '../types.js';

/** An error answered as a `google.rpc.Status`, with the HTTP status grpc-gateway gives its code. */
export class C1RpcError extends HttpError {
  constructor(
    readonly code: C1GrpcCode,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(C1_HTTP_STATUS_BY_CODE[code], message, headers);
    this.name = 'C1RpcError';
  }

  get body(): C1ErrorWire {
    return { code: this.code, message: this.message, details: [] };
  }
}

/** INVALID_ARGUMENT (400) with `message`. */
export const invalidArgument = (message: string): C1RpcError => new C1RpcError(C1_GRPC_CODES.INVALID_ARGUMENT, message);
/** NOT_FOUND (404) with `message`. */
export const notFound = (message: string): C1RpcError => new C1RpcError(C1_GRPC_CODES.NOT_FOUND, message);

/** The gRPC code behind a bare HTTP status (injected faults, the kit's own errors such as 413). */
function codeForStatus(status: number): C1GrpcCode {
  switch (status) {
    case 400:
      return C1_GRPC_CODES.INVALID_ARGUMENT;
    case 401:
      return C1_GRPC_CODES.UNAUTHENTICATED;
    case 403:
      return C1_GRPC_CODES.PERMISSION_DENIED;
    case 404:
      return C1_GRPC_CODES.NOT_FOUND;
    case 409:
      return C1_GRPC_CODES.ABORTED;
    case 413:
    case 429:
      return C1_GRPC_CODES.RESOURCE_EXHAUSTED;
    case 499:
      return C1_GRPC_CODES.CANCELLED;
    case 501:
      return C1_GRPC_CODES.UNIMPLEMENTED;
    case 503:
      return C1_GRPC_CODES.UNAVAILABLE;
    case 504:
      return C1_GRPC_CODES.DEADLINE_EXCEEDED;
    default:
      return status >= 500 ? C1_GRPC_CODES.INTERNAL : C1_GRPC_CODES.UNKNOWN;
  }
}

const FAULT_MESSAGES: Record<number, string> = {
  400: 'invalid argument',
  401: 'unauthenticated',
  403: 'permission denied',
  404: 'not found',
  429: 'rate limit exceeded; retry later',
  500: 'internal error',
  502: 'bad gateway',
  503: 'service unavailable',
  504: 'deadline exceeded',
};

function statusBody(status: number, message: string): C1ErrorWire {
  return { code: codeForStatus(status), message, details: [] };
}

/** The `google.rpc.Status` body of an injected fault that gives only a status. */
export function renderInjectedFault(status: number): RenderedFault {
  return { body: statusBody(status, FAULT_MESSAGES[status] ?? `injected fault ${status}`) };
}

/** Answers an error a handler threw as a `google.rpc.Status`: its own code, the code its status maps to, or INTERNAL. */
export function renderThrownError(error: unknown, ctx: SandboxContext): void {
  if (error instanceof C1RpcError) sendJson(ctx.res, error.status, error.body, error.headers);
  // The kit's own errors (413 body too large) keep their status but get the vendor's body.
  else if (error instanceof HttpError) sendJson(ctx.res, error.status, statusBody(error.status, error.message), error.headers);
  else sendJson(ctx.res, 500, statusBody(500, 'internal error'));
}

/** grpc-gateway's routing errors: an unknown path is NOT_FOUND, a known path with another method UNIMPLEMENTED. */
export const CONDUCTORONE_ROUTING_ERRORS: RoutingErrors = {
  methodNotAllowed: () => new C1RpcError(C1_GRPC_CODES.UNIMPLEMENTED, 'Method Not Allowed'),
  notFound: () => notFound('Not Found'),
};
