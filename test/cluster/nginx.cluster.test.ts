/**
 * nginx in front of two gateway processes (issue 20), with deploy/nginx/connector-gateway.conf as shipped: requests
 * are spread over both replicas, a killed replica is left out (passive health checks) while requests are still
 * answered, a large upload goes through whole, a subscription's event arrives while its stream is open, and
 * /readyz and /healthz are passed through; and, with a recording server behind the template, a request body reaches
 * the replica while the caller is still sending it (uploads are streamed, not spooled first). Not proven here: that
 * nginx does not buffer the event stream (with the gateway's `X-Accel-Buffering: no` set to `yes` this test still
 * passes: nginx forwards what it has read at once when the client keeps up). What replicas share on Redis is
 * replicas.cluster.test.ts's and sharedState.cluster.test.ts's.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeGlobalId } from '../../src/graph/globalId.js';
import { startReplicas, startSandboxes, type ReplicaProcess, type Sandboxes } from '../helpers/cluster.js';
import { uploadFile } from '../helpers/gateway.js';
import { startNginx, testNginxConf, type TestNginx } from '../helpers/nginx.js';
import { subscribe } from '../helpers/sse.js';

const LIST = '{ scriptConnectors(first: 2) { edges { node { id } } } }';

let sandboxes: Sandboxes;
let replicas: ReplicaProcess[];
let nginx: TestNginx;
let graphql: string;

/** What beforeAll started, stopped in reverse order (whatever got started, if it failed halfway). */
const started: (() => Promise<void>)[] = [];

beforeAll(async () => {
  sandboxes = await startSandboxes();
  started.push(() => sandboxes.close());
  replicas = await startReplicas(2, { ...sandboxes.env, SAILPOINT_RATE_LIMIT: 'off', GATEWAY_LIVE_IDLE_MS: '250' });
  started.push(async () => {
    await Promise.allSettled(replicas.map((r) => r.stop()));
  });
  nginx = await startNginx(replicas.map((r) => r.address));
  started.push(() => nginx.stop());
  graphql = `${nginx.origin}/graphql`;
});
afterAll(async () => {
  for (const stop of started.reverse()) await stop();
});

async function gql(query: string, variables: Record<string, unknown> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(graphql, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: await res.json() };
}

/** The operations a replica counted (its own /metrics, not through nginx, which does not serve it). */
async function operations(replica: ReplicaProcess): Promise<number> {
  const text = await (await fetch(`${replica.origin}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('gateway_operations_total{'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('the nginx template', () => {
  it('is accepted by nginx -t', () => {
    const result = testNginxConf({ listen: '127.0.0.1:8080', servers: ['127.0.0.1:4001', '127.0.0.1:4002'] });
    expect(result.output).toMatch(/syntax is ok/);
    expect(result.status).toBe(0);
  });

  it('keeps /metrics to the replicas themselves', async () => {
    expect((await fetch(`${nginx.origin}/metrics`)).status).toBe(404);
    expect((await fetch(`${replicas[0]!.origin}/metrics`)).status).toBe(200);
  });
});

describe('the nginx template, with a server behind it that records what arrives', () => {
  it('streams a request body to the replica as it arrives (an upload is not spooled first)', async () => {
    let received = 0;
    let completed = false;
    const backend = createServer((req: IncomingMessage, res) => {
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      req.on('end', () => {
        completed = true;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    backend.listen(0, '127.0.0.1');
    await once(backend, 'listening');
    const { port } = backend.address() as { port: number };
    const front = await startNginx([`127.0.0.1:${port}`]);
    const socket = connect(front.port, '127.0.0.1');
    try {
      await once(socket, 'connect');
      const half = 'x'.repeat(256 * 1024);
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: gateway\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: ${2 * half.length}\r\nConnection: close\r\n\r\n${half}`,
      );
      // The first half reaches the server behind nginx while the caller still holds the second one back.
      await vi.waitFor(() => {
        expect(received).toBeGreaterThan(0);
      }, 5_000);
      expect(completed).toBe(false);
      const answer: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => answer.push(chunk));
      socket.write(half);
      await once(socket, 'close');
      expect(Buffer.concat(answer).toString('latin1')).toMatch(/^HTTP\/1\.1 200 /);
      expect(received).toBe(2 * half.length);
    } finally {
      socket.destroy();
      await front.stop();
      backend.close();
    }
  });
});

