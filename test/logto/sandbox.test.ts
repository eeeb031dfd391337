/**
 * The Logto sandbox over real HTTP: the OIDC token endpoint and bearer checks, connector list/get with the target
 * filter and ETags, connector factories, create/update/delete with Logto's validation rules and error codes, the
 * passwordless test endpoint, authorization URIs, fault injection, latency and the request log.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bodyEtag } from '../../src/sources/logto/sandbox/etag.js';
import { LOGTO_SANDBOX_CLIENT_ID, LOGTO_SANDBOX_CLIENT_SECRET, startLogtoSandbox, type LogtoSandbox } from '../../src/sources/logto/sandbox/server.js';
import { createLogtoSeed } from '../../src/sources/logto/sandbox/seed.js';
import {
  LOGTO_DEFAULT_MANAGEMENT_API_RESOURCE,
  type LogtoConnectorFactoryWire,
  type LogtoConnectorWire,
  type LogtoErrorWire,
  type LogtoOAuthErrorWire,
  type LogtoTokenWire,
} from '../../src/sources/logto/types.js';

const seed = createLogtoSeed();
const SEED_CONNECTOR_IDS = ['kq3v8zt1w6pn', 'h2m9c4r7x1ed', 'b8w1n5q0s3za', 'e4t7y2u9i0ol', 's1d6f3g8h5jk', 'o9p2l7k4j1hm'];
const FACTORY_IDS = [
  'sendgrid-email-service',
  'simple-mail-transfer-protocol',
  'aliyun-direct-mail',
  'twilio-short-message-service',
  'aliyun-short-message-service',
  'google-universal',
  'github-universal',
  'azure-ad',
  'apple-universal',
  'facebook-universal',
  'wechat-web',
  'wechat-native',
  'oidc',
  'saml',
];
const GOOGLE = 'kq3v8zt1w6pn';
const GITHUB = 'h2m9c4r7x1ed';
const SENDGRID = 'e4t7y2u9i0ol';
const OIDC = 'o9p2l7k4j1hm';

let sb: LogtoSandbox;
let token: string;

function tokenForm(overrides: Record<string, string | undefined> = {}, target: LogtoSandbox = sb): URLSearchParams {
  const fields: Record<string, string | undefined> = {
    grant_type: 'client_credentials',
    client_id: target.clientId,
    client_secret: target.clientSecret,
    resource: target.resource,
    scope: 'all',
    ...overrides,
  };
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) form.set(key, value);
  return form;
}

function requestToken(form: URLSearchParams, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${sb.origin}/oidc/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: form });
}

async function fetchToken(overrides: Record<string, string | undefined> = {}): Promise<string> {
  const res = await requestToken(tokenForm(overrides));
  return ((await res.json()) as LogtoTokenWire).access_token;
}

/** An authorized call below the API root (`path` starts with `/api/`). */
function api(path: string, init: RequestInit = {}, bearer: string | null = token): Promise<Response> {
  const headers = new Headers(init.headers);
  if (bearer !== null) headers.set('authorization', `Bearer ${bearer}`);
  return fetch(`${sb.url}${path}`, { ...init, headers });
}

