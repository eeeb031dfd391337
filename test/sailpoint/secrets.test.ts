/**
 * Locked means locked in every field: the secrets a script connector's files hold never show in any field of a
 * response (the XML fields mask them as `settings` locks them), and a file read masked and sent back (patch, upload)
 * keeps its stored secrets. Real HTTP to the SailPoint sandbox.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startTestStack, uploadFile, type TestStack } from '../helpers/gateway.js';
import { SAILPOINT_FORM_NAMESPACE, xmlAttr } from '../../src/sources/sailpoint/sandbox/seed.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.resetCalls();
});

const FIELDS = `id nativeId displayName description scriptName name type className status connectorMetadata
  sourceConfig applicationXml correlationConfig sourceTemplate translations
  settings { sections { section fields { key label type required locked value isSet } } }`;
const READ = `query($s: String!) { scriptConnector(scriptName: $s) { ${FIELDS} } }`;
const PATCH = `mutation($s: String!, $ops: [JsonPatchOperationInput!]!) { patchScriptConnector(scriptName: $s, operations: $ops) { ${FIELDS} } }`;
const UPLOAD = `mutation($s: String!, $kind: ScriptConnectorFileKind!, $file: Upload!) { uploadScriptConnectorFile(scriptName: $s, kind: $kind, file: $file) { status } }`;

const unescape = (v: string) =>
  v
    .replace(/&#10;/g, '\n')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The secret values stored in a source config form: every non-empty value of a secret or password field. */
function storedSecrets(xml: string): string[] {
  return [...xml.matchAll(/<Field [^>]*type="(?:secret|password)"[^>]*value="([^"]+)"/g)].map((m) => unescape(m[1]!));
}

const withSecrets = () => stack.sailpoint.store.list().filter((c) => storedSecrets(c.sourceConfigXml).length > 0);

describe('the seeded secrets', () => {
  it('show in no field of any connector that holds one (XML fields masked, settings locked)', async () => {
    const connectors = withSecrets();
    expect(connectors.map((c) => c.scriptName)).toEqual(expect.arrayContaining(['snowflake', 'web-services']));
    for (const c of connectors) {
      const { body } = await stack.gql(READ, { s: c.scriptName });
      expect(body.errors).toBeUndefined();
      const text = JSON.stringify(body);
      for (const secret of storedSecrets(c.sourceConfigXml)) expect(text).not.toContain(JSON.stringify(secret).slice(1, -1));
      expect(body.data!.scriptConnector.sourceConfig).toContain('value="********"');
      const locked = body.data!.scriptConnector.settings.sections.flatMap((s: any) => s.fields).filter((f: any) => f.isSet && f.locked);
      expect(locked.length).toBeGreaterThanOrEqual(storedSecrets(c.sourceConfigXml).length);
    }
    const list = await stack.gql(
      `{ scriptConnectors(first: 250) { edges { node { ... on ScriptConnector { sourceConfig applicationXml settings { sections { fields { value } } } } } } } }`,
    );
    const listed = JSON.stringify(list.body);
    for (const secret of connectors.flatMap((c) => storedSecrets(c.sourceConfigXml))) expect(listed).not.toContain(JSON.stringify(secret).slice(1, -1));
  });
});

