/**
 * Credentials in the SailPoint sandbox: the client-credentials token endpoint (`POST /oauth/token`, parameters as
 * form fields, multipart form fields or query parameters, client credentials also by HTTP Basic) and the bearer
 * token every `/v3` call needs.
 *
 * Internal module of the SailPoint sandbox.
 */
import type { SandboxContext } from '../../../sandbox/app.js';
import { HttpError, sendJson } from '../../../sandbox/http.js';
import { extractClientCredentials, readTokenBody, safeEqual, type TokenStore } from '../../../sandbox/tokens.js';
import type { SailPointTokenWire } from '../types.js';

/** The OAuth client the sandbox accepts and the tokens it issues. */
export interface SailPointOAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokens: TokenStore;
}

/** Whether a path belongs to the API (and so needs a bearer token). */
export function isApiPath(path: string): boolean {
  return path === '/v3' || path.startsWith('/v3/');
}

/** Refuses a request without a live bearer token with SailPoint's 401. */
export function requireBearerToken(tokens: TokenStore, ctx: SandboxContext): void {
  const check = tokens.checkRequest(ctx.req);
  if (check.ok) return;
  const reason = { missing: 'no bearer token in the Authorization header', unknown: 'JWT is not valid', expired: 'JWT is expired' }[check.reason];
  throw new HttpError(401, `JWT validation failed: ${reason}`, { 'WWW-Authenticate': 'Bearer realm="sailpoint"' });
}

/** `POST /oauth/token`: issues a bearer token for the client credentials grant. */
export async function issueToken(ctx: SandboxContext, client: SailPointOAuthClient): Promise<void> {
  const noStore = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
  // The token endpoint reads request parameters: form fields, multipart form fields (what SailPoint's own SDK,
  // sailpoint-api-client, sends) and the query string (as the vendor's docs show); credentials also by HTTP Basic.
  // A body of another type (JSON) holds no parameters for it.
  const request = await readTokenBody(ctx.req, { accept: ['form', 'multipart'] });
  if (!request.ok && request.problem !== 'unsupported') {
    sendJson(ctx.res, 400, { error: 'invalid_request', error_description: request.message }, noStore);
    return;
  }
  const form = request.ok ? request.params : new URLSearchParams();
  const credentials = extractClientCredentials({ authorization: ctx.req.headers.authorization, form, query: ctx.query });
  const valid = credentials !== undefined && safeEqual(credentials.clientId, client.clientId) && safeEqual(credentials.clientSecret, client.clientSecret);
  if (!valid) {
    sendJson(
      ctx.res,
      401,
      { error: 'invalid_client', error_description: 'Bad client credentials' },
      {
        ...noStore,
        'WWW-Authenticate': 'Basic realm="sailpoint"',
      },
    );
    return;
  }
  ctx.entry.authorized = true;
  const grantType = form.get('grant_type') ?? ctx.query.get('grant_type');
  if (!grantType) {
    sendJson(ctx.res, 400, { error: 'invalid_request', error_description: 'grant_type is required' }, noStore);
    return;
  }
  if (grantType !== 'client_credentials') {
    sendJson(ctx.res, 400, { error: 'unsupported_grant_type', error_description: `grant type '${grantType}' is not supported` }, noStore);
    return;
  }
  const issued = client.tokens.issue(credentials.clientId, 'sp:scopes:all');
  const body: SailPointTokenWire = {
    access_token: issued.token,
    token_type: 'bearer',
    expires_in: issued.expiresIn,
    scope: issued.scope,
    tenant_id: 'sandbox-tenant',
    pod: 'sandbox-pod',
    org: 'sandbox',
    jti: issued.jti,
  };
  sendJson(ctx.res, 200, body, noStore);
}