/** An authorized call with a JSON body. */
function send(method: string, path: string, body: unknown): Promise<Response> {
  return api(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** The JSON body, typed as the wire shape the test expects (the assertions check it). */
async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** Asserts a Logto error answer and returns its body. */
async function expectError(res: Response, status: number, code: string): Promise<LogtoErrorWire> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = await json<LogtoErrorWire>(res);
  expect(body.code).toBe(code);
  expect(typeof body.message).toBe('string');
  return body;
}

/**
 * Conditional-request headers. Node's fetch adds `Cache-Control: no-cache` to a request with `If-None-Match` unless
 * one is given, and Logto (like the sandbox) never answers 304 to `no-cache`; so the tests name another directive.
 */
const ifNoneMatch = (tag: string): Record<string, string> => ({ 'if-none-match': tag, 'cache-control': 'max-age=0' });

const issuePaths = (body: LogtoErrorWire): unknown[] => ((body.data as { issues?: { path: unknown[] }[] }).issues ?? []).map((issue) => issue.path);
const storedIds = (): string[] => sb.store.connectors().map((c) => c.id);

beforeAll(async () => {
  sb = await startLogtoSandbox();
  token = await fetchToken();
});
afterAll(() => sb.close());
beforeEach(() => {
  sb.reset();
});

describe('seed', () => {
  it('has the documented factories and connectors', () => {
    expect(seed.factories.map((f) => f.id)).toEqual(FACTORY_IDS);
    expect(seed.connectors.map((c) => c.id)).toEqual(SEED_CONNECTOR_IDS);
    const byType = (type: string): string[] => seed.factories.filter((f) => f.type === type).map((f) => f.target);
    expect(byType('Email')).toEqual(['sendgrid-email', 'smtp', 'aliyun-dm']);
    expect(byType('Sms')).toEqual(['twilio-sms', 'aliyun-sms']);
    expect(byType('Social')).toEqual(['google', 'github', 'azuread', 'apple', 'facebook', 'wechat', 'wechat', 'oidc', 'saml']);
    for (const factory of seed.factories) {
      expect(factory.platform === null).toBe(factory.type !== 'Social');
      expect(factory.name.en).toBeTruthy();
      expect(factory.description.en).toBeTruthy();
      expect(factory.logo).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(factory.readme).toContain(`# ${factory.name.en}`);
      expect(JSON.parse(factory.configTemplate ?? '')).toEqual(expect.any(Object));
      expect(factory.formItems?.length).toBeGreaterThanOrEqual(2);
      expect(factory.formItems?.some((item) => item.isConfidential === true)).toBe(true);
    }
    const types = new Set(seed.factories.flatMap((f) => f.formItems ?? []).map((item) => item.type));
    expect(types).toEqual(new Set(['Text', 'Number', 'MultilineText', 'Switch', 'Select', 'MultiSelect', 'Json']));
    expect(seed.factories.filter((f) => f.isStandard).map((f) => f.id)).toEqual(['oidc', 'saml']);
    expect(seed.connectors.every((c) => Object.keys(c.config).length > 0)).toBe(true);
  });

  it('is deterministic and fresh on every call', () => {
    const again = createLogtoSeed();
    expect(again).toEqual(seed);
    again.connectors[0]!.config.clientId = 'changed';
    again.factories[0]!.name.en = 'changed';
    const fresh = createLogtoSeed();
    expect(fresh.connectors[0]!.config.clientId).not.toBe('changed');
    expect(fresh.factories[0]!.name.en).toBe('SendGrid Email');
  });

  it('stores configs that pass their own factory forms', async () => {
    for (const connector of seed.connectors) {
      const res = await send('PATCH', `/api/connectors/${connector.id}`, { config: connector.config });
      expect(res.status, connector.id).toBe(200);
    }
  });
});

describe('POST /oidc/token', () => {
  it('issues a bearer token for form-body credentials', async () => {
    const res = await requestToken(tokenForm());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await json<LogtoTokenWire>(res);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'all' });
    expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect((await api('/api/connector-factories', {}, body.access_token)).status).toBe(200);
  });

  it('accepts HTTP Basic client authentication and the defaults', async () => {
    expect(sb.clientId).toBe(LOGTO_SANDBOX_CLIENT_ID);
    expect(sb.resource).toBe(LOGTO_DEFAULT_MANAGEMENT_API_RESOURCE);
    const basic = Buffer.from(`${LOGTO_SANDBOX_CLIENT_ID}:${LOGTO_SANDBOX_CLIENT_SECRET}`).toString('base64');
    const res = await requestToken(tokenForm({ client_id: undefined, client_secret: undefined }), { authorization: `Basic ${basic}` });
    expect(res.status).toBe(200);
  });

  it('refuses a wrong client with 401 invalid_client', async () => {
    for (const overrides of [{ client_secret: 'nope' }, { client_id: 'someone-else' }, { client_id: undefined, client_secret: undefined }]) {
      const res = await requestToken(tokenForm(overrides));
      expect(res.status).toBe(401);
      expect(await json<LogtoOAuthErrorWire>(res)).toMatchObject({ error: 'invalid_client' });
    }
  });

  it('refuses a wrong or missing resource with 400 invalid_target', async () => {
    for (const resource of ['https://other.logto.app/api', undefined]) {
      const res = await requestToken(tokenForm({ resource }));
      expect(res.status).toBe(400);
      expect(await json<LogtoOAuthErrorWire>(res)).toMatchObject({ error: 'invalid_target' });
    }
  });

  it('checks grant type, scope and content type', async () => {
    const grant = await requestToken(tokenForm({ grant_type: 'password' }));
    expect(await json<LogtoOAuthErrorWire>(grant)).toMatchObject({ error: 'unsupported_grant_type' });
    const scope = await requestToken(tokenForm({ scope: 'all write:users' }));
    expect(scope.status).toBe(400);
    expect(await json<LogtoOAuthErrorWire>(scope)).toMatchObject({ error: 'invalid_scope' });
    for (const [type, body] of [
      ['application/json1', JSON.stringify(Object.fromEntries(tokenForm()))],
      ['text/plain', tokenForm().toString()],
    ] as const) {
      const res = await fetch(`${sb.origin}/oidc/token`, { method: 'POST', headers: { 'content-type': type }, body });
      expect(res.status).toBe(400);
      expect(await json<LogtoOAuthErrorWire>(res)).toEqual({
        error: 'invalid_request',
        error_description: 'only application/x-www-form-urlencoded content-type bodies are supported on POST /token',
      });
    }
  });

  it('takes a JSON object as the form, as Logto does', async () => {
    const asJson = await fetch(`${sb.origin}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Object.fromEntries(tokenForm())),
    });
    expect(asJson.status).toBe(200);
    const body = await json<LogtoTokenWire>(asJson);
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'all' });
    expect((await api('/api/connectors', {}, body.access_token)).status).toBe(200);
    // JSON that does not parse carries no parameters, so no client authentication either.
    const malformed = await fetch(`${sb.origin}/oidc/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'this is not a json' });
    expect(malformed.status).toBe(401);
    expect(await json<LogtoOAuthErrorWire>(malformed)).toMatchObject({ error: 'invalid_client' });
  });

  it('decodes a form body in the charset its Content-Type names', async () => {
    for (const charset of ['utf16le', 'latin1', 'utf-8'] as const) {
      const res = await fetch(`${sb.origin}/oidc/token`, {
        method: 'POST',
        headers: { 'content-type': `application/x-www-form-urlencoded; charset=${charset}` },
        body: Buffer.from(tokenForm().toString(), charset === 'utf-8' ? 'utf8' : charset),
      });
      expect(res.status).toBe(200);
    }
    const unknown = await fetch(`${sb.origin}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=klingon' },
      body: tokenForm(),
    });
    expect(unknown.status).toBe(400);
    expect(await json<LogtoOAuthErrorWire>(unknown)).toMatchObject({ error: 'invalid_request', error_description: "charset 'klingon' is not supported" });
  });

  it('does not take multipart/form-data, which oidc-provider refuses', async () => {
    const form = new FormData();
    for (const [key, value] of tokenForm()) form.set(key, value);
    const res = await fetch(`${sb.origin}/oidc/token`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(await json<LogtoOAuthErrorWire>(res)).toMatchObject({ error: 'invalid_request' });
  });

  it('issues a token without scope when none is asked for, which the API refuses with 403', async () => {
    const res = await requestToken(tokenForm({ scope: undefined }));
    const body = await json<LogtoTokenWire>(res);
    expect(body.scope).toBeUndefined();
    await expectError(await api('/api/connectors', {}, body.access_token), 403, 'auth.forbidden');
  });
});

describe('bearer authentication', () => {
  it('answers 401 with Logto error codes', async () => {
    await expectError(await api('/api/connectors', {}, null), 401, 'auth.authorization_header_missing');
    const basic = await api('/api/connectors', { headers: { authorization: 'Basic eDp5' } }, null);
    const body = await expectError(basic, 401, 'auth.authorization_token_type_not_supported');
    expect(body.data).toEqual({ supportedTypes: ['Bearer'] });
    await expectError(await api('/api/connectors', {}, 'not-a-token'), 401, 'auth.unauthorized');
  });

  it('refuses expired tokens until a new one is fetched', async () => {
    const own = await fetchToken();
    sb.expireTokens();
    await expectError(await api('/api/connectors', {}, own), 401, 'auth.unauthorized');
    token = await fetchToken();
    expect((await api('/api/connectors')).status).toBe(200);
  });

  it('needs a token for unknown API paths too, then answers 404', async () => {
    await expectError(await api('/api/users', {}, null), 401, 'auth.authorization_header_missing');
    await expectError(await api('/api/users'), 404, 'entity.not_found');
    await expectError(await api(`/api/connectors/${GOOGLE}/secrets`), 404, 'entity.not_found');
    await expectError(await fetch(`${sb.origin}/nowhere`), 404, 'entity.not_found');
  });

  it('answers 405 with Allow for a known path and another method', async () => {
    const res = await api(`/api/connectors/${GOOGLE}`, { method: 'PUT' });
    await expectError(res, 405, 'request.general');
    expect(res.headers.get('allow')).toBe('GET, PATCH, DELETE');
  });
});

describe('GET /api/connectors', () => {
  it('lists every connector merged with its factory metadata', async () => {
    const res = await api('/api/connectors');
    expect(res.status).toBe(200);
    const connectors = await json<LogtoConnectorWire[]>(res);
    expect(connectors.map((c) => c.id)).toEqual(SEED_CONNECTOR_IDS);
    const google = connectors[0]!;
    expect(Object.keys(google)).toEqual([
      'id',
      'syncProfile',
      'enableTokenStorage',
      'config',
      'metadata',
      'connectorId',
      'target',
      'name',
      'description',
      'logo',
      'logoDark',
      'readme',
      'configTemplate',
      'formItems',
      'platform',
      'isTokenStorageSupported',
      'type',
      'isDemo',
      'extraInfo',
    ]);
    const factory = seed.factories.find((f) => f.id === 'google-universal')!;
    expect(google).toMatchObject({
      id: GOOGLE,
      connectorId: 'google-universal',
      syncProfile: true,
      enableTokenStorage: true,
      metadata: {},
      target: 'google',
      name: { en: 'Google', 'zh-CN': '谷歌' },
      platform: 'Universal',
      type: 'Social',
      isDemo: false,
      extraInfo: {},
      logo: factory.logo,
      formItems: factory.formItems,
    });
    // Secrets come back in plain text, as Logto sends them.
    expect(google.config).toMatchObject({ clientSecret: 'GOCSPX-sandbox-Zq81LmVt4RkE2wYc', prompts: ['select_account'] });
    const sendgrid = connectors.find((c) => c.id === SENDGRID)!;
    expect(sendgrid).toMatchObject({ type: 'Email', platform: null, target: 'sendgrid-email', syncProfile: false });
    expect(sendgrid.config.apiKey).toMatch(/^SG\./);
  });

  it('reports a standard connector with its own metadata over the factory one', async () => {
    const oidc = (await json<LogtoConnectorWire[]>(await api('/api/connectors'))).find((c) => c.id === OIDC)!;
    expect(oidc).toMatchObject({
      connectorId: 'oidc',
      target: 'acme-workforce',
      name: { en: 'Acme Workforce SSO' },
      metadata: { target: 'acme-workforce', name: { en: 'Acme Workforce SSO', de: 'Acme Mitarbeiter-SSO' }, logoDark: null },
      isStandard: true,
      description: { en: seed.factories.find((f) => f.id === 'oidc')!.description.en },
    });
    expect(oidc.logo).not.toBe(seed.factories.find((f) => f.id === 'oidc')!.logo);
  });

  it('filters by (merged) target', async () => {
    const ids = async (target: string): Promise<string[]> =>
      (await json<LogtoConnectorWire[]>(await api(`/api/connectors?target=${encodeURIComponent(target)}`))).map((c) => c.id);
    expect(await ids('github')).toEqual([GITHUB]);
    expect(await ids('acme-workforce')).toEqual([OIDC]);
    expect(await ids('oidc')).toEqual([]);
    expect(await ids('nothing-here')).toEqual([]);
    expect(await ids('')).toEqual(SEED_CONNECTOR_IDS);
  });
});

describe('GET /api/connectors/{id} and ETags', () => {
  it('answers one connector with a strong ETag of its body', async () => {
    const res = await api(`/api/connectors/${GITHUB}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]+-[A-Za-z0-9+/]{27}"$/);
    expect(etag).toBe(bodyEtag(text));
    expect(JSON.parse(text)).toMatchObject({ id: GITHUB, target: 'github', logoDark: expect.stringMatching(/^data:image/) });
  });

  it('answers 304 without a body to a matching If-None-Match', async () => {
    const first = await api(`/api/connectors/${GITHUB}`);
    const etag = first.headers.get('etag')!;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await api(`/api/connectors/${GITHUB}`, { headers: ifNoneMatch(header) });
      expect(res.status, header).toBe(304);
      expect(res.headers.get('etag')).toBe(etag);
      expect(await res.text()).toBe('');
    }
    const stale = await api(`/api/connectors/${GITHUB}`, { headers: ifNoneMatch('"0-stale"') });
    expect(stale.status).toBe(200);
    const noCache = await api(`/api/connectors/${GITHUB}`, { headers: { 'if-none-match': etag, 'cache-control': 'no-cache' } });
    expect(noCache.status).toBe(200);
  });

  it('changes the ETag when the connector changes, on the list too', async () => {
    const list = await api('/api/connectors');
    const listEtag = list.headers.get('etag')!;
    const one = await api(`/api/connectors/${GITHUB}`);
    const etag = one.headers.get('etag')!;
    expect((await api('/api/connectors', { headers: ifNoneMatch(listEtag) })).status).toBe(304);
    expect((await send('PATCH', `/api/connectors/${GITHUB}`, { syncProfile: true })).status).toBe(200);
    const after = await api(`/api/connectors/${GITHUB}`, { headers: ifNoneMatch(etag) });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect((await api('/api/connectors', { headers: ifNoneMatch(listEtag) })).status).toBe(200);
  });

  it('answers 404 entity.not_found for an unknown id', async () => {
    await expectError(await api('/api/connectors/unknown0id00'), 404, 'entity.not_found');
  });
});

