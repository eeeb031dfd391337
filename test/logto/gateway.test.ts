import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { logtoSecrets, startTestStack, type TestStack } from '../helpers/gateway.js';
import { loginConnectorId } from '../../src/sources/logto/mappers.js';
import { toConnectorWire } from '../../src/sources/logto/sandbox/wire.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.resetCalls();
});

/** Every confidential value the Logto sandbox holds right now, by form item. */
const storedSecrets = (): string[] => logtoSecrets(stack.logto);

const LIST = `query($type: LoginConnectorType) { loginConnectors(type: $type) {
  id nativeId source displayName type platform target syncProfile connectorId
  factory { id name type formItems }
  settings { sections { section fields { key type locked value isSet required } } }
} }`;

describe('loginConnectors', () => {
  it('lists connectors with their factories in 2 backend calls, not N + 1', async () => {
    const { body } = await stack.gql(LIST);
    expect(body.errors).toBeUndefined();
    const connectors = body.data!.loginConnectors;
    const stored = stack.logto.store.connectors();
    expect(connectors.map((c: any) => c.nativeId).sort()).toEqual(stored.map((c) => c.id).sort());
    expect(connectors.length).toBeGreaterThanOrEqual(4);
    for (const c of connectors) {
      expect(c.factory.id).toBe(c.connectorId);
      expect(c.id).toBe(loginConnectorId(c.nativeId));
      expect(c.source).toBe('LOGTO');
    }
    expect(stack.logtoCalls()).toBe(2);
    expect(stack.logtoCalls({ pathIncludes: '/api/connector-factories' })).toBe(1);
    expect(stack.logtoCalls({ pathIncludes: '/api/connectors' })).toBe(1);
  });

  it('filters by type', async () => {
    const { body } = await stack.gql(LIST, { type: 'SOCIAL' });
    const types = new Set(body.data!.loginConnectors.map((c: any) => c.type));
    expect([...types]).toEqual(['SOCIAL']);
    const socials = stack.logto.store.connectors().filter((c) => stack.logto.store.factories().find((f) => f.id === c.connectorId)?.type === 'Social');
    expect(body.data!.loginConnectors).toHaveLength(socials.length);
  });

  it('masks every confidential value: never in a response or a log line', async () => {
    const secrets = storedSecrets();
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    const { body } = await stack.gql(LIST);
    const text = JSON.stringify(body);
    for (const secret of secrets) expect(text).not.toContain(secret);
    const google = body.data!.loginConnectors.find((c: any) => c.connectorId === 'google-universal');
    const fields = google.settings.sections.flatMap((s: any) => s.fields);
    expect(fields.find((f: any) => f.key === 'clientSecret')).toMatchObject({ locked: true, value: null, isSet: true });
    expect(fields.find((f: any) => f.key === 'clientId')).toMatchObject({ locked: false, isSet: true });
    expect(fields.find((f: any) => f.key === 'clientId').value).toMatch(/apps\.googleusercontent\.com$/);
    expect(google.settings.sections[0].section).toBe('GENERAL');
  });
});

describe('connectorFactories', () => {
  it('lists factories of a type from one call', async () => {
    const { body } = await stack.gql(`{ connectorFactories(type: EMAIL) { id type name description platform formItems } }`);
    const expected = stack.logto.store.factories().filter((f) => f.type === 'Email');
    expect(body.data!.connectorFactories.map((f: any) => f.id)).toEqual(expected.map((f) => f.id));
    expect(body.data!.connectorFactories[0]).toMatchObject({ type: 'EMAIL', name: expected[0]!.name.en, platform: null });
    expect(stack.logtoCalls()).toBe(1);
  });
});

