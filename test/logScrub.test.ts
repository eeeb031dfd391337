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
    expect(parsed).toMatchObject({ code: 'connector.invalid_config', message: `client_secret=${REDACTED}&scope=all`, data: { config: { host: 'smtp.example.com', password: REDACTED, customHeaders: { Authorization: REDACTED } }, list: [{ apiKey: REDACTED }] } });
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
    for (const secret of ['form-secret-1', 'yaml-secret-2', 'xml-secret-3', 'xml-secret-4', 'cut-json-secret-5', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'bearer-secret-6', 'YmFzaWMtc2VjcmV0LTc=']) {
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
    expect(scrubBody('token was tok-abcdef and short', ['tok-abcdef', 'short'])).toBe(`token was ${REDACTED} and short`);
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