describe('connector factories', () => {
  it('lists every factory', async () => {
    const res = await api('/api/connector-factories');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^"/);
    const factories = await json<LogtoConnectorFactoryWire[]>(res);
    expect(factories.map((f) => f.id)).toEqual(FACTORY_IDS);
    expect(Object.keys(factories[0]!)).toEqual([
      'type',
      'isDemo',
      'id',
      'target',
      'name',
      'description',
      'logo',
      'logoDark',
      'readme',
      'configTemplate',
      'formItems',
      'platform',
    ]);
    expect(factories).toEqual(seed.factories);
  });

  it('answers one factory with its form', async () => {
    const res = await api('/api/connector-factories/azure-ad');
    const factory = await json<LogtoConnectorFactoryWire>(res);
    expect(factory).toMatchObject({ id: 'azure-ad', type: 'Social', target: 'azuread', platform: 'Universal', name: { en: 'Microsoft Entra ID' } });
    expect(factory.formItems?.find((item) => item.key === 'clientSecret')).toMatchObject({ type: 'Text', required: true, isConfidential: true });
    expect(factory.formItems?.find((item) => item.key === 'cloudInstance')).toMatchObject({
      type: 'Select',
      required: true,
      selectItems: expect.arrayContaining([{ value: 'https://login.microsoftonline.us', title: 'Azure US Government' }]),
    });
    const again = await api('/api/connector-factories/azure-ad', { headers: ifNoneMatch(res.headers.get('etag')!) });
    expect(again.status).toBe(304);
  });

  it('answers 404 entity.not_found for an unknown factory', async () => {
    await expectError(await api('/api/connector-factories/okta'), 404, 'entity.not_found');
  });
});

