/**
 * What a script connector patch can write is what a read of its result shows (review F1, F2 and F4 of issue 15):
 * the gateway applies the patch to the connector as reads show it (XML and `connectorMetadata` masked) and sends
 * SailPoint that result, its stored secrets back only where it still shows them as read. So an `editor@sailpoint`
 * cannot copy a secret to where `viewer@sailpoint` reads it, nor unmask one by changing its field's type, and
 * restoring costs one walk of the stored file per request, however many operations the patch holds. Real HTTP to
 * the SailPoint sandbox, roles by API key.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/globalId.js';
import { SAILPOINT_FORM_NAMESPACE } from '../../src/sources/sailpoint/sandbox/seed.js';
import { xmlWork } from '../../src/sources/sailpoint/xmlSecrets.js';
import { startTestStack, uploadFile, type TestStack } from '../helpers/gateway.js';

const sha = (key: string) => createHash('sha256').update(key).digest('hex');
const KEYS = { viewer: 'sailpoint-viewer-key-0123456789', editor: 'sailpoint-editor-key-0123456789', admin: 'full-editor-key-0123456789abcd' };
const as = (key: string) => ({ 'x-api-key': key });

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    GATEWAY_API_KEYS: [`viewer@sailpoint:${sha(KEYS.viewer)}`, `editor@sailpoint:${sha(KEYS.editor)}`, `editor:${sha(KEYS.admin)}`].join(','),
    // Room for the 0.8 MB source config of the F4 case (as JSON, its quotes escaped).
    GATEWAY_BODY_LIMIT_BYTES: String(4 * 1024 * 1024),
    GATEWAY_PATCH_MAX_BYTES: String(4 * 1024 * 1024),
  });
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.sailpoint.reset();
  stack.resetCalls();
});

const FIELDS = 'connectorMetadata description sourceConfig applicationXml correlationConfig';
const READ = `query($s: String!) { scriptConnector(scriptName: $s) { ${FIELDS} } }`;
const PATCH = `mutation($s: String!, $ops: [JsonPatchOperationInput!]!) { patchScriptConnector(scriptName: $s, operations: $ops) { ${FIELDS} } }`;
const PATCH_BY_ID = `mutation($id: ID!, $ops: [JsonPatchOperationInput!]!) { patchConnector(id: $id, operations: $ops) { ... on ScriptConnector { ${FIELDS} } } }`;
const UPLOAD = `mutation($s: String!, $kind: ScriptConnectorFileKind!, $file: Upload!) { uploadScriptConnectorFile(scriptName: $s, kind: $kind, file: $file) { status } }`;

/** Every way a viewer reads a connector, as one response text. */
async function everyRead(scriptName: string): Promise<string> {
  const id = encodeGlobalId('ScriptConnector', scriptName);
  const reads = await Promise.all([
    stack.gql(READ, { s: scriptName }, as(KEYS.viewer)),
    stack.gql(
      `query($id: ID!) { node(id: $id) { ... on ScriptConnector { ${FIELDS} } } c: connector(id: $id) { ... on ScriptConnector { ${FIELDS} } } }`,
      { id },
      as(KEYS.viewer),
    ),
    stack.gql(
      `{ scriptConnectors(first: 250) { edges { node { ... on ScriptConnector { connectorMetadata description } } } } connectors(first: 100) { edges { node { ... on ScriptConnector { connectorMetadata description } } } } }`,
      {},
      as(KEYS.viewer),
    ),
  ]);
  for (const r of reads) expect(r.body.errors).toBeUndefined();
  return JSON.stringify(reads.map((r) => r.body));
}

