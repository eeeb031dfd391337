/**
 * Logto's connectors as forms: the typed fields of form items (pure), the JSON Patch operations a settings change
 * plans (pure, with a property test over keys and values a caller controls), and the adapter against the real Logto
 * sandbox over HTTP (fields from a patch read, a factory's form, the factory test and its refusals).
 */
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import pino from 'pino';
import { NO_ACCESS } from '../../src/auth/roles.js';
import { loadConfig } from '../../src/config/index.js';
import { createContext, type GatewayContext } from '../../src/context.js';
import { UpstreamError } from '../../src/errors/classes.js';
import { applyJsonPatch } from '../../src/graph/jsonPatch.js';
import { looksSecret, maskSecrets } from '../../src/graph/settings.js';
import { connectSources, type ConnectedSources } from '../../src/sources/connect.js';
import { SourceList } from '../../src/sources/sourceList.js';
import { configOperations, loginConnectorForms, pointerToken, refusalReason, secretTexts } from '../../src/sources/logto/forms.js';
import { loginConnectorPatchable } from '../../src/sources/logto/graph.js';
import { logtoSource } from '../../src/sources/logto/index.js';
import { factoryForm, formItemField, loginConnectorFields, loginConnectorPlatform, logtoSecretTest } from '../../src/sources/logto/mappers.js';
import { startLogtoSandbox, type LogtoSandbox } from '../../src/sources/logto/sandbox/server.js';

describe('formItemField', () => {
  it('maps each Logto item type to its kind', () => {
    const kinds = (['Text', 'MultilineText', 'Number', 'Switch', 'Json'] as const).map((type) => formItemField({ key: 'k', label: 'K', type }).kind);
    expect(kinds).toEqual(['TEXT', 'MULTILINE_TEXT', 'NUMBER', 'SWITCH', 'JSON']);
    // A type Logto adds later: the kind from its name, TEXT when the name says nothing.
    expect(formItemField({ key: 'k', label: 'K', type: 'Url' as 'Text' }).kind).toBe('URL');
    expect(formItemField({ key: 'k', label: 'K', type: 'Color' as 'Text' }).kind).toBe('TEXT');
  });

  it('gives a Select its titles as labels and a MultiSelect its values as labels', () => {
    const select = formItemField({
      key: 'authType',
      label: 'Auth',
      type: 'Select',
      selectItems: [
        { value: 'login', title: 'Login' },
        { value: 'oauth2', title: 'OAuth 2' },
      ],
    });
    expect(select).toMatchObject({
      kind: 'SELECT',
      options: [
        { value: 'login', label: 'Login' },
        { value: 'oauth2', label: 'OAuth 2' },
      ],
    });
    const multi = formItemField({ key: 'prompts', label: 'Prompts', type: 'MultiSelect', selectItems: [{ value: 'consent' }, { value: 'login' }] });
    expect(multi).toMatchObject({
      kind: 'MULTI_SELECT',
      options: [
        { value: 'consent', label: 'consent' },
        { value: 'login', label: 'login' },
      ],
    });
    expect(formItemField({ key: 'k', label: 'K', type: 'Text' }).options).toBeNull();
  });

  it('carries description (tooltip when there is none, both joined), placeholder, default, required, confidential', () => {
    const base = { key: 'port', label: 'Port', type: 'Number' as const };
    expect(formItemField({ ...base, description: 'The port.' }).description).toBe('The port.');
    expect(formItemField({ ...base, tooltip: 'Usually 587.' }).description).toBe('Usually 587.');
    expect(formItemField({ ...base, description: 'The port.', tooltip: 'Usually 587.' }).description).toBe('The port. Usually 587.');
    expect(formItemField(base).description).toBeNull();
    expect(formItemField({ ...base, placeholder: '587', defaultValue: 587, required: true, isConfidential: true })).toMatchObject({
      placeholder: '587',
      defaultValue: 587,
      required: true,
      confidential: true,
    });
  });

  it('turns showConditions into showIf: targetKey as key, expectValue as equals (absent: any set value)', () => {
    const field = formItemField({
      key: 'password',
      label: 'Password',
      type: 'Text',
      showConditions: [{ targetKey: 'authType', expectValue: 'login' }, { targetKey: 'username' }],
    });
    expect(field.showIf).toEqual([{ key: 'authType', equals: 'login' }, { key: 'username' }]);
  });

  it('gives a factory form defaults and no values', () => {
    const form = factoryForm({
      formItems: [
        { key: 'port', label: 'Port', type: 'Number', defaultValue: 587, required: true },
        { key: 'password', label: 'Password', type: 'Text', isConfidential: true, defaultValue: 'not-shown' },
      ],
    });
    expect(form.valueKind).toBe('FORM_DEFAULTS');
    const fields = form.sections.flatMap((s) => s.fields);
    expect(fields.find((f) => f.key === 'port')).toMatchObject({ kind: 'NUMBER', defaultValue: 587, value: null, isSet: false });
    expect(fields.find((f) => f.key === 'password')).toMatchObject({ kind: 'SECRET', locked: true, defaultValue: null, value: null });
  });

  it('maps the platforms to the enum', () => {
    expect([loginConnectorPlatform('Universal'), loginConnectorPlatform('Web'), loginConnectorPlatform('Native'), loginConnectorPlatform(null)]).toEqual([
      'UNIVERSAL',
      'WEB',
      'NATIVE',
      null,
    ]);
  });
});

