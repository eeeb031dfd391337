/**
 * The sandbox kit's token request bodies (`readTokenBody`, `parseMultipartFields`) over real HTTP: a loopback
 * `node:http` server answers with what it read, for each encoding, for the limits, and for fields an attacker
 * chooses (property-tested with fast-check against the `FormData` that undici's fetch encodes).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../src/sandbox/http.js';
import { readTokenBody, type TokenBodyOptions } from '../../src/sandbox/tokens.js';

let server: Server;
let origin: string;
/** The options the next request is read with (set per test). */
let options: TokenBodyOptions = { accept: ['form', 'multipart', 'json'] };

beforeAll(async () => {
  server = createServer((req, res) => {
    readTokenBody(req, options).then(
      (body) => {
        const answer = body.ok ? { ok: true, encoding: body.encoding, params: [...body.params] } : body;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      },
      (error: unknown) => {
        res.writeHead(error instanceof HttpError ? error.status : 500, { connection: 'close' }).end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
});

async function send(init: RequestInit, accept: TokenBodyOptions = { accept: ['form', 'multipart', 'json'] }): Promise<Record<string, unknown>> {
  options = accept;
  const res = await fetch(origin, { method: 'POST', ...init });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

const TOKEN_FIELDS: [string, string][] = [
  ['grant_type', 'client_credentials'],
  ['client_id', 'id'],
  ['client_secret', 's3cr=t&+ü'],
];

describe('readTokenBody', () => {
  it('reads the same parameters from a form, a multipart form and a JSON object', async () => {
    const form = new FormData();
    for (const [key, value] of TOKEN_FIELDS) form.append(key, value);
    expect(await send({ body: new URLSearchParams(TOKEN_FIELDS) })).toEqual({ ok: true, encoding: 'form', params: TOKEN_FIELDS });
    expect(await send({ body: form })).toEqual({ ok: true, encoding: 'multipart', params: TOKEN_FIELDS });
    const json = JSON.stringify({ ...Object.fromEntries(TOKEN_FIELDS), scope: 7, resource: ['a', 'b'] });
    expect(await send({ headers: { 'content-type': 'application/json; charset=utf-8' }, body: json })).toEqual({
      ok: true,
      encoding: 'json',
      params: TOKEN_FIELDS,
    });
    expect(await send({})).toEqual({ ok: true, encoding: 'empty', params: [] });
  });

  it('reads only the encodings it is told to accept', async () => {
    const form = new FormData();
    form.set('client_id', 'id');
    expect(await send({ body: form }, { accept: ['form'] })).toEqual({
      ok: false,
      problem: 'unsupported',
      message: "content type 'multipart/form-data' is not accepted",
    });
    expect(await send({ headers: { 'content-type': 'text/plain' }, body: 'client_id=id' })).toMatchObject({ ok: false, problem: 'unsupported' });
    expect(await send({ body: 'client_id=id' }, { accept: ['json'] })).toMatchObject({ ok: false, problem: 'unsupported' });
  });

  it('decodes a form or JSON body in its charset only when asked to', async () => {
    const body = Buffer.from('client_id=h\u00e9', 'utf16le');
    const headers = { 'content-type': 'application/x-www-form-urlencoded; charset="UTF16LE"' };
    expect(await send({ headers, body }, { accept: ['form'], honourCharset: true })).toEqual({
      ok: true,
      encoding: 'form',
      params: [['client_id', 'h\u00e9']],
    });
    expect(((await send({ headers, body }, { accept: ['form'] })).params as string[][])[0]?.[1]).not.toBe('h\u00e9');
    const latin1 = { headers: { 'content-type': 'application/json; charset=latin1' }, body: Buffer.from('{"client_id":"h\u00e9"}', 'latin1') };
    expect(await send(latin1, { accept: ['json'], honourCharset: true })).toEqual({ ok: true, encoding: 'json', params: [['client_id', 'h\u00e9']] });
    const unknown = { headers: { 'content-type': 'application/x-www-form-urlencoded; charset=x-unknown' }, body: 'a=b' };
    expect(await send(unknown, { accept: ['form'], honourCharset: true })).toEqual({
      ok: false,
      problem: 'charset',
      message: "charset 'x-unknown' is not supported",
    });
  });

  it('names a body that does not parse as malformed', async () => {
    const json = { headers: { 'content-type': 'application/json' } };
    expect(await send({ ...json, body: '{' })).toEqual({ ok: false, problem: 'malformed', message: 'the body is not valid JSON' });
    expect(await send({ ...json, body: '["client_id"]' })).toEqual({ ok: false, problem: 'malformed', message: 'the body is not a JSON object' });
    const multipart = { 'content-type': 'multipart/form-data; boundary=b' };
    expect(await send({ headers: multipart, body: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue' })).toMatchObject({
      ok: false,
      problem: 'malformed',
    });
    expect(await send({ headers: { 'content-type': 'multipart/form-data' }, body: 'x' })).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('keeps multipart within small limits and skips file parts', async () => {
    const withFile = new FormData();
    withFile.set('client_id', 'id');
    withFile.set('client_secret', new Blob(['from a file']), 'secret.txt');
    expect(await send({ body: withFile })).toEqual({ ok: true, encoding: 'multipart', params: [['client_id', 'id']] });
    const longName = new FormData();
    longName.set('n'.repeat(101), 'v');
    expect(await send({ body: longName })).toEqual({ ok: false, problem: 'malformed', message: 'a multipart field name is longer than 100 bytes' });
    const exactly = new FormData();
    exactly.set('client_secret', 'x'.repeat(8192));
    expect(((await send({ body: exactly })).params as string[][])[0]?.[1]).toHaveLength(8192);
    const parts = new FormData();
    for (let i = 0; i < 31; i++) parts.append(`file${i}`, new Blob(['x']), 'x.txt');
    expect(await send({ body: parts })).toEqual({ ok: false, problem: 'malformed', message: 'the multipart body has more than 30 parts' });
  });

  it('answers a body over the limit with 413', async () => {
    options = { accept: ['form'], limitBytes: 1024 };
    const res = await fetch(origin, { method: 'POST', body: new URLSearchParams({ client_id: 'x'.repeat(2000) }) });
    expect(res.status).toBe(413);
  });

  it('reads a backslash in a multipart field name as itself, as the form encoding writes it (fast-check found `\\`)', async () => {
    const pairs: [string, string][] = [
      ['\\', 'a'],
      ['x\\y', 'b\\'],
      ["\\'\\\\", 'c'],
    ];
    const form = new FormData();
    for (const [name, value] of pairs) form.append(name, value);
    expect(await send({ body: form })).toEqual({ ok: true, encoding: 'multipart', params: pairs });
  });

  it('reads back any fields an attacker sends as multipart, in order', async () => {
    // Any Unicode text but what the HTML form encoding rewrites on the way: it normalises CR and LF to CRLF and
    // writes `"` in a name as %22 (and undici replaces lone surrogates), so those do not appear here.
    const text = (max: number) => fc.string({ unit: 'grapheme', maxLength: max }).map((s) => s.replace(/[\r\n]/g, ' '));
    const name = text(30)
      .map((s) => s.replace(/"/g, "'"))
      .filter((s) => s !== '' && Buffer.byteLength(s) <= 100);
    const fields = fc.array(fc.tuple(name, text(200)), { maxLength: 20 });
    await fc.assert(
      fc.asyncProperty(fields, async (pairs) => {
        const form = new FormData();
        for (const [name, value] of pairs) form.append(name, value);
        expect(await send({ body: form })).toEqual({ ok: true, encoding: 'multipart', params: pairs });
      }),
      { numRuns: 60 },
    );
  });
});
