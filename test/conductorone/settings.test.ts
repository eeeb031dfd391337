/**
 * ConductorOne app connectors as forms over real HTTP: `updateConnectorSettings` (dry run, save, problems),
 * `testConnector` and `testNewConnector` (FORM_CHECK against the catalog entry: no connection is ever made), through
 * the gateway and its ConductorOne sandbox.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import { appConnectorId } from '../../src/sources/conductorone/mappers.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.resetCalls();
});

/** A configured GitHub connector: a URL, a list and a secret. */
function github() {
  return stack.conductorone.store.connectors().find((c) => c.config?.['@type'].endsWith('.GithubConfig') && c.config.instanceUrl === '')!;
}

const UPDATE = `mutation($id: ID!, $values: [SettingValueInput!]!, $dryRun: Boolean) {
  updateConnectorSettings(id: $id, values: $values, dryRun: $dryRun) {
    ok dryRun problems { key code message } fields { key locked status } changes { op path value secret }
    connector { ... on AppConnector { config { typeUrl value } settings { valueKind sections { fields { key kind locked value isSet } } } } } } }`;
const TEST = `mutation($id: ID!, $values: [SettingValueInput!]!) { testConnector(id: $id, values: $values) { ok message method problems { key code message } } }`;
const TEST_NEW = `mutation($t: String!, $values: [SettingValueInput!]!) {
  testNewConnector(source: CONDUCTORONE, templateId: $t, values: $values) { ok message method problems { key code message } } }`;

