import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';
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
      res.on('end', () => {
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
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
        for (const sockets of Object.values(agent.freeSockets))
          for (const s of sockets ?? [])
            s.once('close', () => {
              resolve();
            });
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
        (error: unknown) => (error as NodeJS.ErrnoException).code,
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

describe('npm start on the built-in sandboxes', () => {
  it('exits 0 on SIGTERM without waiting for the shutdown timer (Apollo installs no signal handler of its own)', async () => {
    // As `npm start` runs it: its own process, no <NAME>_URL (the sandboxes start in it), not NODE_ENV=test (under
    // which Apollo Server would install no signal handler). The timer of src/index.ts exits 1 after the grace time + 5 s.
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      GATEWAY_SHUTDOWN_GRACE_MS: '1000',
    };
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          lines.push(...chunk.split('\n').filter(Boolean));
          const listening = lines.map((l) => /"url":"(http:[^"]+\/graphql)"/.exec(l)?.[1]).find(Boolean);
          if (listening) resolve(listening);
        });
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => lines.push(chunk));
        void exited.then(() => {
          reject(new Error(`the gateway exited before listening:\n${lines.join('\n')}`));
        });
      });
      // Traffic first, so that the pools hold keep-alive connections to the in-process sandboxes.
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ connectors(first: 5) { edges { node { id } } } }' }),
      });
      expect(res.status).toBe(200);
      child.kill('SIGTERM');
      const [code, signal] = await exited;
      expect({ code, signal }, lines.join('\n')).toEqual({ code: 0, signal: null });
      expect(lines.some((l) => l.includes('shutting down: draining requests in flight'))).toBe(true);
      expect(lines.some((l) => l.includes('shutdown did not finish in time'))).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
