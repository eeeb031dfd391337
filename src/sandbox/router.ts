/**
 * The sandboxes' tiny router: routes by method and path pattern, and dispatch of a request to its route or to the
 * vendor's own "no such path" / "not this method" error.
 *
 * Internal module of the sandbox kit; knows no vendor.
 */
import type { SandboxContext } from './app.js';

/** Outcome of {@link Router.match}. */
export type RouteMatch<H> =
  { kind: 'found'; handler: H; params: Record<string, string> } | { kind: 'methodNotAllowed'; allowed: string[] } | { kind: 'notFound' };

interface Route<H> {
  method: string;
  segments: string[];
  handler: H;
}

/** Splits a path into raw segments; a single trailing slash is ignored. */
function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.split('/').slice(1);
}

/**
 * A tiny router: `add('GET', '/v3/connectors/:scriptName', handler)`. Matching is on raw path segments, so an
 * encoded `/` inside a parameter stays inside it; parameters are URL-decoded (a malformed escape never matches).
 */
export class Router<H> {
  readonly #routes: Route<H>[] = [];

  /** Registers `handler` for `method` (upper case) and `pattern` (segments starting with `:` are parameters). */
  add(method: string, pattern: string, handler: H): this {
    this.#routes.push({ method: method.toUpperCase(), segments: splitPath(pattern), handler });
    return this;
  }

  /** Finds the route for a request; tells apart an unknown path from a known path with another method. */
  match(method: string, path: string): RouteMatch<H> {
    const segments = splitPath(path);
    const allowed: string[] = [];
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method.toUpperCase()) return { kind: 'found', handler: route.handler, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'methodNotAllowed', allowed } : { kind: 'notFound' };
  }
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const want = pattern[i] ?? '';
    const got = actual[i] ?? '';
    if (want.startsWith(':')) {
      if (got === '') return undefined;
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        return undefined;
      }
    } else if (want !== got) {
      return undefined;
    }
  }
  return params;
}

/** A vendor route's handler: the request and the path's parameters. */
export type RouteHandler = (ctx: SandboxContext, params: Record<string, string>) => Promise<void> | void;

/** How a vendor answers a request that no route takes: its own error for a known path's other method, and for an unknown path. */
export interface RoutingErrors {
  methodNotAllowed(ctx: SandboxContext, allowed: string[]): Error;
  notFound(ctx: SandboxContext): Error;
}

/** Runs the route that matches the request, or throws the vendor's routing error. */
export async function dispatchRoute(router: Router<RouteHandler>, ctx: SandboxContext, errors: RoutingErrors): Promise<void> {
  const match = router.match(ctx.method, ctx.path);
  if (match.kind === 'found') return match.handler(ctx, match.params);
  throw match.kind === 'methodNotAllowed' ? errors.methodNotAllowed(ctx, match.allowed) : errors.notFound(ctx);
}