describe('a masked file sent back', () => {
  it('keeps the stored secret when patched back edited, and a test of the file as read passes', async () => {
    const before = stack.sailpoint.store.get('snowflake')!.sourceConfigXml;
    const [key] = storedSecrets(before);
    expect(key).toContain('PRIVATE KEY');
    const read = (await stack.gql(READ, { s: 'snowflake' })).body.data!.scriptConnector.sourceConfig as string;
    const edited = read.replace('displayName="Private Key"', 'displayName="Private Key (PKCS#8)"');
    const { body } = await stack.gql(PATCH, {
      s: 'snowflake',
      ops: [
        { op: 'test', path: '/sourceConfigXml', value: read },
        { op: 'replace', path: '/sourceConfigXml', value: edited },
      ],
    });
    expect(body.errors).toBeUndefined();
    expect(JSON.stringify(body)).not.toContain('BEGIN PRIVATE KEY');
    const after = stack.sailpoint.store.get('snowflake')!.sourceConfigXml;
    expect(storedSecrets(after)).toEqual([key]);
    expect(after).toContain('displayName="Private Key (PKCS#8)"');
    expect(stack.apiCalls({ method: 'PATCH' })).toBe(1);
  });

  it('refuses the mask where no secret is stored, naming the operation, and sends nothing', async () => {
    const read = (await stack.gql(READ, { s: 'web-services' })).body.data!.scriptConnector.sourceConfig as string;
    const forged = read.replace('</Section>', '<Field name="newSecret" type="secret" value="********"/></Section>');
    const { body } = await stack.gql(PATCH, { s: 'web-services', ops: [{ op: 'replace', path: '/sourceConfigXml', value: forged }] });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'operations[0].value' });
    expect(body.errors![0]!.message).toMatch(
      /^operations\[0\]: sourceConfigXml is refused: it holds the mask \*{8} at .*newSecret.*; send the secret itself\.$/,
    );
    expect(stack.apiCalls({ method: 'PATCH' })).toBe(0);
  });

  it('keeps the stored secret when uploaded again edited', async () => {
    const before = stack.sailpoint.store.get('web-services')!.sourceConfigXml;
    const secrets = storedSecrets(before);
    expect(secrets).toEqual(['changeit']);
    const read = (await stack.gql(READ, { s: 'web-services' })).body.data!.scriptConnector.sourceConfig as string;
    const edited = read.replace('<Section ', '<Section data-edited="yes" ');
    const res = await uploadFile(
      stack.gateway.url,
      UPLOAD,
      { s: 'web-services', kind: 'SOURCE_CONFIG' },
      { name: 'source-config.xml', content: edited, type: 'application/xml' },
    );
    expect(res.body.errors).toBeUndefined();
    const after = stack.sailpoint.store.get('web-services')!.sourceConfigXml;
    expect(storedSecrets(after)).toEqual(['changeit']);
    expect(after).toContain('data-edited="yes"');
  });
});

describe('generated forms with secret fields', () => {
  it('never show a secret value in the response of any field, patched in or read back', async () => {
    const created = await stack.gql(
      `mutation { createScriptConnector(input: { name: "Generated Secrets", className: "sailpoint.connector.OpenConnectorAdapter" }) { scriptName } }`,
    );
    const s = created.body.data!.createScriptConnector.scriptName as string;
    const field = fc.record({
      name: fc.constantFrom('password', 'clientSecret', 'api_key', 'accessToken', 'host', 'user'),
      type: fc.constantFrom('secret', 'password', 'text', 'url'),
      secret: fc.string({ minLength: 6, maxLength: 16, unit: 'grapheme-ascii' }),
    });
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(field, { minLength: 1, maxLength: 5 }), async (fields) => {
          const values = fields.map((f, i) => `gen${i}-${f.secret}`);
          const rows = fields.map((f, i) => `<Field name="${f.name}_${i}" type="${f.type}" value="${xmlAttr(values[i]!)}"/>`);
          const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Form xmlns="${SAILPOINT_FORM_NAMESPACE}" name="Generated" type="SourceConfig"><Menu label="c"><MenuItem keyName="connectionSettings" label="Connection"><Section label="c">${rows.join('')}</Section></MenuItem></Menu></Form>\n`;
          const patched = await stack.gql(PATCH, { s, ops: [{ op: 'replace', path: '/sourceConfigXml', value: xml }] });
          expect(patched.body.errors).toBeUndefined();
          const read = await stack.gql(READ, { s });
          const text = JSON.stringify([patched.body, read.body]);
          // Every field here is locked (a secret type or a secret name) or shown whole: never anything in between.
          fields.forEach((f, i) => {
            const locked = f.type === 'secret' || f.type === 'password' || (f.name !== 'host' && f.name !== 'user');
            if (!locked) return;
            expect(text).not.toContain(JSON.stringify(xmlAttr(values[i]!)).slice(1, -1));
            expect(text).not.toContain(JSON.stringify(values[i]).slice(1, -1));
          });
        }),
        { numRuns: 15 },
      );
    } finally {
      await stack.gql(`mutation($s: String!) { deleteScriptConnector(scriptName: $s) }`, { s });
    }
  });
});
