/**
 * The console at /console over plain HTTP (its behaviour in a browser is console.browser.test.ts): the page with
 * its CSP and no caching, its hashed files cached for a year and gzipped, nothing else below /console, and the
 * switch. A build is written to a temporary folder, so the test needs no `npm run build`.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { get } from 'node:http';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});\n`;

function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'console-build-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title><script type="module" src="/console/assets/index-abc123.js"></script>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), SCRIPT);
  return dir;
}

/** A GET of `path` exactly as written. */
function rawGet(origin: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    get({ hostname, port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
      });
    }).on('error', reject);
  });
}

describe('the console over HTTP', () => {
  let stack: TestStack;
  let origin: string;
  const dir = fakeBuild();
  beforeAll(async () => {
    stack = await startTestStack({}, { consoleDir: dir });
    origin = new URL(stack.gateway.url).origin;
    return () => stack.stop();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves its page uncached, with a CSP that lets it load only its own files and call only this origin', async () => {
    const res = await request(`${origin}/console/`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(await res.body.text()).toContain('/console/assets/index-abc123.js');
  });

  it('redirects /console to /console/', async () => {
    const res = await request(`${origin}/console`);
    expect(res.statusCode).toBe(308);
    expect(res.headers.location).toBe('/console/');
    await res.body.dump();
  });

  it('serves its hashed files for a year, gzipped when asked for', async () => {
    const plain = await request(`${origin}/console/assets/index-abc123.js`);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(await plain.body.text()).toBe(SCRIPT);
    const zipped = await request(`${origin}/console/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(Buffer.from(await zipped.body.arrayBuffer())).toString()).toBe(SCRIPT);
  });

  it('serves nothing else below /console: no other file, no path out of the build, no other method', async () => {
    // Sent as written (node:http does not resolve dot segments, as a browser or undici would).
    for (const path of [
      '/console/assets/other.js',
      '/console/assets/../../package.json',
      '/console/%2e%2e/package.json',
      '/console/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/console/x',
    ]) {
      const res = await rawGet(origin, path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('connector-gateway');
    }
    const post = await request(`${origin}/console/`, { method: 'POST', body: 'x' });
    expect(post.statusCode).toBe(405);
    await post.body.dump();
  });
});

describe('the console switch', () => {
  it('off: /console is not served at all; on without a build: the page says how to build it', async () => {
    const off = await startTestStack({ GATEWAY_CONSOLE: 'off' }, { consoleDir: fakeBuild() });
    try {
      const res = await request(`${new URL(off.gateway.url).origin}/console/`);
      expect(res.statusCode).toBe(404);
      expect(await res.body.text()).toContain('The GraphQL endpoint is /graphql');
    } finally {
      await off.stop();
    }
    const unbuilt = await startTestStack({}, { consoleDir: join(tmpdir(), 'no-console-build-here') });
    try {
      const res = await request(`${new URL(unbuilt.gateway.url).origin}/console/`);
      expect(res.statusCode).toBe(404);
      expect(await res.body.text()).toContain('npm run build');
      expect(unbuilt.logs.some((line) => line.includes('console') && line.includes('not built'))).toBe(true);
    } finally {
      await unbuilt.stop();
    }
  });
});
