/**
 * Acme's tiny sandbox: a real HTTP server on loopback (node:http) with a client-credentials token endpoint and a
 * connectors API (list by offset, get, create, patch, delete; a test of settings not saved) that wants the bearer
 * token; a request log (with the bodies), and a switch that makes every answer a 503 (a source that is down).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxModule } from '../../../src/sources/port.js';
import type { AcmeConnectorWire, AcmeTestResultWire, AcmeTestWire } from './types.js';

export interface AcmeSandbox {
  url: string;
  clientId: string;
  clientSecret: string;
  /** The connectors it holds, in list order. */
  connectors: AcmeConnectorWire[];
  /** Every request: method, path (query included) and body (token requests' left out). */
  log: { method: string; path: string; body?: string }[];
  /** The settings `POST /connector-tests` was given, in order. */
  tests: AcmeTestWire[];
  /** Requests to the connectors API (token requests left out). */
  apiCalls(method?: string): number;
  /** Tokens it issued (secrets the gateway must never log). */
  tokens: Set<string>;
  /** Whether it answers 503 to everything. */
  down: boolean;
  close(): Promise<void>;
}

const SEED: readonly Omit<AcmeConnectorWire, 'apiToken'>[] = [
  { acmeId: 'acme-1', name: 'Anvil feed', region: 'eu-1' },
  { acmeId: 'acme-2', name: 'Rocket skates', region: 'us-1' },
  { acmeId: 'acme-3', name: 'Giant magnet', region: 'eu-1' },
];

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** RFC 7396 for one level: a key's value replaces, null removes. */
function mergePatch(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out = new Map(Object.entries(target));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) out.delete(key);
    else out.set(key, value);
  }
  return Object.fromEntries(out);
}

/** Acme's test of settings: its tokens start with `acme-token-`; a webhook's endpoint must answer (here: be https). */
function testOf(settings: AcmeTestWire): AcmeTestResultWire {
  if (typeof settings.apiToken !== 'string' || !settings.apiToken.startsWith('acme-token-')) {
    return { ok: false, message: 'Acme does not know this API token.', field: 'apiToken' };
  }
  const endpoint = settings.options?.endpoint;
  if (settings.kind === 'webhook' && (typeof endpoint !== 'string' || !endpoint.startsWith('https://'))) {
    return { ok: false, message: 'The webhook endpoint did not answer over https.', field: 'endpoint' };
  }
  return { ok: true, message: `Reached Acme in ${String(settings.region)}.` };
}

export async function startAcmeSandbox(): Promise<AcmeSandbox> {
  const clientId = 'acme-gateway';
  const clientSecret = `acme-secret-${randomBytes(8).toString('hex')}`;
  const tokens = new Set<string>();
  let next = SEED.length + 1;
  const sandbox: Omit<AcmeSandbox, 'url' | 'close'> = {
    clientId,
    clientSecret,
    connectors: SEED.map((c) => ({ ...c, apiToken: `acme-token-${randomBytes(8).toString('hex')}` })),
    log: [],
    tests: [],
    apiCalls: (method) => sandbox.log.filter((e) => e.path.startsWith('/connectors') && (!method || e.method === method)).length,
    tokens,
    down: false,
  };
  const server = createServer((req, res) => {
    void handle(req, res);
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://acme.invalid');
    const body = await bodyOf(req);
    sandbox.log.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, ...(url.pathname === '/oauth/token' ? {} : { body }) });
    if (sandbox.down) {
      send(res, 503, { error: 'down' });
      return;
    }
    if (url.pathname === '/oauth/token' && req.method === 'POST') {
      const form = new URLSearchParams(body);
      if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
        send(res, 401, { error: 'invalid_client' });
        return;
      }
      const token = randomBytes(16).toString('hex');
      tokens.add(token);
      send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
      return;
    }
    if (!tokens.has((req.headers.authorization ?? '').replace(/^Bearer /, ''))) {
      send(res, 401, { error: 'unauthorized' });
      return;
    }
    if (url.pathname === '/connector-tests' && req.method === 'POST') {
      const settings = JSON.parse(body) as AcmeTestWire;
      sandbox.tests.push(settings);
      send(res, 200, testOf(settings));
      return;
    }
    const [, root, rawId] = url.pathname.split('/');
    if (root !== 'connectors') {
      send(res, 404, { error: 'no such path' });
      return;
    }
    if (rawId === undefined) {
      if (req.method === 'GET') {
        const offset = Number(url.searchParams.get('offset') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 50);
        send(res, 200, { items: sandbox.connectors.slice(offset, offset + limit), total: sandbox.connectors.length });
        return;
      }
      if (req.method === 'POST') {
        const created = {
          acmeId: `acme-${next++}`,
          name: String((JSON.parse(body) as { name?: unknown }).name),
          region: 'eu-1',
          apiToken: `acme-token-${randomBytes(8).toString('hex')}`,
        };
        sandbox.connectors.push(created);
        send(res, 201, created);
        return;
      }
      send(res, 405, { error: 'method' });
      return;
    }
    const id = decodeURIComponent(rawId);
    const index = sandbox.connectors.findIndex((c) => c.acmeId === id);
    if (index < 0) {
      send(res, 404, { error: 'no such connector' });
      return;
    }
    if (req.method === 'GET') {
      send(res, 200, sandbox.connectors[index]);
      return;
    }
    if (req.method === 'PATCH') {
      const changes = JSON.parse(body) as Partial<AcmeConnectorWire>;
      const current = sandbox.connectors[index]!;
      const options = changes.options === undefined ? current.options : mergePatch(current.options ?? {}, changes.options);
      sandbox.connectors[index] = { ...current, ...changes, acmeId: id, ...(options === undefined ? {} : { options }) };
      send(res, 200, sandbox.connectors[index]);
      return;
    }
    if (req.method === 'DELETE') {
      sandbox.connectors.splice(index, 1);
      send(res, 204);
      return;
    }
    send(res, 405, { error: 'method' });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(sandbox, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  });
}

/** The port's entry (`connection.sandbox` names this module): what the gateway starts when ACME_URL is unset. */
export const start: SandboxModule['start'] = () => startAcmeSandbox();
