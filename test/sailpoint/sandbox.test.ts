/**
 * The SailPoint sandbox over real HTTP: token endpoint and bearer checks, the connector list (paging, count,
 * filters), detail, create/delete, JSON Patch, multipart file updates, translations, fault injection, latency and
 * the request log (in process and through the `/__sandbox/` control endpoints).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSailPointSandbox, SAILPOINT_SANDBOX_CLIENT_ID, type SailPointSandbox } from '../../src/sources/sailpoint/sandbox/server.js';
import { createSailPointSeed } from '../../src/sources/sailpoint/sandbox/seed.js';
import type { RequestLogEntry } from '../../src/sandbox/requestLog.js';
import type {
  SailPointConnectorDetailWire,
  SailPointConnectorWire,
  SailPointErrorResponseWire,
  SailPointTokenWire,
  SailPointUpdateDetailWire,
} from '../../src/sources/sailpoint/types.js';

const seed = createSailPointSeed();
const released = seed.filter((c) => c.status === 'RELEASED');
const OPEN = 'sailpoint.connector.OpenConnectorAdapter';
const DTO_KEYS = ['className', 'connectorMetadata', 'directConnect', 'features', 'name', 'scriptName', 'status', 'type'];

let sb: SailPointSandbox;
let token: string;

async function fetchToken(target: SailPointSandbox = sb): Promise<string> {
  const res = await fetch(`${target.origin}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: target.clientId, client_secret: target.clientSecret }),
  });
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

/** An authorized call to the API root (`path` starts with `/`). */
function api(path: string, init: RequestInit = {}, bearer = token): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${bearer}`);
  return fetch(`${sb.url}${path}`, { ...init, headers });
}

/** The JSON body, typed as the wire shape the test expects (the assertions check it). */
async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

const list = (res: Response): Promise<SailPointConnectorWire[]> => json<SailPointConnectorWire[]>(res);
const detail = (res: Response): Promise<SailPointConnectorDetailWire> => json<SailPointConnectorDetailWire>(res);
const update = (res: Response): Promise<SailPointUpdateDetailWire> => json<SailPointUpdateDetailWire>(res);
const scriptNames = async (res: Response): Promise<(string | undefined)[]> => (await list(res)).map((c) => c.scriptName);

async function expectErrorResponse(res: Response, detailCode: string): Promise<void> {
  const body = await json<SailPointErrorResponseWire>(res);
  expect(body).toMatchObject({ detailCode, causes: [] });
  expect(body.trackingId).toMatch(/^[0-9a-f]{32}$/);
  expect(body.messages).toHaveLength(1);
  expect(body.messages?.[0]).toMatchObject({ locale: 'en-US', localeOrigin: 'DEFAULT' });
  expect(typeof body.messages?.[0]?.text).toBe('string');
}

function patch(scriptName: string, operations: unknown, contentType = 'application/json-patch+json'): Promise<Response> {
  return api(`/connectors/${scriptName}`, { method: 'PATCH', headers: { 'content-type': contentType }, body: JSON.stringify(operations) });
}

function putFile(path: string, content: string, filename = 'upload.xml', partName = 'file'): Promise<Response> {
  const form = new FormData();
  form.set(partName, new Blob([content], { type: 'application/octet-stream' }), filename);
  return api(path, { method: 'PUT', body: form });
}

beforeAll(async () => {
  sb = await startSailPointSandbox();
  token = await fetchToken();
});
afterAll(() => sb.close());
beforeEach(() => {
  sb.reset();
});

describe('seed', () => {
  it('has the documented catalogue', () => {
    expect(seed.length).toBeGreaterThanOrEqual(32);
    expect(released).toHaveLength(32);
    expect(seed.slice(0, 5).map((c) => c.scriptName)).toEqual(['active-directory', 'openldap', 'servicenow-angularsc', 'workday', 'salesforce']);
    expect(new Set(seed.map((c) => c.scriptName)).size).toBe(seed.length);
    expect(new Set(seed.map((c) => c.status))).toEqual(new Set(['RELEASED', 'DEPRECATED', 'DEMO', 'DEVELOPMENT']));
    for (const c of seed) {
      expect(c.scriptName).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(c.translations.en).toContain('ShortDesc=');
      for (const xml of [c.applicationXml, c.correlationConfigXml, c.sourceConfigXml, c.sourceTemplateXml]) {
        expect(xml.length).toBeGreaterThanOrEqual(500);
        expect(xml.length).toBeLessThanOrEqual(3072);
        expect(xml).not.toMatch(/<!ENTITY|<!DOCTYPE[^>]*\[/);
      }
    }
  });

  it('is deterministic and fresh on every call', () => {
    const again = createSailPointSeed();
    expect(again).toEqual(seed);
    again[0]!.connectorMetadata.shortDesc = 'changed';
    expect(createSailPointSeed()[0]!.connectorMetadata.shortDesc).not.toBe('changed');
  });
});

describe('POST /oauth/token', () => {
  it('issues a bearer token for form-body credentials', async () => {
    const res = await fetch(`${sb.origin}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${SAILPOINT_SANDBOX_CLIENT_ID}&client_secret=${encodeURIComponent(sb.clientSecret)}`,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await json<SailPointTokenWire>(res);
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 749, scope: 'sp:scopes:all' });
    expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(typeof body.jti).toBe('string');
    expect((await api('/connectors?limit=1', {}, body.access_token)).status).toBe(200);
  });

  it('accepts HTTP Basic and query-string credentials', async () => {
    const basic = Buffer.from(`${sb.clientId}:${sb.clientSecret}`).toString('base64');
    const viaBasic = await fetch(`${sb.origin}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(viaBasic.status).toBe(200);
    const query = new URLSearchParams({ grant_type: 'client_credentials', client_id: sb.clientId, client_secret: sb.clientSecret });
    const viaQuery = await fetch(`${sb.origin}/oauth/token?${query.toString()}`, { method: 'POST' });
    expect(viaQuery.status).toBe(200);
    expect((await json(viaQuery)).token_type).toBe('bearer');
  });

  it('accepts the parameters as multipart/form-data fields (as sailpoint-api-client sends them)', async () => {
    const form = new FormData();
    form.set('grant_type', 'client_credentials');
    form.set('client_id', sb.clientId);
    form.set('client_secret', sb.clientSecret);
    const res = await fetch(`${sb.origin}/oauth/token`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const body = await json<SailPointTokenWire>(res);
    expect(body.token_type).toBe('bearer');
    expect((await api('/connectors?limit=1', {}, body.access_token)).status).toBe(200);
    expect(sb.log.entries({ path: '/oauth/token' }).map((e) => [e.mediaType, e.status, e.authorized])).toEqual([['multipart/form-data', 200, true]]);
  });

  it('takes multipart fields beside HTTP Basic and skips file parts', async () => {
    const form = new FormData();
    form.set('grant_type', 'client_credentials');
    form.set('client_secret', new Blob(['not a parameter']), 'secret.txt');
    const basic = Buffer.from(`${sb.clientId}:${sb.clientSecret}`).toString('base64');
    const res = await fetch(`${sb.origin}/oauth/token`, { method: 'POST', headers: { authorization: `Basic ${basic}` }, body: form });
    expect(res.status).toBe(200);
    const withoutBasic = new FormData();
    withoutBasic.set('grant_type', 'client_credentials');
    withoutBasic.set('client_id', sb.clientId);
    withoutBasic.set('client_secret', new Blob([sb.clientSecret]), 'secret.txt');
    const fileOnly = await fetch(`${sb.origin}/oauth/token`, { method: 'POST', body: withoutBasic });
    expect(fileOnly.status).toBe(401);
    expect(await json(fileOnly)).toMatchObject({ error: 'invalid_client' });
  });

  it('refuses a malformed or oversized multipart body with 400 invalid_request', async () => {
    const broken = await fetch(`${sb.origin}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      body: `--xyz\r\nContent-Disposition: form-data; name="client_id"\r\n\r\n${sb.clientId}`,
    });
    expect(broken.status).toBe(400);
    expect(await json(broken)).toMatchObject({ error: 'invalid_request', error_description: expect.stringMatching(/multipart/) });
    const noBoundary = await fetch(`${sb.origin}/oauth/token`, { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'x' });
    expect(noBoundary.status).toBe(400);
    const long = new FormData();
    long.set('grant_type', 'client_credentials');
    long.set('client_id', sb.clientId);
    long.set('client_secret', 'x'.repeat(9000));
    const tooLong = await fetch(`${sb.origin}/oauth/token`, { method: 'POST', body: long });
    expect(tooLong.status).toBe(400);
    expect((await json(tooLong)).error_description).toMatch(/'client_secret' is longer than 8192 bytes/);
    const many = new FormData();
    for (let i = 0; i < 21; i++) many.append(`field${i}`, 'v');
    const tooMany = await fetch(`${sb.origin}/oauth/token`, { method: 'POST', body: many });
    expect(tooMany.status).toBe(400);
    expect((await json(tooMany)).error_description).toMatch(/more than 20 fields/);
  });

  it('reads no parameters from a JSON body, which SailPoint does not take', async () => {
    const asJson = await fetch(`${sb.origin}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: sb.clientId, client_secret: sb.clientSecret }),
    });
    expect(asJson.status).toBe(401);
    expect(await json(asJson)).toMatchObject({ error: 'invalid_client' });
  });

  it('refuses wrong credentials with 401 and other grants with 400', async () => {
    const wrong = await fetch(`${sb.origin}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sb.clientId, client_secret: 'nope' }),
    });
    expect(wrong.status).toBe(401);
    expect(await json(wrong)).toMatchObject({ error: 'invalid_client' });
    const grant = await fetch(`${sb.origin}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: sb.clientId, client_secret: sb.clientSecret }),
    });
    expect(grant.status).toBe(400);
    expect(await json(grant)).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('guards every /v3 call with a bearer token', async () => {
    const none = await fetch(`${sb.url}/connectors`);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await json(none)).error).toMatch(/^JWT validation failed: /);
    const bad = await api('/connectors/okta', {}, 'not-a-token');
    expect(bad.status).toBe(401);
    expect((await json(bad)).error).toBe('JWT validation failed: JWT is not valid');
    // Auth comes before routing: an unknown API path without a token is still 401.
    expect((await fetch(`${sb.url}/nothing-here`)).status).toBe(401);
  });

  it('reports expired tokens', async () => {
    const shortLived = await startSailPointSandbox({ tokenTtlSeconds: 0 });
    try {
      const expired = await fetchToken(shortLived);
      const res = await fetch(`${shortLived.url}/connectors`, { headers: { authorization: `Bearer ${expired}` } });
      expect(res.status).toBe(401);
      expect(await json(res)).toEqual({ error: 'JWT validation failed: JWT is expired' });
    } finally {
      await shortLived.close();
    }
  });
});

