/**
 * Logto login connectors as forms, end to end over HTTP through the gateway against the Logto sandbox:
 * updateConnectorSettings (dry run and save), testConnector and testNewConnector.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import { loginConnectorId } from '../../src/sources/logto/mappers.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  return () => stack.stop();
});
beforeEach(() => {
  stack.resetCalls();
  stack.logto.reset();
});

const UPDATE = `mutation($id: ID!, $values: [SettingValueInput!]!, $dryRun: Boolean) {
  updateConnectorSettings(id: $id, values: $values, dryRun: $dryRun) {
    ok dryRun problems { key code message } fields { key locked status } changes { op path value secret }
    connector { id ... on LoginConnector { settings { sections { fields { key kind locked value isSet } } } } }
  } }`;
const TEST = `mutation($id: ID!, $values: [SettingValueInput!]!, $sendTo: TestRecipientInput) {
  testConnector(id: $id, values: $values, sendTo: $sendTo) { ok message method problems { key code message } } }`;
const TEST_NEW = `mutation($templateId: String!, $values: [SettingValueInput!]!, $sendTo: TestRecipientInput) {
  testNewConnector(source: LOGTO, templateId: $templateId, values: $values, sendTo: $sendTo) { ok message method problems { key code message } } }`;

const GOOGLE = 'kq3v8zt1w6pn';
const SENDGRID = 'e4t7y2u9i0ol';

describe('updateConnectorSettings on a login connector', () => {
  const newSecret = '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c';

  it('dry run: the problems-free change as JSON Patch on /config, the secret hidden, nothing sent', async () => {
    stack.registerSecret(newSecret);
    const before = structuredClone(stack.logto.store.connector(GOOGLE));
    const { body } = await stack.gql(UPDATE, {
      id: loginConnectorId(GOOGLE),
      dryRun: true,
      values: [
        { key: 'scope', value: 'openid email' },
        { key: 'clientSecret', value: newSecret },
        { key: 'prompts', value: ['consent'] },
        { key: 'offlineAccess', value: false },
      ],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.updateConnectorSettings).toEqual({
      ok: true,
      dryRun: true,
      problems: [],
      fields: [
        { key: 'scope', locked: false, status: 'CHANGED' },
        { key: 'clientSecret', locked: true, status: 'SET' },
        { key: 'prompts', locked: false, status: 'CHANGED' },
        { key: 'offlineAccess', locked: false, status: 'UNCHANGED' },
      ],
      changes: [
        { op: 'replace', path: '/config/scope', value: 'openid email', secret: false },
        { op: 'replace', path: '/config/clientSecret', value: null, secret: true },
        { op: 'replace', path: '/config/prompts', value: ['consent'], secret: false },
      ],
      connector: null,
    });
    expect(stack.logtoCalls({ method: 'PATCH' })).toBe(0);
    expect(stack.logto.store.connector(GOOGLE)).toEqual(before);
    expect(JSON.stringify(body)).not.toContain(newSecret);
  });

  it('save: one PATCH of config with only those keys changed, the secret replaced and never read back', async () => {
    stack.registerSecret(newSecret);
    const before = stack.logto.store.connector(GOOGLE)!.config;
    const { body } = await stack.gql(UPDATE, {
      id: loginConnectorId(GOOGLE),
      values: [
        { key: 'scope', value: 'openid email' },
        { key: 'clientSecret', value: newSecret },
      ],
    });
    expect(body.errors).toBeUndefined();
    const result = body.data!.updateConnectorSettings;
    expect(result).toMatchObject({ ok: true, dryRun: false, problems: [] });
    expect(stack.logto.store.connector(GOOGLE)!.config).toEqual({ ...before, scope: 'openid email', clientSecret: newSecret });
    expect(stack.logtoCalls({ method: 'PATCH' })).toBe(1);
    const fields = result.connector.settings.sections.flatMap((s: any) => s.fields);
    expect(fields.find((f: any) => f.key === 'clientSecret')).toEqual({ key: 'clientSecret', kind: 'SECRET', locked: true, value: null, isSet: true });
    expect(fields.find((f: any) => f.key === 'scope').value).toBe('openid email');
    expect(JSON.stringify(body)).not.toContain(newSecret);
  });

  it('clears a field with null (remove), and adds one the config lacks (add)', async () => {
    const { body } = await stack.gql(UPDATE, {
      id: loginConnectorId(SENDGRID),
      dryRun: true,
      values: [
        { key: 'fromName', value: null },
        { key: 'fromName', value: 'twice' },
      ],
    });
    expect(body.data!.updateConnectorSettings.problems).toEqual([{ key: 'fromName', code: 'DUPLICATE', message: expect.any(String) }]);
    const cleared = await stack.gql(UPDATE, { id: loginConnectorId(SENDGRID), values: [{ key: 'fromName', value: null }] });
    expect(cleared.body.data!.updateConnectorSettings).toMatchObject({
      ok: true,
      fields: [{ key: 'fromName', status: 'CLEARED' }],
      changes: [{ op: 'remove', path: '/config/fromName', value: null, secret: false }],
    });
    expect(stack.logto.store.connector(SENDGRID)!.config).not.toHaveProperty('fromName');
    const added = await stack.gql(UPDATE, { id: loginConnectorId(SENDGRID), dryRun: true, values: [{ key: 'fromName', value: 'Acme' }] });
    expect(added.body.data!.updateConnectorSettings.changes).toEqual([{ op: 'add', path: '/config/fromName', value: 'Acme', secret: false }]);
  });

  it('returns the problems the form finds and sends nothing', async () => {
    const { body } = await stack.gql(UPDATE, {
      id: loginConnectorId(GOOGLE),
      values: [
        { key: 'prompts', value: ['always'] },
        { key: 'offlineAccess', value: 'yes' },
        { key: 'clientId', value: null },
        { key: 'nope', value: 1 },
      ],
    });
    expect(body.errors).toBeUndefined();
    const result = body.data!.updateConnectorSettings;
    expect(result.ok).toBe(false);
    expect(result.problems.map((p: any) => [p.key, p.code])).toEqual(
      expect.arrayContaining([
        ['prompts', 'NOT_AN_OPTION'],
        ['offlineAccess', 'WRONG_TYPE'],
        ['clientId', 'REQUIRED'],
        ['nope', 'UNKNOWN_FIELD'],
      ]),
    );
    expect(result.changes).toEqual([]);
    expect(stack.logtoCalls({ method: 'PATCH' })).toBe(0);
  });

  it('refuses a text for a Json item (Logto takes an object or a list) before anything is sent', async () => {
    const { body } = await stack.gql(UPDATE, { id: loginConnectorId('o9p2l7k4j1hm'), values: [{ key: 'idTokenVerificationConfig', value: 'https://x' }] });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'values' });
    expect(stack.logtoCalls({ method: 'PATCH' })).toBe(0);
  });
});

describe('testConnector on a login connector', () => {
  it('asks for the locked API key again: RE_ENTER_SECRET, nothing sent', async () => {
    const { body } = await stack.gql(TEST, { id: loginConnectorId(SENDGRID), values: [], sendTo: { email: 'someone@example.com' } });
    expect(body.data!.testConnector).toMatchObject({ ok: false, method: 'FORM_CHECK', problems: [{ key: 'apiKey', code: 'RE_ENTER_SECRET' }] });
    expect(stack.logtoCalls({ method: 'POST' })).toBe(0);
  });

  it("runs Logto's factory test with the saved values and the re-entered key (SOURCE_TEST)", async () => {
    const { body } = await stack.gql(TEST, {
      id: loginConnectorId(SENDGRID),
      values: [{ key: 'apiKey', value: 'SG.re-entered-key-for-the-test' }],
      sendTo: { email: 'someone@example.com' },
    });
    expect(body.data!.testConnector).toEqual({
      ok: true,
      message: 'Logto sent a test message through SendGrid Email to someone@example.com.',
      method: 'SOURCE_TEST',
      problems: [],
    });
    expect(stack.logtoCalls({ method: 'POST', pathIncludes: '/api/connectors/sendgrid-email-service/test' })).toBe(1);
  });

  it("gives the provider's refusal as ok false with its reason", async () => {
    const { body } = await stack.gql(TEST, {
      id: loginConnectorId(SENDGRID),
      values: [
        { key: 'apiKey', value: 'SG.re-entered-key-for-the-test' },
        { key: 'fromEmail', value: 'fail' },
      ],
      sendTo: { email: 'someone@example.com' },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.testConnector).toEqual({
      ok: false,
      message: "The provider refused the test: the provider rejected the message: 'fromEmail' was refused (Logto: connector.general).",
      method: 'SOURCE_TEST',
      problems: [],
    });
    // Nothing was saved.
    expect(stack.logto.store.connector(SENDGRID)!.config.fromEmail).toBe('no-reply@sandbox.example.com');
  });
});

describe('testNewConnector for a Logto factory', () => {
  const sendgrid = [
    { key: 'apiKey', value: 'SG.new-connector-key' },
    { key: 'fromEmail', value: 'no-reply@example.com' },
    { key: 'templates', value: [{ usageType: 'Generic', type: 'text/plain', subject: 'Code', content: 'Your code is {{code}}' }] },
  ];

  it("tests an email factory's values with Logto's test", async () => {
    const { body } = await stack.gql(TEST_NEW, { templateId: 'sendgrid-email-service', values: sendgrid, sendTo: { email: 'someone@example.com' } });
    expect(body.data!.testNewConnector).toMatchObject({ ok: true, method: 'SOURCE_TEST' });
  });

  it('names sendTo when the recipient is missing', async () => {
    const { body } = await stack.gql(TEST_NEW, { templateId: 'sendgrid-email-service', values: sendgrid });
    expect(body.data!.testNewConnector).toMatchObject({ ok: false, method: 'FORM_CHECK', problems: [{ key: null, code: 'REQUIRED' }] });
    expect(body.data!.testNewConnector.message).toContain('sendTo.email');
    expect(stack.logtoCalls({ method: 'POST' })).toBe(0);
  });

  it('checks a social factory against its form only, saying no connection was made', async () => {
    const { body } = await stack.gql(TEST_NEW, {
      templateId: 'github-universal',
      values: [
        { key: 'clientId', value: 'Iv1.new' },
        { key: 'clientSecret', value: 'gh-new-secret' },
      ],
    });
    expect(body.data!.testNewConnector).toMatchObject({ ok: true, method: 'FORM_CHECK', problems: [] });
    expect(body.data!.testNewConnector.message).toContain('no connection to the identity provider was made');
    expect(stack.logtoCalls({ method: 'POST' })).toBe(0);
  });

  it('is NOT_FOUND for a factory Logto does not have', async () => {
    const { body } = await stack.gql(TEST_NEW, { templateId: 'no-such-factory', values: [] });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', source: 'LOGTO' });
  });
});