describe('updateConnectorSettings', () => {
  it('dryRun: the problems-free change as JSON Patch on the representation, the secret hidden, nothing sent', async () => {
    const c = github();
    const token = 'dry-run-secret-token-0123456789';
    const { body } = await stack.gql(UPDATE, {
      id: appConnectorId(c.appId, c.id),
      dryRun: true,
      values: [
        { key: 'orgs', value: ['acme', 'acme-new'] },
        { key: 'instanceUrl', value: 'https://github.acme.example' },
        { key: 'accessToken', value: token },
      ],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.updateConnectorSettings).toEqual({
      ok: true,
      dryRun: true,
      problems: [],
      fields: [
        { key: 'orgs', locked: false, status: 'CHANGED' },
        { key: 'instanceUrl', locked: false, status: 'CHANGED' },
        { key: 'accessToken', locked: true, status: 'SET' },
      ],
      changes: [
        { op: 'replace', path: '/config/value/orgs', value: ['acme', 'acme-new'], secret: false },
        { op: 'replace', path: '/config/value/instanceUrl', value: 'https://github.acme.example', secret: false },
        { op: 'replace', path: '/config/value/accessToken', value: null, secret: true },
      ],
      connector: null,
    });
    expect(JSON.stringify(body)).not.toContain(token);
    expect(stack.c1Calls({ method: 'POST' })).toBe(0);
    expect(stack.conductorone.store.connector(c.appId, c.id)).toEqual(c);
  });

  it('save: one update of config with only the given keys changed, the other secrets kept, the connector back', async () => {
    const c = github();
    const token = 'saved-secret-token-0123456789';
    const { body } = await stack.gql(UPDATE, {
      id: appConnectorId(c.appId, c.id),
      values: [
        { key: 'orgs', value: ['acme-saved'] },
        { key: 'accessToken', value: token },
      ],
    });
    expect(body.errors).toBeUndefined();
    const result = body.data!.updateConnectorSettings;
    expect(result).toMatchObject({ ok: true, dryRun: false, problems: [] });
    expect(result.connector.config).toEqual({
      typeUrl: c.config!['@type'],
      value: { ...c.config, '@type': undefined, orgs: ['acme-saved'], accessToken: null },
    });
    expect(JSON.stringify(body)).not.toContain(token);
    const stored = stack.conductorone.store.connector(c.appId, c.id)!;
    expect(stored.config).toEqual({ ...c.config, orgs: ['acme-saved'], accessToken: token });
    expect(stack.c1Calls({ method: 'POST' })).toBe(1);
  });

  it('a save that changes nothing sends nothing', async () => {
    const c = github();
    const { body } = await stack.gql(UPDATE, { id: appConnectorId(c.appId, c.id), values: [{ key: 'orgs', value: c.config!.orgs }] });
    expect(body.data!.updateConnectorSettings).toMatchObject({ ok: true, changes: [], fields: [{ key: 'orgs', status: 'UNCHANGED' }] });
    expect(stack.c1Calls({ method: 'POST' })).toBe(0);
  });

  it('problems (wrong kind, unknown key, not a URL) come back as data and nothing is sent', async () => {
    const c = github();
    const { body } = await stack.gql(UPDATE, {
      id: appConnectorId(c.appId, c.id),
      values: [
        { key: 'orgs', value: 5 },
        { key: 'nope', value: 'x' },
      ],
    });
    expect(body.errors).toBeUndefined();
    const result = body.data!.updateConnectorSettings;
    expect(result.ok).toBe(false);
    expect(result.problems.map((p: any) => [p.key, p.code])).toEqual([
      ['nope', 'UNKNOWN_FIELD'],
      ['orgs', 'WRONG_TYPE'],
    ]);
    expect(stack.c1Calls({ method: 'POST' })).toBe(0);
  });
});

describe('testConnector and testNewConnector', () => {
  it('testConnector: FORM_CHECK against the catalog entry; the saved secret must be re-entered; no connection made', async () => {
    const c = github();
    const id = appConnectorId(c.appId, c.id);
    const missing = await stack.gql(TEST, { id, values: [] });
    expect(missing.body.data!.testConnector).toMatchObject({ ok: false, method: 'FORM_CHECK', problems: [{ key: 'accessToken', code: 'RE_ENTER_SECRET' }] });
    const token = 'test-secret-token-0123456789';
    const ok = await stack.gql(TEST, { id, values: [{ key: 'accessToken', value: token }] });
    expect(ok.body.data!.testConnector).toMatchObject({ ok: true, method: 'FORM_CHECK', problems: [] });
    expect(ok.body.data!.testConnector.message).toMatch(/no connection was made/);
    expect(JSON.stringify(ok.body)).not.toContain(token);
    expect(stack.c1Calls({ method: 'POST' })).toBe(0);
  });

  it('testConnector checks the values it is given: a saved value of the wrong kind is named, and clearing it passes', async () => {
    // The newest GitHub connector gets a number for `orgs`: the catalog's form (from the oldest one) says LIST.
    const c = stack.conductorone.store
      .connectors()
      .filter((x) => x.config?.['@type'].endsWith('.GithubConfig'))
      .sort((a, b) => (a.createdAt! < b.createdAt! ? 1 : -1))[0]!;
    const set = await stack.gql(`mutation($input: UpdateAppConnectorInput!) { updateAppConnector(input: $input) { id } }`, {
      input: { appId: c.appId, id: c.id, config: { orgs: 5 } },
    });
    expect(set.body.errors).toBeUndefined();
    const id = appConnectorId(c.appId, c.id);
    const token = { key: 'accessToken', value: 'test-secret-token-0123456789' };
    const kept = await stack.gql(TEST, { id, values: [token] });
    expect(kept.body.data!.testConnector).toMatchObject({ ok: false, problems: [{ key: 'orgs', code: 'WRONG_TYPE' }] });
    const cleared = await stack.gql(TEST, { id, values: [token, { key: 'orgs', value: null }] });
    expect(cleared.body.data!.testConnector).toMatchObject({ ok: true, problems: [] });
    await stack.gql(`mutation($input: UpdateAppConnectorInput!) { updateAppConnector(input: $input) { id } }`, {
      input: { appId: c.appId, id: c.id, config: { orgs: c.config!.orgs } },
    });
  });

  it('testNewConnector: the values against the catalog entry’s form; an entry the tenant does not use is NOT_FOUND', async () => {
    const c = github();
    const good = await stack.gql(TEST_NEW, {
      t: c.catalogId,
      values: [
        { key: 'orgs', value: ['x'] },
        { key: 'accessToken', value: 'new-token-0123456789' },
      ],
    });
    expect(good.body.data!.testNewConnector).toMatchObject({ ok: true, method: 'FORM_CHECK', problems: [] });
    const bad = await stack.gql(TEST_NEW, { t: c.catalogId, values: [{ key: 'instanceUrl', value: 'not a url' }] });
    expect(bad.body.data!.testNewConnector).toMatchObject({ ok: false, method: 'FORM_CHECK', problems: [{ key: 'instanceUrl', code: 'WRONG_TYPE' }] });
    const none = await stack.gql(TEST_NEW, { t: 'no-such-entry', values: [] });
    expect(none.body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', source: 'CONDUCTORONE' });
    expect(stack.c1Calls({ method: 'POST' })).toBe(0);
  });
});

describe('a refused create shows ConductorOne’s reason', () => {
  it('a config of another catalog entry’s type', async () => {
    const c = github();
    const other = stack.conductorone.store.catalog().find((e) => e.id !== c.catalogId)!;
    const { body } = await stack.gql(`mutation($input: CreateAppConnectorInput!) { createAppConnector(input: $input) { id } }`, {
      input: { appId: c.appId, catalogId: c.catalogId, config: { '@type': other.configType } },
    });
    const error = body.errors![0]!;
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', source: 'CONDUCTORONE', vendorCode: 'INVALID_ARGUMENT' });
    expect(error.extensions!.upstreamMessage).toContain('is not the config type of the catalog entry');
  });
});
