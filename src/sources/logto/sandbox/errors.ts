/**
 * Error answers of the Logto sandbox: Logto's `RequestErrorBody` (`{ message, code, data?, details? }`) and the error
 * that carries it, the bodies of injected faults and of the kit's own errors, and Logto's routing errors.
 *
 * Internal module of the Logto sandbox.
 */
import type { SandboxContext } from '../../../sandbox/app.js';
import type { RenderedFault } from '../../../sandbox/faults.js';
import { HttpError, sendJson } from '../../../sandbox/http.js';
import type { RoutingErrors } from '../../../sandbox/router.js';
import type { LogtoConnectorErrorCode, LogtoErrorWire } from '../types.js';

/** An error answered with Logto's `RequestErrorBody` (`{ message, code, data?, details? }`). */
export class LogtoRequestError extends HttpError {
  constructor(
    status: number,
    readonly code: LogtoConnectorErrorCode,
    message: string,
    readonly data?: unknown,
    readonly details?: string,
    headers: Record<string, string> = {},
  ) {
    super(status, message, headers);
    this.name = 'LogtoRequestError';
  }

  get body(): LogtoErrorWire {
    return {
      message: this.message,
      code: this.code,
      ...(this.data === undefined ? {} : { data: this.data }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** A {@link LogtoRequestError} without details or extra headers. */
export const requestError = (status: number, code: LogtoConnectorErrorCode, message: string, data?: unknown): LogtoRequestError =>
  new LogtoRequestError(status, code, message, data);

/** Logto answers an unexpected failure with only a message, no code. */
const INTERNAL_ERROR_BODY = { message: 'Internal server error.' };

/** The code a bare status maps to, for injected faults and the kit's own errors (413, 405…). */
function genericBody(status: number, message?: string): LogtoErrorWire | { message: string } {
  switch (status) {
    case 400:
      return { message: message ?? 'The request is invalid.', code: 'guard.invalid_input' };
    case 401:
      return { message: message ?? 'Unauthorized: check the credentials and their scope.', code: 'auth.unauthorized' };
    case 403:
      return { message: message ?? 'Forbidden: the token lacks the needed permission.', code: 'auth.forbidden' };
    case 404:
      return { message: message ?? 'The requested resource does not exist.', code: 'entity.not_found' };
    default:
      return status >= 500 ? INTERNAL_ERROR_BODY : { message: message ?? 'The request failed.', code: 'request.general' };
  }
}

/** The body of an injected fault that gives only a status. */
export function renderInjectedFault(status: number): RenderedFault {
  return { body: genericBody(status, status === 429 ? 'Too many requests; retry later.' : undefined) };
}

/** Answers an error a handler threw: Logto's own errors as they are, the kit's with the code their status maps to, anything else as a bare 500. */
export function renderThrownError(error: unknown, ctx: SandboxContext): void {
  if (error instanceof LogtoRequestError) sendJson(ctx.res, error.status, error.body, error.headers);
  else if (error instanceof HttpError) sendJson(ctx.res, error.status, genericBody(error.status, error.message), error.headers);
  else sendJson(ctx.res, 500, INTERNAL_ERROR_BODY);
}

/** Logto's routing errors. */
export const LOGTO_ROUTING_ERRORS: RoutingErrors = {
  methodNotAllowed: (ctx, allowed) =>
    new LogtoRequestError(405, 'request.general', `${ctx.method} is not supported here; use ${allowed.join(', ')}.`, undefined, undefined, {
      Allow: allowed.join(', '),
    }),
  notFound: (ctx) => requestError(404, 'entity.not_found', `Nothing exists at ${ctx.path}.`),
};
