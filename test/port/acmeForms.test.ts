/**
 * The settings engine over real HTTP, through the fourth source (Acme, `test/port/acme/`, with a `forms`): a webhook
 * connector's form has TEXT, NUMBER, SWITCH, SELECT, MULTI_SELECT, URL, two SECRETs, required fields and a showIf.
 * `updateConnectorSettings` (dry run, save, problems), `testConnector` and `testNewConnector`, and the roles; the
 * sandbox's request log shows what was (not) sent.
 */
import { createHash, randomBytes } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { GraphQLEnumType } from 'graphql';
import { createSchema } from '../../src/schema.js';
import { SOURCES } from '../../src/sources/index.js';
import { encodeGlobalId } from '../../src/graph/globalId.js';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import { acmeSource } from './acme/index.js';
import { startAcmeSandbox, type AcmeSandbox } from './acme/sandbox.js';
import type { AcmeConnectorWire } from './acme/types.js';

const sha = (key: string) => createHash('sha256').update(key).digest('hex');
const KEYS = {
  viewer: 'viewer-key-acme-forms-0123456789',
  acmeEditor: 'acme-editor-key-forms-0123456789',
  logtoEditor: 'logto-editor-key-forms-0123456789',
  editor: 'editor-key-acme-forms-0123456789',
};
const ROLES: Record<keyof typeof KEYS, string> = { viewer: 'viewer', acmeEditor: 'editor@acme', logtoEditor: 'editor@logto', editor: 'editor' };
const as = (who: keyof typeof KEYS) => ({ 'x-api-key': KEYS[who] });

let acme: AcmeSandbox;
let stack: TestStack;
const acmeId = (id: string) => encodeGlobalId('AcmeConnector', id);
const HOOK = 'acme-hook';
const hookId = acmeId(HOOK);
const secret = (what: string) => `acme-token-${what}-${randomBytes(6).toString('hex')}`;

/** The webhook connector as the sandbox holds it now. */
const hook = (): AcmeConnectorWire => acme.connectors.find((c) => c.acmeId === HOOK)!;

beforeAll(async () => {
  acme = await startAcmeSandbox();
  return () => acme.close();
});
beforeAll(async () => {
  stack = await startTestStack(
    {
      ACME_URL: acme.url,
      ACME_CLIENT_ID: acme.clientId,
      ACME_CLIENT_SECRET: acme.clientSecret,
      ACME_RETRIES: '0',
      GATEWAY_API_KEYS: Object.entries(KEYS)
        .map(([who, key]) => `${ROLES[who as keyof typeof KEYS]}:${sha(key)}`)
        .join(','),
    },
    { sources: [...SOURCES, acmeSource] },
  );
  for (const key of Object.values(KEYS)) stack.registerSecret(key);
  return async () => {
    stack.registerSecret(acme.clientSecret);
    for (const token of acme.tokens) stack.registerSecret(token);
    for (const c of acme.connectors) {
      stack.registerSecret(c.apiToken);
      if (typeof c.options?.signingSecret === 'string') stack.registerSecret(c.options.signingSecret);
    }
    for (const t of acme.tests) if (typeof t.apiToken === 'string' && t.apiToken.length > 8) stack.registerSecret(t.apiToken);
    await stack.stop();
  };
});

let token: string;
let signing: string;
beforeEach(() => {
  token = secret('hook');
  signing = secret('signing');
  const fresh: AcmeConnectorWire = {
    acmeId: HOOK,
    name: 'Roadrunner hook',
    region: 'eu-1',
    apiToken: token,
    kind: 'webhook',
    options: { endpoint: 'https://hooks.example/acme', events: ['created'], timeoutSeconds: 30, retry: false, signed: true, signingSecret: signing },
  };
  const at = acme.connectors.findIndex((c) => c.acmeId === HOOK);
  if (at >= 0) acme.connectors[at] = fresh;
  else acme.connectors.push(fresh);
});

const UPDATE = `mutation($id: ID!, $values: [SettingValueInput!]!, $dryRun: Boolean) {
  updateConnectorSettings(id: $id, values: $values, dryRun: $dryRun) {
    ok dryRun problems { key code message } fields { key locked status } changes { op path value secret }
    connector { id ... on AcmeConnector { region settings { sections { section fields { key kind value locked isSet required showIf { key equals } } } } } }
  } }`;
