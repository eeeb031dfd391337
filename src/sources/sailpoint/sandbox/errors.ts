/**
 * Error answers of the SailPoint sandbox: the vendor's `ErrorResponseDto` body (detail code, tracking id, localised
 * messages), the shapes of 401 and 429, the bodies of injected faults, and SailPoint's routing errors.
 *
 * Internal module of the SailPoint sandbox.
 */
import { randomUUID } from 'node:crypto';
import type { SandboxContext } from '../../../sandbox/app.js';
import type { RenderedFault } from '../../../sandbox/faults.js';
import { HttpError, sendJson } from '../../../sandbox/http.js';
import type { RoutingErrors } from '../../../sandbox/router.js';
import type { SailPointErrorResponseWire } from '../types.js';

const DETAIL_CODES: Record<number, string> = {
  400: '400.1 Bad Request Content',
  403: '403 Forbidden',
  404: '404 Not found',
  405: '405 Method Not Allowed',
  413: '413 Payload Too Large',
  415: '415 Unsupported Media Type',
  500: '500.0 Internal Fault',
  502: '502 Bad Gateway',
  503: '503 Service Unavailable',
  504: '504 Gateway Timeout',
};

const DEFAULT_TEXTS: Record<number, string> = {
  400: 'The request could not be understood.',
  403: 'The caller may not use this operation.',
  404: 'No resource matches the request URL.',
  500: 'An internal fault occurred.',
  502: 'An upstream service failed.',
  503: 'The service is temporarily unavailable.',
  504: 'An upstream service did not answer in time.',
};

/** An `ErrorResponseDto` body. */
function errorResponse(status: number, text: string, causes: string[] = []): SailPointErrorResponseWire {
  const message = (value: string) => ({ locale: 'en-US', localeOrigin: 'DEFAULT' as const, text: value });
  return {
    detailCode: DETAIL_CODES[status] ?? `${status}`,
    trackingId: randomUUID().replace(/-/g, ''),
    messages: [message(text)],
    causes: causes.map(message),
  };
}

/** The body of an injected fault that gives only a status: 401 and 429 in their own shapes, else an `ErrorResponseDto`. */
export function renderInjectedFault(status: number): RenderedFault {
  if (status === 401) return { body: { error: 'JWT validation failed: injected fault' } };
  if (status === 429) return { body: { message: 'Rate Limit Exceeded' } };
  return { body: errorResponse(status, DEFAULT_TEXTS[status] ?? `Injected fault ${status}.`) };
}

/** Answers an error a handler threw: an {@link HttpError} with its status, anything else as a 500. */
export function renderThrownError(error: unknown, ctx: SandboxContext): void {
  if (!(error instanceof HttpError)) {
    const detail = error instanceof Error ? error.message : String(error);
    sendJson(ctx.res, 500, errorResponse(500, DEFAULT_TEXTS[500] ?? 'Internal fault.', [detail]));
    return;
  }
  // 401 and 429 have their own shapes in the vendor contract; everything else is an ErrorResponseDto.
  if (error.status === 401) sendJson(ctx.res, 401, { error: error.message }, error.headers);
  else if (error.status === 429) sendJson(ctx.res, 429, { message: error.message }, error.headers);
  else sendJson(ctx.res, error.status, errorResponse(error.status, error.message), error.headers);
}

/** A 400 with `text` as the `ErrorResponseDto` message. */
export const badRequest = (text: string): HttpError => new HttpError(400, text);

/** SailPoint's routing errors. */
export const SAILPOINT_ROUTING_ERRORS: RoutingErrors = {
  methodNotAllowed: (ctx, allowed) => new HttpError(405, `${ctx.method} is not supported here; use ${allowed.join(', ')}`, { Allow: allowed.join(', ') }),
  notFound: (ctx) => new HttpError(404, `No resource matches ${ctx.path}.`),
};
