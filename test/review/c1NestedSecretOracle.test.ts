/**
 * Review (issue 17): ConductorOne's form is built from the STORED config (src/sources/conductorone/forms.ts `fields:
 * configFields(read.stored.config)`, mappers.ts configField gives a non-secret key its raw stored value). A key that
 * does not look secret but holds a secret below its top level (`proxy: { password }`, the case configOperations and
 * settings mask) therefore carries the unmasked secret into the form check: checkForm's statusOf compares the given
 * value with it. A dry run (sends nothing, no write lock, any editor) answers UNCHANGED and no change when a guess
 * of the nested secret is right, CHANGED and one operation when wrong: an oracle on a saved secret. (A test also gets
 * the saved nested secret in `complete`, though "saved secrets are never used for a test".)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import { appConnectorId } from '../../src/sources/conductorone/mappers.js';

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
    // Today: wrong → status CHANGED and one operation; right → UNCHANGED and none.
    expect(right.data!.updateConnectorSettings.fields).toEqual(wrong.data!.updateConnectorSettings.fields);
    expect(right.data!.updateConnectorSettings.changes.length).toBe(wrong.data!.updateConnectorSettings.changes.length);
  });
});
