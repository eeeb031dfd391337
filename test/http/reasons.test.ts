/**
 * A refusal's reason as UpstreamClient shows it (issue 17), over real HTTP against a loopback source that answers
 * what a test arms it with: the source's message, code and field problems for a 4xx, scrubbed with the log's rules
 * and of every secret value the request carried (a source may echo the secret it refused, without its key), and
 * bounded; a 5xx body stays in the log only. The property test lets the secret and the text around it vary.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { FormData } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { UpstreamError } from '../../src/errors/classes.js';
import { asSentenceEnd } from '../../src/errors/reasons.js';
import { UpstreamClient } from '../../src/http/upstream.js';
import { createLogger } from '../../src/logger.js';
import type { UpstreamReason } from '../../src/sources/port.js';

/** What the source answers next: a status and a body made from the request's body. */
let answer: (body: string) => { status: number; body: string } = () => ({ status: 200, body: '{}' });
let server: Server;
let client: UpstreamClient;
const logs: string[] = [];

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A reader of this source's bodies: `{ "message", "code", "problems" }`. */
function reasonOf(body: string): UpstreamReason | undefined {
  const parsed = JSON.parse(body) as { message?: string; code?: string; problems?: { key: string; message: string }[] };
  if (parsed.code === 'throw') throw new Error('a reader that fails');
  return {
    ...(parsed.message !== undefined ? { message: parsed.message } : {}),
    ...(parsed.code ? { vendorCode: parsed.code } : {}),
    ...(parsed.problems ? { problems: parsed.problems } : {}),
  };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void readAll(req).then((body) => {
      const { status, body: out } = answer(body);
      res.writeHead(status, { 'content-type': 'application/json' }).end(out);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const config = loadConfig({ NODE_ENV: 'test', UPSTREAM_RETRIES: '0', UPSTREAM_BREAKER: '1000/1s' });
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  client = new UpstreamClient({
    source: 'ACME',
    baseUrl: `http://127.0.0.1:${port}/api`,
    config: config.sources.LOGTO!.upstream,
    logger: createLogger('info', sink),
    reasonOf,
  });
});

afterAll(async () => {
  await client.close();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
});

beforeEach(() => {
  logs.length = 0;
});

/** The error a request fails with. */
async function refusal(req: Parameters<UpstreamClient['request']>[0]): Promise<UpstreamError> {
  const error: unknown = await client.request(req).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

const SECRET = 'refused-client-secret-5b1e0c';

describe('a 4xx: the source reason reaches the caller', () => {
  it('message, vendor code and problems in the extensions; the message ends with the reason and one period', async () => {
    answer = () => ({
      status: 422,
      body: JSON.stringify({
        message: 'Only social connectors can sync user profiles.\n',
        code: 'connector.x',
        problems: [{ key: 'syncProfile', message: 'not here' }],
      }),
    });
    const error = await refusal({ method: 'PATCH', path: '/connectors/a', json: { syncProfile: true } });
    expect(error.message).toBe('ACME refused the request as invalid (HTTP 422): Only social connectors can sync user profiles.');
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      source: 'ACME',
      upstreamStatus: 422,
      upstreamMessage: 'Only social connectors can sync user profiles.',
      vendorCode: 'connector.x',
      problems: [{ key: 'syncProfile', message: 'not here' }],
    });
    expect(error.vendorCode).toBe('connector.x');
  });

  it('a secret the request carried, echoed without its key, is replaced in the message, the problems and the log', async () => {
    answer = (body) => {
      const sent = JSON.parse(body) as { config: { clientSecret: string } };
      return {
        status: 400,
        body: JSON.stringify({
          message: `The provider refused ${sent.config.clientSecret} as a client secret`,
          code: 'connector.general',
          problems: [{ key: 'config.clientSecret', message: `${sent.config.clientSecret} is not valid` }],
        }),
      };
    };
    const error = await refusal({ method: 'POST', path: '/connectors', json: { config: { clientId: 'app', clientSecret: SECRET } } });
    expect(error.extensions.upstreamMessage).toBe('The provider refused [redacted] as a client secret');
    expect(error.extensions.problems).toEqual([{ key: 'config.clientSecret', message: '[redacted] is not valid' }]);
    expect(error.message).toBe('ACME refused the request as invalid (HTTP 400): The provider refused [redacted] as a client secret.');
    expect(logs.join('')).not.toContain(SECRET);
  });

  it("scrubs with the log's rules: secret-looking pairs, bearer credentials, XML secrets", async () => {
    answer = () => ({
      status: 400,
      body: JSON.stringify({ message: 'bad: password=hunter2hunter2 Authorization: Bearer abc.def.ghi <entry key="apiKey" value="k-123456"/>' }),
    });
    const error = await refusal({ method: 'POST', path: '/x', json: {} });
    const shown = String(error.extensions.upstreamMessage);
    for (const secret of ['hunter2hunter2', 'abc.def.ghi', 'k-123456']) expect(shown).not.toContain(secret);
    expect(shown).toContain('password=[redacted]');
  });

  it('reads secrets from a text body, from multipart parts (a file as text), and from JSON Patch values', async () => {
    answer = (body) => ({ status: 400, body: JSON.stringify({ message: `echo ${body}` }) });
    const xml = `<Form><entry key="password" value="xml-secret-value-1"/><clientSecret>xml-secret-value-2</clientSecret></Form>`;
    const text = await refusal({ method: 'PUT', path: '/x', text: xml, contentType: 'application/xml' });
    for (const secret of ['xml-secret-value-1', 'xml-secret-value-2']) expect(JSON.stringify(text.extensions)).not.toContain(secret);
    const form = new FormData();
    form.set('file', new Blob([xml]), 'source-config.xml');
    form.set('token', 'multipart-token-value');
    const multipart = await refusal({ method: 'PUT', path: '/x', form });
    for (const secret of ['xml-secret-value-1', 'xml-secret-value-2', 'multipart-token-value'])
      expect(JSON.stringify(multipart.extensions)).not.toContain(secret);
    const patch = await refusal({ method: 'PATCH', path: '/x', json: [{ op: 'replace', path: '/connectorMetadata/apiToken', value: 'patched-token-value' }] });
    expect(JSON.stringify(patch.extensions)).not.toContain('patched-token-value');
  });

  it('bounds what is shown: 500 characters of message, 20 problems, 200-character keys; nothing empty', async () => {
    const problems = Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`.padEnd(300, 'x'), message: 'm'.repeat(600) }));
    answer = () => ({ status: 400, body: JSON.stringify({ message: 'a'.repeat(2000), problems: [{ key: ' ', message: 'blank key' }, ...problems] }) });
    const error = await refusal({ method: 'POST', path: '/x', json: {} });
    expect(error.extensions.upstreamMessage).toBe('a'.repeat(500));
    const shown = error.extensions.problems as { key: string; message: string }[];
    expect(shown).toHaveLength(20);
    expect(shown[0]).toEqual({ key: 'k0'.padEnd(200, 'x'), message: 'm'.repeat(500) });
    answer = () => ({ status: 400, body: JSON.stringify({ message: '  \n ' }) });
    const blank = await refusal({ method: 'POST', path: '/x', json: {} });
    expect(blank.message).toBe('ACME refused the request as invalid (HTTP 400).');
    expect(blank.extensions).not.toHaveProperty('upstreamMessage');
  });

  it('a body the reader cannot read, or a reader that fails, gives the bare refusal', async () => {
    for (const body of ['not json', JSON.stringify({ code: 'throw' })]) {
      answer = () => ({ status: 404, body });
      const error = await refusal({ method: 'GET', path: '/x' });
      expect(error.extensions).toEqual({ code: 'NOT_FOUND', source: 'ACME', upstreamStatus: 404 });
      expect(error.message).toBe('ACME has no such object (HTTP 404).');
    }
  });
});

describe('a 5xx: the body stays in the log', () => {
  it('no message, code or problems reach the caller, but vendorCode stays on the error for the source', async () => {
    answer = () => ({
      status: 500,
      body: JSON.stringify({ message: 'NullPointerException at com.acme.Secret', code: 'internal', problems: [{ key: 'a', message: 'b' }] }),
    });
    const error = await refusal({ method: 'POST', path: '/x', json: {} });
    expect(error.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', source: 'ACME', upstreamStatus: 500 });
    expect(error.message).toBe('ACME is unavailable (HTTP 500).');
    expect(error.vendorCode).toBe('internal');
    expect(logs.join('')).toContain('NullPointerException');
  });
});

describe('the reason as shown (property)', () => {
  // Secrets of at least 6 characters that the log's own rules would not find (no key next to them in the echo).
  const secret = fc.stringMatching(/^[A-Za-z0-9+/_~-]{6,40}$/);
  const prose = fc.string({ maxLength: 80 }).map((s) => s.replace(/[{}]/g, ''));

  it('never shows a secret value the request carried, however the source echoes it (real client, real HTTP)', async () => {
    await fc.assert(
      fc.asyncProperty(secret, prose, prose, fc.constantFrom('apiKey', 'clientSecret', 'password', 'accessToken'), async (value, before, after, key) => {
        fc.pre(!'[redacted]'.includes(value));
        answer = () => ({
          status: 400,
          body: JSON.stringify({ message: `${before}${value}${after}`, problems: [{ key: `config.${key}`, message: `${after}${value}` }] }),
        });
        const error = await refusal({ method: 'POST', path: '/x', json: { config: { clientId: 'app', [key]: value } } });
        expect(error.message).not.toContain(value);
        expect(JSON.stringify(error.extensions)).not.toContain(value);
      }),
      { numRuns: 60 },
    );
  });

  it('a message ends with exactly one period, whatever it ends with', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const sentence = asSentenceEnd(text);
        expect(sentence.endsWith('.')).toBe(true);
        expect(sentence.endsWith('..')).toBe(false);
        expect(/\s\.$/.test(sentence)).toBe(false);
      }),
    );
  });
});
