/**
 * The ConductorOne sandbox over real HTTP: the token endpoint (plain client secret in the body only), bearer checks,
 * connector list paging with opaque page tokens, get, both creates, field-mask updates, delete, app get/list/search,
 * grpc-gateway error bodies, fault injection, latency and the request log.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CONDUCTORONE_SANDBOX_CLIENT_ID,
  CONDUCTORONE_SANDBOX_CLIENT_SECRET,
  startConductorOneSandbox,
  type ConductorOneSandbox,
} from '../../src/sources/conductorone/sandbox/server.js';
import { createConductorOneSeed } from '../../src/sources/conductorone/sandbox/seed.js';
import {
  C1_APP_TYPE_URL,
  C1_JWT_ASSERTION_TYPE,
  type C1AppSearchResponseWire,
  type C1AppServiceGetResponse,
  type C1AppServiceListResponse,
  type C1ConnectorServiceCreateResponse,
  type C1ConnectorServiceGetResponse,
  type C1ConnectorServiceListResponse,
  type C1ConnectorServiceUpdateResponse,
  type C1ConnectorWire,
  type C1ErrorWire,
  type C1OAuthErrorWire,
  type C1TokenWire,
} from '../../src/sources/conductorone/types.js';

const seed = createConductorOneSeed();

const APP = {
  okta: '2afML2Int2TCuGdC4eAwSVm5A0N',
  github: '2azhamzptLx9h3diiWeNw0zl3ts',
  aws: '2blImqcBzQhUAenejNEoxAdYi65',
  googleWorkspace: '2cG4u2V00M6pBYEBqvEEvvJK1Bc',
  salesforce: '2dE21LGSMZNxnN2fOvHP52Io3kG',
  slack: '2dquOqje498JtDNehh9qdXSnyPq',
  jira: '2eXey08ODYC3NEhsceBpdjb7o1x',
  snowflake: '2yJHxDfGv0qjaITo5W44q5f8mxw',
};
const APP_IDS_IN_ORDER = [APP.okta, APP.github, APP.aws, APP.googleWorkspace, APP.salesforce, APP.slack, APP.jira, APP.snowflake];
const CONNECTOR_COUNTS: Record<string, number> = {
  [APP.okta]: 1,
  [APP.github]: 8,
  [APP.aws]: 7,
  [APP.googleWorkspace]: 2,
  [APP.salesforce]: 3,
  [APP.slack]: 1,
  [APP.jira]: 5,
  [APP.snowflake]: 0,
};
/** The GitHub app's connectors in list (id = creation) order. */
const GITHUB_CONNECTORS = [
  '2aziRdLGpPPstwx9mXOqZejqv1v', // GitHub – acme
  '2ccnBkIyyVmESMZLy7fuM8FPmXB', // GitHub – acme-labs (RUNNING)
  '2exjD7FbW4WeLo98pOVsDDenR7d', // GitHub App – platform
  '2fuJCPBwWtBpQ0f9M67cZ8yxKh7', // GitHub App – acme-oss (ERROR)
  '2i3TXTCy7cFkqwfad7ySXlyT82u', // GitHub – acme-archive (DISABLED)
  '2lYMxDCJhulYtlNto5W3jdWvdKl', // GitHub Enterprise Server
  '2p9o4Wa0iccYjIKyzj6HRkrDTxp', // GitHub – sandbox org (ERROR)
  '2xgS0ZiMZRlOG2boAqECIv4MHUy', // GitHub – acquisitions (delegated, no config)
];
const OKTA_CONNECTOR = '2afNJLqXPtMbxCDBXC0N58WgCMn';
const GH_ACME = GITHUB_CONNECTORS[0] ?? '';
const GH_ARCHIVE = GITHUB_CONNECTORS[4] ?? '';
const GH_ACQUISITIONS = GITHUB_CONNECTORS[7] ?? '';
const CATALOG = {
  okta: '2PBtesC39nvnkRaVDG7VBDaBAWA',
  github: '2PBtmRMTY6pgaVrfPpt3ikciVeU',
  snowflake: '2PBudCIB45DPQ666XDv3hm1VxZu',
};
/** The seed's connector owners (C1 user ids), in seed order. */
const USERS = [
  '2XZ9BeleXRteKP1ldbO3UW0VSBW',
  '2XbyJKfakMHvkXVPjY4I7Lwj6o7',
  '2XenR2AHinS2KDh4yStEMKA7Hxb',
  '2XhcYepBo4NDlMOpsPRDe1LyXVM',
  '2XkRgLNMtp8ITo511SF3qx5VLVQ',
  '2XnGnuFYmTmbie2GIpoWqS4luJA',
] as const;
const SNOWFLAKE_CONFIG_TYPE = 'type.googleapis.com/c1.connector.v1.SnowflakeConfig';

let sb: ConductorOneSandbox;
let token: string;

