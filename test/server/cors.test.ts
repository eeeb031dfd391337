/**
 * CORS with an allow-list (issue 17, GATEWAY_CORS_ORIGINS), over real HTTP: a preflight on /graphql from an allowed
 * origin is answered 204 before authentication and before any body is read, with the origin (never `*`), the
 * methods, the headers Apollo's clients send, a max age and `Vary: Origin`; actual answers to an allowed origin carry
 * the origin and `Vary: Origin`; another origin gets no CORS headers; without the variable there are none at all.
 */
import { createHash } from 'node:crypto';
import { request, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

const STUDIO = 'https://studio.apollographql.com';
const LOCAL_APP = 'http://localhost:5173';
const KEY = 'cors-test-api-key-0b6f2d41';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

let stack: TestStack;
let plain: TestStack;

beforeAll(async () => {
  [stack, plain] = await Promise.all([
    startTestStack({ GATEWAY_CORS_ORIGINS: `${STUDIO}, ${LOCAL_APP}`, GATEWAY_API_KEYS: `viewer:${sha(KEY)}` }),
    startTestStack({ GATEWAY_API_KEYS: `viewer:${sha(KEY)}` }),
  ]);
  stack.registerSecret(KEY);
  plain.registerSecret(KEY);
});
afterAll(async () => {
  await Promise.all([stack.stop(), plain.stop()]);
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One request over node:http (a browser's `Origin` as it sends it); `partialBody` writes that much of a body whose
 * declared length is far larger and never finishes it, so only an answer that reads no body can arrive.
 */
function send(url: string, method: string, headers: Record<string, string>, body?: string, partialBody?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (partialBody !== undefined) req.destroy();
      });
    });
    req.on('error', reject);
    if (partialBody !== undefined) req.write(partialBody);
    else req.end(body);
  });
}

const preflight = (url: string, origin: string, extra: Record<string, string> = {}) =>
  send(url, 'OPTIONS', { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-api-key', ...extra });

const corsHeaders = (headers: IncomingHttpHeaders) => Object.keys(headers).filter((name) => name.startsWith('access-control-'));

describe('a preflight', () => {
  it('from an allowed origin: 204 with the origin, methods, headers, max age and Vary: Origin, before authentication', async () => {
    const before = stack.logs.length;
    const res = await preflight(stack.gateway.url, STUDIO, {
      'access-control-request-headers': 'content-type, x-api-key, apollographql-client-name, x-request-id, x-unknown',
    });
    expect(res.status).toBe(204);
    expect(res.body).toBe('');
    expect(res.headers['access-control-allow-origin']).toBe(STUDIO);
    expect(res.headers['access-control-allow-methods']).toBe('GET, POST');
    const allowed = res.headers['access-control-allow-headers']!.split(', ');
    expect(allowed).toEqual(
      expect.arrayContaining([
        'content-type',
        'authorization',
        'x-api-key',
        'apollo-require-preflight',
        'x-apollo-operation-name',
        'apollographql-client-name',
        'apollographql-client-version',
        'x-request-id',
      ]),
    );
    expect(allowed).not.toContain('x-unknown');
    expect(Number(res.headers['access-control-max-age'])).toBeGreaterThan(0);
    expect(res.headers.vary).toMatch(/\bOrigin\b/);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    // No API key was sent, and none was asked for: nothing about the caller was logged.
    expect(stack.logs.slice(before).some((line) => line.includes('caller refused'))).toBe(false);
  });

  it('is answered without reading a body (a declared 10 MB never sent)', async () => {
    const res = await send(
      stack.gateway.url,
      'OPTIONS',
      { origin: LOCAL_APP, 'access-control-request-method': 'POST', 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) },
      undefined,
      '{"query":',
    );
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(LOCAL_APP);
  });

  it('from another origin: no CORS headers (the browser then refuses the call)', async () => {
    for (const origin of ['https://evil.example', 'https://studio.apollographql.com.evil.example', 'http://studio.apollographql.com', 'null']) {
      const res = await preflight(stack.gateway.url, origin);
      expect(corsHeaders(res.headers)).toEqual([]);
      expect(res.headers.vary).toMatch(/\bOrigin\b/);
    }
  });
});

describe('an actual request', () => {
  const query = JSON.stringify({ query: '{ __typename }' });

  it('from an allowed origin carries the origin and Vary: Origin, on an answer and on a refusal', async () => {
    const ok = await send(stack.gateway.url, 'POST', { origin: STUDIO, 'content-type': 'application/json', 'x-api-key': KEY }, query);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ data: { __typename: 'Query' } });
    expect(ok.headers['access-control-allow-origin']).toBe(STUDIO);
    expect(ok.headers['access-control-expose-headers']).toBe('x-request-id');
    expect(ok.headers.vary).toMatch(/\bOrigin\b/);
    const refused = await send(stack.gateway.url, 'POST', { origin: STUDIO, 'content-type': 'application/json' }, query);
    expect(refused.status).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe(STUDIO);
    const get = await send(`${stack.gateway.url}?query=${encodeURIComponent('{ __typename }')}`, 'GET', {
      origin: LOCAL_APP,
      'x-api-key': KEY,
      'apollo-require-preflight': 'true',
    });
    expect(get.status).toBe(200);
    expect(get.headers['access-control-allow-origin']).toBe(LOCAL_APP);
  });

  it('from another origin, or with no Origin: no CORS headers', async () => {
    const other = await send(stack.gateway.url, 'POST', { origin: 'https://evil.example', 'content-type': 'application/json', 'x-api-key': KEY }, query);
    expect(other.status).toBe(200);
    expect(corsHeaders(other.headers)).toEqual([]);
    const none = await send(stack.gateway.url, 'POST', { 'content-type': 'application/json', 'x-api-key': KEY }, query);
    expect(corsHeaders(none.headers)).toEqual([]);
  });

  it('outside /graphql: no CORS headers', async () => {
    const health = await send(new URL('/healthz', stack.gateway.url).href, 'GET', { origin: STUDIO });
    expect(health.status).toBe(200);
    expect(corsHeaders(health.headers)).toEqual([]);
  });
});