const TEST = `mutation($id: ID!, $values: [SettingValueInput!]!) {
  testConnector(id: $id, values: $values) { ok message method problems { key code message } } }`;
const TEST_NEW = `mutation($source: ConnectorSource!, $templateId: String!, $values: [SettingValueInput!]!) {
  testNewConnector(source: $source, templateId: $templateId, values: $values) { ok message method problems { key code message } } }`;

/** Requests to Acme's connectors API that change something. */
const writes = () => acme.log.filter((e) => e.method === 'PATCH' || e.method === 'POST' || e.method === 'DELETE');

describe('updateConnectorSettings over Acme', () => {
  it('the form: kinds, options, showIf, locked secrets with no value', async () => {
    const res = await stack.gql(
      `query($id: ID!) { node(id: $id) { ... on AcmeConnector { settings { valueKind sections { section fields { key kind required locked isSet value options { value } showIf { key equals } } } } } } }`,
      { id: hookId },
      as('viewer'),
    );
    expect(res.body.errors).toBeUndefined();
    const settings = res.body.data!.node.settings as { valueKind: string; sections: { fields: Record<string, unknown>[] }[] };
    expect(settings.valueKind).toBe('STORED');
    const fields = Object.fromEntries(settings.sections.flatMap((s) => s.fields).map((f) => [f.key as string, f]));
    expect(Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.kind]))).toEqual({
      region: 'SELECT',
      apiToken: 'SECRET',
      endpoint: 'URL',
      events: 'MULTI_SELECT',
      notes: 'MULTILINE_TEXT',
      timeoutSeconds: 'NUMBER',
      retry: 'SWITCH',
      signed: 'SWITCH',
      signingSecret: 'SECRET',
    });
    expect(fields.signingSecret).toMatchObject({ locked: true, isSet: true, value: null, required: true, showIf: [{ key: 'signed', equals: true }] });
    expect(JSON.stringify(res.body)).not.toContain(signing);
  });

  it('a dry run sends nothing and shows the exact change, secrets hidden', async () => {
    const before = writes().length;
    const newToken = secret('new');
    const res = await stack.gql(
      UPDATE,
      {
        id: hookId,
        dryRun: true,
        values: [
          { key: 'region', value: 'us-1' },
          { key: 'timeoutSeconds', value: 45 },
          { key: 'events', value: ['created', 'deleted'] },
          { key: 'retry', value: false },
          { key: 'apiToken', value: newToken },
          { key: 'notes', value: 'Beep beep' },
        ],
      },
      as('acmeEditor'),
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.updateConnectorSettings).toEqual({
      ok: true,
      dryRun: true,
      problems: [],
      fields: [
        { key: 'region', locked: false, status: 'CHANGED' },
        { key: 'timeoutSeconds', locked: false, status: 'CHANGED' },
        { key: 'events', locked: false, status: 'CHANGED' },
        { key: 'retry', locked: false, status: 'UNCHANGED' },
        { key: 'apiToken', locked: true, status: 'SET' },
        { key: 'notes', locked: false, status: 'CHANGED' },
      ],
      changes: [
        { op: 'replace', path: '/region', value: 'us-1', secret: false },
        { op: 'add', path: '/options/timeoutSeconds', value: 45, secret: false },
        { op: 'add', path: '/options/events', value: ['created', 'deleted'], secret: false },
        { op: 'replace', path: '/apiToken', value: null, secret: true },
        { op: 'add', path: '/options/notes', value: 'Beep beep', secret: false },
      ],
      connector: null,
    });
    expect(JSON.stringify(res.body)).not.toContain(newToken);
    expect(writes().length).toBe(before);
    expect(hook()).toMatchObject({ region: 'eu-1', apiToken: token });
  });

  it('a save sends only what changed; a read afterwards shows it; a locked value is never read back, and one left out is kept', async () => {
    const before = acme.log.length;
    const res = await stack.gql(
      UPDATE,
      {
        id: hookId,
        values: [
          { key: 'region', value: 'ap-1' },
          { key: 'timeoutSeconds', value: 30 },
          { key: 'retry', value: true },
          { key: 'signed', value: true },
        ],
      },
      as('acmeEditor'),
    );
    expect(res.body.errors).toBeUndefined();
    const result = res.body.data!.updateConnectorSettings as { ok: boolean; changes: unknown[]; connector: { region: string; settings: unknown } };
    expect(result).toMatchObject({ ok: true, dryRun: false, problems: [] });
    expect(result.changes).toEqual([
      { op: 'replace', path: '/region', value: 'ap-1', secret: false },
      { op: 'add', path: '/options/retry', value: true, secret: false },
    ]);
    const sent = acme.log.slice(before).filter((e) => e.method === 'PATCH');
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.body!)).toEqual({ region: 'ap-1', options: { retry: true } });
    expect(hook()).toMatchObject({ region: 'ap-1', apiToken: token, options: { retry: true, signingSecret: signing, timeoutSeconds: 30 } });
    expect(result.connector.region).toBe('ap-1');
    const fields = (result.connector.settings as { sections: { fields: { key: string; value: unknown; isSet: boolean }[] }[] }).sections.flatMap(
      (s) => s.fields,
    );
    expect(fields.find((f) => f.key === 'retry')).toMatchObject({ value: true });
    expect(fields.find((f) => f.key === 'signingSecret')).toMatchObject({ value: null, isSet: true });
    expect(JSON.stringify(res.body)).not.toContain(signing);
    expect(JSON.stringify(res.body)).not.toContain(token);

    // A new secret replaces the stored one; a switched-off showIf lets the secret be cleared.
    const newToken = secret('replaced');
    const second = await stack.gql(
      UPDATE,
      {
        id: hookId,
        values: [
          { key: 'apiToken', value: newToken },
          { key: 'signed', value: false },
          { key: 'signingSecret', value: null },
        ],
      },
      as('acmeEditor'),
    );
    expect(second.body.errors).toBeUndefined();
    expect(second.body.data!.updateConnectorSettings).toMatchObject({
      ok: true,
      fields: [
        { key: 'apiToken', locked: true, status: 'SET' },
        { key: 'signed', locked: false, status: 'CHANGED' },
        { key: 'signingSecret', locked: true, status: 'CLEARED' },
      ],
      changes: [
        { op: 'replace', path: '/apiToken', value: null, secret: true },
        { op: 'add', path: '/options/signed', value: false, secret: false },
        { op: 'remove', path: '/options/signingSecret', value: null, secret: true },
      ],
    });
    expect(JSON.stringify(second.body)).not.toContain(newToken);
    expect(hook().apiToken).toBe(newToken);
    expect(hook().options).not.toHaveProperty('signingSecret');
    stack.registerSecret(newToken);
  });

  it('nothing changed: no write, the connector as it is', async () => {
    const before = writes().length;
    const res = await stack.gql(UPDATE, { id: hookId, values: [{ key: 'region', value: 'eu-1' }] }, as('acmeEditor'));
    expect(res.body.data!.updateConnectorSettings).toMatchObject({
      ok: true,
      fields: [{ key: 'region', locked: false, status: 'UNCHANGED' }],
      changes: [],
      connector: { region: 'eu-1' },
    });
    expect(writes().length).toBe(before);
  });

  it('problems refuse the values with nothing sent, each naming its field, no secret echoed', async () => {
    const before = writes().length;
    const badToken = secret('bad');
    const res = await stack.gql(
      UPDATE,
      {
        id: hookId,
        values: [
          { key: 'region', value: 'mars-1' },
          { key: 'timeoutSeconds', value: '45' },
          { key: 'events', value: ['created', 'exploded'] },
          { key: 'endpoint', value: 'ftp://hooks.example' },
          { key: 'nope', value: 1 },
          { key: 'retry', value: true },
          { key: 'retry', value: false },
          { key: 'apiToken', value: 42 },
          { key: 'signed', value: false },
          { key: 'signingSecret', value: badToken },
        ],
      },
      as('acmeEditor'),
    );
    expect(res.body.errors).toBeUndefined();
    const result = res.body.data!.updateConnectorSettings as { ok: boolean; problems: { key: string; code: string; message: string }[]; changes: unknown[] };
    expect(result.ok).toBe(false);
    expect(result.changes).toEqual([]);
    expect(result.problems.map((p) => [p.key, p.code])).toEqual([
      ['nope', 'UNKNOWN_FIELD'],
      ['retry', 'DUPLICATE'],
      ['region', 'NOT_AN_OPTION'],
      ['timeoutSeconds', 'WRONG_TYPE'],
      ['events', 'NOT_AN_OPTION'],
      ['endpoint', 'WRONG_TYPE'],
      ['apiToken', 'WRONG_TYPE'],
      ['signingSecret', 'HIDDEN'],
    ]);
    expect(result.problems.find((p) => p.key === 'region')!.message).toBe('"mars-1" is not one of Region ("region")\'s options: "eu-1", "us-1", "ap-1".');
    expect(result.problems.find((p) => p.key === 'apiToken')!.message).toBe('API token ("apiToken") takes a text.');
    expect(JSON.stringify(res.body)).not.toContain(badToken);
    expect(writes().length).toBe(before);

    const required = await stack.gql(
      UPDATE,
      {
        id: hookId,
        values: [
          { key: 'endpoint', value: null },
          { key: 'apiToken', value: null },
        ],
      },
      as('acmeEditor'),
    );
    expect((required.body.data!.updateConnectorSettings as { problems: unknown[] }).problems).toEqual([
      { key: 'apiToken', code: 'REQUIRED', message: 'API token ("apiToken") is required.' },
      { key: 'endpoint', code: 'REQUIRED', message: 'Endpoint ("endpoint") is required.' },
    ]);
    expect(writes().length).toBe(before);
  });

  it('too many values or a long key is BAD_USER_INPUT naming values, before any call', async () => {
    const before = acme.log.length;
    const many = await stack.gql(UPDATE, { id: hookId, values: Array.from({ length: 201 }, (_, i) => ({ key: `k${i}`, value: 1 })) }, as('acmeEditor'));
    expect(many.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'values' });
    const long = await stack.gql(UPDATE, { id: hookId, values: [{ key: 'k'.repeat(201), value: 1 }] }, as('acmeEditor'));
    expect(long.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'values[0].key' });
    expect(acme.log.length).toBe(before);
  });

  it('roles: a viewer and an editor of another source are refused before any call', async () => {
    const before = acme.log.length;
    for (const who of ['viewer', 'logtoEditor'] as const) {
      for (const [query, variables] of [
        [UPDATE, { id: hookId, values: [{ key: 'region', value: 'us-1' }], dryRun: true }],
        [TEST, { id: hookId, values: [] }],
        [TEST_NEW, { source: 'ACME', templateId: 'feed', values: [] }],
      ] as const) {
        const res = await stack.gql(query, variables, as(who));
        expect(res.status, `${who} ${query.slice(0, 40)}`).toBe(403);
        expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    }
    expect(acme.log.length).toBe(before);
  });
});

