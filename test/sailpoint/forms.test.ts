/**
 * SailPoint script connectors as forms, end to end over real HTTP through the gateway and the SailPoint sandbox:
 * typed settings in a locale, `updateConnectorSettings` (dry run, save, problems, secrets), `testConnector` and
 * `testNewConnector` (FORM_CHECK: no connection is made), and `scriptConnectors` as a typed connection. The
 * sandbox's store and request log show what was (not) sent.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scriptConnectorId } from '../../src/sources/sailpoint/mappers.js';
import { createSailPointSeed } from '../../src/sources/sailpoint/sandbox/seed.js';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.sailpoint.reset();
  stack.resetCalls();
});

const SERVICENOW = 'servicenow-angularsc';
const DEMO_HR = 'demo-hr';
const STORED_HR_KEY = 'demo-hr-key-7f3a';
const seedForm = (scriptName: string) => createSailPointSeed().find((c) => c.scriptName === scriptName)!.sourceConfigXml;
const storedForm = (scriptName: string) => stack.sailpoint.store.get(scriptName)!.sourceConfigXml;

const SETTINGS = `query($s: String!, $l: SailPointLocale) { scriptConnector(scriptName: $s) { settings(locale: $l) { valueKind sections { section fields {
  key label kind description placeholder options { value label } defaultValue required locked value isSet } } } } }`;
const UPDATE = `mutation($id: ID!, $values: [SettingValueInput!]!, $dryRun: Boolean) {
  updateConnectorSettings(id: $id, values: $values, dryRun: $dryRun) {
    ok dryRun problems { key code message } fields { key locked status } changes { op path value secret }
    connector { id ... on ScriptConnector { settings { sections { fields { key value isSet } } } } } } }`;
const TEST = `mutation($id: ID!, $values: [SettingValueInput!]!) { testConnector(id: $id, values: $values) { ok message method problems { key code message } } }`;
const TEST_NEW = `mutation($t: String!, $values: [SettingValueInput!]!) {
  testNewConnector(source: SAILPOINT, templateId: $t, values: $values) { ok message method problems { key code message } } }`;

interface Field {
  key: string;
  [k: string]: unknown;
}
const fieldsOf = (settings: { sections: { fields: Field[] }[] }) => settings.sections.flatMap((s) => s.fields);

describe('settings', () => {
  it('are typed fields of the form, the defaults of its sources, in English by default', async () => {
    const { body } = await stack.gql(SETTINGS, { s: SERVICENOW });
    expect(body.errors).toBeUndefined();
    const settings = body.data!.scriptConnector.settings;
    expect(settings.valueKind).toBe('FORM_DEFAULTS');
    const byKey = new Map(fieldsOf(settings).map((f) => [f.key, f]));
    expect(byKey.get('baseUrl')).toMatchObject({
      label: 'Instance URL',
      kind: 'URL',
      description: 'The root URL of the API, with its scheme.',
      placeholder: 'https://api.example.com',
      required: true,
      isSet: false,
    });
    expect(byKey.get('authType')).toMatchObject({
      kind: 'SELECT',
      options: [
        { value: 'Basic Authentication', label: 'Basic Authentication' },
        { value: 'OAuth 2.0', label: 'OAuth 2.0' },
      ],
      value: 'OAuth 2.0',
    });
    expect(byKey.get('pageSize')).toMatchObject({ kind: 'NUMBER', value: 200 });
    expect(byKey.get('deltaAggregation')).toMatchObject({ kind: 'SWITCH', value: false });
    expect(byKey.get('clientSecret')).toMatchObject({ kind: 'SECRET', locked: true, value: null });
    expect(byKey.get('fileUpload')).toMatchObject({ kind: 'FILE' });
    // One GET: SailPoint's default locale is en.
    expect(stack.apiCalls()).toBe(1);
  });

  it('come in the locale asked for, with one GET ?locale=, falling back to en per text and for a locale without a file', async () => {
    const { body } = await stack.gql(SETTINGS, { s: SERVICENOW, l: 'DE' });
    expect(body.errors).toBeUndefined();
    const baseUrl = fieldsOf(body.data!.scriptConnector.settings).find((f) => f.key === 'baseUrl');
    expect(baseUrl).toMatchObject({ label: 'Instanz-URL', description: 'Die Stamm-URL der API, mit ihrem Schema.' });
    const clientId = fieldsOf(body.data!.scriptConnector.settings).find((f) => f.key === 'clientId');
    expect(clientId).toMatchObject({ label: 'Client-ID', description: 'The OAuth client the connector signs in as.' });
    expect(stack.sailpoint.log.entries().filter((e) => e.query === 'locale=de')).toHaveLength(1);

    const zh = await stack.gql(SETTINGS, { s: SERVICENOW, l: 'ZH_TW' });
    expect(fieldsOf(zh.body.data!.scriptConnector.settings).find((f) => f.key === 'baseUrl')).toMatchObject({ label: 'Instance URL' });
    expect(stack.sailpoint.log.entries().filter((e) => e.query === 'locale=zh-TW')).toHaveLength(1);
  });
});

describe('scriptConnectors', () => {
  it('is a connection of ScriptConnector: its own fields need no fragment', async () => {
    const { body } = await stack.gql(`{ scriptConnectors(first: 2) { edges { cursor node { scriptName status } } pageInfo { hasNextPage } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.scriptConnectors.edges[0].node).toEqual({ scriptName: 'active-directory', status: 'RELEASED' });
  });
});

describe('updateConnectorSettings', () => {
  const id = scriptConnectorId(SERVICENOW);

  it('dry run: shows the one replace of /sourceConfigXml, hides the new secret, sends nothing', async () => {
    const secret = 'NEW-CLIENT-SECRET-1a2b3c';
    const { body } = await stack.gql(UPDATE, {
      id,
      dryRun: true,
      values: [
        { key: 'pageSize', value: 50 },
        { key: 'clientSecret', value: secret },
      ],
    });
    expect(body.errors).toBeUndefined();
    const result = body.data!.updateConnectorSettings;
    expect(result).toMatchObject({ ok: true, dryRun: true, problems: [], connector: null });
    expect(result.fields).toEqual([
      { key: 'pageSize', locked: false, status: 'CHANGED' },
      { key: 'clientSecret', locked: true, status: 'SET' },
    ]);
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]).toMatchObject({ op: 'replace', path: '/sourceConfigXml', secret: true });
    const shown = result.changes[0].value as string;
    expect(shown).toContain('name="pageSize" displayName="Page Size" type="number" required="false" value="50"');
    expect(shown).toContain('name="clientSecret" displayName="Client Secret" type="secret" required="true" helpKey="help_clientSecret" value="********"');
    expect(JSON.stringify(body)).not.toContain(secret);
    expect(stack.apiCalls({ method: 'PATCH' })).toBe(0);
    expect(storedForm(SERVICENOW)).toBe(seedForm(SERVICENOW));
  });

  it('save: sends the form with only the Field values changed, once', async () => {
    const { body } = await stack.gql(UPDATE, {
      id,
      values: [
        { key: 'pageSize', value: 50 },
        { key: 'authType', value: 'Basic Authentication' },
        { key: 'accountFilter', value: 'userName sw "A" & active' },
        { key: 'timeout', value: null },
      ],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.updateConnectorSettings).toMatchObject({ ok: true, dryRun: false, problems: [] });
    expect(stack.apiCalls({ method: 'PATCH' })).toBe(1);
    const expected = seedForm(SERVICENOW)
      .replace(
        'name="pageSize" displayName="Page Size" type="number" required="false" value="200"',
        'name="pageSize" displayName="Page Size" type="number" required="false" value="50"',
      )
      .replace('type="select" required="true" value="OAuth 2.0"', 'type="select" required="true" value="Basic Authentication"')
      .replace('helpKey="help_accountFilter"/>', 'helpKey="help_accountFilter" value="userName sw &quot;A&quot; &amp; active"/>')
      .replace(' value="60" helpKey="help_timeout"', ' helpKey="help_timeout"');
    expect(storedForm(SERVICENOW)).toBe(expected);
    const after = fieldsOf(body.data!.updateConnectorSettings.connector.settings);
    expect(after.find((f) => f.key === 'accountFilter')).toMatchObject({ value: 'userName sw "A" & active' });
    expect(after.find((f) => f.key === 'timeout')).toMatchObject({ value: null, isSet: false });
  });

  it('keeps a stored secret it is not given, and replaces it with a new one that no answer shows', async () => {
    const hrId = scriptConnectorId(DEMO_HR);
    const keep = await stack.gql(UPDATE, { id: hrId, values: [{ key: 'baseUrl', value: 'https://hr.example.org/api' }] });
    expect(keep.body.data!.updateConnectorSettings.ok).toBe(true);
    expect(storedForm(DEMO_HR)).toContain(`value="${STORED_HR_KEY}"`);
    expect(storedForm(DEMO_HR)).toContain('value="https://hr.example.org/api"');
    expect(JSON.stringify(keep.body)).not.toContain(STORED_HR_KEY);

    const next = 'demo-hr-key-NEW-9z8y';
    const set = await stack.gql(UPDATE, { id: hrId, values: [{ key: 'apiKey', value: next }] });
    expect(set.body.data!.updateConnectorSettings).toMatchObject({ ok: true, fields: [{ key: 'apiKey', locked: true, status: 'SET' }] });
    expect(storedForm(DEMO_HR)).toContain(`value="${next}"`);
    expect(storedForm(DEMO_HR)).not.toContain(STORED_HR_KEY);
    expect(JSON.stringify(set.body)).not.toContain(next);
  });

  it('returns the problems and sends nothing: a value outside the options, a wrong type, an unknown key', async () => {
    const { body } = await stack.gql(UPDATE, {
      id,
      values: [
        { key: 'authType', value: 'Kerberos' },
        { key: 'pageSize', value: 'many' },
        { key: 'nope', value: 1 },
      ],
    });
    expect(body.errors).toBeUndefined();
    const result = body.data!.updateConnectorSettings;
    expect(result.ok).toBe(false);
    expect(result.problems.map((p: { key: string; code: string }) => [p.key, p.code])).toEqual([
      ['nope', 'UNKNOWN_FIELD'],
      ['authType', 'NOT_AN_OPTION'],
      ['pageSize', 'WRONG_TYPE'],
    ]);
    expect(stack.apiCalls({ method: 'PATCH' })).toBe(0);
  });

  it('saves defaults without filling every required field: required binds the sources that fill the form', async () => {
    const { body } = await stack.gql(UPDATE, {
      id,
      values: [
        { key: 'username', value: null },
        { key: 'maxRetries', value: 5 },
      ],
    });
    expect(body.data!.updateConnectorSettings).toMatchObject({ ok: true, problems: [] });
    expect(storedForm(SERVICENOW)).toContain('name="maxRetries" displayName="Max Retry Count" type="number" required="false" value="5"');
  });

  it('refuses a value XML cannot carry with BAD_USER_INPUT and sends nothing', async () => {
    const { body } = await stack.gql(UPDATE, { id, values: [{ key: 'accountFilter', value: 'a\u0001b' }] });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'values' });
    expect(stack.apiCalls({ method: 'PATCH' })).toBe(0);
  });
});

describe('testConnector and testNewConnector', () => {
  const complete = [
    { key: 'baseUrl', value: 'https://acme.service-now.com' },
    { key: 'username', value: 'integration' },
    { key: 'clientId', value: 'gateway' },
    { key: 'clientSecret', value: 'TEST-ONLY-SECRET-77' },
  ];

  it('checks the values and the XML files, says no connection was made, and changes nothing', async () => {
    const { body } = await stack.gql(TEST, { id: scriptConnectorId(SERVICENOW), values: complete });
    expect(body.errors).toBeUndefined();
    const result = body.data!.testConnector;
    expect(result).toMatchObject({ ok: true, method: 'FORM_CHECK', problems: [] });
    expect(result.message).toMatch(/pass SailPoint's checks\. No connection was made/);
    expect(JSON.stringify(body)).not.toContain('TEST-ONLY-SECRET-77');
    expect(stack.apiCalls({ method: 'PATCH' })).toBe(0);
    expect(stack.apiCalls({ method: 'PUT' })).toBe(0);
  });

  it('names the required fields the values leave empty, and a saved secret as one to enter again', async () => {
    const missing = await stack.gql(TEST, {
      id: scriptConnectorId(SERVICENOW),
      values: complete.filter((v) => v.key !== 'clientSecret' && v.key !== 'username'),
    });
    const result = missing.body.data!.testConnector;
    expect(result).toMatchObject({ ok: false, method: 'FORM_CHECK' });
    expect(result.problems.map((p: { key: string; code: string }) => [p.key, p.code])).toEqual([
      ['username', 'REQUIRED'],
      ['clientSecret', 'REQUIRED'],
    ]);
    expect(result.message).toMatch(/No connection was made/);

    const hr = await stack.gql(TEST, { id: scriptConnectorId(DEMO_HR), values: [] });
    expect(hr.body.data!.testConnector.problems).toEqual([expect.objectContaining({ key: 'apiKey', code: 'RE_ENTER_SECRET' })]);
    expect(JSON.stringify(hr.body)).not.toContain(STORED_HR_KEY);
  });

  it('reports a value the form cannot carry as INVALID for its field', async () => {
    const { body } = await stack.gql(TEST, { id: scriptConnectorId(SERVICENOW), values: [...complete, { key: 'groupFilter', value: 'x\u0002' }] });
    expect(body.data!.testConnector).toMatchObject({ ok: false, problems: [expect.objectContaining({ key: 'groupFilter', code: 'INVALID' })] });
  });

  it('tests the form of a connector not created yet by its scriptName; an unknown one is NOT_FOUND', async () => {
    const { body } = await stack.gql(TEST_NEW, { t: SERVICENOW, values: complete });
    expect(body.data!.testNewConnector).toMatchObject({ ok: true, method: 'FORM_CHECK' });
    const unknown = await stack.gql(TEST_NEW, { t: 'no-such-connector', values: [] });
    expect(unknown.body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', argumentName: 'templateId' });
    const malformed = await stack.gql(TEST_NEW, { t: '../etc', values: [] });
    expect(malformed.body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(stack.apiCalls({ pathIncludes: '/etc' })).toBe(0);
  });
});
