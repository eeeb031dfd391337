/**
 * scrubBody: what the log may hold of an upstream body. A source can echo anything it was sent (config secrets, the
 * gateway's client secret and token) in any shape, so the rules are unit-tested and property-tested.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REDACTED, scrubBody } from '../src/logger.js';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';

describe('scrubBody', () => {
  it('masks secret-looking keys of a JSON body at any depth, and secrets inside its strings', () => {
    const body = JSON.stringify({
      code: 'connector.invalid_config',
      message: 'client_secret=cs-in-message&scope=all',
      data: { config: { host: 'smtp.example.com', password: 'pw-1', customHeaders: { Authorization: 'Bearer hdr-token-1' } }, list: [{ apiKey: 'k-1' }] },
      nested: '{"accessToken":"json-in-string-1"}',
    });
    const out = scrubBody(body, [], 10_000);
    for (const secret of ['cs-in-message', 'pw-1', 'hdr-token-1', 'k-1', 'json-in-string-1']) expect(out).not.toContain(secret);
    const parsed = JSON.parse(out);
    expect(parsed).toMatchObject({
      code: 'connector.invalid_config',
      message: `client_secret=${REDACTED}&scope=all`,
      data: { config: { host: 'smtp.example.com', password: REDACTED, customHeaders: { Authorization: REDACTED } }, list: [{ apiKey: REDACTED }] },
    });
  });

  it('masks key=value, key: value, "key": "value", XML attributes, PEM keys and bearer credentials in any text', () => {
    const body = [
      'grant_type=client_credentials&client_id=app&client_secret=form-secret-1',
      'password: yaml-secret-2',
      '<Config host="h" password="xml-secret-3" token=\'xml-secret-4\'/>',
      `cert ${PEM} done`,
      'Authorization: Bearer bearer-secret-6',
      'proxy said Basic YmFzaWMtc2VjcmV0LTc=',
      '{"cut json", "privateKey": "cut-json-secret-5',
    ].join('\n');
    const out = scrubBody(body, [], 10_000);
    for (const secret of [
      'form-secret-1',
      'yaml-secret-2',
      'xml-secret-3',
      'xml-secret-4',
      'cut-json-secret-5',
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
      'bearer-secret-6',
      'YmFzaWMtc2VjcmV0LTc=',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('client_id=app');
    expect(out).toContain('host="h"');
    expect(out).toContain(`password="${REDACTED}"`);
    expect(out).toContain(`cert ${REDACTED} done`);
  });

  it("replaces the gateway's own credentials wherever they appear, also JSON- or URL-encoded", () => {
    const secret = 'my "client" secret/+&=';
    const body = `raw ${secret} json ${JSON.stringify(secret)} url ${encodeURIComponent(secret)} form ${new URLSearchParams({ s: secret }).toString()}`;
    const out = scrubBody(body, [secret, 'tok-abcdef', undefined, 'short'], 10_000);
    expect(out).not.toContain('client');
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(scrubBody('token was tok-abcdef and abc', ['tok-abcdef', 'abc'])).toBe(`token was ${REDACTED} and abc`);
  });

  it('cuts to the given length, after scrubbing (a secret cut in half is not left)', () => {
    const body = `${'x'.repeat(490)} password=abcdefghijklmnop`;
    expect(scrubBody(body, [], 500)).toBe(`${'x'.repeat(490)} password=`);
    expect(scrubBody(body, [], 500)).not.toContain('abcdefgh');
  });

  it('leaves nothing of a secret, whatever the body around it (property)', () => {
    const secretKey = fc.constantFrom('password', 'client_secret', 'clientSecret', 'apiKey', 'X-Api-Key', 'access_token', 'Authorization', 'privateKey');
    const secretValue = fc.stringMatching(/^[A-Za-z0-9_\-.~]{6,20}$/).map((s) => `S3cr${s}`);
    const filler = fc.string({ maxLength: 30 });
    const shape = fc.constantFrom(
      (k: string, v: string) => `${k}=${v}`,
      (k: string, v: string) => `"${k}": "${v}"`,
      (k: string, v: string) => `${k}: ${v}`,
      (k: string, v: string) => `<e ${k}="${v}"/>`,
      (k: string, v: string) => `${k}='${v}'`,
      (_k: string, v: string) => `Bearer ${v}`,
      (k: string, v: string) => JSON.stringify({ outer: [{ [k]: v }] }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(filler, secretKey, secretValue, shape), { minLength: 1, maxLength: 5 }), filler, fc.boolean(), (parts, tail, asJson) => {
        const text = parts.map(([f, k, v, s]) => `${f} ${s(k, v)} `).join('') + tail;
        const body = asJson ? JSON.stringify({ message: text }) : text;
        const out = scrubBody(body, [], 100_000);
        for (const [, , v] of parts) expect(out).not.toContain(v);
      }),
      { numRuns: 500 },
    );
  });
});

describe('scrubBody: XML and named entries (review F6 of issue 15)', () => {
  it("masks the review's four cases and keeps the names", () => {
    expect(scrubBody('<Field name="password" type="secret" value="changeit-XYZ"/>', [], 10_000)).toBe(
      `<Field name="password" type="secret" value="${REDACTED}"/>`,
    );
    expect(scrubBody('<Password>s3cr3t</Password>', [], 10_000)).toBe(`<Password>${REDACTED}</Password>`);
    expect(JSON.parse(scrubBody('{"name":"clientSecret","value":"cs-value-1"}', [], 10_000))).toEqual({ name: 'clientSecret', value: REDACTED });
    expect(scrubBody('<entry key="apiToken" value="tok-value-2"/>', [], 10_000)).toBe(`<entry key="apiToken" value="${REDACTED}"/>`);
  });

  it('masks XML as SailPoint reads mask it: secret entries (name, key or type), their nested text, CDATA and value attributes; elements named like secrets; nothing else', () => {
    const xml = [
      '<Form xmlns:c="urn:c"><Field name="host" value="ldap.example.com" displayName="Host"/>',
      '<Field name="bindPwd" type="secret"><Value><String>nested-secret-1</String></Value></Field>',
      '<Field name="x" type="Password" defaultValue="default-secret-2"/>',
      '<entry key="password"><value><String>map-secret-3</String></value></entry><entry key="port" value="636"/>',
      '<c:clientSecret><![CDATA[cdata-secret-4]]></c:clientSecret>',
      '<Attribute name="privateKey">\n  <Value>attr-secret-5</Value>\n</Attribute>',
      '<Token>  spaced-secret-6  </Token><!-- token=comment-secret-7 --><Note>kept text</Note></Form>',
    ].join('');
    const out = scrubBody(xml, [], 10_000);
    for (const secret of ['nested-secret-1', 'default-secret-2', 'map-secret-3', 'cdata-secret-4', 'attr-secret-5', 'spaced-secret-6', 'comment-secret-7'])
      expect(out).not.toContain(secret);
    for (const kept of [
      'value="ldap.example.com"',
      'displayName="Host"',
      '<entry key="password">',
      '<entry key="port" value="636"/>',
      '<Note>kept text</Note>',
      `<Token>  ${REDACTED}  </Token>`,
      `<![CDATA[${REDACTED}]]>`,
    ]) {
      expect(out).toContain(kept);
    }
  });

  it('masks XML cut anywhere after a secret, and XML inside a JSON string', () => {
    expect(scrubBody('<Root><entry key="apiToken" value="cut-secret-1', [], 10_000)).toBe(`<Root><entry key="apiToken" value="${REDACTED}`);
    expect(scrubBody('<Root><Password>cut-secret-2', [], 10_000)).toBe(`<Root><Password>${REDACTED}`);
    expect(scrubBody('<Root><Password><![CDATA[cut-secret-3', [], 10_000)).toBe(`<Root><Password><![CDATA[${REDACTED}`);
    const json = scrubBody(JSON.stringify({ message: 'bad form', detail: '<Field name="clientSecret" value="in-json-secret-4"/>' }), [], 10_000);
    expect(JSON.parse(json)).toEqual({ message: 'bad form', detail: `<Field name="clientSecret" value="${REDACTED}"/>` });
  });

  it('masks named entries in JSON (any order, name, key, field or a secret type) and in text (cut JSON, toString forms)', () => {
    const body = JSON.stringify({
      fields: [
        { value: 'value-first-1', name: 'clientSecret', label: 'Client secret' },
        { key: 'apiToken', defaultValue: 'default-2' },
        { field: 'X-Api-Key', value: { nested: 'object-3' } },
        { name: 'pin', type: 'password', value: 'typed-4' },
        { name: 'host', value: 'smtp.example.com' },
        { key: 'port', value: 587 },
      ],
    });
    const parsed = JSON.parse(scrubBody(body, [], 10_000));
    expect(parsed.fields).toEqual([
      { value: REDACTED, name: 'clientSecret', label: 'Client secret' },
      { key: 'apiToken', defaultValue: REDACTED },
      { field: 'X-Api-Key', value: REDACTED },
      { name: 'pin', type: 'password', value: REDACTED },
      { name: 'host', value: 'smtp.example.com' },
      { key: 'port', value: 587 },
    ]);
    const text = scrubBody(
      'error in [{"name":"host","value":"h"},{"value":"text-secret-5","name":"password"}, Field{name=apiKey, value=java-secret-6}, {"field":"clientSecret","value":"cut-secret-7',
      [],
      10_000,
    );
    for (const secret of ['text-secret-5', 'java-secret-6', 'cut-secret-7']) expect(text).not.toContain(secret);
    expect(text).toContain('"value":"h"');
  });

  it('leaves nothing of a secret in XML or named entries, whatever surrounds it, and keeps what is not secret (property)', () => {
    const secretKey = fc.constantFrom(
      'password',
      'client_secret',
      'clientSecret',
      'apiKey',
      'X-Api-Key',
      'access_token',
      'Authorization',
      'privateKey',
      'bindPwd',
    );
    const secretValue = fc.stringMatching(/^[A-Za-z0-9_\-.~]{6,20}$/).map((s) => `S3cr${s}`);
    const plainValue = fc.stringMatching(/^[a-z0-9]{4,12}$/).map((s) => `plain${s}`);
    const xmlShape = fc.constantFrom(
      (k: string, v: string) => `<Field name="${k}" value="${v}"/>`,
      (_k: string, v: string) => `<Field name="anything" type="secret" value="${v}"/>`,
      (_k: string, v: string) => `<Field name="anything" type="password"><Value><String>${v}</String></Value></Field>`,
      (k: string, v: string) => `<entry key="${k}" value="${v}"/>`,
      (k: string, v: string) => `<entry key="${k}"><value><String>${v}</String></value></entry>`,
      (k: string, v: string) => `<${k}>${v}</${k}>`,
      (k: string, v: string) => `<ns:${k}><![CDATA[${v}]]></ns:${k}>`,
      (k: string, v: string) => `<Attribute name="${k}">\n  <Value>${v}</Value>\n</Attribute>`,
      (k: string, v: string) => `<Field name="${k}" displayName="A field" defaultValue='${v}'/>`,
      (k: string, v: string) => `<e ${k}="${v}"/>`,
    );
    const entryShape = fc.constantFrom(
      (k: string, v: string) => JSON.stringify({ name: k, value: v }),
      (k: string, v: string) => JSON.stringify({ value: v, extra: 1, key: k }),
      (k: string, v: string) => JSON.stringify({ field: k, defaultValue: v }),
      (_k: string, v: string) => JSON.stringify({ name: 'pin', type: 'secret', value: v }),
      (k: string, v: string) => `Entry{name=${k}, value=${v}}`,
      (k: string, v: string) => `{name: '${k}', value: '${v}'}`,
    );
    const plainPart = fc.constantFrom(
      (p: string) => `<Field name="host" value="${p}"/>`,
      (p: string) => `<Note>${p}</Note>`,
      (p: string) => JSON.stringify({ name: 'host', value: p }),
      (p: string) => `<entry key="port" value="${p}"/>`,
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), secretKey, secretValue, xmlShape, entryShape), { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(plainPart, plainValue), { maxLength: 3 }),
        fc.constantFrom('as is', 'in a JSON string', 'cut after the last secret'),
        (secrets, plains, form) => {
          const parts = [...plains.map(([shape, p]) => shape(p)), ...secrets.map(([xml, k, v, xs, es]) => (xml ? xs(k, v) : es(k, v)))];
          let body = `<Root>${parts.join('\n')}</Root>`;
          if (form === 'in a JSON string') body = JSON.stringify({ message: 'refused', detail: body });
          if (form === 'cut after the last secret') {
            // Cut after the last secret and its name (a value whose name only follows it cannot be known secret without it).
            const [, k, v] = secrets.at(-1)!;
            const last = parts.at(-1)!;
            body = body.slice(0, body.lastIndexOf(last) + Math.max(last.lastIndexOf(v) + v.length, last.lastIndexOf(k) + k.length));
          }
          const out = scrubBody(body, [], 100_000);
          for (const [, , v] of secrets) expect(out).not.toContain(v);
          if (form !== 'cut after the last secret') for (const [, p] of plains) expect(out).toContain(p);
        },
      ),
      { numRuns: 500 },
    );
  });
});