describe('testConnector and testNewConnector over Acme', () => {
  it('a saved locked value is never used: RE_ENTER_SECRET, and the source is not called', async () => {
    const tests = acme.tests.length;
    const res = await stack.gql(TEST, { id: hookId, values: [] }, as('acmeEditor'));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.testConnector).toEqual({
      ok: false,
      method: 'FORM_CHECK',
      message:
        '2 fields need attention: API token ("apiToken") is locked: enter it again for a test (saved secrets are never used for one); Signing secret ("signingSecret") is locked: enter it again for a test (saved secrets are never used for one).',
      problems: [
        { key: 'apiToken', code: 'RE_ENTER_SECRET', message: expect.stringContaining('enter it again') },
        { key: 'signingSecret', code: 'RE_ENTER_SECRET', message: expect.stringContaining('enter it again') },
      ],
    });
    expect(acme.tests.length).toBe(tests);
  });

  it('with the secrets re-entered, the source tests the complete values (saved ones for the rest)', async () => {
    const res = await stack.gql(
      TEST,
      {
        id: hookId,
        values: [
          { key: 'apiToken', value: token },
          { key: 'signingSecret', value: signing },
          { key: 'region', value: 'us-1' },
        ],
      },
      as('acmeEditor'),
    );
    expect(res.body.data!.testConnector).toEqual({ ok: true, method: 'SOURCE_TEST', message: 'Reached Acme in us-1.', problems: [] });
    expect(acme.tests.at(-1)).toEqual({
      kind: 'webhook',
      region: 'us-1',
      apiToken: token,
      options: { endpoint: 'https://hooks.example/acme', events: ['created'], timeoutSeconds: 30, retry: false, signed: true, signingSecret: signing },
    });
    expect(JSON.stringify(res.body)).not.toContain(token);
  });

  it("the source's refusal names its field, without the secret", async () => {
    const wrong = `wrong-${randomBytes(6).toString('hex')}`;
    const res = await stack.gql(
      TEST,
      {
        id: hookId,
        values: [
          { key: 'apiToken', value: wrong },
          { key: 'signed', value: false },
        ],
      },
      as('acmeEditor'),
    );
    expect(res.body.data!.testConnector).toEqual({
      ok: false,
      method: 'SOURCE_TEST',
      message: 'Acme does not know this API token.',
      problems: [{ key: 'apiToken', code: 'INVALID', message: 'Acme does not know this API token.' }],
    });
    expect(JSON.stringify(res.body)).not.toContain(wrong);
  });

  it('testNewConnector: an unknown template is NOT_FOUND; a known one is checked, then tested', async () => {
    const tests = acme.tests.length;
    const unknown = await stack.gql(TEST_NEW, { source: 'ACME', templateId: 'constructor', values: [] }, as('acmeEditor'));
    expect(unknown.body.errors?.[0]).toMatchObject({ message: 'ACME has no template "constructor".', extensions: { code: 'NOT_FOUND', source: 'ACME' } });
    const missing = await stack.gql(TEST_NEW, { source: 'ACME', templateId: 'webhook', values: [{ key: 'region', value: 'eu-1' }] }, as('acmeEditor'));
    expect(missing.body.data!.testNewConnector).toMatchObject({
      ok: false,
      method: 'FORM_CHECK',
      problems: [
        { key: 'apiToken', code: 'REQUIRED' },
        { key: 'endpoint', code: 'REQUIRED' },
      ],
    });
    expect(acme.tests.length).toBe(tests);
    const newToken = secret('new-hook');
    const ok = await stack.gql(
      TEST_NEW,
      {
        source: 'ACME',
        templateId: 'webhook',
        values: [
          { key: 'region', value: 'eu-1' },
          { key: 'apiToken', value: newToken },
          { key: 'endpoint', value: 'http://plain.example/hook' },
        ],
      },
      as('acmeEditor'),
    );
    expect(ok.body.data!.testNewConnector).toEqual({
      ok: false,
      method: 'SOURCE_TEST',
      message: 'The webhook endpoint did not answer over https.',
      problems: [{ key: 'endpoint', code: 'INVALID', message: 'The webhook endpoint did not answer over https.' }],
    });
    expect(acme.tests.at(-1)).toEqual({ kind: 'webhook', region: 'eu-1', apiToken: newToken, options: { endpoint: 'http://plain.example/hook' } });
    expect(JSON.stringify(ok.body)).not.toContain(newToken);
  });
});

