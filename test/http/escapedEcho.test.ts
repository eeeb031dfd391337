/**
 * A secret a source echoes in a JSON error body that escapes characters (Go's encoding/json, which ConductorOne's
 * grpc-gateway uses, writes `&`, `<`, `>` as `\u0026`, `\u003c`, `\u003e`) stays out of the gateway's log: scrubBody
 * (src/logger.ts) replaced the request's known secrets only in the raw text, then parsed the JSON and wrote it again,
 * which decoded the escapes (review of issue 17; this test failed before the fix). And a short secret (4 characters
 * and more, the one minimum of log, reasons and engine) echoed in a refusal does not reach the caller (it did from 6).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import { startLogtoSandbox, type LogtoSandbox } from '../../src/sources/logto/sandbox/server.js';
import { loginConnectorId } from '../../src/sources/logto/mappers.js';

const SECRET = 'SG.p&ss<w0rd>-echoed-9f3e';
let logto: LogtoSandbox;
let echo: Server;
let stack: TestStack;
const armed = new Map<string, 'go' | 'plain'>();

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON as Go's encoding/json writes it (HTML-safe escapes). */
const goJson = (value: unknown) => JSON.stringify(value).replace(/&/g, '\\u0026').replace(/</g, '\\u003c').replace(/>/g, '\\u003e');

beforeAll(async () => {
  logto = await startLogtoSandbox();
  echo = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const key = `${req.method} ${(req.url ?? '/').split('?')[0]}`;
      const mode = armed.get(key);
      if (mode) {
        armed.delete(key);
        const config = (JSON.parse(body || '{}') as { config?: Record<string, unknown> }).config ?? {};
        // The source names no key next to the value: only the known-secret replacement could catch it.
        const answer = { code: 'guard.invalid_input', message: `the value ${String(config.apiKey)} is not accepted` };
        res.writeHead(422, { 'content-type': 'application/json' }).end(mode === 'go' ? goJson(answer) : JSON.stringify(answer));
        return;
      }
      const forwarded = await fetch(`${logto.url}${req.url}`, {
        method: req.method,
        headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => ['authorization', 'content-type', 'accept'].includes(k)) as [string, string][]),
        ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
      });
      res.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'application/json' }).end(await forwarded.text());
    })();
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const { port } = echo.address() as AddressInfo;
  stack = await startTestStack({
    LOGTO_URL: `http://127.0.0.1:${port}`,
    LOGTO_CLIENT_ID: logto.clientId,
    LOGTO_CLIENT_SECRET: logto.clientSecret,
    LOGTO_RESOURCE: logto.resource,
    LOGTO_RETRIES: '0',
  });
});

afterAll(async () => {
  // stop() checks that no secret the stack knows reached the log.
  await stack.stop();
  await new Promise<void>((resolve) =>
    echo.close(() => {
      resolve();
    }),
  );
  await logto.close();
});

const UPDATE = `mutation($id: ID!, $values: [SettingValueInput!]!) {
  updateConnectorSettings(id: $id, values: $values) { ok } }`;

describe('a secret echoed in an escaped JSON error body', () => {
  it('is not in the log (updateConnectorSettings of a locked field)', async () => {
    const mail = logto.store.connectors().find((c) => c.connectorId === 'sendgrid-email-service')!;
    armed.set(`PATCH /api/connectors/${mail.id}`, 'go');
    const { body } = await stack.gql(UPDATE, { id: loginConnectorId(mail.id), values: [{ key: 'apiKey', value: SECRET }] });
    expect(body.errors?.[0]?.extensions?.upstreamStatus).toBe(422);
    // The caller's answer is clean ...
    expect(JSON.stringify(body)).not.toContain(SECRET);
    // ... and so is the log.
    const failed = stack.logs.filter((l) => l.includes('upstream request failed'));
    expect(failed.length).toBeGreaterThan(0);
    for (const line of stack.logs) expect(line).not.toContain(JSON.stringify(SECRET).slice(1, -1));
  });

  it('a short secret (5 characters) echoed in a refusal does not reach the caller', async () => {
    // The engine, Logto's test reasons and the upstream reason shown to the caller all mask from MIN_KNOWN_SECRET (4).
    const SHORT = 'Zq7#p';
    const mail = logto.store.connectors().find((c) => c.connectorId === 'sendgrid-email-service')!;
    armed.set(`PATCH /api/connectors/${mail.id}`, 'plain');
    const { body } = await stack.gql(UPDATE, { id: loginConnectorId(mail.id), values: [{ key: 'apiKey', value: SHORT }] });
    expect(body.errors?.[0]?.extensions?.upstreamStatus).toBe(422);
    expect(String(body.errors?.[0]?.extensions?.upstreamMessage)).not.toContain(SHORT);
  });
});
