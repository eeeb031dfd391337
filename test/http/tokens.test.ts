import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { ClientCredentialsTokenProvider } from '../../src/http/tokens.js';

// A token endpoint on loopback that counts its calls and answers slowly enough for callers to pile up.
let server: Server;
let tokenUrl: string;
let calls = 0;
let bodies: string[] = [];
let status = 200;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      calls++;
      bodies.push(body);
      setTimeout(() => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(status === 200 ? JSON.stringify({ access_token: `token-${calls}`, token_type: 'bearer', expires_in: 600 }) : '{"error":"invalid_client"}');
      }, 30);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token`;
});
afterAll(
  () =>
    new Promise<void>((r) =>
      server.close(() => {
        r();
      }),
    ),
);

function provider(now: () => number = Date.now) {
  calls = 0;
  bodies = [];
  status = 200;
  return new ClientCredentialsTokenProvider({
    source: 'SAILPOINT',
    tokenUrl,
    clientId: 'cid',
    clientSecret: 'csecret',
    params: { scope: 'all' },
    timeoutMs: 2000,
    logger: pino({ level: 'silent' }),
    now,
  });
}

describe('ClientCredentialsTokenProvider', () => {
  it('fetches one token for many concurrent callers and sends the client-credentials form', async () => {
    const tokens = provider();
    const got = await Promise.all(Array.from({ length: 10 }, () => tokens.getToken()));
    expect(new Set(got)).toEqual(new Set(['token-1']));
    expect(calls).toBe(1);
    expect(Object.fromEntries(new URLSearchParams(bodies[0]))).toEqual({
      grant_type: 'client_credentials',
      client_id: 'cid',
      client_secret: 'csecret',
      scope: 'all',
    });
  });

  it('reuses the token until shortly before it expires, then refreshes once', async () => {
    let clock = 1_000_000;
    const tokens = provider(() => clock);
    expect(await tokens.getToken()).toBe('token-1');
    clock += 530_000; // 70 s before expiry: still cached
    expect(await tokens.getToken()).toBe('token-1');
    clock += 20_000; // 50 s before expiry: inside the 60 s margin
    expect(await tokens.getToken()).toBe('token-2');
    expect(calls).toBe(2);
  });

  it('fetches a new token after invalidate', async () => {
    const tokens = provider();
    const first = await tokens.getToken();
    tokens.invalidate(first);
    expect(await tokens.getToken()).toBe('token-2');
  });

  it('maps a refused token request to UNAUTHENTICATED without the upstream body', async () => {
    const tokens = provider();
    status = 401;
    await expect(tokens.getToken()).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED', source: 'SAILPOINT', upstreamStatus: 401 } });
    await expect(tokens.getToken()).rejects.not.toMatchObject({ message: expect.stringContaining('invalid_client') });
  });
});