describe('an own __proto__ key in a JSON argument (JSON.parse makes one from the request body)', () => {
  // An editor of every source: a scoped one is refused earlier (FORBIDDEN: the id's source cannot be read from
  // invalid variables, so the roles cannot be checked).
  it('is BAD_USER_INPUT naming the variable, in a setting value and in a Logto config merged onto the stored one; nothing is sent', async () => {
    const before = writes().length;
    const body = `{"query": ${JSON.stringify(UPDATE)}, "variables": {"id": ${JSON.stringify(hookId)}, "values": [{"key": "notes", "value": {"__proto__": {"polluted": true}}}]}}`;
    const res = await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...as('editor') }, body });
    const answer = (await res.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
    expect(res.status, JSON.stringify(answer)).toBe(400);
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0]?.message).toMatch(
      /^Variable "\$values" got invalid value .* at "values\[0\]\.value"; A JSON value may not hold a "__proto__" key\.$/,
    );
    const literal = await stack.gql(
      `mutation($id: ID!) { updateConnectorSettings(id: $id, values: [{ key: "notes", value: { __proto__: 1 } }]) { ok } }`,
      { id: hookId },
      as('editor'),
    );
    expect(literal.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(literal.body.errors?.[0]?.message).toMatch(/may not hold a "__proto__" key/);
    expect(writes().length).toBe(before);

    const logto = stack.logto.store.connectors()[0]!;
    stack.resetCalls();
    const update = `{"query": "mutation($id: String!, $config: JSONObject) { updateLoginConnector(id: $id, input: { config: $config }) { id } }", "variables": {"id": ${JSON.stringify(logto.id)}, "config": {"__proto__": {"x": 1}}}}`;
    const refused = await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...as('editor') }, body: update });
    const refusal = (await refused.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
    expect(refusal.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refusal.errors?.[0]?.message).toMatch(/^Variable "\$config" got invalid value .*; A JSONObject value may not hold a "__proto__" key\.$/);
    expect(stack.logtoCalls()).toBe(0);
  });
});

