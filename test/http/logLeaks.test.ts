/**
 * Logs never hold a secret, even when a source echoes it: Logto is reached through a small loopback server that
 * forwards to the Logto sandbox, except for the requests a test arms it to answer itself with an error body echoing
 * what it got (the config secrets of the request, the bearer token, the client secret of the token request) as
 * JSON, as text, and at the token endpoint. Real HTTP throughout; the stack's stop() also fails on any known secret
 * in the log, and a refusal's reason shown to the caller holds none either.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logtoSecrets, startTestStack, type TestStack } from '../helpers/gateway.js';
import { startLogtoSandbox, type LogtoSandbox } from '../../src/sources/logto/sandbox/server.js';

type Echo = 'json' | 'text' | 'token';

const PASSWORD = 'echoed-smtp-password-7c2e91f0';
const HEADER_KEY = 'echoed-header-api-key-40d1b7';
const PEM = '-----BEGIN PRIVATE KEY-----\nRUNIT0VELVBSSVZBVEUtS0VZLUJPRFk=\n-----END PRIVATE KEY-----';

let logto: LogtoSandbox;
let echo: Server;
let stack: TestStack;
/** What the next request to a path answers itself (once). */
const armed = new Map<string, Echo>();
/** The client secret of the last token request, as the source received it. */
let clientSecret = '';

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A source that echoes its credentials when armed, and is the Logto sandbox otherwise. */
async function startEcho(target: string): Promise<Server> {
  const server = createServer((req, res) => {
    void handle(req, res);
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readAll(req);
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/oidc/token') clientSecret = new URLSearchParams(body).get('client_secret') ?? '';
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    const mode = armed.get(`${req.method} ${path}`);
    if (mode) {
      armed.delete(`${req.method} ${path}`);
      if (mode === 'json') {
        res.writeHead(422, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            code: 'guard.invalid_input',
            message: `Invalid input ${body} from ${bearer} with ${clientSecret}`,
            data: { received: JSON.parse(body || '{}'), authorization: req.headers.authorization, note: `token ${bearer} secret ${clientSecret}` },
          }),
        );
      } else if (mode === 'text') {
        res
          .writeHead(500, { 'content-type': 'text/plain' })
          .end(
            `upstream failure\nclient_secret=${clientSecret}&access_token=${bearer}\n<Config password="${PASSWORD}" host="smtp"/>\n${PEM}\nAuthorization: Bearer ${bearer}\nraw ${body}\nagain ${bearer} ${clientSecret}`,
          );
      } else {
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: 'invalid_client', error_description: `client ${clientSecret} refused`, received: body }));
      }
      return;
    }
    const forwarded = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => ['authorization', 'content-type', 'accept'].includes(k)) as [string, string][]),
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
    });
    const text = await forwarded.text();
    res.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'application/json' }).end(text);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

beforeAll(async () => {
  logto = await startLogtoSandbox();
  echo = await startEcho(logto.url);
  const { port } = echo.address() as AddressInfo;
  stack = await startTestStack({
    LOGTO_URL: `http://127.0.0.1:${port}`,
    LOGTO_CLIENT_ID: logto.clientId,
    LOGTO_CLIENT_SECRET: logto.clientSecret,
    LOGTO_RESOURCE: logto.resource,
    LOGTO_RETRIES: '0',
  });
  for (const secret of [PASSWORD, HEADER_KEY, logto.clientSecret, 'RUNIT0VELVBSSVZBVEUtS0VZLUJPRFk=']) stack.registerSecret(secret);
});

afterAll(async () => {
  // The tokens the echoing source handed out must not be in the log either.
  for (const secret of [...logto.issuedTokens(), ...logtoSecrets(logto)]) stack.registerSecret(secret);
  await stack.stop();
  await new Promise<void>((resolve) =>
    echo.close(() => {
      resolve();
    }),
  );
  await logto.close();
});

const UPDATE = `mutation($id: String!, $input: UpdateLoginConnectorInput!) { updateLoginConnector(id: $id, input: $input) { id } }`;
const secretsOf = () => [PASSWORD, HEADER_KEY, logto.clientSecret, ...logto.issuedTokens(), ...logtoSecrets(logto), 'RUNIT0VELVBSSVZBVEUtS0VZLUJPRFk='];

function expectNoSecretIn(lines: readonly string[]): void {
  for (const secret of secretsOf()) for (const line of lines) expect(line).not.toContain(secret);
}

describe('a source that echoes its credentials', () => {
  it('at the token endpoint: the refusal is logged without the client secret', async () => {
    armed.set('POST /oidc/token', 'token');
    const { body } = await stack.gql(`{ loginConnectors { id } }`);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', source: 'LOGTO' });
    const refused = stack.logs.filter((l) => l.includes('token request refused'));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain('[redacted]');
    expect(clientSecret).toBe(logto.clientSecret);
    expectNoSecretIn(stack.logs);
  });

  it('in a JSON error body: config secrets, the bearer token and the client secret are scrubbed', async () => {
    const mail = logto.store.connectors().find((c) => c.connectorId === 'sendgrid-email-service')!;
    armed.set(`PATCH /api/connectors/${mail.id}`, 'json');
    // An extra key the form does not describe, holding a secret below its top level.
    const { body } = await stack.gql(UPDATE, { id: mail.id, input: { config: { apiKey: PASSWORD, extraHeaders: { 'X-Api-Key': HEADER_KEY } } } });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', source: 'LOGTO', upstreamStatus: 422, vendorCode: 'guard.invalid_input' });
    // The refusal's message reaches the caller (issue 17), echoing the request, the token and the client secret: scrubbed.
    expect(body.errors![0]!.extensions!.upstreamMessage).toMatch(/^Invalid input \{.*\[redacted\]/);
    expectNoSecretIn([JSON.stringify(body)]);
    const failed = stack.logs.filter((l) => l.includes('upstream request failed') && l.includes('"status":422'));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toContain('[redacted]');
    expect(logto.issuedTokens().length).toBeGreaterThan(0);
    expectNoSecretIn(stack.logs);
  });

  it('in a text error body: key=value, XML attributes, PEM keys and bearer tokens are scrubbed', async () => {
    const mail = logto.store.connectors().find((c) => c.connectorId === 'sendgrid-email-service')!;
    armed.set(`PATCH /api/connectors/${mail.id}`, 'text');
    const { body } = await stack.gql(UPDATE, { id: mail.id, input: { config: { apiKey: PASSWORD } } });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', source: 'LOGTO', upstreamStatus: 500 });
    const failed = stack.logs.filter((l) => l.includes('upstream request failed') && l.includes('"status":500'));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toContain(
      'upstream failure\\nclient_secret=[redacted]&access_token=[redacted]\\n<Config password=\\"[redacted]\\" host=\\"smtp\\"/>\\n[redacted]\\nAuthorization: [redacted] [redacted]',
    );
    expectNoSecretIn(stack.logs);
  });
});