function requestToken(body: string, contentType = 'application/x-www-form-urlencoded', headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${sb.origin}/auth/v1/token`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
}

function tokenForm(overrides: Record<string, string | undefined> = {}): string {
  const fields: Record<string, string | undefined> = {
    grant_type: 'client_credentials',
    client_id: sb.clientId,
    client_secret: sb.clientSecret,
    ...overrides,
  };
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) form.set(key, value);
  return form.toString();
}

async function fetchToken(): Promise<string> {
  return (await json<C1TokenWire>(await requestToken(tokenForm()))).access_token;
}

/** An authorized call below the API root (`path` starts with `/api/`). */
function api(path: string, init: RequestInit = {}, bearer: string | null = token, target: ConductorOneSandbox = sb): Promise<Response> {
  const headers = new Headers(init.headers);
  if (bearer !== null) headers.set('authorization', `Bearer ${bearer}`);
  return fetch(`${target.url}${path}`, { ...init, headers });
}

/** An authorized call with a JSON body. */
function send(method: string, path: string, body: unknown): Promise<Response> {
  return api(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** Asserts a grpc-gateway error answer and returns its body. */
async function expectStatus(res: Response, status: number, code: number): Promise<C1ErrorWire> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = await json<C1ErrorWire>(res);
  expect(body).toEqual({ code, message: expect.any(String), details: [] });
  return body;
}

const connectorsPath = (appId: string, query = ''): string => `/api/v1/apps/${appId}/connectors${query}`;
const connectorPath = (appId: string, id: string): string => `/api/v1/apps/${appId}/connectors/${id}`;

/** Walks every page of an app's connectors; returns the ids in order and the page tokens seen. */
async function walkConnectors(appId: string, pageSize: number): Promise<{ ids: string[]; tokens: string[]; pages: number }> {
  const ids: string[] = [];
  const tokens: string[] = [];
  let pageToken = '';
  let pages = 0;
  do {
    const query = `?page_size=${pageSize}${pageToken ? `&page_token=${encodeURIComponent(pageToken)}` : ''}`;
    const res = await api(connectorsPath(appId, query));
    expect(res.status).toBe(200);
    const body = await json<C1ConnectorServiceListResponse>(res);
    pages += 1;
    expect(body.list?.length ?? 0).toBeLessThanOrEqual(pageSize);
    expect(body.expanded).toEqual([]);
    ids.push(...(body.list ?? []).map((view) => view.connector?.id ?? ''));
    pageToken = body.nextPageToken ?? '';
    if (pageToken) tokens.push(pageToken);
    expect(pages).toBeLessThan(50);
  } while (pageToken);
  return { ids, tokens, pages };
}

async function firstPageToken(appId: string, pageSize = 2): Promise<string> {
  const body = await json<C1ConnectorServiceListResponse>(await api(connectorsPath(appId, `?page_size=${pageSize}`)));
  expect(body.nextPageToken).not.toBe('');
  return body.nextPageToken ?? '';
}

/** Replaces one character in the middle of a token with another of the same alphabet. */
function tamper(value: string): string {
  const at = Math.floor(value.length / 2);
  const replacement = value[at] === 'A' ? 'B' : 'A';
  return `${value.slice(0, at)}${replacement}${value.slice(at + 1)}`;
}

beforeAll(async () => {
  sb = await startConductorOneSandbox();
  token = await fetchToken();
});
afterAll(() => sb.close());
beforeEach(() => {
  sb.reset();
});

describe('seed', () => {
  it('has eight apps and 27 connectors spread over them, in id order', () => {
    expect(seed.apps.map((app) => app.id)).toEqual(APP_IDS_IN_ORDER);
    expect(seed.apps.map((app) => app.displayName)).toEqual(['Okta', 'GitHub', 'AWS', 'Google Workspace', 'Salesforce', 'Slack', 'Jira', 'Snowflake']);
    expect(seed.connectors).toHaveLength(27);
    for (const appId of APP_IDS_IN_ORDER) expect(seed.connectors.filter((c) => c.appId === appId)).toHaveLength(CONNECTOR_COUNTS[appId] ?? -1);
    expect(seed.connectors.filter((c) => c.appId === APP.github).map((c) => c.id)).toEqual(GITHUB_CONNECTORS);
    expect(seed.userIds).toEqual(USERS);
    const ids = seed.connectors.map((c) => c.id);
    expect(new Set(ids).size).toBe(27);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[0-9A-Za-z]{27}$/);
  });

  it('is deterministic', () => {
    expect(createConductorOneSeed()).toEqual(seed);
  });

  it('covers every sync state with the timestamps that belong to it', () => {
    const byStatus = (status: string) => seed.connectors.filter((c) => c.status.status === status);
    expect(byStatus('SYNC_STATUS_DONE')).toHaveLength(12);
    expect(byStatus('SYNC_STATUS_RUNNING')).toHaveLength(4);
    expect(byStatus('SYNC_STATUS_ERROR')).toHaveLength(5);
    expect(byStatus('SYNC_STATUS_DISABLED')).toHaveLength(3);
    expect(byStatus('SYNC_STATUS_UNSPECIFIED')).toHaveLength(3);
    for (const c of byStatus('SYNC_STATUS_DONE')) expect(c.status.completedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    for (const c of byStatus('SYNC_STATUS_RUNNING')) expect(c.status.startedAt).toBeTruthy();
    for (const c of byStatus('SYNC_STATUS_ERROR')) expect(c.status.lastError).not.toBe('');
    for (const c of byStatus('SYNC_STATUS_DISABLED')) {
      expect(c.syncDisabledAt).toBeTruthy();
      expect(c.syncDisabledCategory).not.toBe('');
      expect(c.syncDisabledReason).not.toBe('');
    }
    expect(seed.connectors.filter((c) => c.oauthAuthorizedAs !== null).map((c) => c.displayName)).toEqual([
      'Salesforce – production',
      'Slack Enterprise Grid',
      'Salesforce – full-copy sandbox',
    ]);
    expect(seed.connectors.filter((c) => c.config === null).map((c) => c.displayName)).toEqual(['GitHub – acquisitions', 'Jira – new site']);
  });
});

describe('token endpoint', () => {
  it('issues a bearer token for the client secret in a form body', async () => {
    const res = await requestToken(tokenForm());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await json<C1TokenWire>(res);
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
    expect((await api('/api/v1/apps', {}, body.access_token)).status).toBe(200);
  });

  it('also takes a JSON body', async () => {
    const res = await requestToken(
      JSON.stringify({ grant_type: 'client_credentials', client_id: CONDUCTORONE_SANDBOX_CLIENT_ID, client_secret: CONDUCTORONE_SANDBOX_CLIENT_SECRET }),
      'application/json',
    );
    expect(res.status).toBe(200);
    expect((await json<C1TokenWire>(res)).token_type).toBe('Bearer');
  });

  it('refuses a wrong secret, an unknown client and credentials in a Basic header', async () => {
    for (const body of [tokenForm({ client_secret: 'wrong' }), tokenForm({ client_id: 'someone-else@sandbox.conductor.one/pcc' })]) {
      const res = await requestToken(body);
      expect(res.status).toBe(401);
      expect((await json<C1OAuthErrorWire>(res)).error).toBe('invalid_client');
    }
    const basic = Buffer.from(`${encodeURIComponent(sb.clientId)}:${sb.clientSecret}`).toString('base64');
    const res = await requestToken(tokenForm({ client_id: undefined, client_secret: undefined }), undefined, { authorization: `Basic ${basic}` });
    expect(res.status).toBe(401);
    expect((await json<C1OAuthErrorWire>(res)).error).toBe('invalid_client');
  });

  it('refuses a JWT client assertion (the sandbox takes only the plain secret)', async () => {
    const res = await requestToken(
      tokenForm({ client_secret: undefined, client_assertion_type: C1_JWT_ASSERTION_TYPE, client_assertion: 'eyJhbGciOiJFZERTQSJ9.e30.c2ln' }),
    );
    expect(res.status).toBe(400);
    const body = await json<C1OAuthErrorWire>(res);
    expect(body.error).toBe('unsupported_client_auth');
    expect(body.error_description).toMatch(/client_secret/);
  });

  it('checks grant type and media type', async () => {
    let res = await requestToken(tokenForm({ grant_type: 'password' }));
    expect(res.status).toBe(400);
    expect((await json<C1OAuthErrorWire>(res)).error).toBe('unsupported_grant_type');
    res = await requestToken(tokenForm({ grant_type: undefined }));
    expect(res.status).toBe(400);
    expect((await json<C1OAuthErrorWire>(res)).error).toBe('invalid_request');
    res = await requestToken(tokenForm(), 'text/plain');
    expect(res.status).toBe(400);
    expect((await json<C1OAuthErrorWire>(res)).error).toBe('invalid_request');
  });
});

describe('bearer tokens', () => {
  it('answers 401 code 16 without, with an unknown and with an expired token', async () => {
    let body = await expectStatus(await api(connectorsPath(APP.github), {}, null), 401, 16);
    expect(body.message).toMatch(/no bearer token/);
    body = await expectStatus(await api(connectorsPath(APP.github), {}, 'not-a-token'), 401, 16);
    expect(body.message).toMatch(/not valid/);
    sb.expireTokens();
    body = await expectStatus(await api(connectorsPath(APP.github)), 401, 16);
    expect(body.message).toMatch(/expired/);
    token = await fetchToken();
    expect((await api(connectorsPath(APP.github))).status).toBe(200);
  });

  it('authenticates before routing; routing errors follow grpc-gateway', async () => {
    await expectStatus(await api('/api/v1/nothing-here', {}, null), 401, 16);
    await expectStatus(await api('/api/v1/nothing-here'), 404, 5);
    await expectStatus(await api(connectorsPath(APP.github), { method: 'PUT' }), 501, 12);
  });
});

describe('routing', () => {
  it('answers a known path with another method UNIMPLEMENTED, and an unknown path NOT_FOUND, as grpc-gateway does', async () => {
    await expectStatus(await api('/api/v1/search/apps'), 501, 12);
    await expectStatus(await api('/api/v1/nothing/here'), 404, 5);
  });
});

describe('GET /api/v1/apps/{app_id}/connectors', () => {
  it('lists an app’s connectors in id order with the default page size', async () => {
    const res = await api(connectorsPath(APP.github));
    expect(res.status).toBe(200);
    const body = await json<C1ConnectorServiceListResponse>(res);
    expect(body.list?.map((view) => view.connector?.id)).toEqual(GITHUB_CONNECTORS);
    expect(body.nextPageToken).toBe('');
    expect(body.expanded).toEqual([]);
    expect(body.list?.[0]).toMatchObject({ appPath: '', capabilitiesPath: '', usersPath: '' });
    for (const appId of APP_IDS_IN_ORDER) {
      const list = await json<C1ConnectorServiceListResponse>(await api(connectorsPath(appId)));
      expect(list.list).toHaveLength(CONNECTOR_COUNTS[appId] ?? -1);
    }
  });

  it.each([1, 7, 100])('visits every connector exactly once with page_size %i', async (pageSize) => {
    const { ids, tokens, pages } = await walkConnectors(APP.github, pageSize);
    expect(ids).toEqual(GITHUB_CONNECTORS);
    expect(pages).toBe(Math.ceil(GITHUB_CONNECTORS.length / pageSize));
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const pageToken of tokens) {
      expect(pageToken).toMatch(/^[A-Za-z0-9_-]+$/);
      // Opaque: neither the ids nor an offset can be read out of it.
      const decoded = Buffer.from(pageToken, 'base64url').toString('latin1');
      for (const id of GITHUB_CONNECTORS) expect(decoded).not.toContain(id);
      expect(decoded).not.toMatch(/"(after|offset)"/);
    }
  });

  it('walks the AWS app the same way (7 connectors, pages of 3)', async () => {
    const { ids, pages } = await walkConnectors(APP.aws, 3);
    expect(ids).toEqual(seed.connectors.filter((c) => c.appId === APP.aws).map((c) => c.id));
    expect(pages).toBe(3);
  });

  it('answers 400 code 3 to a tampered, truncated, foreign or other app’s page token', async () => {
    const pageToken = await firstPageToken(APP.github);
    for (const bad of [tamper(pageToken), pageToken.slice(0, -4), 'bm90LWEtdG9rZW4', 'not a token!']) {
      const body = await expectStatus(await api(connectorsPath(APP.github, `?page_size=2&page_token=${encodeURIComponent(bad)}`)), 400, 3);
      expect(body.message).toBe('invalid page token');
    }
    // A token from the GitHub listing does not continue the AWS one.
    await expectStatus(await api(connectorsPath(APP.aws, `?page_token=${encodeURIComponent(pageToken)}`)), 400, 3);
    // Nor one from another sandbox instance (another key).
    const other = await startConductorOneSandbox();
    try {
      const otherToken = (
        await json<C1TokenWire>(
          await fetch(`${other.origin}/auth/v1/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ grant_type: 'client_credentials', client_id: other.clientId, client_secret: other.clientSecret }),
          }),
        )
      ).access_token;
      await expectStatus(await api(connectorsPath(APP.github, `?page_token=${encodeURIComponent(pageToken)}`), {}, otherToken, other), 400, 3);
    } finally {
      await other.close();
    }
    // The genuine token still works.
    expect((await api(connectorsPath(APP.github, `?page_size=2&page_token=${encodeURIComponent(pageToken)}`))).status).toBe(200);
  });

  it('keeps its place when a connector already seen is deleted between pages', async () => {
    const pageToken = await firstPageToken(APP.github, 3);
    expect((await send('DELETE', connectorPath(APP.github, GITHUB_CONNECTORS[1] ?? ''), {})).status).toBe(200);
    const body = await json<C1ConnectorServiceListResponse>(await api(connectorsPath(APP.github, `?page_size=3&page_token=${encodeURIComponent(pageToken)}`)));
    expect(body.list?.map((view) => view.connector?.id)).toEqual(GITHUB_CONNECTORS.slice(3, 6));
  });

  it('checks page_size: negative or not a number is 400, too large is lowered to the maximum', async () => {
    await expectStatus(await api(connectorsPath(APP.github, '?page_size=-1')), 400, 3);
    await expectStatus(await api(connectorsPath(APP.github, '?page_size=ten')), 400, 3);
    const body = await json<C1ConnectorServiceListResponse>(await api(connectorsPath(APP.github, '?page_size=5000')));
    expect(body.list).toHaveLength(8);
    // The JSON name works too.
    const byJsonName = await json<C1ConnectorServiceListResponse>(await api(connectorsPath(APP.github, '?pageSize=2')));
    expect(byJsonName.list).toHaveLength(2);
  });

  it('honours the pageSizeMax option (and a default page size of at most that)', async () => {
    const small = await startConductorOneSandbox({ pageSizeMax: 3 });
    try {
      const res = await fetch(`${small.origin}/auth/v1/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: small.clientId, client_secret: small.clientSecret }),
      });
      const smallToken = (await json<C1TokenWire>(res)).access_token;
      for (const query of ['', '?page_size=50']) {
        const body = await json<C1ConnectorServiceListResponse>(await api(connectorsPath(APP.github, query), {}, smallToken, small));
        expect(body.list).toHaveLength(3);
        expect(body.nextPageToken).not.toBe('');
      }
    } finally {
      await small.close();
    }
  });

  it('answers an empty list for an app without connectors and 404 code 5 for an unknown app', async () => {
    const body = await json<C1ConnectorServiceListResponse>(await api(connectorsPath(APP.snowflake)));
    expect(body).toEqual({ list: [], nextPageToken: '', expanded: [] });
    const error = await expectStatus(await api(connectorsPath('2zzzzzzzzzzzzzzzzzzzzzzzzzz')), 404, 5);
    expect(error.message).toMatch(/app not found/);
  });
});

describe('GET /api/v1/apps/{app_id}/connectors/{id}', () => {
  it('answers the connector view with every field, secrets as stored', async () => {
    const res = await api(connectorPath(APP.okta, OKTA_CONNECTOR));
    expect(res.status).toBe(200);
    const body = await json<C1ConnectorServiceGetResponse>(res);
    expect(body.expanded).toEqual([]);
    expect(body.connectorView).toMatchObject({ appPath: '', capabilitiesPath: '', usersPath: '' });
    expect(body.connectorView?.connector).toEqual({
      appId: APP.okta,
      canResumeSync: false,
      catalogId: CATALOG.okta,
      config: {
        '@type': 'type.googleapis.com/c1.connector.v1.OktaConfig',
        domain: 'acme.okta.com',
        apiKey: 'sbx-okta-apiKey-c5f8c369ca6b',
        syncInactiveApps: false,
        ciam: false,
      },
      configUpdatedAt: '2025-02-11T10:00:00Z',
      connectorApiVersion: 2,
      connectorSyncCronSchedule: { cronSpec: '0 */6 * * *', timezone: 'UTC', start: '2024-01-08T09:20:00Z' },
      createdAt: '2024-01-08T09:20:00Z',
      description: 'Production Okta org; the directory of record.',
      disableCheckBadSync: false,
      displayName: 'Okta',
      downloadUrl: '',
      id: OKTA_CONNECTOR,
      parallelSyncWorkerCount: 2,
      profileAllowList: ['department', 'title', 'employeeNumber', 'manager'],
      profileIgnoreList: [],
      status: {
        status: 'SYNC_STATUS_DONE',
        startedAt: '2025-06-20T06:00:00Z',
        completedAt: '2025-06-20T06:14:00Z',
        lastError: '',
        updatedAt: '2025-06-20T06:14:00Z',
      },
      syncDisabledCategory: '',
      syncDisabledReason: '',
      updatedAt: '2025-02-11T10:00:00Z',
      userIds: [USERS[0], USERS[3]],
    } satisfies C1ConnectorWire);
  });

  it('shows disabled, delegated and OAuth connectors as stored', async () => {
    const archive = (await json<C1ConnectorServiceGetResponse>(await api(connectorPath(APP.github, GH_ARCHIVE)))).connectorView?.connector;
    expect(archive).toMatchObject({
      displayName: 'GitHub – acme-archive',
      connectorApiVersion: 1,
      status: { status: 'SYNC_STATUS_DISABLED', completedAt: '2025-03-13T05:06:00Z' },
      syncDisabledAt: '2025-03-14T09:30:00Z',
      syncDisabledCategory: 'manual',
      syncDisabledReason: 'Organization archived; sync paused by the app owner.',
    });
    const pending = (await json<C1ConnectorServiceGetResponse>(await api(connectorPath(APP.github, GH_ACQUISITIONS)))).connectorView?.connector;
    expect(pending).toMatchObject({ status: { status: 'SYNC_STATUS_UNSPECIFIED' } });
    // Unset messages and timestamps are left out (the vendor's document does not let them be null).
    for (const unset of ['config', 'configUpdatedAt', 'parallelSyncWorkerCount']) expect(pending).not.toHaveProperty(unset);
    expect(pending?.status).not.toHaveProperty('updatedAt');
    expect(archive?.status).not.toHaveProperty('startedAt');
    const salesforce = seed.connectors.find((c) => c.displayName === 'Salesforce – production');
    const sf = (await json<C1ConnectorServiceGetResponse>(await api(connectorPath(APP.salesforce, salesforce?.id ?? '')))).connectorView?.connector;
    expect(sf?.oauthAuthorizedAs).toEqual({ authEmail: 'bruno.keller@acme.example', authorizedAt: '2025-02-27T15:00:00Z' });
    expect(sf?.config?.clientSecret).toMatch(/^sbx-salesforce-clientSecret-[0-9a-f]{12}$/);
  });

  it('answers 404 code 5 for an unknown connector, and for a connector of another app', async () => {
    const body = await expectStatus(await api(connectorPath(APP.github, '2zzzzzzzzzzzzzzzzzzzzzzzzzz')), 404, 5);
    expect(body.message).toMatch(/connector not found/);
    await expectStatus(await api(connectorPath(APP.aws, GH_ACME)), 404, 5);
    await expectStatus(await api(connectorPath('unknown-app', GH_ACME)), 404, 5);
  });
});

describe('create', () => {
  const snowflakeConfig = {
    '@type': SNOWFLAKE_CONFIG_TYPE,
    accountUrl: 'https://acme-sbx.snowflakecomputing.com',
    userIdentifier: 'C1_SYNC',
    privateKey: 'sbx-snowflake-privateKey-000000000001',
  };

  it('creates a configured connector named after its catalog entry', async () => {
    const before = Date.now();
    const res = await send('POST', `${connectorsPath(APP.snowflake)}/create`, {
      catalogId: CATALOG.snowflake,
      config: snowflakeConfig,
      description: 'Warehouse grants',
      userIds: [USERS[2]],
      // Not a field of the request: ignored like every unknown field.
      displayName: 'ignored',
    });
    expect(res.status).toBe(200);
    const body = await json<C1ConnectorServiceCreateResponse>(res);
    expect(body.expanded).toEqual([]);
    const created = body.connectorView?.connector;
    expect(created).toMatchObject({
      appId: APP.snowflake,
      catalogId: CATALOG.snowflake,
      displayName: 'Snowflake',
      description: 'Warehouse grants',
      config: snowflakeConfig,
      userIds: [USERS[2]],
      status: { status: 'SYNC_STATUS_UNSPECIFIED', lastError: '' },
      profileAllowList: [],
    });
    expect(created?.id).toMatch(/^[0-9A-Za-z]{27}$/);
    expect(Date.parse(created?.createdAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(created?.configUpdatedAt).toBe(created?.createdAt);
    expect(sb.store.connectors(APP.snowflake).map((c) => c.id)).toEqual([created?.id]);
    const list = await json<C1ConnectorServiceListResponse>(await api(connectorsPath(APP.snowflake)));
    expect(list.list?.map((view) => view.connector?.id)).toEqual([created?.id]);
  });

  it('sorts a new connector after the seeded ones and expands the app on request', async () => {
    const res = await send('POST', `${connectorsPath(APP.github)}/create`, {
      catalogId: CATALOG.github,
      config: { '@type': 'type.googleapis.com/c1.connector.v1.GithubConfig', orgs: ['acme-new'], accessToken: 'sbx-new' },
      expandMask: { paths: ['app_id'] },
    });
    expect(res.status).toBe(200);
    const body = await json<C1ConnectorServiceCreateResponse>(res);
    expect(body.connectorView?.appPath).toBe('expanded[0]');
    expect(body.expanded?.[0]).toMatchObject({ '@type': C1_APP_TYPE_URL, id: APP.github, displayName: 'GitHub' });
    const { ids } = await walkConnectors(APP.github, 4);
    expect(ids).toEqual([...GITHUB_CONNECTORS, body.connectorView?.connector?.id]);
  });

  it('answers 400 code 3 for a missing or unknown catalogId and a config of the wrong type', async () => {
    const cases: [unknown, RegExp][] = [
      [{ config: snowflakeConfig }, /catalogId: value is required/],
      [{ catalogId: '2zzzzzzzzzzzzzzzzzzzzzzzzzz' }, /no catalog entry/],
      [{ catalogId: CATALOG.snowflake, config: { ...snowflakeConfig, '@type': 'type.googleapis.com/c1.connector.v1.OktaConfig' } }, /not the config type/],
      [{ catalogId: CATALOG.snowflake, config: { accountUrl: 'x' } }, /@type/],
      [{ catalogId: CATALOG.snowflake, userIds: 'not-a-list' }, /userIds/],
      [[1, 2], /JSON object/],
    ];
    for (const [body, message] of cases) {
      const error = await expectStatus(await send('POST', `${connectorsPath(APP.snowflake)}/create`, body), 400, 3);
      expect(error.message).toMatch(message);
    }
    const malformed = await api(`${connectorsPath(APP.snowflake)}/create`, { method: 'POST', body: '{"catalogId":' });
    await expectStatus(malformed, 400, 3);
    expect(sb.store.connectors(APP.snowflake)).toEqual([]);
  });

  it('answers 404 code 5 for an unknown app', async () => {
    const body = await expectStatus(await send('POST', `${connectorsPath('2zzzzzzzzzzzzzzzzzzzzzzzzzz')}/create`, { catalogId: CATALOG.snowflake }), 404, 5);
    expect(body.message).toMatch(/app not found/);
  });

  it('creates a delegated connector that waits for its config', async () => {
    const res = await send('POST', connectorsPath(APP.jira), {
      catalogId: CATALOG.github,
      displayName: 'Jira – partner site',
      userIds: [USERS[1]],
      appEntitlementOwnerRefs: [{ appId: APP.jira, id: 'ent-1' }],
    });
    expect(res.status).toBe(200);
    const created = (await json<C1ConnectorServiceCreateResponse>(res)).connectorView?.connector;
    expect(created).toMatchObject({ appId: APP.jira, displayName: 'Jira – partner site', userIds: [USERS[1]] });
    expect(created).not.toHaveProperty('config');
    expect(sb.store.connectors(APP.jira)).toHaveLength(6);
    await expectStatus(await send('POST', connectorsPath(APP.jira), { displayName: 'no catalog' }), 400, 3);
    await expectStatus(await send('POST', connectorsPath(APP.jira), { catalogId: CATALOG.github, appEntitlementOwnerRefs: {} }), 400, 3);
  });
});

describe('update', () => {
  const stored = (id = GH_ACME, appId = APP.github) => sb.store.connector(appId, id);

  it('changes only the fields the mask names', async () => {
    const before = stored();
    const res = await send('POST', connectorPath(APP.github, GH_ACME), {
      connector: { displayName: 'GitHub – acme (main)', description: 'changed too, but not masked', userIds: [] },
      updateMask: 'displayName',
    });
    expect(res.status).toBe(200);
    const body = await json<C1ConnectorServiceUpdateResponse>(res);
    const after = stored();
    expect(body.connectorView?.connector?.displayName).toBe('GitHub – acme (main)');
    expect(after?.displayName).toBe('GitHub – acme (main)');
    expect(after?.description).toBe('Main organization.');
    expect(after?.userIds).toEqual(before?.userIds);
    expect(Date.parse(after?.updatedAt ?? '')).toBeGreaterThan(Date.parse(before?.updatedAt ?? ''));
    expect(after?.configUpdatedAt).toBe(before?.configUpdatedAt);
    expect({ ...after, displayName: '', updatedAt: '' }).toEqual({ ...before, displayName: '', updatedAt: '' });
  });

  it('sets a masked field that the body leaves out to its zero value, and replaces config whole', async () => {
    const res = await send('POST', connectorPath(APP.okta, OKTA_CONNECTOR), {
      connector: {
        description: 'Okta, reviewed',
        config: { '@type': 'type.googleapis.com/c1.connector.v1.OktaConfig', domain: 'acme.okta.com', apiKey: 'sbx-rotated' },
        parallelSyncWorkerCount: '4',
      },
      updateMask: 'description, profileAllowList ,config,parallelSyncWorkerCount',
    });
    expect(res.status).toBe(200);
    const after = stored(OKTA_CONNECTOR, APP.okta);
    expect(after).toMatchObject({
      description: 'Okta, reviewed',
      profileAllowList: [],
      config: { '@type': 'type.googleapis.com/c1.connector.v1.OktaConfig', domain: 'acme.okta.com', apiKey: 'sbx-rotated' },
      parallelSyncWorkerCount: 4,
    });
    expect(after?.config).not.toHaveProperty('syncInactiveApps');
    expect(after?.configUpdatedAt).toBe(after?.updatedAt);
    expect(after?.displayName).toBe('Okta');
  });

  it('updates nested sub-paths of syncConfig and the cron schedule', async () => {
    const res = await send('POST', connectorPath(APP.github, GH_ACME), {
      connector: { syncConfig: { syncResourceTypeIds: ['team'] }, connectorSyncCronSchedule: { cronSpec: '15 * * * *', timezone: 'ignored' } },
      updateMask: 'syncConfig.syncResourceTypeIds,connectorSyncCronSchedule.cronSpec',
    });
    expect(res.status).toBe(200);
    expect(stored()).toMatchObject({
      syncConfig: { syncResourceTypeIds: ['team'] },
      connectorSyncCronSchedule: { cronSpec: '15 * * * *', timezone: '', start: null },
    });
  });

  it('answers 400 code 3 to an unknown, read-only, wildcard or missing mask and changes nothing', async () => {
    const before = stored();
    const cases: [unknown, RegExp][] = [
      ['displayName,bogusField', /unknown field path "bogusField"/],
      ['display_name', /unknown field path/],
      ['createdAt', /"createdAt" cannot be updated/],
      ['status.status', /cannot be updated/],
      ['*', /wildcard/],
      ['displayName,,description', /empty field path/],
      [undefined, /update_mask is required/],
      ['', /update_mask is required/],
      [['displayName'], /FieldMask/],
    ];
    for (const [updateMask, message] of cases) {
      const res = await send('POST', connectorPath(APP.github, GH_ACME), { connector: { displayName: 'never applied' }, updateMask });
      const body = await expectStatus(res, 400, 3);
      expect(body.message).toMatch(message);
    }
    expect(stored()).toEqual(before);
  });

  it('answers 400 code 3 to values of the wrong type or out of range', async () => {
    const before = stored();
    const cases: [Record<string, unknown>, string][] = [
      [{ displayName: 5 }, 'displayName'],
      [{ displayName: '  ' }, 'displayName'],
      [{ profileAllowList: 'title' }, 'profileAllowList'],
      [{ parallelSyncWorkerCount: 9 }, 'parallelSyncWorkerCount'],
      [{ config: { '@type': 'type.googleapis.com/c1.connector.v1.OktaConfig' } }, 'config'],
      [{ createdAt: 'yesterday' }, 'displayName'],
    ];
    for (const [connector, updateMask] of cases) {
      await expectStatus(await send('POST', connectorPath(APP.github, GH_ACME), { connector, updateMask }), 400, 3);
    }
    await expectStatus(await send('POST', connectorPath(APP.github, GH_ACME), { updateMask: 'displayName' }), 400, 3);
    expect(stored()).toEqual(before);
  });

  it('takes the ids from the URL and answers 404 code 5 for an unknown connector', async () => {
    const res = await send('POST', connectorPath(APP.github, GH_ACME), {
      connector: { id: 'other', appId: APP.aws, description: 'x' },
      updateMask: 'description',
    });
    expect(res.status).toBe(200);
    expect((await json<C1ConnectorServiceUpdateResponse>(res)).connectorView?.connector).toMatchObject({ id: GH_ACME, appId: APP.github, description: 'x' });
    await expectStatus(await send('POST', connectorPath(APP.github, '2zzzzzzzzzzzzzzzzzzzzzzzzzz'), { connector: {}, updateMask: 'description' }), 404, 5);
  });
});

describe('delete', () => {
  it('deletes with an empty object body and answers {}', async () => {
    const res = await send('DELETE', connectorPath(APP.github, GH_ARCHIVE), {});
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    await expectStatus(await api(connectorPath(APP.github, GH_ARCHIVE)), 404, 5);
    expect(sb.store.connector(APP.github, GH_ARCHIVE)).toBeUndefined();
    const { ids } = await walkConnectors(APP.github, 100);
    expect(ids).toEqual(GITHUB_CONNECTORS.filter((id) => id !== GH_ARCHIVE));
    await expectStatus(await send('DELETE', connectorPath(APP.github, GH_ARCHIVE), {}), 404, 5);
  });

  it('also deletes without a body', async () => {
    expect((await api(connectorPath(APP.okta, OKTA_CONNECTOR), { method: 'DELETE' })).status).toBe(200);
    expect(sb.store.connectors(APP.okta)).toEqual([]);
  });
});

describe('apps', () => {
  it('gets an app', async () => {
    const res = await api(`/api/v1/apps/${APP.okta}`);
    expect(res.status).toBe(200);
    const body = await json<C1AppServiceGetResponse>(res);
    expect(body.app).toMatchObject({
      id: APP.okta,
      displayName: 'Okta',
      userCount: '1240',
      monthlyCostUsd: 6,
      isDirectory: true,
      appAccountName: 'acme',
      createdAt: '2024-01-08T09:12:00Z',
      deletedAt: null,
    });
    await expectStatus(await api('/api/v1/apps/2zzzzzzzzzzzzzzzzzzzzzzzzzz'), 404, 5);
  });

  it('lists apps page by page', async () => {
    const seen: string[] = [];
    let pageToken = '';
    do {
      const body = await json<C1AppServiceListResponse>(
        await api(`/api/v1/apps?page_size=3${pageToken ? `&page_token=${encodeURIComponent(pageToken)}` : ''}`),
      );
      seen.push(...(body.list ?? []).map((app) => app.id ?? ''));
      pageToken = body.nextPageToken ?? '';
    } while (pageToken);
    expect(seen).toEqual(APP_IDS_IN_ORDER);
    const connectorsToken = await firstPageToken(APP.github);
    await expectStatus(await api(`/api/v1/apps?page_token=${encodeURIComponent(connectorsToken)}`), 400, 3);
  });

  it('searches apps by ids (a batch lookup) in id order', async () => {
    const res = await send('POST', '/api/v1/search/apps', { appIds: [APP.github, APP.okta, '2zzzzzzzzzzzzzzzzzzzzzzzzzz', APP.github] });
    expect(res.status).toBe(200);
    const body = await json<C1AppSearchResponseWire>(res);
    expect(body.list?.map((app) => app.id)).toEqual([APP.okta, APP.github]);
    expect(body.nextPageToken).toBe('');
  });

  it('pages a search and binds its token to the same criteria', async () => {
    const appIds = [APP.slack, APP.jira, APP.aws];
    const first = await json<C1AppSearchResponseWire>(await send('POST', '/api/v1/search/apps', { appIds, pageSize: 2 }));
    expect(first.list?.map((app) => app.displayName)).toEqual(['AWS', 'Slack']);
    const second = await json<C1AppSearchResponseWire>(await send('POST', '/api/v1/search/apps', { appIds, pageSize: 2, pageToken: first.nextPageToken }));
    expect(second).toMatchObject({ nextPageToken: '' });
    expect(second.list?.map((app) => app.displayName)).toEqual(['Jira']);
    await expectStatus(await send('POST', '/api/v1/search/apps', { appIds: [APP.okta], pageToken: first.nextPageToken }), 400, 3);
  });

  it('filters by display name, free text and exclusions', async () => {
    const search = async (body: unknown): Promise<string[]> =>
      ((await json<C1AppSearchResponseWire>(await send('POST', '/api/v1/search/apps', body))).list ?? []).map((app) => app.displayName ?? '');
    expect(await search({ displayName: 'Jira' })).toEqual(['Jira']);
    expect(await search({ query: 'DIRECTORY' })).toEqual(['Okta']);
    expect(await search({ excludeAppIds: [APP.okta, APP.github] })).toHaveLength(6);
    expect(await search({})).toHaveLength(8);
    await expectStatus(await send('POST', '/api/v1/search/apps', { appIds: APP.okta }), 400, 3);
  });
});

describe('faults, latency and the request log', () => {
  it('renders status-only faults as google.rpc.Status bodies', async () => {
    const cases: [number, number][] = [
      [503, 14],
      [500, 13],
      [403, 7],
      [429, 8],
    ];
    for (const [status, code] of cases) {
      sb.injectFault({ match: { method: 'GET', pathPrefix: connectorsPath(APP.github) }, status, ...(status === 429 ? { retryAfter: 2 } : {}) });
      const res = await api(connectorsPath(APP.github));
      await expectStatus(res, status, code);
      if (status === 429) expect(res.headers.get('retry-after')).toBe('2');
    }
    expect((await api(connectorsPath(APP.github))).status).toBe(200);
    expect(sb.log.count({ faulted: true })).toBe(4);
  });

  it('applies a fault only to the matching requests, the given number of times', async () => {
    sb.injectFault({ match: { pathPrefix: '/api/v1/search/apps' }, status: 500, count: 2 });
    expect((await api(connectorsPath(APP.github))).status).toBe(200);
    for (let i = 0; i < 2; i += 1) await expectStatus(await send('POST', '/api/v1/search/apps', {}), 500, 13);
    expect((await send('POST', '/api/v1/search/apps', {})).status).toBe(200);
  });

  it('resets the socket and adds latency', async () => {
    sb.injectFault({ match: { pathPrefix: '/api/' }, reset: true });
    await expect(api(connectorsPath(APP.github))).rejects.toThrow();
    sb.setLatency(60);
    const started = performance.now();
    expect((await api(`/api/v1/apps/${APP.okta}`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
    sb.setLatency(0);
  });

  it('logs every request with its status and whether it was authorized', async () => {
    await requestToken(tokenForm({ client_secret: 'wrong' }));
    token = await fetchToken();
    await api(connectorsPath(APP.github, '?page_size=3'));
    await api(connectorPath(APP.github, GH_ACME));
    await api(connectorsPath(APP.github), {}, null);
    await send('POST', '/api/v1/search/apps', { appIds: [APP.okta] });
    expect(sb.log.count()).toBe(6);
    expect(sb.log.count({ method: 'POST', path: '/auth/v1/token' })).toBe(2);
    expect(sb.log.count({ path: '/auth/v1/token', authorized: true, status: 200 })).toBe(1);
    expect(sb.log.count({ path: '/auth/v1/token', status: 401 })).toBe(1);
    expect(sb.log.count({ pathPrefix: `/api/v1/apps/${APP.github}/connectors` })).toBe(3);
    expect(sb.log.count({ pathPrefix: '/api/', authorized: true })).toBe(3);
    expect(sb.log.count({ status: 401, authorized: false })).toBe(2);
    const list = sb.log.entries({ method: 'GET', path: connectorsPath(APP.github) });
    expect(list.map((entry) => [entry.query, entry.status])).toEqual([
      ['page_size=3', 200],
      ['', 401],
    ]);
    sb.log.reset();
    expect(sb.log.count()).toBe(0);
  });
});