describe('review F1: copy or move from an XML field', () => {
  it.each([
    ['patchScriptConnector', 'web-services', 'changeit', 'copy'],
    ['patchConnector', 'snowflake', 'BEGIN PRIVATE KEY', 'copy'],
    ['patchScriptConnector', 'web-services', 'changeit', 'move'],
  ])('%s of %s into connectorMetadata is BAD_USER_INPUT naming operations[0].from, and nothing is sent (%s, %s)', async (mutation, scriptName, secret, op) => {
    expect(stack.sailpoint.store.get(scriptName)!.sourceConfigXml).toContain(secret);
    const ops = [{ op, from: '/sourceConfigXml', path: '/connectorMetadata/leak' }];
    const res =
      mutation === 'patchConnector'
        ? await stack.gql(PATCH_BY_ID, { id: encodeGlobalId('ScriptConnector', scriptName), ops }, as(KEYS.editor))
        : await stack.gql(PATCH, { s: scriptName, ops }, as(KEYS.editor));
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'operations[0].from' });
    expect(res.body.errors![0]!.message).toBe(
      `operations[0]: ${op} cannot take sourceConfigXml, whose secrets read masked; send the value itself with add or replace.`,
    );
    expect(JSON.stringify(res.body)).not.toContain(secret);
    expect(stack.apiCalls()).toBe(0);
    expect(stack.sailpoint.store.get(scriptName)!.connectorMetadata.leak).toBeUndefined();
    expect(await everyRead(scriptName)).not.toContain(secret);
  });
});

const PEM = '-----BEGIN PRIVATE KEY-----\nTUVUQS1QRU0tU0VDUkVU\n-----END PRIVATE KEY-----';
const FORM_IN_METADATA = `<Form><Field name="token" type="secret" value="META-FORM-SECRET"/></Form>`;

/** Stores metadata holding secrets through the gateway (as an editor of every source). */
async function storeMetadataSecrets(scriptName: string): Promise<void> {
  const stored = await stack.gql(
    PATCH,
    {
      s: scriptName,
      ops: [
        { op: 'add', path: '/connectorMetadata/auth', value: { user: 'svc', password: 'META-PW-SECRET' } },
        { op: 'add', path: '/connectorMetadata/cert', value: `rotated 2026: ${PEM}` },
        { op: 'add', path: '/connectorMetadata/form', value: FORM_IN_METADATA },
        { op: 'replace', path: '/connectorMetadata/shortDesc', value: `Key ${PEM}` },
      ],
    },
    as(KEYS.admin),
  );
  expect(stored.body.errors).toBeUndefined();
  // The patch's own answer is a read too.
  for (const secret of ['META-PW-SECRET', 'TUVUQS1QRU0tU0VDUkVU', 'META-FORM-SECRET']) expect(JSON.stringify(stored.body)).not.toContain(secret);
  const metadata = stack.sailpoint.store.get(scriptName)!.connectorMetadata as Record<string, any>;
  expect(metadata.auth.password).toBe('META-PW-SECRET');
  expect(metadata.cert).toContain(PEM);
  stack.resetCalls();
}