describe('loginConnectorFields', () => {
  it('carries no locked value, only whether one is stored', () => {
    const fields = loginConnectorFields({
      formItems: [
        { key: 'clientId', label: 'Client ID', type: 'Text', required: true },
        { key: 'clientSecret', label: 'Client Secret', type: 'Text', isConfidential: true },
      ],
      config: { clientId: 'id', clientSecret: 'stored-secret-1', apiToken: 'stored-token-1', extra: 3 },
    });
    expect(fields.map((f) => [f.key, f.value, f.isSet])).toEqual([
      ['clientId', 'id', true],
      ['clientSecret', null, true],
      ['apiToken', null, true],
      ['extra', 3, true],
    ]);
    expect(JSON.stringify(fields)).not.toContain('stored-');
  });
});

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('configOperations', () => {
  const isSecret = logtoSecretTest([{ key: 'password', isConfidential: true }]);
  const document = { syncProfile: false, metadata: {}, config: { host: 'h', port: 25, password: null, headers: { Accept: 'a' }, 'a/b~c': 'x' } };

  it('adds, replaces and removes only what changes, escaping the key as a JSON Pointer', () => {
    const values = new Map<string, unknown>([
      ['host', 'h'],
      ['port', 587],
      ['fromName', 'Acme'],
      ['a/b~c', null],
      ['missing', null],
    ]);
    expect(configOperations(document, values, isSecret)).toEqual([
      { operation: { op: 'replace', path: '/config/port', value: 587 } },
      { operation: { op: 'add', path: '/config/fromName', value: 'Acme' } },
      { operation: { op: 'remove', path: '/config/a~1b~0c' } },
    ]);
  });

  it('flags a secret, and shows a value holding secrets with them masked', () => {
    const values = new Map<string, unknown>([
      ['password', 'new-password-1'],
      ['headers', { Accept: 'a', Authorization: 'Bearer new-bearer-1' }],
    ]);
    const planned = configOperations(document, values, isSecret);
    expect(planned).toEqual([
      { operation: { op: 'replace', path: '/config/password', value: 'new-password-1' }, secret: true },
      {
        operation: { op: 'replace', path: '/config/headers', value: { Accept: 'a', Authorization: 'Bearer new-bearer-1' } },
        secret: true,
        shown: { Accept: 'a', Authorization: null },
      },
    ]);
    // A secret given again always replaces: reads show it as null, so it cannot be compared.
    expect(configOperations(document, new Map([['password', null]]), isSecret)).toEqual([
      { operation: { op: 'remove', path: '/config/password' }, secret: true },
    ]);
  });

  it('gives the config exactly the values, whatever the keys and values (property)', () => {
    const key = fc
      .oneof(fc.string({ maxLength: 12 }), fc.constantFrom('constructor', '~', '/', '~1', 'a/b', '', 'password', 'apiKey'))
      // applyJsonPatch refuses a __proto__ segment outright (BAD_USER_INPUT), before anything is sent.
      .filter((k) => k !== '__proto__');
    const value = fc.oneof(fc.constant(null), fc.jsonValue({ maxDepth: 3 }));
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
        fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 6 }),
        (stored, given) => {
          // As JSON carries them (no -0: a JSON round trip makes it 0).
          const config = json(stored);
          const doc = { config };
          const values = new Map(given.map(([k, v]) => [k, json(v)]));
          const planned = configOperations(doc, values, looksSecret);
          const after = applyJsonPatch(
            doc,
            planned.map((p) => p.operation),
          ).config;
          for (const [k, v] of values) {
            if (v === null) expect(Object.hasOwn(after, k)).toBe(false);
            else expect(after[k]).toEqual(v);
          }
          for (const k of Object.keys(config)) if (!values.has(k)) expect(after[k]).toEqual(config[k]);
          for (const { operation, secret, shown } of planned) {
            const k = [...values.keys()].find((key) => operation.path === `/config/${pointerToken(key)}`);
            expect(k).toBeDefined();
            // Only what changes: a value equal to the one read is left out, unless it is a secret (reads show null).
            if (!looksSecret(k!) && operation.op !== 'remove') expect(Object.hasOwn(config, k!) && isDeepStrictEqual(config[k!], operation.value)).toBe(false);
            // A secret is flagged; an unflagged value holds none, a flagged one is shown with them masked.
            if (looksSecret(k!)) expect(secret).toBe(true);
            else if (operation.op !== 'remove') {
              if (secret) expect(shown).toEqual(maskSecrets(operation.value, looksSecret));
              else expect(maskSecrets(operation.value, looksSecret)).toEqual(operation.value);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('secretTexts', () => {
  it('finds the texts under secret keys at any depth, longest first, and no others', () => {
    const isSecret = logtoSecretTest([{ key: 'signingCert', isConfidential: true }]);
    const config = {
      host: 'smtp.example.com',
      signingCert: 'cert-text-1',
      headers: { Authorization: 'Bearer abc-token', Accept: 'text/plain' },
      accounts: [{ password: 'p1-long-password' }, { name: 'short' }],
      apiKey: 'abc',
      tokens: ['tok-one', { deeper: 'tok-two-longer' }],
    };
    expect(secretTexts(config, isSecret)).toEqual(['p1-long-password', 'Bearer abc-token', 'tok-two-longer', 'cert-text-1', 'tok-one']);
  });
});

describe('refusalReason', () => {
  const refused = (body: string) =>
    new UpstreamError('LOGTO', 400, { detail: { method: 'POST', path: '/api/connectors/x/test', body }, vendorCode: 'connector.general' });

  it("reads Logto's errorDescription, else its message", () => {
    expect(refusalReason(refused('{"message":"The connector failed.","code":"connector.general","data":{"errorDescription":"quota exceeded"}}'))).toBe(
      'quota exceeded',
    );
    expect(refusalReason(refused('{"message":"The connector failed.","code":"connector.general"}'))).toBe('The connector failed.');
    expect(refusalReason(refused('{"message":"The connector fa'))).toBeUndefined();
    expect(refusalReason(new UpstreamError('LOGTO', 400))).toBeUndefined();
  });
});

describe('the forms adapter against the Logto sandbox', () => {
  let sandbox: LogtoSandbox;
  let connected: ConnectedSources;
  let ctx: GatewayContext;

  beforeAll(async () => {
    sandbox = await startLogtoSandbox();
    const config = loadConfig(
      {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        LOGTO_URL: sandbox.url,
        LOGTO_CLIENT_ID: sandbox.clientId,
        LOGTO_CLIENT_SECRET: sandbox.clientSecret,
        LOGTO_RESOURCE: sandbox.resource,
      },
      [logtoSource],
    );
    connected = await connectSources(new SourceList([logtoSource]), config, pino({ level: 'silent' }));
    return async () => {
      await connected.close();
      await sandbox.close();
    };
  });
  beforeEach(() => {
    sandbox.reset();
    ctx = createContext(connected.services, 'forms-test', { kind: 'anonymous', subject: 'forms-test', permissions: NO_ACCESS });
  });

  const calls = (path: string) => sandbox.log.entries().filter((e) => e.path.includes(path)).length;

  it('reads the fields of a connector from a patch read: typed, secrets only as set', async () => {
    const read = await loginConnectorPatchable.read(ctx, 'LoginConnector', ['h2m9c4r7x1ed']);
    const fields = loginConnectorForms.fields(read);
    const secret = fields.find((f) => f.key === 'clientSecret')!;
    expect(secret).toMatchObject({ confidential: true, value: null, isSet: true });
    expect(fields.find((f) => f.key === 'clientId')).toMatchObject({ kind: 'TEXT', required: true });
    expect(JSON.stringify(fields)).not.toContain(String(sandbox.store.connector('h2m9c4r7x1ed')!.config.clientSecret));
  });

  it("gives a factory's form, and undefined for a factory Logto does not have", async () => {
    const form = await loginConnectorForms.templateFields(ctx, 'simple-mail-transfer-protocol');
    expect(form?.find((f) => f.key === 'port')).toMatchObject({ kind: 'NUMBER', defaultValue: 587, required: true });
    expect(form?.find((f) => f.key === 'authType')).toMatchObject({ kind: 'SELECT', defaultValue: 'login' });
    expect(form?.find((f) => f.key === 'password')?.showIf).toEqual([{ key: 'authType', equals: 'login' }]);
    expect(await loginConnectorForms.templateFields(ctx, 'no-such-factory')).toBeUndefined();
  });

  const sendgrid = new Map<string, unknown>([
    ['apiKey', 'SG.forms-test-key'],
    ['fromEmail', 'no-reply@example.com'],
    ['templates', [{ usageType: 'Generic', type: 'text/plain', subject: 'Code', content: 'Your code is {{code}}' }]],
  ]);

  it("runs Logto's factory test for an email factory (SOURCE_TEST)", async () => {
    const outcome = await loginConnectorForms.test(ctx, { templateId: 'sendgrid-email-service' }, sendgrid, { email: 'someone@example.com' });
    expect(outcome).toMatchObject({ ok: true, method: 'SOURCE_TEST', problems: [] });
    expect(outcome.message).toContain('someone@example.com');
    expect(calls('/api/connectors/sendgrid-email-service/test')).toBe(1);
  });

  it("returns the provider's refusal as ok false with its reason", async () => {
    const values = new Map(sendgrid).set('fromEmail', 'fail');
    const outcome = await loginConnectorForms.test(ctx, { templateId: 'sendgrid-email-service' }, values, { email: 'someone@example.com' });
    expect(outcome).toMatchObject({ ok: false, method: 'SOURCE_TEST' });
    expect(outcome.message).toBe("The provider refused the test: the provider rejected the message: 'fromEmail' was refused (Logto: connector.general).");
  });

  it('asks for sendTo without calling Logto when it is missing or malformed', async () => {
    const none = await loginConnectorForms.test(ctx, { templateId: 'sendgrid-email-service' }, sendgrid, {});
    expect(none).toMatchObject({ ok: false, method: 'FORM_CHECK', problems: [{ key: null, code: 'REQUIRED' }] });
    expect(none.message).toContain('sendTo.email');
    const twilio = sandbox.store.connectors().find((c) => c.connectorId === 'twilio-short-message-service')!;
    const sms = await loginConnectorForms.test(ctx, { templateId: 'twilio-short-message-service' }, new Map(Object.entries(twilio.config)), {
      phone: '+49 151',
    });
    expect(sms).toMatchObject({ ok: false, problems: [{ key: null, code: 'INVALID' }] });
    expect(sms.message).toContain('sendTo.phone');
    expect(calls('/test')).toBe(0);
  });

  it('checks a Json item as Logto does (an object or a list) before any call: WRONG_TYPE, FORM_CHECK', async () => {
    const values = new Map<string, unknown>([
      ['authorizationEndpoint', 'https://idp.example.com/authorize'],
      ['tokenEndpoint', 'https://idp.example.com/token'],
      ['clientId', 'gw'],
      ['clientSecret', 'gw-secret'],
      ['tokenEndpointAuthMethod', 'client_secret_post'],
      ['scope', 'openid'],
      ['idTokenVerificationConfig', 'https://idp.example.com/jwks'],
    ]);
    const outcome = await loginConnectorForms.test(ctx, { templateId: 'oidc' }, values, {});
    expect(outcome).toMatchObject({
      ok: false,
      method: 'FORM_CHECK',
      problems: [{ key: 'idTokenVerificationConfig', code: 'WRONG_TYPE', message: 'idTokenVerificationConfig must be a JSON object or array.' }],
    });
    const read = await loginConnectorPatchable.read(ctx, 'LoginConnector', ['o9p2l7k4j1hm']);
    expect(() => loginConnectorForms.operations(read, new Map([['idTokenVerificationConfig', 'text']]))).toThrow(
      "The values do not fit the connector's form: idTokenVerificationConfig must be a JSON object or array.",
    );
    expect(loginConnectorForms.operations(read, new Map([['idTokenVerificationConfig', { jwksUri: 'https://x.example/jwks' }]]))).toHaveLength(1);
  });

  it('makes no call for a social factory: a FORM_CHECK saying Logto has none and no connection was made', async () => {
    const values = new Map([
      ['clientId', 'x'],
      ['clientSecret', 'y'],
    ]);
    const outcome = await loginConnectorForms.test(ctx, { templateId: 'github-universal' }, values, {});
    expect(outcome).toMatchObject({ ok: true, method: 'FORM_CHECK', problems: [] });
    expect(outcome.message).toMatch(/Logto has no test for social connectors: no connection .* was made/);
    expect(calls('/test')).toBe(0);
  });

  it("tests a saved connector through its factory's test, without a factory list call", async () => {
    const smsFactories = new Set(
      sandbox.store
        .factories()
        .filter((f) => f.type === 'Sms')
        .map((f) => f.id),
    );
    const saved = sandbox.store.connectors().find((c) => smsFactories.has(c.connectorId))!;
    const read = await loginConnectorPatchable.read(ctx, 'LoginConnector', [saved.id]);
    sandbox.log.reset();
    const config = new Map(Object.entries(saved.config));
    const outcome = await loginConnectorForms.test(ctx, { read }, config, { phone: '4915112345678' });
    expect(outcome).toMatchObject({ ok: true, method: 'SOURCE_TEST' });
    expect(calls(`/api/connectors/${saved.connectorId}/test`)).toBe(1);
    expect(calls('/api/connector-factories')).toBe(0);
  });
});