describe('GATEWAY_CORS_ORIGINS unset', () => {
  it('sends no CORS headers at all, and a preflight is no exception to authentication', async () => {
    const pre = await preflight(plain.gateway.url, STUDIO);
    expect(corsHeaders(pre.headers)).toEqual([]);
    expect(pre.status).toBe(401);
    const res = await send(
      plain.gateway.url,
      'POST',
      { origin: STUDIO, 'content-type': 'application/json', 'x-api-key': KEY },
      JSON.stringify({ query: '{ __typename }' }),
    );
    expect(res.status).toBe(200);
    expect(corsHeaders(res.headers)).toEqual([]);
    expect(res.headers.vary ?? '').not.toMatch(/\bOrigin\b/);
  });
});

describe('GATEWAY_CORS_ORIGINS', () => {
  it('takes exact origins as browsers send them: host lower-cased, default port dropped, blanks and repeats once', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(
      loadConfig({ GATEWAY_CORS_ORIGINS: ` ${STUDIO} ,https://Studio.ApolloGraphQL.com:443,, http://localhost:5173,http://[::1]:8080` }).corsOrigins,
    ).toEqual([STUDIO, LOCAL_APP, 'http://[::1]:8080']);
  });

  it('refuses what is not an origin, naming the variable and the entry: paths, wildcards, other schemes, credentials, bad ports', () => {
    for (const entry of [
      '*',
      'https://*.example.com',
      `${STUDIO}/`,
      `${STUDIO}/sandbox`,
      'studio.apollographql.com',
      'ftp://files.example',
      'https://user@app.example',
      'https://app.example:99999',
      'null',
      `${STUDIO}?a=1`,
    ]) {
      const refusal = () => loadConfig({ GATEWAY_CORS_ORIGINS: `${LOCAL_APP},${entry}` });
      expect(refusal).toThrow(ConfigError);
      expect(refusal).toThrow(`GATEWAY_CORS_ORIGINS: '${entry}' is not an origin`);
    }
  });
});