describe('createLoginConnector', () => {
  const CREATE = `mutation($input: CreateLoginConnectorInput!) { createLoginConnector(input: $input) {
    id nativeId type target syncProfile factory { id } settings { sections { fields { key locked value isSet } } } } }`;

  it('creates from a factory; the secret is stored at Logto and masked on every read', async () => {
    const secret = 'fb-created-through-the-gateway-0123456789';
    const before = stack.logto.store.connectors().length;
    const { body } = await stack.gql(CREATE, {
      input: { connectorId: 'facebook-universal', id: 'gwtestfacebook1', config: { clientId: '1234567890', clientSecret: secret }, syncProfile: true },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.createLoginConnector).toMatchObject({
      nativeId: 'gwtestfacebook1',
      type: 'SOCIAL',
      syncProfile: true,
      factory: { id: 'facebook-universal' },
    });
    expect(JSON.stringify(body)).not.toContain(secret);
    expect(stack.logto.store.connectors()).toHaveLength(before + 1);
    expect(stack.logto.store.connector('gwtestfacebook1')!.config.clientSecret).toBe(secret);

    const read = await stack.gql(
      `query($id: ID!) { node(id: $id) { ... on LoginConnector { settings { sections { fields { key locked value isSet } } } } } }`,
      {
        id: loginConnectorId('gwtestfacebook1'),
      },
    );
    const fields = read.body.data!.node.settings.sections.flatMap((s: any) => s.fields);
    expect(fields.find((f: any) => f.key === 'clientSecret')).toEqual({ key: 'clientSecret', locked: true, value: null, isSet: true });
    expect(JSON.stringify(read.body)).not.toContain(secret);
    expect(stack.logs.join('\n')).not.toContain(secret);
  });

  it.each([
    ['a missing required item', { connectorId: 'github-universal', config: { clientSecret: 'x' } }, 'clientId is required'],
    [
      'a Select value outside the choices',
      { connectorId: 'simple-mail-transfer-protocol', config: { host: 'h', port: 25, authType: 'kerberos', username: 'u', fromEmail: 'a@b.c' } },
      'authType must be one of',
    ],
    [
      'a Number given as text',
      { connectorId: 'simple-mail-transfer-protocol', config: { host: 'h', port: '25', authType: 'login', username: 'u', fromEmail: 'a@b.c' } },
      'port must be a number',
    ],
    ['an unknown factory', { connectorId: 'no-such-factory', config: {} }, 'no Logto connector factory'],
  ])('refuses %s with BAD_USER_INPUT and creates nothing', async (_what, input, message) => {
    const before = stack.logto.store.connectors().length;
    const { body } = await stack.gql(CREATE, { input });
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.message).toContain(message);
    expect(stack.logtoCalls({ method: 'POST' })).toBe(0);
    expect(stack.logto.store.connectors()).toHaveLength(before);
  });
});

describe('updateLoginConnector', () => {
  const UPDATE = `mutation($id: String!, $input: UpdateLoginConnectorInput!) { updateLoginConnector(id: $id, input: $input) {
    syncProfile metadata settings { sections { fields { key value locked isSet } } } } }`;

  it('merges a partial config onto the stored one, keeping the secret it did not send', async () => {
    const id = 'b8w1n5q0s3za';
    const storedBefore = stack.logto.store.connector(id)!.config;
    const { body } = await stack.gql(UPDATE, { id, input: { config: { tenantId: 'organizations' } } });
    expect(body.errors).toBeUndefined();
    const after = stack.logto.store.connector(id)!.config;
    expect(after).toEqual({ ...storedBefore, tenantId: 'organizations' });
    const fields = body.data!.updateLoginConnector.settings.sections.flatMap((s: any) => s.fields);
    expect(fields.find((f: any) => f.key === 'tenantId').value).toBe('organizations');
    expect(fields.find((f: any) => f.key === 'clientSecret')).toMatchObject({ locked: true, value: null, isSet: true });
    expect(stack.logtoCalls({ method: 'GET' })).toBe(1);
    expect(stack.logtoCalls({ method: 'PATCH' })).toBe(1);
  });

  it('changes only syncProfile without reading the connector first', async () => {
    const { body } = await stack.gql(UPDATE, { id: 'h2m9c4r7x1ed', input: { syncProfile: true } });
    expect(body.data!.updateLoginConnector.syncProfile).toBe(true);
    expect(stack.logtoCalls()).toBe(1);
  });

  it('refuses a merged config that breaks the form, and changes nothing', async () => {
    const id = 'e4t7y2u9i0ol';
    const before = stack.logto.store.connector(id);
    const { body } = await stack.gql(UPDATE, { id, input: { config: { fromEmail: null } } });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.config' });
    expect(stack.logtoCalls({ method: 'PATCH' })).toBe(0);
    expect(stack.logto.store.connector(id)).toEqual(before);
  });

  it('says NOT_FOUND for an unknown id', async () => {
    const { body } = await stack.gql(UPDATE, { id: 'nosuchconnector', input: { config: { a: 1 } } });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', source: 'LOGTO', upstreamStatus: 404 });
  });
});

