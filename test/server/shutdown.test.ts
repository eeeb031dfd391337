import { describe, expect, it } from 'vitest';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

/** `stop()` drains: requests in flight finish (up to the grace time), nothing new gets in, then everything closes. */

const LIST = JSON.stringify({ query: `{ scriptConnectors(first: 2) { edges { node { id } } } }` });

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** POSTs an operation over `agent` (a keep-alive agent by default) and resolves with the raw answer. */
function post(stack: TestStack, agent: Agent, body = LIST): Promise<RawAnswer> {
  const url = new URL(stack.gateway.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => { resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }); });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Resolves once the sandbox has received a request below `path` (the gateway's call is then in flight). */
async function untilReceived(stack: TestStack, path: string): Promise<void> {
  for (let i = 0; i < 200 && !stack.sailpoint.log.entries().some((e) => e.path.startsWith(path)); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('stop()', () => {
  it('lets a request in flight finish with connection: close, closes idle keep-alive connections and refuses new ones', async () => {
    const stack = await startTestStack({ GATEWAY_SHUTDOWN_GRACE_MS: '60000' });
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    try {
      // An idle keep-alive connection: without closing it, stop() would wait the whole minute of grace.
      const warm = await post(stack, agent);
      expect(warm.headers.connection).toBe('keep-alive');
      const idleSocketClosed = new Promise<void>((resolve) => {
        for (const sockets of Object.values(agent.freeSockets)) for (const s of sockets ?? []) s.once('close', () => { resolve(); });
      });

      stack.resetCalls();
      stack.sailpoint.injectFault({ match: { pathPrefix: '/v3/connectors' }, delayMs: 600 });
      const inFlight = post(stack, new Agent({ keepAlive: true }));
      await untilReceived(stack, '/v3/connectors');
      const stopped = stack.gateway.stop();

      await idleSocketClosed;
      await expect(post(stack, new Agent())).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      const answer = await inFlight;
      expect(answer.status).toBe(200);
      expect(answer.headers.connection).toBe('close');
      expect(JSON.parse(answer.body).data.scriptConnectors.edges).toHaveLength(2);
      await stopped;
    } finally {
      agent.destroy();
      await stack.stop();
    }
  });

  it('cuts a request slower than the grace time and returns within about the grace time', async () => {
    const stack = await startTestStack({ GATEWAY_SHUTDOWN_GRACE_MS: '300' });
    try {
      await post(stack, new Agent()); // a token in hand
      stack.resetCalls();
      stack.sailpoint.injectFault({ match: { pathPrefix: '/v3/connectors' }, delayMs: 8000 });
      const inFlight = post(stack, new Agent()).then(
        () => 'answered',
        (error: NodeJS.ErrnoException) => error.code,
      );
      await untilReceived(stack, '/v3/connectors');
      const started = performance.now();
      await stack.gateway.stop();
      // A safety net far below the 8 s the upstream would take: stop() must not wait for it.
      expect(performance.now() - started).toBeLessThan(3000);
      expect(await inFlight).toBe('ECONNRESET');
      expect(stack.logs.some((l) => l.includes('requests still in flight after the shutdown grace time were cut'))).toBe(true);
    } finally {
      await stack.stop();
    }
  });
});