describe('review F1: connectorMetadata reads masked', () => {
  it('shows no secret-named value, private key or XML secret in any read, and shows the rest', async () => {
    await storeMetadataSecrets('box');
    const text = await everyRead('box');
    for (const secret of ['META-PW-SECRET', 'TUVUQS1QRU0tU0VDUkVU', 'META-FORM-SECRET']) expect(text).not.toContain(secret);
    const { body } = await stack.gql(READ, { s: 'box' }, as(KEYS.viewer));
    expect(body.data!.scriptConnector.connectorMetadata).toMatchObject({
      auth: { user: 'svc', password: null },
      cert: 'rotated 2026: ********',
      shortDesc: 'Key ********',
    });
    expect(body.data!.scriptConnector.connectorMetadata.form).toContain('value="********"');
    expect(body.data!.scriptConnector.description).toBe('Key ********');
  });

  it('a copy inside the metadata writes what it read: a secret-named value arrives as null, a masked string is refused', async () => {
    await storeMetadataSecrets('box');
    const copied = await stack.gql(
      PATCH,
      {
        s: 'box',
        ops: [
          { op: 'copy', from: '/connectorMetadata/auth', path: '/connectorMetadata/visible' },
          { op: 'copy', from: '/connectorMetadata/auth/password', path: '/connectorMetadata/plain' },
        ],
      },
      as(KEYS.editor),
    );
    expect(copied.body.errors).toBeUndefined();
    const metadata = stack.sailpoint.store.get('box')!.connectorMetadata as Record<string, any>;
    expect(metadata.visible).toEqual({ user: 'svc', password: null });
    expect(metadata.plain).toBeNull();
    expect(metadata.auth.password).toBe('META-PW-SECRET');
    stack.resetCalls();
    for (const from of ['/connectorMetadata/cert', '/connectorMetadata/form']) {
      const refused = await stack.gql(PATCH, { s: 'box', ops: [{ op: 'move', from, path: '/connectorMetadata/moved' }] }, as(KEYS.editor));
      expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'operations[0].from' });
      expect(refused.body.errors![0]!.message).toMatch(/^operations\[0\]: connectorMetadata\/moved is refused: it holds the mask \*{8} .*\.$/);
    }
    expect(stack.apiCalls({ method: 'PATCH' })).toBe(0);
    expect(await everyRead('box')).not.toMatch(/META-PW-SECRET|TUVUQS1QRU0tU0VDUkVU|META-FORM-SECRET/);
  });

  it('a test compares with the metadata as read: what a viewer read passes and the secret is kept; the secret itself is CONFLICT', async () => {
    await storeMetadataSecrets('box');
    const read = (await stack.gql(READ, { s: 'box' }, as(KEYS.viewer))).body.data!.scriptConnector.connectorMetadata;
    const guessed = await stack.gql(
      PATCH,
      { s: 'box', ops: [{ op: 'test', path: '/connectorMetadata/auth/password', value: 'META-PW-SECRET' }] },
      as(KEYS.editor),
    );
    expect(guessed.body.errors![0]!.extensions!.code).toBe('CONFLICT');
    const patched = await stack.gql(
      PATCH,
      {
        s: 'box',
        ops: [
          { op: 'test', path: '/connectorMetadata', value: read },
          { op: 'replace', path: '/connectorMetadata/auth/user', value: 'svc2' },
        ],
      },
      as(KEYS.editor),
    );
    expect(patched.body.errors).toBeUndefined();
    const metadata = stack.sailpoint.store.get('box')!.connectorMetadata as Record<string, any>;
    expect(metadata.auth).toEqual({ user: 'svc2', password: 'META-PW-SECRET' });
    expect(metadata.cert).toContain(PEM);
    expect(metadata.form).toBe(FORM_IN_METADATA);
    // What SailPoint got: the changed field, not the operations (no test, no copy for it to apply to the real value).
    const sent = stack.sailpoint.log.entries().filter((e) => e.method === 'PATCH');
    expect(sent).toHaveLength(1);
  });

  it('a patch that changes nothing sends nothing', async () => {
    const res = await stack.gql(PATCH, { s: 'box', ops: [{ op: 'test', path: '/connectorMetadata/platform', value: 'sp-connect' }] }, as(KEYS.editor));
    expect(res.body.errors).toBeUndefined();
    expect(stack.apiCalls({ method: 'PATCH' })).toBe(0);
  });
});

