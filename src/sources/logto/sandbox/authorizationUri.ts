/**
 * Authorization URIs in the Logto sandbox (`POST /api/connectors/{connectorId}/authorization-uri`), for the social
 * connectors that can build one without an interaction session.
 *
 * Internal module of the Logto sandbox.
 */
import type { SandboxContext } from '../../../sandbox/app.js';
import { sendJson } from '../../../sandbox/http.js';
import type { LogtoAuthorizationUriRequestWire, LogtoAuthorizationUriWire } from '../types.js';
import { AUTHORIZATION_URI_RULES, guardBody, readGuardedJson } from './bodies.js';
import { checkConfig } from './config.js';
import { requestError } from './errors.js';
import type { LogtoConnectorStore } from './store.js';

type AuthorizationUriBuilder = (config: Record<string, unknown>, request: LogtoAuthorizationUriRequestWire) => string;

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' && value !== '' ? value : fallback);

function withQuery(base: string, params: Record<string, string | undefined>, fragment = ''): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') url.searchParams.set(key, value);
  return `${url.toString()}${fragment}`;
}

/**
 * Builders per factory id. Logto cannot build this URI for connectors that keep state in the sign-in session
 * (Apple, OIDC, OAuth 2, SAML), so those factories have none.
 */
const AUTHORIZATION_URI_BUILDERS: Record<string, AuthorizationUriBuilder> = {
  'google-universal': (c, r) =>
    withQuery('https://accounts.google.com/o/oauth2/v2/auth', {
      client_id: text(c.clientId),
      redirect_uri: r.redirectUri,
      response_type: 'code',
      state: r.state,
      scope: text(c.scope, 'openid profile email'),
      prompt: Array.isArray(c.prompts) ? c.prompts.join(' ') : undefined,
      access_type: c.offlineAccess === true ? 'offline' : undefined,
    }),
  'github-universal': (c, r) =>
    withQuery('https://github.com/login/oauth/authorize', {
      client_id: text(c.clientId),
      redirect_uri: r.redirectUri,
      state: r.state,
      scope: text(c.scope, 'read:user'),
    }),
  'azure-ad': (c, r) =>
    withQuery(`${text(c.cloudInstance, 'https://login.microsoftonline.com')}/${encodeURIComponent(text(c.tenantId, 'common'))}/oauth2/v2.0/authorize`, {
      client_id: text(c.clientId),
      response_type: 'code',
      redirect_uri: r.redirectUri,
      response_mode: 'query',
      scope: 'openid profile email User.Read',
      state: r.state,
    }),
  'facebook-universal': (c, r) =>
    withQuery('https://www.facebook.com/v19.0/dialog/oauth', {
      client_id: text(c.clientId),
      redirect_uri: r.redirectUri,
      response_type: 'code',
      state: r.state,
      scope: text(c.scope, 'email,public_profile'),
    }),
  'wechat-web': (c, r) =>
    withQuery(
      'https://open.weixin.qq.com/connect/qrconnect',
      { appid: text(c.appId), redirect_uri: r.redirectUri, response_type: 'code', scope: 'snsapi_login', state: r.state },
      '#wechat_redirect',
    ),
  // The native connector hands its parameters to the WeChat SDK through a custom-scheme URI.
  'wechat-native': (c, r) => withQuery('wechat-native://authorize', { app_id: text(c.appId), state: r.state, universal_links: text(c.universalLinks) }),
};

/** `POST /api/connectors/{connectorId}/authorization-uri`: where a social connector sends the user to sign in. */
export async function createAuthorizationUri(ctx: SandboxContext, params: Record<string, string>, store: LogtoConnectorStore): Promise<void> {
  const body = guardBody<LogtoAuthorizationUriRequestWire>(await readGuardedJson(ctx.req), AUTHORIZATION_URI_RULES);
  if (!body.state || !body.redirectUri) throw requestError(400, 'session.insufficient_info', 'Both state and redirectUri are needed.');
  const entry = store.find(params.connectorId ?? '');
  const factory = store.factoryOf(entry);
  if (factory.type !== 'Social') throw requestError(400, 'connector.unexpected_type', 'Only social connectors have an authorization URI.');
  // The connector reads and checks its stored config before building the URI.
  checkConfig(entry.config, factory.formItems ?? []);
  const build = AUTHORIZATION_URI_BUILDERS[factory.id];
  if (!build) {
    throw requestError(
      400,
      'connector.not_implemented',
      `getAuthorizationUri: the '${factory.id}' connector needs a sign-in session and cannot build it here.`,
    );
  }
  const answer: LogtoAuthorizationUriWire = { redirectTo: build(entry.config, body) };
  sendJson(ctx.res, 200, answer);
}
