/**
 * Credentials in the ConductorOne sandbox: the client-credentials token endpoint (`POST /auth/v1/token`, the plain
 * client secret in a form or JSON body) and the bearer token every `/api` call needs.
 *
 * Internal module of the ConductorOne sandbox.
 */
import type { SandboxContext } from '../../../sandbox/app.js';
import { sendJson } from '../../../sandbox/http.js';
import { readTokenBody, safeEqual, type TokenStore } from '../../../sandbox/tokens.js';
import { C1_GRPC_CODES, C1_JWT_ASSERTION_TYPE, type C1OAuthErrorWire, type C1TokenWire } from '../types.js';
import { C1RpcError } from './errors.js';

/** The API client the sandbox accepts and the tokens it issues. */
export interface ConductorOneOAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokens: TokenStore;
}

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** Whether a path belongs to the API (and so needs a bearer token). */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** Refuses a request without a live bearer token with UNAUTHENTICATED. */
export function requireBearerToken(tokens: TokenStore, ctx: SandboxContext): void {
  const check = tokens.checkRequest(ctx.req);
  if (check.ok) return;
  const message = {
    missing: 'unauthenticated: the request has no bearer token',
    unknown: 'unauthenticated: the bearer token is not valid',
    expired: 'unauthenticated: the bearer token has expired',
  }[check.reason];
  throw new C1RpcError(C1_GRPC_CODES.UNAUTHENTICATED, message);
}

/**
 * `POST /auth/v1/token`: client credentials in the body (form, or JSON), as C1 requires; HTTP Basic is not read.
 * C1's SDKs authenticate with a JWT assertion signed with a key derived from the secret; the sandbox cannot check
 * such a signature and accepts only the plain `client_secret` form, answering an assertion with 400
 * `unsupported_client_auth` so that a client sending one notices at once.
 */
export async function issueToken(ctx: SandboxContext, client: ConductorOneOAuthClient): Promise<void> {
  const oauthError = (status: number, error: string, description: string): void => {
    const body: C1OAuthErrorWire = { error, error_description: description };
    sendJson(ctx.res, status, body, NO_STORE);
  };
  const request = await readTokenBody(ctx.req, { accept: ['form', 'json'] });
  // The credentials belong in the body, so a request without one is refused like a body of another type.
  if (!request.ok || request.encoding === 'empty') {
    oauthError(400, 'invalid_request', 'send the token request as application/x-www-form-urlencoded (or a JSON object)');
    return;
  }
  const { params } = request;
  if (params.has('client_assertion') || params.has('client_assertion_type')) {
    const kind = params.get('client_assertion_type') === C1_JWT_ASSERTION_TYPE ? 'JWT client assertions' : 'client assertions';
    oauthError(400, 'unsupported_client_auth', `the sandbox does not accept ${kind}; send client_id and client_secret in the body`);
    return;
  }
  const clientId = params.get('client_id') ?? '';
  const clientSecret = params.get('client_secret') ?? '';
  if (!safeEqual(clientId, client.clientId) || !safeEqual(clientSecret, client.clientSecret)) {
    oauthError(401, 'invalid_client', 'client authentication failed; credentials must be sent in the request body');
    return;
  }
  ctx.entry.authorized = true;
  const grantType = params.get('grant_type');
  if (!grantType) {
    oauthError(400, 'invalid_request', "missing required parameter 'grant_type'");
    return;
  }
  if (grantType !== 'client_credentials') {
    oauthError(400, 'unsupported_grant_type', `grant type '${grantType}' is not supported; use client_credentials`);
    return;
  }
  const issued = client.tokens.issue(clientId);
  const body: C1TokenWire = { access_token: issued.token, token_type: 'Bearer', expires_in: issued.expiresIn };
  sendJson(ctx.res, 200, body, NO_STORE);
}
