import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestStack, uploadFile, type TestStack } from '../helpers/gateway.js';
import { createSailPointSeed } from '../../src/sources/sailpoint/sandbox/seed.js';
import { scriptConnectorId } from '../../src/sources/sailpoint/mappers.js';

const seed = createSailPointSeed();
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ UPLOAD_MAX_FILE_SIZE: String(64 * 1024) });
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.resetCalls();
});

/** What the sandbox holds for a connector, read over its own REST API (not through the gateway). */
async function backendDetail(scriptName: string): Promise<Record<string, any>> {
  const token = await fetch(`${stack.sailpoint.origin}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: stack.sailpoint.clientId, client_secret: stack.sailpoint.clientSecret }),
  }).then((r) => r.json() as Promise<{ access_token: string }>);
  const res = await fetch(`${stack.sailpoint.url}/connectors/${scriptName}`, { headers: { authorization: `Bearer ${token.access_token}` } });
  return (await res.json()) as Record<string, any>;
}

const PATCH = `mutation($s: String!, $ops: [JsonPatchOperationInput!]!) {
  patchScriptConnector(scriptName: $s, operations: $ops) { id scriptName applicationXml connectorMetadata description }
}`;

describe('createScriptConnector and deleteScriptConnector', () => {
  it('creates a connector that the list then shows, and deletes it', async () => {
    const created =
      await stack.gql(`mutation { createScriptConnector(input: { name: "Gateway Test Connector", className: "sailpoint.connector.OpenConnectorAdapter", status: DEVELOPMENT }) {
      id scriptName name type status directConnect } }`);
    expect(created.body.errors).toBeUndefined();
    const c = created.body.data!.createScriptConnector;
    expect(c).toMatchObject({ name: 'Gateway Test Connector', type: 'custom Gateway Test Connector', status: 'DEVELOPMENT', directConnect: true });
    expect(c.id).toBe(scriptConnectorId(c.scriptName));
    expect(stack.apiCalls({ method: 'POST' })).toBe(1);
    const read = await stack.gql(`query($s: String!) { scriptConnector(scriptName: $s) { name } }`, { s: c.scriptName });
    expect(read.body.data!.scriptConnector).toEqual({ name: 'Gateway Test Connector' });

    const dup = await stack.gql(`mutation { createScriptConnector(input: { name: "Gateway Test Connector", className: "x" }) { id } }`);
    expect(dup.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', source: 'SAILPOINT', upstreamStatus: 400 });

    const deleted = await stack.gql(`mutation($s: String!) { deleteScriptConnector(scriptName: $s) }`, { s: c.scriptName });
    expect(deleted.body.data).toEqual({ deleteScriptConnector: c.id });
    const gone = await stack.gql(`query($s: String!) { scriptConnector(scriptName: $s) { name } }`, { s: c.scriptName });
    expect(gone.body.data!.scriptConnector).toBeNull();
  });

  it('refuses an invalid create before any call', async () => {
    const { body } = await stack.gql(`mutation { createScriptConnector(input: { name: "  ", className: "x" }) { id } }`);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.name' });
    expect(stack.apiCalls()).toBe(0);
  });

  it('says NOT_FOUND when deleting an unknown scriptName', async () => {
    const { body } = await stack.gql(`mutation { deleteScriptConnector(scriptName: "no-such-connector") }`);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', source: 'SAILPOINT', upstreamStatus: 404 });
  });
});

describe('patchScriptConnector', () => {
  const target = seed[1]!;

  it('sends the patch as application/json-patch+json and returns the patched connector', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Application connector="sailpoint.connector.OpenConnectorAdapter" name="${target.name}" type="${target.type}" featuresString="PROVISIONING"/>`;
    const { body } = await stack.gql(PATCH, {
      s: target.scriptName,
      ops: [
        { op: 'replace', path: '/applicationXml', value: xml },
        { op: 'add', path: '/connectorMetadata/shortDesc', value: 'Patched through the gateway' },
      ],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.patchScriptConnector).toMatchObject({ scriptName: target.scriptName, applicationXml: xml, description: 'Patched through the gateway' });
    expect(stack.apiCalls({ method: 'PATCH' })).toBe(1);
    // One GET first: the gateway checks what the patch would produce (README).
    expect(stack.apiCalls({ method: 'GET' })).toBe(1);
    expect(stack.apiCalls()).toBe(2);
    const stored = await backendDetail(target.scriptName);
    expect(stored.applicationXml).toBe(xml);
    expect(stored.connectorMetadata.shortDesc).toBe('Patched through the gateway');
  });

  it.each([
    ['a non-patchable path', [{ op: 'replace', path: '/name', value: 'renamed' }]],
    ['a path inside an XML field', [{ op: 'replace', path: '/applicationXml/0', value: 'x' }]],
    ['XML that is not well-formed', [{ op: 'replace', path: '/applicationXml', value: '<Application>' }]],
    ['an XML entity declaration', [{ op: 'replace', path: '/sourceConfigXml', value: '<!DOCTYPE f [<!ENTITY x SYSTEM "file:///etc/passwd">]><f>&x;</f>' }]],
    [
      'a valid operation followed by a refused one',
      [
        { op: 'add', path: '/connectorMetadata/x', value: 1 },
        { op: 'remove', path: '/status' },
      ],
    ],
  ])('refuses %s with BAD_USER_INPUT before any call', async (_what, ops) => {
    const before = await backendDetail(target.scriptName);
    stack.resetCalls();
    const { body } = await stack.gql(PATCH, { s: target.scriptName, ops });
    expect(body.data).toBeNull();
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(stack.apiCalls()).toBe(0);
    expect(await backendDetail(target.scriptName)).toEqual(before);
  });

  it('is CONFLICT when a test operation fails, and changes nothing', async () => {
    const before = await backendDetail(target.scriptName);
    stack.resetCalls();
    const { body } = await stack.gql(PATCH, {
      s: target.scriptName,
      ops: [
        { op: 'test', path: '/connectorMetadata/platform', value: 'definitely-not-the-platform' },
        { op: 'replace', path: '/connectorMetadata/shortDesc', value: 'should not be written' },
      ],
    });
    expect(body.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(stack.apiCalls({ method: 'PATCH' })).toBe(0);
    expect(await backendDetail(target.scriptName)).toEqual(before);
  });

  it('applies a patch whose test passes', async () => {
    const current = await backendDetail(target.scriptName);
    const { body } = await stack.gql(PATCH, {
      s: target.scriptName,
      ops: [
        { op: 'test', path: '/connectorMetadata', value: current.connectorMetadata },
        { op: 'replace', path: '/connectorMetadata/supportedUI', value: 'ANGULAR' },
      ],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.patchScriptConnector.connectorMetadata.supportedUI).toBe('ANGULAR');
  });

  it('says NOT_FOUND for an unknown scriptName', async () => {
    const { body } = await stack.gql(PATCH, { s: 'no-such-connector', ops: [{ op: 'add', path: '/connectorMetadata/x', value: 1 }] });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', source: 'SAILPOINT', upstreamStatus: 404 });
  });
});

const UPLOAD = `mutation($s: String!, $kind: ScriptConnectorFileKind!, $file: Upload!, $locale: SailPointLocale) {
  uploadScriptConnectorFile(scriptName: $s, kind: $kind, file: $file, locale: $locale) { status scriptName updatedFiles message }
}`;

describe('uploadScriptConnectorFile', () => {
  const target = seed[4]!;
  const xmlFor = (root: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<${root} name="uploaded-${root}-${Date.now()}"/>`;

  it.each([
    [
      'SOURCE_CONFIG',
      'source-config',
      () =>
        `<?xml version="1.0"?><Form xmlns="http://www.sailpoint.com/xsd/sailpoint_form_2_0.xsd" name="u${Date.now()}" type="SourceConfig"><Menu label="C"><MenuItem keyName="connectionSettings" label="Connection"><Section label="S"><Field name="host" type="url" required="true"/></Section></MenuItem></Menu></Form>`,
    ],
    ['CORRELATION_CONFIG', 'correlation-config', () => xmlFor('CorrelationConfig')],
    ['SOURCE_TEMPLATE', 'source-template', () => xmlFor('Application')],
  ] as const)('uploads %s as a multipart file part and the backend keeps it', async (kind, path, make) => {
    const content = make();
    const res = await uploadFile(stack.gateway.url, UPLOAD, { s: target.scriptName, kind }, { name: `${path}.xml`, content, type: 'application/xml' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.uploadScriptConnectorFile).toMatchObject({ status: 'UPDATED', scriptName: target.scriptName });
    expect(stack.apiCalls({ method: 'PUT', pathIncludes: `/${path}` })).toBe(1);
    const read = await stack.gql(`query($s: String!) { scriptConnector(scriptName: $s) { sourceConfig correlationConfig sourceTemplate } }`, {
      s: target.scriptName,
    });
    const field = { SOURCE_CONFIG: 'sourceConfig', CORRELATION_CONFIG: 'correlationConfig', SOURCE_TEMPLATE: 'sourceTemplate' }[kind];
    expect(read.body.data!.scriptConnector[field]).toBe(content);
  });

  it('uploads translations for a locale', async () => {
    const content = `# uploaded\nmenuLabel_ConnectionSettings=Verbindung ${Date.now()}\n`;
    const res = await uploadFile(
      stack.gateway.url,
      UPLOAD,
      { s: target.scriptName, kind: 'TRANSLATIONS', locale: 'DE' },
      { name: 'de.properties', content, type: 'text/plain' },
    );
    expect(res.body.errors).toBeUndefined();
    expect(stack.apiCalls({ method: 'PUT', pathIncludes: '/translations/de' })).toBe(1);
    const read = await stack.gql(`query($s: String!) { scriptConnector(scriptName: $s) { translations(locale: DE) } }`, { s: target.scriptName });
    expect(read.body.data!.scriptConnector.translations).toBe(content);
  });

  it.each([
    ['a non-XML source config', { kind: 'SOURCE_CONFIG' }, { name: 'a.xml', content: 'not xml at all' }],
    [
      'XML with an external entity',
      { kind: 'SOURCE_TEMPLATE' },
      { name: 'a.xml', content: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>' },
    ],
    ['a binary file', { kind: 'CORRELATION_CONFIG' }, { name: 'a.xml', content: Uint8Array.from([0x3c, 0xff, 0xfe, 0x00, 0x3e]) }],
    ['XML as translations', { kind: 'TRANSLATIONS' }, { name: 'en.properties', content: '<a/>' }],
    ['a locale SailPoint does not have (the enum refuses it)', { kind: 'TRANSLATIONS', locale: 'xx' }, { name: 'xx.properties', content: 'a=b' }],
    ["SailPoint's code instead of the enum's name", { kind: 'TRANSLATIONS', locale: 'zh-TW' }, { name: 'zh.properties', content: 'a=b' }],
    ['a locale on an XML kind', { kind: 'SOURCE_CONFIG', locale: 'DE' }, { name: 'a.xml', content: '<a/>' }],
    ['a file over the size limit', { kind: 'SOURCE_TEMPLATE' }, { name: 'big.xml', content: `<a>${'x'.repeat(70 * 1024)}</a>` }],
  ])('refuses %s with BAD_USER_INPUT and sends nothing', async (_what, vars, file) => {
    const before = await backendDetail(target.scriptName);
    stack.resetCalls();
    const res = await uploadFile(stack.gateway.url, UPLOAD, { s: target.scriptName, ...vars }, file);
    expect(res.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(stack.apiCalls()).toBe(0);
    expect(await backendDetail(target.scriptName)).toEqual(before);
  });

  it('refuses a multipart request without the CSRF preflight header before reading it', async () => {
    const res = await uploadFile(stack.gateway.url, UPLOAD, { s: target.scriptName, kind: 'SOURCE_TEMPLATE' }, { name: 'a.xml', content: '<a/>' }, {});
    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.message).toMatch(/CSRF/);
    expect(stack.apiCalls()).toBe(0);
  });

  it('refuses more files than the limit', async () => {
    const form = new FormData();
    const query = `mutation($a: Upload!, $b: Upload!, $c: Upload!, $d: Upload!, $e: Upload!) { a: uploadScriptConnectorFile(scriptName: "x", kind: SOURCE_TEMPLATE, file: $a) { status } }`;
    form.set('operations', JSON.stringify({ query, variables: { a: null, b: null, c: null, d: null, e: null } }));
    form.set('map', JSON.stringify({ 0: ['variables.a'], 1: ['variables.b'], 2: ['variables.c'], 3: ['variables.d'], 4: ['variables.e'] }));
    for (let i = 0; i < 5; i++) form.set(String(i), new Blob(['<a/>']), `${i}.xml`);
    const res = await fetch(stack.gateway.url, { method: 'POST', body: form, headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(413);
    expect(stack.apiCalls()).toBe(0);
  });
});
