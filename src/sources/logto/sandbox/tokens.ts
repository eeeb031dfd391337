/**
 * Credentials in the Logto sandbox: the OIDC client-credentials token endpoint (`POST /oidc/token`: a form body in
 * its declared charset or a JSON object, client credentials in the body or by HTTP Basic, resource indicator and the
 * `all` scope) and the Management API's bearer token and scope checks.
 *
 * Internal module of the Logto sandbox.
 */
import type { SandboxContext } from '../../../sandbox/app.js';
import { sendJson } from '../../../sandbox/http.js';
import { extractClientCredentials, readTokenBody, safeEqual, type TokenStore } from '../../../sandbox/tokens.js';
import { LOGTO_MANAGEMENT_API_SCOPE, type LogtoOAuthErrorWire, type LogtoTokenWire } from '../types.js';
import { requestError } from './errors.js';

/** The machine-to-machine client the sandbox accepts, the resource its tokens are for, and the tokens it issues. */
export interface LogtoOAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly resource: string;
  readonly tokens: TokenStore;
}

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** Whether a path belongs to the Management API (and so needs a bearer token). */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

const hasScope = (granted: string, wanted: string): boolean => granted.split(' ').includes(wanted);

/** Whether the request carries a live token with the Management API scope `all`. */
export function carriesManagementApiToken(tokens: TokenStore, ctx: SandboxContext): boolean {
  const check = tokens.checkRequest(ctx.req);
  return check.ok && hasScope(check.token.scope, LOGTO_MANAGEMENT_API_SCOPE);
}

/** Refuses a request without a live token of the Management API scope with Logto's 401 or 403. */
export function requireBearerToken(tokens: TokenStore, ctx: SandboxContext): void {
  const header = ctx.req.headers.authorization;
  if (!header) throw requestError(401, 'auth.authorization_header_missing', 'The Authorization header is missing.');
  if (!header.startsWith('Bearer')) {
    throw requestError(401, 'auth.authorization_token_type_not_supported', 'Only Bearer tokens are accepted.', { supportedTypes: ['Bearer'] });
  }
  const check = tokens.checkRequest(ctx.req);
  if (!check.ok) throw requestError(401, 'auth.unauthorized', 'Unauthorized: the access token is invalid or expired.');
  if (!hasScope(check.token.scope, LOGTO_MANAGEMENT_API_SCOPE)) {
    throw requestError(403, 'auth.forbidden', `Forbidden: the access token lacks the '${LOGTO_MANAGEMENT_API_SCOPE}' scope.`);
  }
}

/**
 * `POST /oidc/token`: issues a Management API token for the client credentials grant (scope `all` or none). Logto
 * reads the body (at most 56 KB) in the charset its `Content-Type` names, and takes a JSON object as if it were the
 * form (a body that does not parse as JSON then carries no parameters); any other media type is refused as
 * oidc-provider refuses it.
 */
export async function issueToken(ctx: SandboxContext, client: LogtoOAuthClient): Promise<void> {
  const oauthError = (status: number, error: string, description: string, headers: Record<string, string> = {}): void => {
    const body: LogtoOAuthErrorWire = { error, error_description: description };
    sendJson(ctx.res, status, body, { ...NO_STORE, ...headers });
  };
  const request = await readTokenBody(ctx.req, { accept: ['form', 'json'], honourCharset: true, limitBytes: 56 * 1024 });
  if (!request.ok && request.problem === 'unsupported') {
    oauthError(400, 'invalid_request', 'only application/x-www-form-urlencoded content-type bodies are supported on POST /token');
    return;
  }
  if (!request.ok && request.problem === 'charset') {
    oauthError(400, 'invalid_request', request.message);
    return;
  }
  const form = request.ok ? request.params : new URLSearchParams();
  // The OIDC provider takes client_secret_basic or client_secret_post; never query parameters.
  const credentials = extractClientCredentials({ authorization: ctx.req.headers.authorization, form });
  const valid = credentials !== undefined && safeEqual(credentials.clientId, client.clientId) && safeEqual(credentials.clientSecret, client.clientSecret);
  if (!valid) {
    oauthError(401, 'invalid_client', 'client authentication failed');
    return;
  }
  ctx.entry.authorized = true;
  const grantType = form.get('grant_type');
  if (!grantType) {
    oauthError(400, 'invalid_request', "missing required parameter 'grant_type'");
    return;
  }
  if (grantType !== 'client_credentials') {
    oauthError(400, 'unsupported_grant_type', `grant type '${grantType}' is not supported by this client`);
    return;
  }
  const resource = form.get('resource');
  if (resource !== client.resource) {
    oauthError(400, 'invalid_target', resource ? `unknown resource indicator '${resource}'` : 'a resource indicator is required');
    return;
  }
  const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
  const unknown = scopes.filter((scope) => scope !== LOGTO_MANAGEMENT_API_SCOPE);
  if (unknown.length > 0) {
    oauthError(400, 'invalid_scope', `scope '${unknown.join(' ')}' is not allowed for this resource`);
    return;
  }
  // Without `scope=all` the token is still issued, but it carries no scope and every API call answers 403.
  const issued = client.tokens.issue(credentials.clientId, scopes.includes(LOGTO_MANAGEMENT_API_SCOPE) ? LOGTO_MANAGEMENT_API_SCOPE : '');
  const body: LogtoTokenWire = {
    access_token: issued.token,
    expires_in: issued.expiresIn,
    token_type: 'Bearer',
    ...(issued.scope ? { scope: issued.scope } : {}),
  };
  sendJson(ctx.res, 200, body, NO_STORE);
}