describe('property: any values over HTTP', () => {
  const schema = createSchema();
  const codes = new Set((schema.getType('SettingsProblemCode') as GraphQLEnumType).getValues().map((v) => v.value as string));
  const statuses = new Set((schema.getType('FieldChangeStatus') as GraphQLEnumType).getValues().map((v) => v.value as string));
  const KEYS_OF_FORM = ['region', 'apiToken', 'endpoint', 'events', 'notes', 'timeoutSeconds', 'retry', 'signed', 'signingSecret'];
  const LOCKED = new Set(['apiToken', 'signingSecret']);
  const marker = fc.integer({ min: 0, max: 1e9 }).map((n) => `acme-token-marker-${n.toString(36)}-x`);
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('eu-1', 'us-1', 'https://hooks.example/x', true, false, 30, ['created'], ['created', 'updated']),
  );
  const secret = fc.oneof(
    marker,
    marker.map((m) => ({ m })),
    marker.map((m) => [m]),
  );
  /** Mostly a value the field takes, so that saves and source tests happen too. */
  const VALID: Record<string, fc.Arbitrary<unknown>> = {
    region: fc.constantFrom('eu-1', 'us-1', 'ap-1'),
    endpoint: fc.constantFrom('https://hooks.example/x', 'http://plain.example/y'),
    events: fc.subarray(['created', 'updated', 'deleted']),
    notes: fc.string({ maxLength: 20 }),
    timeoutSeconds: fc.integer({ min: 1, max: 600 }),
    retry: fc.boolean(),
    signed: fc.boolean(),
  };
  const entry = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(...KEYS_OF_FORM).chain((key) => fc.record({ key: fc.constant(key), value: VALID[key] ?? fc.constant(null), secret })),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        key: fc.oneof(fc.constantFrom(...KEYS_OF_FORM, '__proto__', 'constructor', 'toString'), fc.string({ maxLength: 6 })),
        value,
        secret,
      }),
    },
  );
  const values = fc.array(entry, { maxLength: 8 });

  it('never fails, gives only the SDL codes, and never answers with a value given to a locked field', async () => {
    const all: string[] = [];
    await fc.assert(
      fc.asyncProperty(values, fc.constantFrom('dryRun', 'save', 'test'), fc.option(fc.tuple(marker, marker)), async (generated, what, reEntered) => {
        const secrets: string[] = [];
        // Often the secrets a test needs, re-entered first (a later value for the same key is then a DUPLICATE).
        if (reEntered) generated.unshift({ key: 'apiToken', value: null, secret: reEntered[0] }, { key: 'signingSecret', value: null, secret: reEntered[1] });
        const given = generated.map(({ key, value: v, secret: s }) => {
          if (!LOCKED.has(key)) return { key, value: v };
          secrets.push(...JSON.stringify(s).match(/acme-token-marker-[a-z0-9]+-x/g)!);
          return { key, value: s };
        });
        all.push(...secrets);
        for (const s of secrets) stack.registerSecret(s);
        const res =
          what === 'test'
            ? await stack.gql(TEST, { id: hookId, values: given }, as('acmeEditor'))
            : await stack.gql(UPDATE, { id: hookId, values: given, dryRun: what === 'dryRun' }, as('acmeEditor'));
        const text = JSON.stringify(res.body);
        for (const s of secrets) expect(text).not.toContain(s);
        if (res.body.errors) {
          // Only a value the JSON scalar refuses (a __proto__ key fast-check made) is an error.
          expect(res.body.errors.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
          return;
        }
        const result = (res.body.data!.testConnector ?? res.body.data!.updateConnectorSettings) as {
          problems: { code: string }[];
          fields?: { status: string }[];
        };
        for (const p of result.problems) expect(codes).toContain(p.code);
        for (const f of result.fields ?? []) expect(statuses).toContain(f.status);
      }),
      { numRuns: 60 },
    );
    // Whatever was saved, no marker is read back.
    const read = await stack.gql(
      `query($id: ID!) { node(id: $id) { ... on AcmeConnector { settings { sections { fields { key value } } } } } }`,
      { id: hookId },
      as('viewer'),
    );
    for (const s of all) expect(JSON.stringify(read.body)).not.toContain(s);
  });
});
