/**
 * Review of issue 17, fixed: ConductorOne's form was built from the STORED config (src/sources/conductorone/forms.ts `fields:
 * configFields(read.stored.config)`, mappers.ts configField gives a non-secret key its raw stored value). A key that
 * does not look secret but holds a secret below its top level (`proxy: { password }`, the case configOperations and
 * settings mask) therefore carries the unmasked secret into the form check: checkForm's statusOf compares the given
 * value with it. A dry run (sends nothing, no write lock, any editor) answers UNCHANGED and no change when a guess
 * of the nested secret is right, CHANGED and one operation when wrong: an oracle on a saved secret. (A test also gets
 * the saved nested secret in `complete`, though "saved secrets are never used for a test".) Now the form's values are
 * the masked ones, and a value holding a secret below its top level is never compared (always written).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkForm } from '../../src/graph/form.js';
import { configFields, appConnectorId } from '../../src/sources/conductorone/mappers.js';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

let stack: TestStack;
const NESTED = 'proxy-pass-S3cret-4b1d';

beforeAll(async () => {
  stack = await startTestStack();
  stack.registerSecret(NESTED);
});
afterAll(() => stack.stop());

const UPDATE = `mutation($id: ID!, $values: [SettingValueInput!]!) {
  updateConnectorSettings(id: $id, values: $values, dryRun: true) { ok problems { code } fields { key status } changes { op path value secret } } }`;

describe('a secret below a non-secret config key', () => {
  it('a dry run answers the same for a right and a wrong guess of it', async () => {
    const c = stack.conductorone.store.connectors().find((x) => String(x.config?.['@type']).endsWith('.GithubConfig'))!;
    const saved = await stack.gql(
      `mutation($appId: String!, $id: String!, $config: JSONObject!) { updateAppConnector(input: { appId: $appId, id: $id, config: $config }) { id } }`,
      { appId: c.appId, id: c.id, config: { proxy: { host: 'proxy.acme.example', password: NESTED } } },
    );
    expect(saved.body.errors).toBeUndefined();
    expect(stack.conductorone.store.connector(c.appId, c.id)!.config).toMatchObject({ proxy: { password: NESTED } });
    const id = appConnectorId(c.appId, c.id);
    const guess = async (password: string) =>
      (await stack.gql(UPDATE, { id, values: [{ key: 'proxy', value: { host: 'proxy.acme.example', password } }] })).body;
    const wrong = await guess('wrong-guess-000000');
    const right = await guess(NESTED);
    expect(wrong.errors).toBeUndefined();
    expect(right.errors).toBeUndefined();
    // Before the fix: wrong → status CHANGED and one operation; right → UNCHANGED and none.
    expect(right.data!.updateConnectorSettings.fields).toEqual(wrong.data!.updateConnectorSettings.fields);
    expect(right.data!.updateConnectorSettings.changes.length).toBe(wrong.data!.updateConnectorSettings.changes.length);
    expect(right.data!.updateConnectorSettings.fields).toEqual([{ key: 'proxy', status: 'CHANGED' }]);
    expect(JSON.stringify(right)).not.toContain(NESTED);
  });

  it('the value as reads show it (the secret null) changes nothing; changed around the null, a save keeps the secret', async () => {
    const c = stack.conductorone.store.connectors().find((x) => String(x.config?.['@type']).endsWith('.GithubConfig'))!;
    const id = appConnectorId(c.appId, c.id);
    const update = (values: unknown, dryRun: boolean) =>
      stack.gql(
        `mutation($id: ID!, $values: [SettingValueInput!]!, $dryRun: Boolean!) {
          updateConnectorSettings(id: $id, values: $values, dryRun: $dryRun) { ok fields { key status } changes { op path value secret } } }`,
        { id, values, dryRun },
      );
    const same = (await update([{ key: 'proxy', value: { host: 'proxy.acme.example', password: null } }], true)).body;
    expect(same.errors).toBeUndefined();
    expect(same.data!.updateConnectorSettings).toMatchObject({ ok: true, fields: [{ key: 'proxy', status: 'UNCHANGED' }], changes: [] });
    stack.resetCalls();
    const saved = (await update([{ key: 'proxy', value: { host: 'proxy2.acme.example', password: null } }], false)).body;
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.updateConnectorSettings).toMatchObject({ ok: true, fields: [{ key: 'proxy', status: 'CHANGED' }] });
    expect(stack.c1Calls({ method: 'POST' })).toBe(1);
    expect(stack.conductorone.store.connector(c.appId, c.id)!.config).toMatchObject({ proxy: { host: 'proxy2.acme.example', password: NESTED } });
  });
});

describe('the form of a stored config', () => {
  const config = { '@type': 't', proxy: { host: 'h', password: NESTED }, list: [{ apiKey: NESTED }] };

  it('holds its values as reads show them: no secret below a key, so a test never gets one', () => {
    const fields = configFields(config);
    expect(JSON.stringify(fields)).not.toContain(NESTED);
    expect(fields.find((f) => f.key === 'proxy')?.value).toEqual({ host: 'h', password: null });
    const { complete } = checkForm(fields, [], 'test');
    expect(JSON.stringify([...complete])).not.toContain(NESTED);
  });

  it('a value holding a secret below its top level is CHANGED even against a form that (wrongly) holds it unmasked', () => {
    const unmasked = [{ key: 'proxy', label: null, section: 'RELAY' as const, type: 'Json', kind: 'JSON' as const, value: config.proxy }];
    const { fields, changed } = checkForm(unmasked, [{ key: 'proxy', value: config.proxy }], 'update');
    expect(fields).toEqual([{ key: 'proxy', locked: false, status: 'CHANGED' }]);
    expect(changed.has('proxy')).toBe(true);
  });
});
