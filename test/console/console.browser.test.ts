/**
 * The connector console in the system's headless Chromium (playwright-core; `npm run test:browser`, which builds
 * the console first): the list across sources (search, source filter, load more, badges, sync status), a connector's
 * form (sections, locked fields), Save as a dry run then the write, a refused save with the source's reason, Test
 * asking for locked values, and a source that stops answering named in a banner while the others' connectors stay.
 * Locked values are never in the DOM nor in any response the page receives.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import axe from 'axe-core';
import { launchChromium } from '../../scripts/screenshot.js';
import { conductoroneSecrets, logtoSecrets, startTestStack, type TestStack } from '../helpers/gateway.js';

const GOOGLE = 'kq3v8zt1w6pn';
const SENDGRID = 'e4t7y2u9i0ol';
const OIDC = 'o9p2l7k4j1hm';

describe('the connector console in headless Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let context: BrowserContext;
  let origin: string;
  /** Every response body the page received, and every problem it logged. */
  const bodies: string[] = [];
  const problems: string[] = [];
  const elsewhere: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    origin = new URL(stack.gateway.url).origin;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.route('**/*', async (route) => {
      if (new URL(route.request().url()).origin === origin) return route.continue();
      elsewhere.push(route.request().url());
      return route.abort();
    });
    context.on('response', (response) => {
      void response.text().then(
        (text) => bodies.push(text),
        () => undefined,
      );
    });
  });
  afterAll(async () => {
    await context.close();
    await browser.close();
    await stack.stop();
  });

  async function open(path = '/console/'): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${origin}${path}`);
    return page;
  }

  async function globalId(nativeId: string): Promise<string> {
    const { body } = await stack.gql<{ loginConnector: { id: string } }>(`query($id: String!) { loginConnector(id: $id) { id } }`, { id: nativeId });
    return body.data!.loginConnector.id;
  }

  async function openConnector(nativeId: string): Promise<Page> {
    const page = await open(`/console/#/connector/${encodeURIComponent(await globalId(nativeId))}`);
    await page.locator('form.connector-form').waitFor();
    return page;
  }

  const rows = (page: Page) => page.locator('table.connectors tbody tr');

  it('lists every source with badges and sync status, searches, filters by source and loads more', { timeout: 60_000 }, async () => {
    const page = await open();
    await rows(page).first().waitFor();
    expect(await rows(page).count()).toBe(20);
    await expect.poll(() => page.getByText(/^Sync done/).count()).toBeGreaterThan(0);

    // Load more until every source is on the page: each page continues where the last stopped.
    const seen = new Set<string>();
    for (let i = 0; i < 10 && seen.size < 3; i++) {
      for (const source of await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-source')))) seen.add(String(source));
      if (seen.size === 3) break;
      const before = await rows(page).count();
      await page.getByRole('button', { name: 'Load more' }).click();
      await expect.poll(() => rows(page).count()).toBeGreaterThan(before);
    }
    expect([...seen].sort()).toEqual(['CONDUCTORONE', 'LOGTO', 'SAILPOINT']);
    const ids = await rows(page)
      .locator('td:first-child a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [source, label] of [
      ['CONDUCTORONE', 'ConductorOne'],
      ['LOGTO', 'Logto'],
      ['SAILPOINT', 'SailPoint'],
    ] as const)
      expect(await page.locator(`tr[data-source=${source}] .badge`).first().innerText()).toBe(label);

    // Search: what the gateway finds for the same text, nothing else.
    const { body } = await stack.gql<{ connectors: { edges: { node: { id: string } }[] } }>(
      `{ connectors(first: 100, filter: { search: "Google" }) { edges { node { id } } } }`,
    );
    const expected = body.data!.connectors.edges.length;
    expect(expected).toBeGreaterThan(0);
    await page.getByLabel('Search').fill('Google');
    await expect.poll(() => rows(page).count()).toBe(expected);
    for (const text of await rows(page).locator('td:first-child').allInnerTexts()) expect(text.toLowerCase()).toContain('google');

    await page.getByLabel('Search').fill('');
    await page.getByLabel('Source').selectOption('SAILPOINT');
    await rows(page).first().waitFor();
    await expect
      .poll(async () => new Set(await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-source')))))
      .toEqual(new Set(['SAILPOINT']));
    await page.close();
  });

  it('shows a connector form in its sections, a locked field with a lock and never its value', { timeout: 60_000 }, async () => {
    const page = await openConnector(GOOGLE);
    const legends = await page.locator('fieldset.section legend').allInnerTexts();
    expect(legends).toEqual(['General', 'Additional options', 'Advanced options']);
    const secretField = page.locator('.field.locked', { hasText: 'Client Secret' });
    await expect.poll(() => secretField.getByRole('img', { name: 'Locked: write-only' }).count()).toBe(1);
    expect(await secretField.innerText()).toContain('Set · hidden');
    // The client id (not locked) shows its value.
    expect(await page.getByLabel('Client ID').inputValue()).toMatch(/apps\.googleusercontent\.com$/);
    await secretField.getByRole('button', { name: 'Replace' }).click();
    expect(await page.getByLabel('Client Secret').inputValue()).toBe('');
    await assertNoSecrets(page);
    await page.close();
  });

  it('saves: a dry run shows the change first, then it is sent', { timeout: 60_000 }, async () => {
    const page = await openConnector(GOOGLE);
    const before = stack.logto.store.connector(GOOGLE)!.config.scope;
    await page.getByLabel('Scope').fill('openid profile email https://www.googleapis.com/auth/calendar.readonly');
    await page.getByRole('button', { name: 'Save' }).click();
    const review = page.getByRole('region', { name: 'Review the change' });
    await review.waitFor();
    expect(await review.innerText()).toContain('Scope');
    expect(await review.innerText()).toContain('calendar.readonly');
    // Only a dry run so far: Logto holds the old value.
    expect(stack.logto.store.connector(GOOGLE)!.config.scope).toBe(before);
    await review.getByRole('button', { name: 'Send the change' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    expect(stack.logto.store.connector(GOOGLE)!.config.scope).toBe('openid profile email https://www.googleapis.com/auth/calendar.readonly');
    // The form now shows what was saved, and the secret is still locked and still set.
    expect(await page.getByLabel('Scope').inputValue()).toContain('calendar.readonly');
    expect(await page.locator('.field.locked', { hasText: 'Client Secret' }).innerText()).toContain('Set · hidden');
    await assertNoSecrets(page);
    await page.close();
  });

  it(
    'offers a choice locked by its name (OIDC token endpoint auth method) as its options, none shown picked, and saves the new one',
    { timeout: 60_000 },
    async () => {
      const page = await openConnector(OIDC);
      const field = page.locator('.field.locked', { hasText: 'Token Endpoint Auth Method' });
      expect(await field.innerText()).toContain('Set · hidden');
      await field.getByRole('button', { name: 'Replace Token Endpoint Auth Method' }).click();
      const select = page.getByLabel('Token Endpoint Auth Method');
      expect(await select.evaluate((e) => e.tagName)).toBe('SELECT');
      expect(await select.locator('option').allInnerTexts()).toEqual([expect.stringMatching(/^Choose/), 'client_secret_post', 'client_secret_basic']);
      expect(await select.inputValue()).toBe('');
      await select.selectOption({ label: 'client_secret_post' });
      await page.getByRole('button', { name: 'Save' }).click();
      const review = page.getByRole('region', { name: 'Review the change' });
      await review.waitFor();
      expect(await review.innerText()).toContain('new secret value, hidden');
      expect(await review.innerText()).not.toContain('client_secret_post');
      await review.getByRole('button', { name: 'Send the change' }).click();
      await page.getByRole('status').getByText('Saved.').waitFor();
      expect(stack.logto.store.connector(OIDC)!.config.tokenEndpointAuthMethod).toBe('client_secret_post');
      await page.close();
    },
  );

  it("shows a refused save's reason, the source's own, at the bottom with the field named, and focuses the field", { timeout: 60_000 }, async () => {
    const page = await openConnector(GOOGLE);
    stack.logto.injectFault({
      match: { method: 'PATCH', pathPrefix: `/api/connectors/${GOOGLE}` },
      status: 400,
      body: {
        code: 'connector.invalid_config',
        message: 'The connector config is invalid.',
        data: { issues: [{ path: ['clientId'], message: 'Google client ids end in .apps.googleusercontent.com' }] },
      },
    });
    await page.getByLabel('Client ID').fill('not-a-google-client-id');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Send the change' }).click();
    const message = page.locator('#outcome');
    await message.waitFor();
    expect(await message.getAttribute('role')).toBe('alert');
    const text = await message.innerText();
    expect(text).toMatch(/^Not saved/);
    expect(text).toContain('Client ID');
    expect(text).toContain('Google client ids end in .apps.googleusercontent.com');
    await expect.poll(() => page.locator(':focus').getAttribute('id')).toBe('form-clientId');
    expect(await page.getByLabel('Client ID').getAttribute('aria-invalid')).toBe('true');
    expect(stack.logto.store.connector(GOOGLE)!.config.clientId).not.toBe('not-a-google-client-id');
    await page.close();
  });

  it('tests: asks for the locked values again, then shows success as a toast and a refusal as a red message', { timeout: 60_000 }, async () => {
    const page = await openConnector(SENDGRID);
    await page.getByRole('button', { name: 'Test' }).click();
    const dialog = page.getByRole('dialog', { name: 'Test the connector' });
    await dialog.waitFor();
    const key = dialog.getByLabel('API Key');
    expect(await key.inputValue()).toBe('');
    await key.fill('SG.entered-again-for-the-test');
    await dialog.getByLabel('Send a test email to').fill('someone@example.com');
    await dialog.getByRole('button', { name: 'Run the test' }).click();
    await page
      .getByRole('status')
      .getByText(/^Test passed/)
      .waitFor();

    // The provider refuses this sender: its reason, as a red message at the bottom.
    await page.getByLabel('From Email').fill('fail');
    await page.getByRole('button', { name: 'Test' }).click();
    await dialog.getByLabel('API Key').fill('SG.entered-again-for-the-test');
    await dialog.getByLabel('Send a test email to').fill('someone@example.com');
    await dialog.getByRole('button', { name: 'Run the test' }).click();
    const message = page.locator('#outcome');
    await message.waitFor();
    expect(await message.innerText()).toMatch(/^Test failed: The provider refused the test: the provider rejected the message: 'fromEmail' was refused/);
    await assertNoSecrets(page);
    await page.close();
  });

  it("names a source that stops answering in a banner and still lists the other sources' connectors", { timeout: 60_000 }, async () => {
    // SailPoint stops answering: every connection to it is reset, for the rest of this test.
    stack.sailpoint.injectFault({ reset: true, count: Infinity });
    try {
      const page = await open();
      const banner = page.locator('.banner');
      // The first pages hold ConductorOne's connectors (the list's order); SailPoint is asked once a page reaches it.
      await rows(page).first().waitFor();
      for (let i = 0; i < 5 && !(await banner.isVisible()); i++) {
        const before = await rows(page).count();
        await page.getByRole('button', { name: 'Load more' }).click();
        await expect.poll(async () => (await banner.isVisible()) || (await rows(page).count()) > before).toBe(true);
      }
      await banner.waitFor();
      expect(await banner.getAttribute('role')).toBe('alert');
      expect(await banner.innerText()).toMatch(/^SailPoint could not be listed; the other sources' connectors are shown\./);
      // The others are listed, all of them so far; none of SailPoint's.
      const shown = await rows(page).count();
      const { body } = await stack.gql<{ connectors: { edges: { node: { source: string } }[] } }>(
        `{ connectors(first: ${shown}, sources: [CONDUCTORONE, LOGTO]) { edges { node { source } } } }`,
      );
      expect(shown).toBeGreaterThan(20);
      expect(await page.locator('tr[data-source=LOGTO]').count()).toBe(body.data!.connectors.edges.filter((e) => e.node.source === 'LOGTO').length);
      expect(await page.locator('tr[data-source=CONDUCTORONE]').count()).toBe(
        body.data!.connectors.edges.filter((e) => e.node.source === 'CONDUCTORONE').length,
      );
      expect(await page.locator('tr[data-source=SAILPOINT]').count()).toBe(0);
      await page.close();
    } finally {
      stack.sailpoint.reset();
    }
  });

  /** No locked value of any sandbox in the page's DOM (inputs included) or in any response the page received. */
  async function assertNoSecrets(page: Page): Promise<void> {
    const secrets = [...logtoSecrets(stack.logto), ...conductoroneSecrets(stack.conductorone)];
    expect(secrets.length).toBeGreaterThan(3);
    const dom = await page.content();
    const inputs = await page.locator('input, textarea').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
    await page.waitForLoadState('networkidle');
    for (const secret of secrets) {
      expect(dom).not.toContain(secret);
      expect(inputs.join('\n')).not.toContain(secret);
      for (const body of bodies) expect(body).not.toContain(secret);
    }
    expect(bodies.length).toBeGreaterThan(0);
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
  }
});

describe('the console behind caller authentication', () => {
  it('asks for an API key once, keeps it for the tab only, and sends it with every operation', { timeout: 60_000 }, async () => {
    const key = 'console-editor-key-7d1f0c2b';
    const stack = await startTestStack({ GATEWAY_API_KEYS: `editor:${createHash('sha256').update(key).digest('hex')}` });
    stack.registerSecret(key);
    const browser = await launchChromium();
    try {
      const origin = new URL(stack.gateway.url).origin;
      const context = await browser.newContext();
      const sent: (string | undefined)[] = [];
      context.on('request', (request) => {
        if (new URL(request.url()).pathname === '/graphql') sent.push(request.headers()['x-api-key']);
      });
      const page = await context.newPage();
      await page.goto(`${origin}/console/`);
      const form = page.getByRole('form', { name: 'API key' });
      await form.waitFor();
      // The gateway's own reason for the refusal, and the focus in the key's input.
      expect(await form.getByRole('alert').innerText()).toMatch(/API key|credentials|authenticat/i);
      await expect.poll(() => page.locator(':focus').getAttribute('id')).toBe('api-key');
      await form.getByLabel('API key').fill('wrong-key');
      await form.getByRole('button', { name: 'Use this key' }).click();
      await form.waitFor();
      await form.getByLabel('API key').fill(key);
      await form.getByRole('button', { name: 'Use this key' }).click();
      await page.locator('table.connectors tbody tr').first().waitFor();
      expect(await form.count()).toBe(0);

      // Kept for this tab: a reload lists again without asking; another tab (a new session) asks again.
      await page.reload();
      await page.locator('table.connectors tbody tr').first().waitFor();
      expect(await page.evaluate('Object.keys(localStorage).length')).toBe(0);
      const other = await browser.newContext();
      const second = await other.newPage();
      await second.goto(`${origin}/console/`);
      await second.getByRole('form', { name: 'API key' }).waitFor();
      await other.close();
      expect(sent.at(-1)).toBe(key);
      expect(sent.filter((s) => s === key).length).toBeGreaterThanOrEqual(2);
      await context.close();
    } finally {
      await browser.close();
      await stack.stop();
    }
  });
});

describe('the console for keyboard and screen reader users', () => {
  it('has no accessibility violations that axe-core finds on the list, a form, the review of a change and the test dialog', { timeout: 60_000 }, async () => {
    const stack = await startTestStack();
    const browser = await launchChromium();
    try {
      const origin = new URL(stack.gateway.url).origin;
      // axe-core is evaluated in the page (the page's CSP would refuse it as a script): bypassCSP for this context only.
      const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      const violations = async (): Promise<string[]> => {
        await page.evaluate(axe.source);
        // A string, evaluated in the page (where axe now is).
        const result = await page.evaluate<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>(
          "axe.run(document, { resultTypes: ['violations'] })",
        );
        return result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      };
      const overflow = () => page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      await page.goto(`${origin}/console/`);
      await page.locator('table.connectors tbody tr').first().waitFor();
      expect(await violations()).toEqual([]);
      // A small laptop screen: nothing wider than the window.
      await page.setViewportSize({ width: 1024, height: 600 });
      expect(await overflow()).toBe(0);

      // Keyboard only: from the search box, the source filter and then the first connector's link.
      await page.getByLabel('Search').focus();
      await page.keyboard.press('Tab');
      expect(await page.locator(':focus').getAttribute('id')).toBe('source');
      await page.keyboard.press('Tab');
      expect(await page.locator(':focus').evaluate((e) => e.tagName)).toBe('A');
      await page.keyboard.press('Enter');
      await page.locator('form.connector-form').waitFor();
      expect(await violations()).toEqual([]);
      expect(await overflow()).toBe(0);

      await page.locator('form.connector-form input[type=text]').first().fill('changed by the accessibility test');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('region', { name: 'Review the change' }).waitFor();
      // The focus moves to the review's send button.
      expect(await page.locator(':focus').innerText()).toBe('Send the change');
      expect(await violations()).toEqual([]);
      await page.getByRole('button', { name: 'Back to editing' }).click();
      await page.getByRole('button', { name: 'Test' }).click();
      await page.getByRole('dialog', { name: 'Test the connector' }).waitFor();
      expect(await violations()).toEqual([]);
      await context.close();
    } finally {
      await browser.close();
      await stack.stop();
    }
  });
});

describe('the console live', () => {
  it('syncs an app connector now and shows its status change to done without a reload', { timeout: 60_000 }, async () => {
    const stack = await startTestStack({ GATEWAY_LIVE_ACTIVE_MS: '200' }, { conductorone: { syncDurationMs: 1500 } });
    const browser = await launchChromium();
    try {
      const origin = new URL(stack.gateway.url).origin;
      const { body } = await stack.gql<{ connectors: { edges: { node: { id: string; nativeId: string } }[] } }>(
        `{ connectors(sources: [CONDUCTORONE], first: 1) { edges { node { id nativeId } } } }`,
      );
      const okta = body.data!.connectors.edges[0]!.node;
      const page = await browser.newPage();
      let loads = 0;
      page.on('load', () => (loads += 1));
      await page.goto(`${origin}/console/#/connector/${encodeURIComponent(okta.id)}`);
      await page.locator('form.connector-form').waitFor();
      const status = page.getByTestId('sync-status');
      expect(await status.innerText()).toMatch(/^Sync done/);
      await page.getByRole('button', { name: 'Sync now' }).click();
      await page.getByRole('status').getByText('Sync started.').waitFor();
      await expect.poll(() => status.innerText()).toMatch(/^Sync running/);
      expect(await page.getByRole('button', { name: 'Sync now' }).isDisabled()).toBe(true);
      // Done, pushed over the subscription: no reload, no new read of the page's query.
      await expect.poll(() => status.innerText(), { timeout: 10_000 }).toMatch(/^Sync done · last finished/);
      expect(loads).toBe(1);
      expect(stack.conductorone.store.connectors().find((c) => c.id === okta.nativeId)!.status.status).toBe('SYNC_STATUS_DONE');
      expect(await page.getByRole('button', { name: 'Sync now' }).isDisabled()).toBe(false);
    } finally {
      await browser.close();
      await stack.stop();
    }
  });
});