describe('GET /v3/connectors', () => {
  it('lists RELEASED connectors in seed order with V3ConnectorDto fields only', async () => {
    const res = await api('/connectors');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBeNull();
    const items = await list(res);
    expect(items.map((c) => c.scriptName)).toEqual(released.map((c) => c.scriptName));
    for (const item of items) expect(Object.keys(item).sort()).toEqual(DTO_KEYS);
    expect(items[0]).toEqual({
      name: 'Active Directory',
      type: 'Active Directory - Direct',
      scriptName: 'active-directory',
      className: 'sailpoint.connector.ADLDAPConnector',
      features: seed[0]!.features,
      directConnect: true,
      connectorMetadata: { supportedUI: 'EXTJS', platform: 'ccg', shortDesc: seed[0]!.connectorMetadata.shortDesc },
      status: 'RELEASED',
    });
    expect(items.find((c) => c.scriptName === 'delimited-file')?.features).toBeNull();
    expect(items.find((c) => c.scriptName === 'non-employee')?.className).toBeNull();
  });

  it('pages with limit/offset and reports X-Total-Count', async () => {
    const res = await api('/connectors?limit=10&offset=5&count=true&locale=de');
    expect(res.headers.get('x-total-count')).toBe('32');
    expect(await scriptNames(res)).toEqual(released.slice(5, 15).map((c) => c.scriptName));
    const seen: (string | undefined)[] = [];
    for (let offset = 0; ; offset += 7) {
      const page = await scriptNames(await api(`/connectors?limit=7&offset=${offset}`));
      seen.push(...page);
      if (page.length < 7) break;
    }
    expect(seen).toEqual(released.map((c) => c.scriptName));
    expect(await json(await api('/connectors?limit=0'))).toEqual([]);
    expect(await json(await api('/connectors?offset=1000'))).toEqual([]);
  });

  it.each([['limit=251'], ['limit=-1'], ['limit=abc'], ['offset=-1'], ['offset=1.5'], ['count=maybe']])('refuses %s with 400', async (query) => {
    const res = await api(`/connectors?${query}`);
    expect(res.status).toBe(400);
    await expectErrorResponse(res, '400.1 Bad Request Content');
  });

  it.each([
    ['name sw "micro"', ['azure-active-directory', 'microsoft-sql-server', 'dynamics-365']],
    ['name co "sql"', ['microsoft-sql-server']],
    ['type eq "LDAP"', ['openldap']],
    ['type sw "Active Directory"', ['active-directory']],
    ['features ca ("UNLOCK") and directConnect eq false', ['mainframe-racf']],
    ['directConnect eq "false"', ['delimited-file', 'mainframe-racf']],
    ['features ca ("PASSWORD", "AUTHENTICATE") and name sw "o"', ['openldap', 'okta']],
    ['category eq "hr" and not name co "soft"', ['workday', 'successfactors', 'non-employee']],
    ['labels ca ("saas", "google")', ['google-workspace', 'gcp']],
  ])('filters %s', async (filter, expected) => {
    const res = await api(`/connectors?count=true&filters=${encodeURIComponent(filter)}`);
    expect(res.status).toBe(200);
    expect(await scriptNames(res)).toEqual(expected);
    expect(res.headers.get('x-total-count')).toBe(String(expected.length));
  });

  it.each([['name sw'], ['name eq "x"'], ['owner eq "x"'], ['name sw active'], ['(name sw "a"'], ['directConnect eq "yes"'], ['name sw "a" nand type eq "b"']])(
    'refuses the filter %s with 400',
    async (filter) => {
      const res = await api(`/connectors?filters=${encodeURIComponent(filter)}`);
      expect(res.status).toBe(400);
      await expectErrorResponse(res, '400.1 Bad Request Content');
    },
  );

  it('lists every status when started with listAllStatuses', async () => {
    const all = await startSailPointSandbox({ listAllStatuses: true });
    try {
      const res = await fetch(`${all.url}/connectors?count=true`, { headers: { authorization: `Bearer ${await fetchToken(all)}` } });
      expect(res.headers.get('x-total-count')).toBe(String(seed.length));
      expect((await list(res)).map((c) => c.status).slice(-4)).toEqual(['DEMO', 'DEMO', 'DEVELOPMENT', 'DEVELOPMENT']);
    } finally {
      await all.close();
    }
  });
});