describe('POST /api/connectors', () => {
  it('creates a connector with a generated id', async () => {
    const res = await send('POST', '/api/connectors', {
      connectorId: 'facebook-universal',
      config: { clientId: '1234567890', clientSecret: 'fb-secret', scope: 'email' },
      unknownField: 'dropped',
    });
    expect(res.status).toBe(200);
    const created = await json<LogtoConnectorWire>(res);
    expect(created.id).toMatch(/^[0-9a-z]{12}$/);
    expect(created).toMatchObject({
      connectorId: 'facebook-universal',
      target: 'facebook',
      type: 'Social',
      syncProfile: false,
      enableTokenStorage: false,
      metadata: {},
      config: { clientId: '1234567890', clientSecret: 'fb-secret', scope: 'email' },
    });
    expect(storedIds()).toEqual([...SEED_CONNECTOR_IDS, created.id]);
    expect((await api(`/api/connectors/${created.id}`)).status).toBe(200);
  });

  it('takes a proposed id and stores the config without empty values', async () => {
    const res = await send('POST', '/api/connectors', {
      id: 'apple-main',
      connectorId: 'apple-universal',
      syncProfile: true,
      config: {
        clientId: 'com.example.signin',
        teamId: 'TEAM123456',
        keyId: 'KEY1234567',
        privateKey: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----',
        scope: '',
        extra: null,
      },
    });
    expect(res.status).toBe(200);
    const created = await json<LogtoConnectorWire>(res);
    expect(created.id).toBe('apple-main');
    expect(created.syncProfile).toBe(true);
    expect(Object.keys(created.config).sort()).toEqual(['clientId', 'keyId', 'privateKey', 'teamId']);
    expect(sb.store.connector('apple-main')?.config.teamId).toBe('TEAM123456');
  });

  it('refuses a config that misses a required item', async () => {
    const res = await send('POST', '/api/connectors', { connectorId: 'facebook-universal', config: { clientId: '1234567890' } });
    const body = await expectError(res, 400, 'connector.invalid_config');
    expect(issuePaths(body)).toEqual([['clientSecret']]);
    expect(body.details).toBe('Error in key path "clientSecret": (invalid_type) Expected string but received undefined.');
    expect(storedIds()).toEqual(SEED_CONNECTOR_IDS);
  });

  it('checks Select, Number, Switch and Json items, and only shown items', async () => {
    const smtp = { host: 'smtp.example.com', port: 587, authType: 'login', username: 'mailer', password: 'pw', fromEmail: 'a@example.com', templates: [] };
    const bad = await send('POST', '/api/connectors', {
      connectorId: 'simple-mail-transfer-protocol',
      config: { ...smtp, authType: 'kerberos', port: '587', secure: 'yes', customHeaders: 'X-A: 1' },
    });
    const body = await expectError(bad, 400, 'connector.invalid_config');
    expect(issuePaths(body)).toEqual([['port'], ['secure'], ['authType'], ['customHeaders']]);
    expect((body.data as { issues: Record<string, unknown>[] }).issues[2]).toMatchObject({
      code: 'invalid_enum_value',
      options: ['login', 'oauth2'],
      received: 'kerberos',
    });
    expect(storedIds()).toEqual(SEED_CONNECTOR_IDS);
    // With OAuth 2.0 the password item is hidden (not required) and the access token is shown (and required).
    const oauth = { ...smtp, authType: 'oauth2', password: undefined };
    const missingToken = await send('POST', '/api/connectors', { connectorId: 'simple-mail-transfer-protocol', config: oauth });
    expect(issuePaths(await expectError(missingToken, 400, 'connector.invalid_config'))).toEqual([['accessToken']]);
    const ok = await send('POST', '/api/connectors', { connectorId: 'simple-mail-transfer-protocol', config: { ...oauth, accessToken: 'ya29.token' } });
    expect(ok.status).toBe(200);
  });

  it('keeps one Email connector: a new one replaces the old', async () => {
    const res = await send('POST', '/api/connectors', {
      connectorId: 'aliyun-direct-mail',
      config: { accessKeyId: 'LTAI5t', accessKeySecret: 'secret', accountName: 'no-reply@mail.example.com', regionId: 'ap-southeast-1', templates: [] },
    });
    expect(res.status).toBe(200);
    const created = await json<LogtoConnectorWire>(res);
    expect(storedIds()).toEqual([...SEED_CONNECTOR_IDS.filter((id) => id !== SENDGRID), created.id]);
    await expectError(await api(`/api/connectors/${SENDGRID}`), 404, 'entity.not_found');
  });

  it('refuses an unknown factory with 422', async () => {
    const res = await send('POST', '/api/connectors', { connectorId: 'okta-universal', config: {} });
    await expectError(res, 422, 'connector.not_found_with_connector_id');
    expect(storedIds()).toEqual(SEED_CONNECTOR_IDS);
  });

  it('refuses a taken id with 422', async () => {
    const res = await send('POST', '/api/connectors', { id: GOOGLE, connectorId: 'wechat-web', config: { appId: 'wx1', appSecret: 's' } });
    await expectError(res, 422, 'entity.unique_integrity_violation');
    expect(storedIds()).toEqual(SEED_CONNECTOR_IDS);
    expect(sb.store.connector(GOOGLE)?.connectorId).toBe('google-universal');
  });

  it('applies the social connector rules', async () => {
    const google = { clientId: 'x.apps.googleusercontent.com', clientSecret: 'y' };
    await expectError(
      await send('POST', '/api/connectors', { connectorId: 'google-universal', config: google }),
      422,
      'connector.multiple_instances_not_supported',
    );
    await expectError(
      await send('POST', '/api/connectors', { connectorId: 'wechat-native', metadata: { name: { en: 'Mine' } }, config: {} }),
      400,
      'connector.cannot_overwrite_metadata_for_non_standard_connector',
    );
    const oidcConfig = { ...seed.connectors.find((c) => c.id === OIDC)!.config };
    await expectError(await send('POST', '/api/connectors', { connectorId: 'oidc', config: oidcConfig }), 400, 'connector.should_specify_target');
    const clash = await send('POST', '/api/connectors', { connectorId: 'oidc', metadata: { target: 'google' }, config: oidcConfig });
    const body = await expectError(clash, 422, 'connector.multiple_target_with_same_platform');
    expect(body.data).toEqual({ connectorId: 'google-universal', connectorName: expect.objectContaining({ en: 'Google' }) });
    expect(storedIds()).toEqual(SEED_CONNECTOR_IDS);
    // A second standard connector with its own target is fine, and so is the same target on another platform.
    const partner = await send('POST', '/api/connectors', {
      connectorId: 'oidc',
      metadata: { target: 'partner-idp', name: { en: 'Partner' } },
      config: oidcConfig,
    });
    expect(partner.status).toBe(200);
    expect(await json<LogtoConnectorWire>(partner)).toMatchObject({ target: 'partner-idp', name: { en: 'Partner' }, isStandard: true });
    expect((await send('POST', '/api/connectors', { connectorId: 'wechat-web', config: { appId: 'wx1', appSecret: 's' } })).status).toBe(200);
    expect((await send('POST', '/api/connectors', { connectorId: 'wechat-native', config: { appId: 'wx1', appSecret: 's' } })).status).toBe(200);
    expect(sb.store.connectors()).toHaveLength(SEED_CONNECTOR_IDS.length + 3);
  });

  it('validates the body with guard.invalid_input', async () => {
    const missing = await expectError(await send('POST', '/api/connectors', { config: {} }), 400, 'guard.invalid_input');
    expect(issuePaths(missing)).toEqual([['connectorId']]);
    expect(missing.details).toContain('"connectorId"');
    const tooLong = await expectError(
      await send('POST', '/api/connectors', { connectorId: 'github-universal', id: 'x'.repeat(129) }),
      400,
      'guard.invalid_input',
    );
    expect(issuePaths(tooLong)).toEqual([['id']]);
    await expectError(await send('POST', '/api/connectors', [{ connectorId: 'github-universal' }]), 400, 'guard.invalid_input');
    await expectError(await send('POST', '/api/connectors', { connectorId: 'github-universal', config: 'x', syncProfile: 'yes' }), 400, 'guard.invalid_input');
    const malformed = await api('/api/connectors', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"connectorId":' });
    await expectError(malformed, 400, 'guard.invalid_input');
    const plain = await api('/api/connectors', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"connectorId":"github-universal"}' });
    await expectError(plain, 400, 'guard.invalid_input');
    const huge = await send('POST', '/api/connectors', { connectorId: 'github-universal', config: { blob: 'x'.repeat(1024 * 1024) } });
    await expectError(huge, 413, 'request.general');
    expect(storedIds()).toEqual(SEED_CONNECTOR_IDS);
  });
});

describe('PATCH /api/connectors/{id}', () => {
  it('replaces config whole and keeps omitted fields', async () => {
    const res = await send('PATCH', `/api/connectors/${GITHUB}`, { config: { clientId: 'Iv1.new', clientSecret: 'new-secret' } });
    expect(res.status).toBe(200);
    const updated = await json<LogtoConnectorWire>(res);
    expect(updated.config).toEqual({ clientId: 'Iv1.new', clientSecret: 'new-secret' });
    expect(updated).toMatchObject({ syncProfile: false, metadata: {}, target: 'github' });
    expect(sb.store.connector(GITHUB)?.config).toEqual({ clientId: 'Iv1.new', clientSecret: 'new-secret' });

    const again = await json<LogtoConnectorWire>(await send('PATCH', `/api/connectors/${GITHUB}`, { syncProfile: true, enableTokenStorage: true }));
    expect(again).toMatchObject({ syncProfile: true, enableTokenStorage: true, config: { clientId: 'Iv1.new', clientSecret: 'new-secret' } });
    const empty = await json<LogtoConnectorWire>(await send('PATCH', `/api/connectors/${GITHUB}`, {}));
    expect(empty).toEqual(again);
  });

  it('refuses an invalid config and changes nothing', async () => {
    const before = sb.store.connector(GOOGLE);
    const res = await send('PATCH', `/api/connectors/${GOOGLE}`, { config: { clientId: 'x', clientSecret: 'y', prompts: ['always'] } });
    const body = await expectError(res, 400, 'connector.invalid_config');
    expect(issuePaths(body)).toEqual([['prompts', 0]]);
    expect(sb.store.connector(GOOGLE)).toEqual(before);
  });

  it('applies the metadata and sync rules', async () => {
    await expectError(await send('PATCH', `/api/connectors/${SENDGRID}`, { syncProfile: true }), 422, 'connector.invalid_type_for_syncing_profile');
    expect((await send('PATCH', `/api/connectors/${SENDGRID}`, { syncProfile: false })).status).toBe(200);
    await expectError(
      await send('PATCH', `/api/connectors/${GOOGLE}`, { metadata: { name: { en: 'G' } } }),
      400,
      'connector.cannot_overwrite_metadata_for_non_standard_connector',
    );
    await expectError(await send('PATCH', `/api/connectors/${OIDC}`, { metadata: { target: 'other' } }), 400, 'connector.can_not_modify_target');
    await expectError(await send('PATCH', `/api/connectors/${OIDC}`, { metadata: { name: { en: 'No target' } } }), 400, 'connector.can_not_modify_target');
    const renamed = await send('PATCH', `/api/connectors/${OIDC}`, { metadata: { target: 'acme-workforce', name: { en: 'Acme SSO' } } });
    expect(renamed.status).toBe(200);
    const body = await json<LogtoConnectorWire>(renamed);
    // Metadata is replaced whole: the custom logo is gone and the factory's shows through.
    expect(body).toMatchObject({ target: 'acme-workforce', name: { en: 'Acme SSO' }, metadata: { target: 'acme-workforce', name: { en: 'Acme SSO' } } });
    expect(body.logo).toBe(seed.factories.find((f) => f.id === 'oidc')!.logo);
  });

  it('answers 404 entity.not_found for an unknown id', async () => {
    await expectError(await send('PATCH', '/api/connectors/unknown0id00', { syncProfile: true }), 404, 'entity.not_found');
  });
});

describe('DELETE /api/connectors/{id}', () => {
  it('deletes, then answers 404', async () => {
    const res = await api(`/api/connectors/${GITHUB}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(storedIds()).toEqual(SEED_CONNECTOR_IDS.filter((id) => id !== GITHUB));
    await expectError(await api(`/api/connectors/${GITHUB}`), 404, 'entity.not_found');
    await expectError(await api(`/api/connectors/${GITHUB}`, { method: 'DELETE' }), 404, 'entity.not_exists_with_id');
    // The factory is free again.
    const config = seed.connectors.find((c) => c.id === GITHUB)!.config;
    expect((await send('POST', '/api/connectors', { connectorId: 'github-universal', config })).status).toBe(200);
  });
});

describe('POST /api/connectors/{factoryId}/test', () => {
  const twilio = seed.connectors.find((c) => c.connectorId === 'twilio-short-message-service')!.config;
  const sendgrid = seed.connectors.find((c) => c.connectorId === 'sendgrid-email-service')!.config;

  it('answers 204 for a valid config and recipient', async () => {
    const sms = await send('POST', '/api/connectors/twilio-short-message-service/test', { phone: '15550100123', config: twilio });
    expect(sms.status).toBe(204);
    const email = await send('POST', '/api/connectors/sendgrid-email-service/test', { email: 'qa@example.com', config: sendgrid, locale: 'de' });
    expect(email.status).toBe(204);
    // A factory without a connector can be tested too; nothing is created either way.
    const aliyun = { accessKeyId: 'LTAI5t', accessKeySecret: 's', signName: 'Sandbox', endpoint: 'dysmsapi.aliyuncs.com', templates: [] };
    expect((await send('POST', '/api/connectors/aliyun-short-message-service/test', { phone: '8613800000000', config: aliyun })).status).toBe(204);
    expect(storedIds()).toEqual(SEED_CONNECTOR_IDS);
  });

  it('fails with 400 connector.general when a required item is "fail"', async () => {
    const res = await send('POST', '/api/connectors/sendgrid-email-service/test', { email: 'qa@example.com', config: { ...sendgrid, apiKey: 'fail' } });
    const body = await expectError(res, 400, 'connector.general');
    expect(body.message).toContain('apiKey');
  });

  it('refuses bad input', async () => {
    await expectError(await send('POST', '/api/connectors/twilio-short-message-service/test', { config: twilio }), 400, 'guard.invalid_input');
    await expectError(await send('POST', '/api/connectors/twilio-short-message-service/test', { phone: '+1 555', config: twilio }), 400, 'guard.invalid_input');
    await expectError(await send('POST', '/api/connectors/twilio-short-message-service/test', { phone: '1555' }), 400, 'guard.invalid_input');
    await expectError(await send('POST', '/api/connectors/sendgrid-email-service/test', { phone: '1555', config: sendgrid }), 400, 'connector.unexpected_type');
    const invalid = await send('POST', '/api/connectors/twilio-short-message-service/test', { phone: '1555', config: { ...twilio, templates: 'none' } });
    expect(issuePaths(await expectError(invalid, 400, 'connector.invalid_config'))).toEqual([['templates']]);
    await expectError(await send('POST', '/api/connectors/google-universal/test', { email: 'qa@example.com', config: {} }), 404, 'connector.not_found');
    await expectError(await send('POST', '/api/connectors/nothing/test', { email: 'qa@example.com', config: {} }), 404, 'connector.not_found');
  });
});

describe('POST /api/connectors/{connectorId}/authorization-uri', () => {
  const request = { state: 'st4te', redirectUri: 'https://app.example.com/callback' };

  it('builds the provider URI from the stored config', async () => {
    const res = await send('POST', `/api/connectors/${GOOGLE}/authorization-uri`, request);
    expect(res.status).toBe(200);
    const { redirectTo } = await json<{ redirectTo: string }>(res);
    const url = new URL(redirectTo);
    expect(`${url.origin}${url.pathname}`).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: '418275069311-s4ndb0xg00g1e.apps.googleusercontent.com',
      redirect_uri: 'https://app.example.com/callback',
      response_type: 'code',
      state: 'st4te',
      scope: 'openid profile email',
      prompt: 'select_account',
    });
    const azure = await json<{ redirectTo: string }>(await send('POST', '/api/connectors/b8w1n5q0s3za/authorization-uri', request));
    expect(azure.redirectTo).toMatch(/^https:\/\/login\.microsoftonline\.com\/9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\/oauth2\/v2\.0\/authorize\?/);
    const github = await json<{ redirectTo: string }>(await send('POST', `/api/connectors/${GITHUB}/authorization-uri`, request));
    expect(new URL(github.redirectTo).searchParams.get('scope')).toBe('read:user user:email');
    // A native connector answers a custom-scheme URI for the provider's SDK.
    const native = await json<LogtoConnectorWire>(
      await send('POST', '/api/connectors', {
        connectorId: 'wechat-native',
        config: { appId: 'wx5f', appSecret: 's', universalLinks: 'https://example.com/wx/' },
      }),
    );
    const wechat = await json<{ redirectTo: string }>(await send('POST', `/api/connectors/${native.id}/authorization-uri`, request));
    expect(wechat.redirectTo).toBe('wechat-native://authorize?app_id=wx5f&state=st4te&universal_links=https%3A%2F%2Fexample.com%2Fwx%2F');
  });

  it('refuses what Logto refuses', async () => {
    await expectError(await send('POST', `/api/connectors/${SENDGRID}/authorization-uri`, request), 400, 'connector.unexpected_type');
    await expectError(await send('POST', `/api/connectors/${OIDC}/authorization-uri`, request), 400, 'connector.not_implemented');
    await expectError(await send('POST', '/api/connectors/unknown0id00/authorization-uri', request), 404, 'entity.not_found');
    await expectError(await send('POST', `/api/connectors/${GOOGLE}/authorization-uri`, { ...request, state: '' }), 400, 'session.insufficient_info');
    await expectError(await send('POST', `/api/connectors/${GOOGLE}/authorization-uri`, { state: 'x' }), 400, 'guard.invalid_input');
    // A connector created without config cannot build it.
    const bare = await json<LogtoConnectorWire>(await send('POST', '/api/connectors', { connectorId: 'facebook-universal' }));
    await expectError(await send('POST', `/api/connectors/${bare.id}/authorization-uri`, request), 400, 'connector.invalid_config');
  });
});

describe('faults, latency and the request log', () => {
  it('injects a status fault with a Logto body, once', async () => {
    sb.injectFault({ match: { method: 'GET', pathPrefix: '/api/connectors' }, status: 429, retryAfter: 2 });
    const limited = await api('/api/connectors');
    await expectError(limited, 429, 'request.general');
    expect(limited.headers.get('retry-after')).toBe('2');
    sb.injectFault({ match: { pathPrefix: '/api/connector-factories' }, status: 500 });
    const failed = await api('/api/connector-factories');
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ message: 'Internal server error.' });
    expect((await api('/api/connectors')).status).toBe(200);
    expect(sb.log.count({ faulted: true })).toBe(2);
  });

  it('takes faults from the control endpoint and resets connections', async () => {
    const queued = await fetch(`${sb.origin}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { method: 'POST', pathPrefix: '/oidc/token', reset: true },
        { pathPrefix: '/api/connectors/', status: 404 },
      ]),
    });
    expect(queued.status).toBe(201);
    await expect(requestToken(tokenForm())).rejects.toThrow();
    await expectError(await api(`/api/connectors/${GOOGLE}`), 404, 'entity.not_found');
    expect((await api(`/api/connectors/${GOOGLE}`)).status).toBe(200);
  });

  it('adds latency', async () => {
    sb.setLatency(120);
    const started = performance.now();
    await api('/api/connector-factories/github-universal');
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    sb.setLatency(0);
  });

  it('logs every request with its status and authorization', async () => {
    await api('/api/connectors');
    await api('/api/connectors?target=google');
    await api('/api/connectors', {}, null);
    await send('POST', '/api/connectors', { connectorId: 'nope' });
    await requestToken(tokenForm());
    await requestToken(tokenForm({ client_secret: 'wrong' }));
    expect(sb.log.count()).toBe(6);
    expect(sb.log.count({ method: 'GET', path: '/api/connectors' })).toBe(3);
    expect(sb.log.count({ path: '/api/connectors', authorized: false })).toBe(1);
    expect(sb.log.count({ status: 422 })).toBe(1);
    expect(sb.log.entries({ path: '/oidc/token' }).map((e) => [e.status, e.authorized])).toEqual([
      [200, true],
      [401, false],
    ]);
    expect(sb.log.entries((e) => e.query === 'target=google')).toHaveLength(1);
    const control = await json<{ entries: unknown[] }>(await fetch(`${sb.origin}/__sandbox/log`));
    expect(control.entries).toHaveLength(6);
    sb.log.reset();
    expect(sb.log.count()).toBe(0);
  });
});
