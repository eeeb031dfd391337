/**
 * The landing page in the system's headless Chromium (playwright-core drives it; `npm run test:browser`, not part of
 * `npm test`, which needs nothing beside the clone): GraphiQL renders with the schema, its Docs open as the README's
 * screenshot shows them, runs the welcome query, and no request leaves the gateway. The same page over plain HTTP is
 * landing.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ASSET_PATH, WELCOME_QUERY } from '../../src/server/landing.js';
import { launchChromium, openExplorer, runOperation } from '../../scripts/screenshot.js';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

describe('landing page in headless Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startTestStack();
    return () => stack.stop();
  });
  beforeAll(async () => {
    // Fails (not skips) without Chromium, saying how to install it.
    browser = await launchChromium();
    return () => browser.close();
  });

  it('renders GraphiQL with the schema, runs the welcome query, and sends no request beyond the gateway', { timeout: 60_000 }, async () => {
    const origin = new URL(stack.gateway.url).origin;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const requests: string[] = [];
    const elsewhere: string[] = [];
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      requests.push(`${route.request().method()} ${url}`);
      if (new URL(url).origin === origin) return route.continue();
      elsewhere.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('websocket', (ws) => elsewhere.push(ws.url()));

    await openExplorer(page, stack.gateway.url);
    // As the README's screenshot shows it: the Docs are open without a click, the welcome query in the first tab.
    expect(await page.locator('.graphiql-doc-explorer').isVisible()).toBe(true);
    expect(await page.getByLabel('Hide Documentation Explorer').count()).toBe(1);
    expect(await page.locator('.graphiql-query-editor').innerText()).toContain('query FirstConnectors');
    expect(await page.locator('.graphiql-tab').first().innerText()).toContain('FirstConnectors');
    const result = await runOperation(page);

    const expected = await stack.gql<{ connectors: { edges: { node: { id: string; displayName: string } }[] } }>(WELCOME_QUERY);
    const first = expected.body.data!.connectors.edges[0]!.node;
    expect(result).toContain(first.id);
    expect(result).toContain(first.displayName);
    expect(result).not.toContain('"errors"');
    await context.close();

    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
    // The page, its files, and POSTs to the endpoint (introspection, the query): nothing else.
    const pageGet = `GET ${stack.gateway.url}`;
    const post = `POST ${stack.gateway.url}`;
    expect(requests).toEqual(expect.arrayContaining([pageGet, post]));
    expect(requests.filter((r) => r !== pageGet && r !== post && !r.startsWith(`GET ${origin}${ASSET_PATH}`))).toEqual([]);
  });
});