describe('GET /v3/connectors/{scriptName}', () => {
  it('answers a ConnectorDetail', async () => {
    const res = await api('/connectors/workday');
    expect(res.status).toBe(200);
    const body = await detail(res);
    const workday = seed.find((c) => c.scriptName === 'workday')!;
    expect(body).toEqual({
      name: 'Workday',
      type: 'Workday',
      className: 'sailpoint.connector.WorkdayConnector',
      scriptName: 'workday',
      applicationXml: workday.applicationXml,
      correlationConfigXml: workday.correlationConfigXml,
      sourceConfigXml: workday.sourceConfigXml,
      sourceConfig: workday.sourceConfigXml,
      sourceConfigFrom: 'connector-bundle',
      s3Location: 'custom-connector/workday',
      uploadedFiles: null,
      fileUpload: false,
      directConnect: true,
      translationProperties: { en: workday.translations.en, de: workday.translations.de, fr: workday.translations.fr },
      connectorMetadata: workday.connectorMetadata,
      status: 'RELEASED',
    });
    expect(body.translationProperties?.de).toContain('pageSize=Seitengr\\u00f6\\u00dfe');
  });

  it('translates the sourceConfig form into the locale asked for; sourceConfigXml stays the stored file', async () => {
    const ad = seed.find((c) => c.scriptName === 'active-directory')!;
    const en = await detail(await api('/connectors/active-directory'));
    expect(en.sourceConfig).toBe(ad.sourceConfigXml);
    const de = await detail(await api('/connectors/active-directory?locale=de'));
    expect(de.sourceConfigXml).toBe(ad.sourceConfigXml);
    expect(de.sourceConfig).toContain('<MenuItem keyName="connectionSettings" label="Verbindungseinstellungen">');
    expect(de.sourceConfig).toContain('<Section label="Verbindungseinstellungen" sectionHelpMessage="Wo und wie ');
    expect(de.sourceConfig).toContain('name="forestName" displayName="Gesamtstrukturname"');
    expect(de.sourceConfig).not.toContain('displayName="Forest Name"');
    // Everything but the texts is as stored: the same tags, names, types and values.
    const skeleton = (xml: string): string => xml.replace(/(label|displayName|sectionHelpMessage)="[^"]*"/g, '$1=""');
    expect(skeleton(de.sourceConfig!)).toBe(skeleton(ad.sourceConfigXml));
    const ja = await detail(await api('/connectors/active-directory?locale=ja'));
    expect(ja.sourceConfig).toContain('displayName="フォレスト名"');
  });

  it('falls back to en for an unknown locale, and per text for a locale without that translation', async () => {
    const en = (await detail(await api('/connectors/active-directory'))).sourceConfig;
    for (const locale of ['xx', 'DE', 'de-DE', 'false', '']) {
      expect((await detail(await api(`/connectors/active-directory?locale=${locale}`))).sourceConfig).toBe(en);
    }
    // Italian is one of SailPoint's locales, but Active Directory has no Italian file: English throughout.
    expect((await detail(await api('/connectors/active-directory?locale=it'))).sourceConfig).toBe(en);
    // A German file that translates one text: that text in German, the others in English.
    const form = new FormData();
    form.set('file', new Blob(['menuLabel_ConnectionSettings=Verbindung\nforestName=Wald & "Baum" <1>\n']), 'de.properties');
    expect((await api('/connectors/active-directory/translations/de', { method: 'PUT', body: form })).status).toBe(200);
    const partial = (await detail(await api('/connectors/active-directory?locale=de'))).sourceConfig!;
    expect(partial).toContain('<MenuItem keyName="connectionSettings" label="Verbindung">');
    expect(partial).toContain('displayName="Wald &amp; &quot;Baum&quot; &lt;1&gt;"');
    expect(partial).toContain('displayName="Domain Name"');
    expect(partial).toContain('<MenuItem keyName="aggregationSettings" label="Aggregation Settings">');
  });

  it('finds non-RELEASED connectors by script name', async () => {
    expect((await detail(await api('/connectors/demo-hr'))).status).toBe('DEMO');
  });

  it('answers 404 ErrorResponseDto for unknown connectors and paths', async () => {
    const res = await api('/connectors/no-such-connector');
    expect(res.status).toBe(404);
    await expectErrorResponse(res, '404 Not found');
    const unknownPath = await api('/connectors/okta/nothing');
    expect(unknownPath.status).toBe(404);
    await expectErrorResponse(unknownPath, '404 Not found');
    const wrongMethod = await api('/connectors/okta', { method: 'PUT' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, DELETE, PATCH');
  });
});

describe('POST and DELETE /v3/connectors', () => {
  const create = (body: unknown, contentType = 'application/json'): Promise<Response> =>
    api('/connectors', { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify(body) });

  it('creates a connector, appends it to the list, and deletes it', async () => {
    const res = await create({ name: 'Sandbox Test Connector', className: OPEN });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      name: 'Sandbox Test Connector',
      type: 'custom Sandbox Test Connector',
      scriptName: 'sandbox-test-connector',
      className: OPEN,
      features: null,
      directConnect: true,
      connectorMetadata: {},
      status: 'RELEASED',
    });
    const listed = await api('/connectors?count=true&offset=32');
    expect(listed.headers.get('x-total-count')).toBe('33');
    expect(await scriptNames(listed)).toEqual(['sandbox-test-connector']);
    const created = await detail(await api('/connectors/sandbox-test-connector'));
    expect(created.applicationXml).toContain(`<Application connector="${OPEN}" name="Sandbox Test Connector" type="custom Sandbox Test Connector"/>`);
    expect(created.sourceConfigXml).toContain('<Form xmlns="http://www.sailpoint.com/xsd/sailpoint_form_2_0.xsd"');
    expect(Object.keys(created.translationProperties ?? {})).toEqual(['en']);

    const deleted = await api('/connectors/sandbox-test-connector', { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect((await api('/connectors/sandbox-test-connector')).status).toBe(404);
    expect((await api('/connectors/sandbox-test-connector', { method: 'DELETE' })).status).toBe(404);
    expect(sb.store.size).toBe(seed.length);
  });

  it('honours type, directConnect and status, and keeps script names unique', async () => {
    const res = await create({ name: 'Ökonomie & Co.', className: OPEN, type: 'Custom Econ', directConnect: false, status: 'DEVELOPMENT' });
    expect(await json(res)).toMatchObject({ scriptName: 'okonomie-co', type: 'Custom Econ', directConnect: false, status: 'DEVELOPMENT' });
    const clash = await json(await create({ name: 'Okonomie Co', className: OPEN }));
    expect(clash.scriptName).toBe('okonomie-co-2');
  });

  it('refuses a duplicate name and missing fields with 400', async () => {
    const dup = await create({ name: 'active directory', className: OPEN });
    expect(dup.status).toBe(400);
    await expectErrorResponse(dup, '400.1 Bad Request Content');
    expect((await create({ name: 'No Class' })).status).toBe(400);
    expect((await create({ className: OPEN })).status).toBe(400);
    expect((await create({ name: 'Bad Status', className: OPEN, status: 'DEPRECATED' })).status).toBe(400);
    expect((await create({ name: 'Wrong Type', className: OPEN }, 'text/plain')).status).toBe(415);
    expect(sb.store.size).toBe(seed.length);
  });
});

describe('PATCH /v3/connectors/{scriptName}', () => {
  it('applies JSON Patch to the patchable fields', async () => {
    const res = await patch('okta', [
      { op: 'test', path: '/connectorMetadata/platform', value: 'sp-connect' },
      { op: 'replace', path: '/connectorMetadata/shortDesc', value: 'Patched description' },
      { op: 'add', path: '/connectorMetadata/owner', value: 'team-a' },
    ]);
    expect(res.status).toBe(200);
    const body = await detail(res);
    expect(body.connectorMetadata).toEqual({ supportedUI: 'ANGULAR', platform: 'sp-connect', shortDesc: 'Patched description', owner: 'team-a' });
    expect(body.scriptName).toBe('okta');
    expect(sb.store.get('okta')!.connectorMetadata.owner).toBe('team-a');
  });

  it('replaces an XML file and mirrors sourceConfig', async () => {
    const okta = sb.store.get('okta')!;
    const xml = okta.sourceConfigXml.replace('Connection Settings"', 'Connection"');
    const body = await detail(await patch('okta', [{ op: 'replace', path: '/sourceConfigXml', value: xml }]));
    expect(body.sourceConfigXml).toBe(xml);
    expect(body.sourceConfig).toBe(xml);
    expect(await (await api('/connectors/okta/source-config')).text()).toBe(xml);
  });

  it.each([
    ['a non-patchable path', [{ op: 'replace', path: '/name', value: 'Renamed' }]],
    [
      'a valid operation followed by a refused one',
      [
        { op: 'add', path: '/connectorMetadata/x', value: 1 },
        { op: 'remove', path: '/status' },
      ],
    ],
    [
      'a failed test',
      [
        { op: 'add', path: '/connectorMetadata/x', value: 1 },
        { op: 'test', path: '/connectorMetadata/platform', value: 'ccg' },
      ],
    ],
    ['a path that does not resolve', [{ op: 'replace', path: '/connectorMetadata/missing/deeper', value: 1 }]],
    ['malformed XML', [{ op: 'replace', path: '/applicationXml', value: '<Application name="x">' }]],
    ['XML of the wrong kind', [{ op: 'replace', path: '/correlationConfigXml', value: '<Application/>' }]],
    ['removing a file', [{ op: 'remove', path: '/applicationXml' }]],
    ['a body that is not an array', { op: 'add', path: '/connectorMetadata/x', value: 1 }],
    ['an unknown op', [{ op: 'merge', path: '/connectorMetadata', value: {} }]],
  ])('refuses %s with 400 and changes nothing', async (_label, operations) => {
    const before = sb.store.get('okta');
    const res = await patch('okta', operations);
    expect(res.status).toBe(400);
    await expectErrorResponse(res, '400.1 Bad Request Content');
    expect(sb.store.get('okta')).toEqual(before);
  });

  it('wants application/json-patch+json and a known connector', async () => {
    expect((await patch('okta', [], 'application/json')).status).toBe(415);
    expect((await patch('no-such-connector', [])).status).toBe(404);
  });
});

describe('connector files', () => {
  it('serves the XML files as application/xml', async () => {
    const salesforce = seed.find((c) => c.scriptName === 'salesforce')!;
    for (const [path, expected] of [
      ['source-config', salesforce.sourceConfigXml],
      ['source-template', salesforce.sourceTemplateXml],
      ['correlation-config', salesforce.correlationConfigXml],
    ] as const) {
      const res = await api(`/connectors/salesforce/${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
      expect(await res.text()).toBe(expected);
    }
    expect((await api('/connectors/no-such-connector/source-template')).status).toBe(404);
  });

  it('replaces a file from a multipart upload, then reports UNCHANGED', async () => {
    const xml = sb.store.get('github')!.correlationConfigXml.replace('value="email"', 'value="primaryEmail"');
    const res = await putFile('/connectors/github/correlation-config', xml, 'correlation.xml');
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      message: 'correlation-config.xml updated',
      scriptName: 'github',
      updatedFiles: ['custom-connector/github/correlation-config.xml'],
      status: 'UPDATED',
    });
    expect(await (await api('/connectors/github/correlation-config')).text()).toBe(xml);
    expect((await detail(await api('/connectors/github'))).correlationConfigXml).toBe(xml);
    const again = await json(await putFile('/connectors/github/correlation-config', xml));
    expect(again).toMatchObject({ status: 'UNCHANGED', updatedFiles: [] });
  });

  it('updates the source config (detail shows it twice) and the source template', async () => {
    const original = sb.store.get('zoom')!.sourceConfigXml;
    const form = original.replace(
      'name="pageSize" displayName="Page Size" type="number" required="false" value="100"',
      'name="pageSize" displayName="Page Size" type="number" required="false" value="50"',
    );
    expect(form).not.toBe(original);
    expect((await update(await putFile('/connectors/zoom/source-config', form))).updatedFiles).toEqual(['custom-connector/zoom/source-config.xml']);
    const zoom = await detail(await api('/connectors/zoom'));
    expect(zoom.sourceConfigXml).toBe(form);
    expect(zoom.sourceConfig).toBe(form);
    const template = '<?xml version="1.0"?>\n<Application name="Zoom Template" type="Zoom" template="true"/>\n';
    expect((await update(await putFile('/connectors/zoom/source-template', template))).status).toBe('UPDATED');
    expect(await (await api('/connectors/zoom/source-template')).text()).toBe(template);
  });

  it('refuses junk uploads', async () => {
    const before = sb.store.get('zoom');
    const malformed = await putFile('/connectors/zoom/source-config', '<Form><Menu></Form>');
    expect(malformed.status).toBe(400);
    await expectErrorResponse(malformed, '400.1 Bad Request Content');
    const entity = await putFile('/connectors/zoom/correlation-config', '<!DOCTYPE x [<!ENTITY e "boom">]><CorrelationConfig>&e;</CorrelationConfig>');
    expect(entity.status).toBe(400);
    const wrongKind = await json(await putFile('/connectors/zoom/source-config', '<Form xmlns="urn:other"/>'));
    expect(wrongKind).toMatchObject({ status: 'ERROR', scriptName: 'zoom', updatedFiles: [] });
    expect((await putFile('/connectors/zoom/source-config', '<Form/>', 'f.xml', 'attachment')).status).toBe(400);
    const plainField = new FormData();
    plainField.set('file', '<Form/>');
    expect((await api('/connectors/zoom/source-config', { method: 'PUT', body: plainField })).status).toBe(400);
    const notMultipart = await api('/connectors/zoom/source-config', { method: 'PUT', headers: { 'content-type': 'application/xml' }, body: '<Form/>' });
    expect(notMultipart.status).toBe(415);
    expect((await putFile('/connectors/no-such-connector/source-config', '<Form/>')).status).toBe(404);
    expect(sb.store.get('zoom')).toEqual(before);
  });

  it('caps upload size', async () => {
    const huge = `<Application>${'x'.repeat(10 * 1024 * 1024)}</Application>`;
    const res = await putFile('/connectors/zoom/source-template', huge);
    expect(res.status).toBe(413);
    await expectErrorResponse(res, '413 Payload Too Large');
  });

  it('serves and replaces translations per locale', async () => {
    const workday = seed.find((c) => c.scriptName === 'workday')!;
    const de = await api('/connectors/workday/translations/de');
    expect(de.status).toBe(200);
    expect(de.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await de.text()).toBe(workday.translations.de);
    // A supported locale without a file is an empty properties text.
    const ja = await api('/connectors/workday/translations/ja');
    expect(ja.status).toBe(200);
    expect(await ja.text()).toBe('');
    expect((await api('/connectors/workday/translations/xx')).status).toBe(400);
    expect((await api('/connectors/no-such-connector/translations/de')).status).toBe(404);

    const italian = 'pageSize=Dimensione pagina\nShortDesc=Connettore per Workday\n';
    const put = await json(await putFile('/connectors/workday/translations/it', italian, 'messages_it.properties'));
    expect(put).toEqual({
      message: 'it translations updated',
      scriptName: 'workday',
      updatedFiles: ['custom-connector/workday/translations/it.properties'],
      status: 'UPDATED',
    });
    expect(await (await api('/connectors/workday/translations/it')).text()).toBe(italian);
    expect((await detail(await api('/connectors/workday'))).translationProperties?.it).toBe(italian);
    expect((await putFile('/connectors/workday/translations/xx', italian, 'x.properties')).status).toBe(400);
  });
});

describe('faults, latency and the request log', () => {
  it('injects a 503 once, then answers normally', async () => {
    sb.injectFault({ match: { method: 'GET', pathPrefix: '/v3/connectors' }, status: 503 });
    const failed = await api('/connectors/okta');
    expect(failed.status).toBe(503);
    await expectErrorResponse(failed, '503 Service Unavailable');
    expect((await api('/connectors/okta')).status).toBe(200);
    expect(sb.log.entries().map((e) => [e.status, e.faulted])).toEqual([
      [503, true],
      [200, false],
    ]);
  });

  it('injects 429 with Retry-After', async () => {
    sb.injectFault({ match: { pathPrefix: '/v3/' }, status: 429, retryAfter: 7 });
    const res = await api('/connectors');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await json(res)).toEqual({ message: 'Rate Limit Exceeded' });
  });

  it('consumes faults in order and honours counts and predicates', async () => {
    sb.injectFault({ match: (_method, path) => path.endsWith('/okta'), status: 500, count: 2 });
    sb.injectFault({ match: { pathPrefix: '/v3/connectors' }, status: 502, body: { custom: true } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await api('/connectors/okta')).status);
    expect(statuses).toEqual([500, 500, 502, 200]);
  });

  it('can delay, break the JSON, or reset the connection', async () => {
    sb.injectFault({ delayMs: 120 });
    const started = Date.now();
    expect((await api('/connectors/okta')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);

    sb.injectFault({ malformed: true });
    const malformed = await api('/connectors');
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();

    sb.injectFault({ reset: true });
    await expect(api('/connectors')).rejects.toThrow();
    expect(sb.log.entries().map((e) => e.status)).toEqual([200, 200, 0]);
    sb.injectFault({ status: 500, count: Infinity });
    sb.clearFaults();
    expect((await api('/connectors/okta')).status).toBe(200);
  });

  it('adds latency to every answer', async () => {
    sb.setLatency(100);
    try {
      const started = Date.now();
      await api('/connectors/okta');
      expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    } finally {
      sb.setLatency(0);
    }
  });

  it('logs and counts requests', async () => {
    await api('/connectors?limit=1');
    await api('/connectors/okta');
    await fetch(`${sb.url}/connectors`);
    await fetchToken();
    const entries = sb.log.entries();
    expect(entries.map((e) => [e.seq, e.method, e.path, e.query, e.status, e.authorized])).toEqual([
      [1, 'GET', '/v3/connectors', 'limit=1', 200, true],
      [2, 'GET', '/v3/connectors/okta', '', 200, true],
      [3, 'GET', '/v3/connectors', '', 401, false],
      [4, 'POST', '/oauth/token', '', 200, true],
    ]);
    expect(typeof entries[0]!.ts).toBe('number');
    expect(sb.log.count({ method: 'GET', pathPrefix: '/v3/connectors' })).toBe(3);
    expect(sb.log.count({ authorized: false })).toBe(1);
    expect(sb.log.count({ status: 401 })).toBe(1);
    expect(sb.log.count((e) => e.path === '/oauth/token')).toBe(1);
    sb.log.reset();
    expect(sb.log.count()).toBe(0);
  });

  it('is driven over HTTP through /__sandbox/', async () => {
    const control = (path: string, init: RequestInit = {}): Promise<Response> => fetch(`${sb.origin}/__sandbox${path}`, init);
    const queued = await control('/faults', {
      method: 'POST',
      body: JSON.stringify({ method: 'GET', pathPrefix: '/v3/connectors', status: 429, retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT' }),
    });
    expect(queued.status).toBe(201);
    const limited = await api('/connectors');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('Wed, 21 Oct 2015 07:28:00 GMT');

    expect((await control('/faults', { method: 'POST', body: JSON.stringify({ status: 503, count: 'Infinity' }) })).status).toBe(201);
    expect((await api('/connectors/okta')).status).toBe(503);
    expect((await control('/faults', { method: 'DELETE' })).status).toBe(204);
    expect((await api('/connectors/okta')).status).toBe(200);
    expect((await control('/faults', { method: 'POST', body: JSON.stringify({ status: 'bad' }) })).status).toBe(400);

    expect(await json(await control('/latency', { method: 'POST', body: JSON.stringify({ ms: 0 }) }))).toEqual({ latencyMs: 0 });
    const log = await json<{ entries: RequestLogEntry[] }>(await control('/log'));
    expect(log.entries.map((e) => e.status)).toEqual([429, 503, 200]);
    expect(log.entries.every((e) => !e.path.startsWith('/__sandbox'))).toBe(true);
    expect((await control('/log/reset', { method: 'POST' })).status).toBe(204);
    expect((await json(await control('/log'))).entries).toEqual([]);
  });
});