describe('secrets below the top level of a config', () => {
  const READ = `query($id: ID!) { node(id: $id) { ... on LoginConnector { settings { sections { fields { key locked value isSet } } } } } }`;
  const bearer = 'Bearer nested-header-bearer-5d1c0a';
  const apiKey = 'nested-header-api-key-9f3e7b';
  const password = 'smtp-password-for-nested-test-2b8d';

  it('masks them on every read, and keeps them when a read config is sent back (update and patchConnector)', async () => {
    for (const secret of [bearer, apiKey, password]) stack.registerSecret(secret);
    const created = await stack.gql(`mutation($input: CreateLoginConnectorInput!) { createLoginConnector(input: $input) { nativeId } }`, {
      input: {
        connectorId: 'simple-mail-transfer-protocol',
        id: 'gwnestedsecrets1',
        config: {
          host: 'smtp.example.com',
          port: 587,
          authType: 'login',
          username: 'mailer',
          password,
          fromEmail: 'no-reply@example.com',
          customHeaders: { Authorization: bearer, 'X-Api-Key': apiKey, 'X-Mailer': 'Logto' },
          templates: stack.logto.store
            .factories()
            .find((f) => f.id === 'simple-mail-transfer-protocol')!
            .formItems!.find((i) => i.key === 'templates')!.defaultValue,
        },
      },
    });
    expect(created.body.errors).toBeUndefined();
    const id = loginConnectorId('gwnestedsecrets1');
    const read = await stack.gql(READ, { id });
    const text = JSON.stringify(read.body);
    for (const secret of [bearer, apiKey, password]) expect(text).not.toContain(secret);
    const headers = read.body.data!.node.settings.sections.flatMap((s: any) => s.fields).find((f: any) => f.key === 'customHeaders');
    expect(headers).toMatchObject({ locked: false, value: { Authorization: null, 'X-Api-Key': null, 'X-Mailer': 'Logto' } });

    // updateLoginConnector with the headers as read (one changed): the stored bearer and key stay.
    const updated = await stack.gql(`mutation($id: String!, $input: UpdateLoginConnectorInput!) { updateLoginConnector(id: $id, input: $input) { id } }`, {
      id: 'gwnestedsecrets1',
      input: { config: { customHeaders: { ...headers.value, 'X-Mailer': 'Gateway' } } },
    });
    expect(updated.body.errors).toBeUndefined();
    expect(stack.logto.store.connector('gwnestedsecrets1')!.config.customHeaders).toEqual({
      Authorization: bearer,
      'X-Api-Key': apiKey,
      'X-Mailer': 'Gateway',
    });

    // patchConnector replacing the headers with what a read shows: the same.
    const patched = await stack.gql(`mutation($id: ID!, $ops: [JsonPatchOperationInput!]!) { patchConnector(id: $id, operations: $ops) { id } }`, {
      id,
      ops: [{ op: 'replace', path: '/config/customHeaders', value: { ...headers.value, 'X-Mailer': 'Patched' } }],
    });
    expect(patched.body.errors).toBeUndefined();
    expect(stack.logto.store.connector('gwnestedsecrets1')!.config.customHeaders).toEqual({
      Authorization: bearer,
      'X-Api-Key': apiKey,
      'X-Mailer': 'Patched',
    });
    expect(JSON.stringify(patched.body)).not.toContain(bearer);

    // A `test` of a nested secret compares with null, as reads show it: it cannot be used to guess the secret.
    const PATCH = `mutation($id: ID!, $ops: [JsonPatchOperationInput!]!) { patchConnector(id: $id, operations: $ops) { id } }`;
    const guess = await stack.gql(PATCH, { id, ops: [{ op: 'test', path: '/config/customHeaders/Authorization', value: bearer }] });
    expect(guess.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const asRead = await stack.gql(PATCH, { id, ops: [{ op: 'test', path: '/config/customHeaders/Authorization', value: null }] });
    expect(asRead.body.errors).toBeUndefined();
    await stack.gql(`mutation { deleteLoginConnector(id: "gwnestedsecrets1") }`);
  });
});

describe('deleteLoginConnector and node', () => {
  it('round-trips a login connector through its global id, then deletes it', async () => {
    const id = loginConnectorId('o9p2l7k4j1hm');
    const read = await stack.gql(
      `query($id: ID!) { node(id: $id) { id ... on LoginConnector { nativeId displayName target } } connector(id: $id) { id source } }`,
      { id },
    );
    expect(read.body.data).toEqual({
      node: { id, nativeId: 'o9p2l7k4j1hm', displayName: 'Acme Workforce SSO', target: 'acme-workforce' },
      connector: { id, source: 'LOGTO' },
    });
    const deleted = await stack.gql(`mutation { deleteLoginConnector(id: "o9p2l7k4j1hm") }`);
    expect(deleted.body.data).toEqual({ deleteLoginConnector: id });
    expect(stack.logto.store.connector('o9p2l7k4j1hm')).toBeUndefined();
    const gone = await stack.gql(`query($id: ID!) { node(id: $id) { id } }`, { id });
    expect(gone.body).toEqual({ data: { node: null } });
  });
});

describe('shapes the gateway relies on', () => {
  it.each([
    ['a config that is null', { config: null }],
    ['a config that is a list', { config: [] }],
    ['no metadata', { metadata: undefined }],
  ])('a connector with %s is UPSTREAM_BAD_RESPONSE, not read as an empty one', async (_what, broken) => {
    const entry = stack.logto.store.connectors()[0]!;
    const factory = stack.logto.store.factories().find((f) => f.id === entry.connectorId)!;
    stack.logto.injectFault({
      match: { method: 'GET', pathPrefix: `/api/connectors/${entry.id}` },
      status: 200,
      body: { ...toConnectorWire(entry, factory), ...broken },
    });
    const res = await stack.gql(`query($id: ID!) { node(id: $id) { id ... on LoginConnector { settings { sections { section } } } } }`, {
      id: loginConnectorId(entry.id),
    });
    expect(res.body.errors?.[0]?.extensions, JSON.stringify(res.body)).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', source: 'LOGTO' });
  });
});

describe('testLoginConnector', () => {
  const TEST = `mutation($f: String!, $config: JSONObject!, $email: String, $phone: String) {
    testLoginConnector(factoryId: $f, config: $config, email: $email, phone: $phone) { ok message } }`;
  const sendgrid = {
    apiKey: 'SG.test',
    fromEmail: 'no-reply@example.com',
    templates: [{ usageType: 'Generic', type: 'text/plain', subject: 'Your code', content: 'Your code is {{code}}' }],
  };

  it('is ok when Logto accepts the test', async () => {
    const { body } = await stack.gql(TEST, { f: 'sendgrid-email-service', config: sendgrid, email: 'someone@example.com' });
    expect(body.data!.testLoginConnector).toEqual({ ok: true, message: 'Logto sent a test message through SendGrid Email to someone@example.com.' });
    expect(stack.logtoCalls({ method: 'POST', pathIncludes: '/test' })).toBe(1);
  });

  it('is not ok, without an error, when the provider refuses it', async () => {
    const { body } = await stack.gql(TEST, { f: 'sendgrid-email-service', config: { ...sendgrid, fromEmail: 'fail' }, email: 'someone@example.com' });
    expect(body.errors).toBeUndefined();
    expect(body.data!.testLoginConnector.ok).toBe(false);
    // The provider's own reason (Logto's errorDescription), not only Logto's code.
    expect(body.data!.testLoginConnector.message).toBe(
      "The provider refused the test: the provider rejected the message: 'fromEmail' was refused (Logto: connector.general).",
    );
  });

  it.each([
    ['an invalid config', { f: 'sendgrid-email-service', config: { apiKey: 'x' }, email: 'a@b.c' }, 'config'],
    ['a missing email', { f: 'sendgrid-email-service', config: sendgrid }, 'email'],
    ['a social factory', { f: 'google-universal', config: {}, email: 'a@b.c' }, 'factoryId'],
    ['a phone that is not digits', { f: 'twilio-short-message-service', config: {}, phone: '+1 555' }, 'phone'],
  ])('refuses %s before calling Logto', async (_what, vars, argumentName) => {
    const { body } = await stack.gql(TEST, vars);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
    expect(stack.logtoCalls({ method: 'POST' })).toBe(0);
  });
});

describe('Logto token', () => {
  it('uses client credentials at /oidc/token for the management API resource', async () => {
    // One token for the whole suite so far: the sandbox remembers every token it issued (its request log is cleared
    // before each test). The exchange itself is looked at on a fresh gateway.
    await stack.gql(`{ connectorFactories { id } }`);
    expect(stack.logto.issuedTokens()).toHaveLength(1);
    const fresh = await startTestStack();
    try {
      await fresh.gql(`{ connectorFactories { id } }`);
      const calls = fresh.logto.log.entries();
      expect(calls.filter((e) => e.path === '/oidc/token' && e.status === 200)).toHaveLength(1);
      expect(calls.filter((e) => e.path.startsWith('/api/')).every((e) => e.authorized)).toBe(true);
    } finally {
      await fresh.stop();
    }
  });
});
