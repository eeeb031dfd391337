/**
 * The landing page on GET /graphql: GraphiQL served by the gateway itself (checked over plain HTTP here; in the
 * system's headless Chromium by landing.browser.test.ts, `npm run test:browser`), its assets and their refusals, the
 * production page, Apollo's Sandbox on request, and the tabs built from the example operations.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ASSET_PATH, landingPagePlugin, readExamples, WELCOME_QUERY, type ExplorerTab } from '../../src/server/landing.js';
import { schemaDir } from '../../src/schema.js';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

const EXAMPLES = join(schemaDir(), '..', 'examples');

/** GET with the headers a browser sends for a page. */
async function getPage(url: string): Promise<{ status: number; type: string | null; html: string }> {
  const res = await fetch(url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
  return { status: res.status, type: res.headers.get('content-type'), html: await res.text() };
}

/** A request with its path sent exactly as given (fetch would resolve `..`). */
function rawRequest(port: number, path: string, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('landing page (development)', () => {
  let stack: TestStack;
  let html: string;
  beforeAll(async () => {
    stack = await startTestStack();
    html = (await getPage(stack.gateway.url)).html;
    return () => stack.stop();
  });

  it('is GraphiQL, loading every file from the gateway under a CSP that allows only itself', async () => {
    const page = await getPage(stack.gateway.url);
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(html).toContain(`<script src="${ASSET_PATH}graphiql.min.js?v=`);
    expect(html).toMatch(/http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('opens the welcome query first, then one tab per example operation', () => {
    const data = /<script type="application\/json" id="graphiql-config">(.*?)<\/script>/s.exec(html)?.[1];
    const { tabs } = JSON.parse(data!) as { tabs: ExplorerTab[] };
    expect(tabs[0]).toEqual({ query: WELCOME_QUERY });
    expect(tabs.slice(1)).toEqual(readExamples(EXAMPLES).tabs);
  });

  it('serves each asset of the page with its type, a year of caching, gzip and ETag revalidation', async () => {
    const urls = [...html.matchAll(/(?:src|href)="(\/graphql\/explorer\/[^"]+)"/g)].map((m) => m[1]!);
    expect(urls).toHaveLength(6);
    for (const url of urls) {
      const res = await fetch(new URL(url, stack.gateway.url), { headers: { 'accept-encoding': 'gzip' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(url.includes('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
      const again = await fetch(new URL(url, stack.gateway.url), { headers: { 'if-none-match': res.headers.get('etag')! } });
      expect(again.status).toBe(304);
    }
    // fetch decompresses transparently: check the encoding on the wire with node:http.
    const gz = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      const req = request(
        new URL(
          urls.find((u) => u.includes('graphiql.min.js'))!,
          stack.gateway.url,
        ),
        { headers: { 'accept-encoding': 'gzip' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) });
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(gz.encoding).toBe('gzip');
    expect(gunzipSync(gz.body).toString('utf8')).toContain('GraphiQL');
  });

  it('refuses any other path below the asset path, traversal included, and methods other than GET and HEAD', async () => {
    const port = stack.gateway.port;
    for (const path of [
      `${ASSET_PATH}../../package.json`,
      `${ASSET_PATH}%2e%2e/%2e%2e/package.json`,
      `${ASSET_PATH}..%2f..%2fpackage.json`,
      `${ASSET_PATH}..%5c..%5cpackage.json`,
      `${ASSET_PATH}graphiql.min.js/../../../package.json`,
      `${ASSET_PATH}graphiql/package.json`,
      `${ASSET_PATH}%67raphiql.min.js`,
      ASSET_PATH,
    ]) {
      const res = await rawRequest(port, path);
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 404, body: 'Not found.' });
    }
    expect((await rawRequest(port, `${ASSET_PATH}boot.js`, 'POST')).status).toBe(405);
    const head = await rawRequest(port, `${ASSET_PATH}boot.js`, 'HEAD');
    expect(head).toEqual({ status: 200, body: '' });
  });
});

describe('landing page settings', () => {
  it('is a static page that loads nothing in production', async () => {
    const stack = await startTestStack({ NODE_ENV: 'production' });
    try {
      const page = await getPage(stack.gateway.url);
      expect(page.status).toBe(200);
      expect(page.html).toContain('This URL is a GraphQL endpoint.');
      expect(page.html).toContain(`content="default-src 'none'; style-src 'sha256-`);
      expect(page.html).not.toMatch(/<script|<link rel="stylesheet"|https?:\/\//);
      // GraphiQL's files are not served (nor read) when the page is not GraphiQL.
      const asset = await fetch(new URL(`${ASSET_PATH}graphiql.min.js`, stack.gateway.url));
      expect(asset.status).toBe(404);
    } finally {
      await stack.stop();
    }
  });

  it("is Apollo's embedded Sandbox with the welcome query and the examples when GATEWAY_LANDING_PAGE=apollo", async () => {
    const stack = await startTestStack({ GATEWAY_LANDING_PAGE: 'apollo' });
    try {
      const { html } = await getPage(stack.gateway.url);
      expect(html).toContain('https://embeddable-sandbox.cdn.apollographql.com/');
      expect(html).toContain('"runTelemetry":false');
      expect(html).toContain('query FirstConnectors');
      for (const definition of readExamples(EXAMPLES).definitions) expect(html).toContain(definition.split('\n')[0]);
    } finally {
      await stack.stop();
    }
  });
});

describe('example operations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'landing-examples-'));

  /** The landing page's tabs when examples/ is `dir`. */
  async function tabsFor(examplesDir: string): Promise<{ tabs: ExplorerTab[]; warnings: string[] }> {
    const warnings: string[] = [];
    const ignore = (): void => undefined;
    const logger = { debug: ignore, info: ignore, warn: (m: string) => warnings.push(m), error: ignore };
    const apollo = new ApolloServer({ typeDefs: 'type Query { a: Int }', logger, plugins: [landingPagePlugin({ landingPage: 'graphiql' }, examplesDir)] });
    await apollo.start();
    const res = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'GET', headers: new HeaderMap([['accept', 'text/html']]), search: '', body: undefined },
      context: () => Promise.resolve({}),
    });
    await apollo.stop();
    const html = res.body.kind === 'complete' ? res.body.string : '';
    const data = /id="graphiql-config">(.*?)<\/script>/s.exec(html)![1]!;
    return { tabs: (JSON.parse(data) as { tabs: ExplorerTab[] }).tabs, warnings };
  }

  it('become one tab each, with their comments, the fragments they use, and their variables as null', () => {
    writeFileSync(
      join(dir, 'a.graphql'),
      '# Lists things.\n# Two lines.\nquery List($first: Int!, $after: String, $n: Int = 3) { connectors(first: $first, after: $after) { ...F } }\n\n' +
        'fragment F on ConnectorConnection { edges { node { ...G } } }\nfragment G on Connector { id }\nfragment Unused on Connector { id }\n',
    );
    writeFileSync(
      join(dir, 'b.ts'),
      'export const Q = graphql(`\n  query One {\n    node(id: "x") {\n      id\n    }\n  }\n`);\nconst notADocument = `query Nope { a }`;\n',
    );
    writeFileSync(join(dir, 'c.d.ts'), 'graphql(`query Typed { a }`);\n');
    writeFileSync(join(dir, 'notes.md'), 'query Ignored { a }\n');
    const { tabs, definitions } = readExamples(dir);
    expect(tabs).toEqual([
      {
        query:
          '# Lists things.\n# Two lines.\nquery List($first: Int!, $after: String, $n: Int = 3) { connectors(first: $first, after: $after) { ...F } }\n\n' +
          'fragment F on ConnectorConnection { edges { node { ...G } } }\n\nfragment G on Connector { id }\n',
        variables: '{\n  "first": null,\n  "after": null\n}',
      },
      { query: 'query One {\n  node(id: "x") {\n    id\n  }\n}\n' },
    ]);
    expect(definitions).toHaveLength(5);
  });

  it('are left out, with a warning, when they do not parse', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'landing-bad-'));
    writeFileSync(join(bad, 'broken.graphql'), 'query {');
    const { tabs, warnings } = await tabsFor(bad);
    expect(tabs).toEqual([{ query: WELCOME_QUERY }]);
    expect(warnings).toEqual([expect.stringContaining('Example operations left out of the landing page: Syntax Error')]);
  });

  it('leave the welcome query alone when there is no examples folder', async () => {
    expect((await tabsFor(join(dir, 'missing'))).tabs).toEqual([{ query: WELCOME_QUERY }]);
  });
});