const secretForm = (value: string, type = 'secret') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Form xmlns="${SAILPOINT_FORM_NAMESPACE}" name="Db" type="SourceConfig"><Section label="Connection"><Field name="connectionString" displayName="Connection" type="${type}" value="${value}"/><Field name="host" type="text" value="db.internal"/></Section></Form>\n`;

describe('review F2: a secret is not restored into a field that is no longer secret', () => {
  it('patch: the mask left in a field whose type became text is BAD_USER_INPUT, nothing sent, the secret stays unread', async () => {
    const stored = await stack.gql(
      PATCH,
      { s: 'oracle-database', ops: [{ op: 'replace', path: '/sourceConfigXml', value: secretForm('TOPSECRET-F2-VALUE') }] },
      as(KEYS.admin),
    );
    expect(stored.body.errors).toBeUndefined();
    stack.resetCalls();
    const read = (await stack.gql(READ, { s: 'oracle-database' }, as(KEYS.editor))).body.data!.scriptConnector.sourceConfig as string;
    expect(read).toContain('type="secret" value="********"');
    const flipped = read.replace('type="secret"', 'type="text"');
    const res = await stack.gql(PATCH, { s: 'oracle-database', ops: [{ op: 'replace', path: '/sourceConfigXml', value: flipped }] }, as(KEYS.editor));
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'operations[0].value' });
    expect(res.body.errors![0]!.message).toMatch(
      /^operations\[0\]: sourceConfigXml is refused: it holds the mask \*{8} at .*connectionString.*, which is no longer secret; send the value itself\.$/,
    );
    expect(stack.apiCalls({ method: 'PATCH' })).toBe(0);
    expect(stack.sailpoint.store.get('oracle-database')!.sourceConfigXml).toContain('type="secret" value="TOPSECRET-F2-VALUE"');
    expect(await everyRead('oracle-database')).not.toContain('TOPSECRET-F2-VALUE');
  });

  it('upload: the same file is BAD_USER_INPUT naming file', async () => {
    await stack.gql(
      PATCH,
      { s: 'oracle-database', ops: [{ op: 'replace', path: '/sourceConfigXml', value: secretForm('TOPSECRET-F2-VALUE') }] },
      as(KEYS.admin),
    );
    const read = (await stack.gql(READ, { s: 'oracle-database' }, as(KEYS.editor))).body.data!.scriptConnector.sourceConfig as string;
    stack.resetCalls();
    const res = await uploadFile(
      stack.gateway.url,
      UPLOAD,
      { s: 'oracle-database', kind: 'SOURCE_CONFIG' },
      { name: 'f.xml', content: read.replace('type="secret"', 'type="text"') },
      { 'apollo-require-preflight': 'true', ...as(KEYS.editor) },
    );
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'file' });
    expect(res.body.errors![0]!.message).toMatch(/which is no longer secret; send the value itself\.$/);
    expect(stack.apiCalls({ method: 'PUT' })).toBe(0);
    expect(await everyRead('oracle-database')).not.toContain('TOPSECRET-F2-VALUE');
  });
});

describe('review F4: the stored file is walked once per request', () => {
  /** A source config form of about `bytes` bytes, one secret field per line. */
  const bigForm = (bytes: number) => {
    const rows: string[] = [];
    for (let i = 0, size = 0; size < bytes; i += 1) {
      const row = `<Field name="field${i}" displayName="Field ${i}" type="secret" value="secret-value-${i}-abcdefghijklmnopqrstuvwxyz"/>\n`;
      rows.push(row);
      size += row.length;
    }
    return `<?xml version="1.0" encoding="UTF-8"?>\n<Form xmlns="${SAILPOINT_FORM_NAMESPACE}" name="Big" type="SourceConfig"><Section label="All">\n${rows.join('')}</Section></Form>\n`;
  };

  it('99 replaces of a masked value cost O(stored size), not 99 walks of it; aliased reads walk it once', async () => {
    const big = bigForm(800_000);
    const stored = await stack.gql(PATCH, { s: 'web-services', ops: [{ op: 'replace', path: '/sourceConfigXml', value: big }] }, as(KEYS.admin));
    expect(stored.body.errors).toBeUndefined();
    const small = `<Form xmlns="${SAILPOINT_FORM_NAMESPACE}"><Section a="x********"/></Form>`;
    const ops = Array.from({ length: 99 }, () => ({ op: 'replace', path: '/sourceConfigXml', value: small }));
    const before = xmlWork.chars;
    const res = await stack.gql(
      `mutation($s: String!, $ops: [JsonPatchOperationInput!]!) { patchScriptConnector(scriptName: $s, operations: $ops) { scriptName } }`,
      { s: 'web-services', ops },
      as(KEYS.editor),
    );
    expect(res.body.errors).toBeUndefined();
    // One walk of the stored file (to show it as read) and one of the result: before, each operation walked it twice.
    expect(xmlWork.chars - before).toBeLessThan(1.5 * big.length);
    expect(stack.sailpoint.store.get('web-services')!.sourceConfigXml).toBe(small);

    await stack.gql(PATCH, { s: 'web-services', ops: [{ op: 'replace', path: '/sourceConfigXml', value: big }] }, as(KEYS.admin));
    const reading = xmlWork.chars;
    const aliases = Array.from({ length: 10 }, (_, i) => `a${i}: sourceConfig`).join(' ');
    const read = await stack.gql(`{ scriptConnector(scriptName: "web-services") { ${aliases} } }`, {}, as(KEYS.viewer));
    expect(read.body.errors).toBeUndefined();
    expect(xmlWork.chars - reading).toBeLessThan(1.5 * big.length);
    expect(read.body.data!.scriptConnector.a9).not.toContain('secret-value-');
  });
});