describe('nginx in front of two replicas', () => {
  it('passes /readyz and /healthz through', async () => {
    const ready = await fetch(`${nginx.origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    expect((await fetch(`${nginx.origin}/healthz`)).status).toBe(200);
  });

  it("spreads requests over both replicas, and keeps a caller's X-Request-Id", async () => {
    const before = await Promise.all(replicas.map(operations));
    for (let i = 0; i < 20; i++) {
      const { status, body } = await gql(LIST);
      expect(status).toBe(200);
      expect(body.data.scriptConnectors.edges).toHaveLength(2);
    }
    const after = await Promise.all(replicas.map(operations));
    const served = after.map((n, i) => n - before[i]!);
    expect(served.reduce((a, b) => a + b, 0)).toBe(20);
    // Round robin: about half each (each at least a quarter).
    for (const n of served) expect(n).toBeGreaterThanOrEqual(5);

    const res = await fetch(graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'through-nginx-1' },
      body: JSON.stringify({ query: LIST }),
    });
    expect(res.headers.get('x-request-id')).toBe('through-nginx-1');
  });

  it('passes a large multipart upload through whole (up to the gateway’s own limit)', async () => {
    const scriptName = sandboxes.sailpoint.store.list()[0]!.scriptName;
    // Just under UPLOAD_MAX_FILE_SIZE (1 MiB), far above nginx's default client_max_body_size (1m with the form around it) and its in-memory body buffer.
    const line = 'menuLabel_ConnectionSettings=Verbindung\n';
    const content = `# large\n${line.repeat(Math.floor((1024 * 1024 - 100) / line.length))}`;
    const upload = `mutation($s: String!, $file: Upload!) { uploadScriptConnectorFile(scriptName: $s, kind: TRANSLATIONS, file: $file, locale: DE) { status } }`;
    const res = await uploadFile(graphql, upload, { s: scriptName }, { name: 'de.properties', content, type: 'text/plain' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.uploadScriptConnectorFile).toMatchObject({ status: 'UPDATED' });
    const read = await gql(`query($s: String!) { scriptConnector(scriptName: $s) { translations(locale: DE) } }`, { s: scriptName });
    expect(read.body.data.scriptConnector.translations).toBe(content);
  });

  it('delivers a subscription’s event through nginx while the stream stays open', async () => {
    const scriptName = sandboxes.sailpoint.store.list()[1]!.scriptName;
    const id = encodeGlobalId('ScriptConnector', scriptName);
    const stream = await subscribe(graphql, `subscription($ids: [ID!]) { connectorChanged(ids: $ids) { kind id } }`, { ids: [id] });
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      // Give the replica's poller its first look, then change the connector through nginx (any replica).
      await new Promise((resolve) => setTimeout(resolve, 600));
      const patched = await gql(`mutation($id: ID!, $ops: [JsonPatchOperationInput!]!) { patchConnector(id: $id, operations: $ops) { id } }`, {
        id,
        ops: [{ op: 'add', path: '/connectorMetadata/shortDesc', value: `through nginx ${Date.now()}` }],
      });
      expect(patched.body.errors).toBeUndefined();
      const event = await stream.next(10_000);
      expect(event.data.data.connectorChanged).toMatchObject({ kind: 'UPDATED', id });
      expect(stream.ended()).toBe(false);
    } finally {
      stream.close();
    }
  });

  it('answers every request when a replica is killed (passive health checks leave it out)', async () => {
    await replicas[1]!.kill();
    for (let i = 0; i < 10; i++) {
      const { status, body } = await gql(LIST);
      expect(status).toBe(200);
      expect(body.data.scriptConnectors.edges).toHaveLength(2);
    }
    const ready = await fetch(`${nginx.origin}/readyz`);
    expect(ready.status).toBe(200);
  });
});
