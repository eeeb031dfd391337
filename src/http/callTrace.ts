/**
 * The span of one backend call (`UpstreamClient`'s exchange, all its tries): a client span under the work under
 * way, named by method and route template (never the filled path: ids can be sensitive), with the source, the
 * breaker's state, the status, each retry as an event, the time spent waiting for the rate limiter, and on failure
 * the gateway's error code. Only in a traced request. Knows no vendor. Internal module.
 */
import { GatewayError } from '../errors/classes.js';
import { currentSpan, type TraceSpan } from '../observability/tracing.js';
import type { SourceName } from '../errors/codes.js';

/** The route of a request without a template: never its path. */
const UNTEMPLATED = '{path}';

/** A span for one call when its request is traced, else undefined. */
export function startCallSpan(source: SourceName, method: string, route: string | undefined, origin: string, breaker: string): TraceSpan | undefined {
  const parent = currentSpan();
  if (!parent) return undefined;
  const template = route ?? UNTEMPLATED;
  return parent.child(`${method} ${template}`, {
    kind: 'client',
    attributes: {
      'http.request.method': method,
      'url.template': template,
      'server.address': new URL(origin).host,
      'gateway.source': source,
      'gateway.breaker.state': breaker,
    },
  });
}

/** Records a failed call: the gateway's error code (never its message), or the error's class for a bug. */
export function failCall(span: TraceSpan, error: unknown): void {
  span.fail(error instanceof GatewayError ? error.code : error instanceof Error ? error.name : 'Error');
}
