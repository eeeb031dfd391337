/**
 * A script connector's files in the console, in headless Chromium against the sandboxes: the XML shown masked (no
 * seeded secret in the page), a refused upload showing the server's reason and leaving SailPoint's file as it was,
 * an accepted one reaching the sandbox and shown again, and a translation uploaded for the locale picked.
 * Needs the console built (`npm run test:browser` builds it first).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/screenshot.js';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

/** A seeded script connector whose source config holds a secret value (its password field's default). */
const SCRIPT = 'web-services';
const SEEDED_SECRET = 'changeit';

describe('script connector files in the console', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let connectorUrl: string;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startTestStack(), launchChromium()]);
    const { body } = await stack.gql<{ scriptConnector: { id: string } }>('query($s: String!) { scriptConnector(scriptName: $s) { id } }', { s: SCRIPT });
    const id = body.data?.scriptConnector.id;
    if (id === undefined) throw new Error(`The sandbox has no script connector ${SCRIPT}.`);
    connectorUrl = `${new URL(stack.gateway.url).origin}/console/#/connector/${encodeURIComponent(id)}`;
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(8000);
  }, 60_000);

  afterAll(async () => {
    await browser.close();
    await stack.stop();
  });

  const open = async (): Promise<void> => {
    await page.goto('about:blank');
    await page.goto(connectorUrl);
    await page.getByRole('heading', { name: 'Files' }).waitFor();
    await page.locator('pre.file').first().waitFor();
  };

  it('shows the XML files masked: the seeded secret is in SailPoint, never in the page', async () => {
    expect(stack.sailpoint.store.get(SCRIPT)?.sourceConfigXml).toContain(SEEDED_SECRET);
    const responses: string[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/graphql')) void response.text().then((text) => responses.push(text));
    });
    await open();
    const sourceConfig = page.getByRole('group', { name: 'Source config' }).locator('pre.file');
    await expect(sourceConfig.innerText()).resolves.toContain('********');
    for (const name of ['Correlation config', 'Source template'])
      await expect(page.getByRole('group', { name }).locator('pre.file').innerText()).resolves.toMatch(/<\?xml|</);
    expect(await page.content()).not.toContain(SEEDED_SECRET);
    expect(responses.length).toBeGreaterThan(0);
    for (const text of responses) expect(text).not.toContain(SEEDED_SECRET);
    page.removeAllListeners('response');
  });

  it("refuses a malformed XML file with the server's reason, naming the file; SailPoint's file is unchanged", async () => {
    const before = stack.sailpoint.store.get(SCRIPT)?.sourceConfigXml;
    await open();
    const group = page.getByRole('group', { name: 'Source config' });
    await group
      .getByLabel('Replace the source config')
      .setInputFiles({ name: 'broken.xml', mimeType: 'application/xml', buffer: Buffer.from('<Form><Field name="x"></Form>') });
    await group.getByRole('button', { name: 'Upload' }).click();
    const alert = group.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('Source config');
    expect(text).toContain('broken.xml');
    expect(text).toMatch(/XML/);
    // The refusal has the focus (keyboard and screen-reader users land on it).
    await expect(alert.evaluate((el) => el.matches(':focus'))).resolves.toBe(true);
    expect(stack.sailpoint.store.get(SCRIPT)?.sourceConfigXml).toBe(before);
  });

  it('uploads an accepted file: SailPoint holds it, a toast says so and the view shows it', async () => {
    const marker = `Console upload ${Date.now()}`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<CorrelationConfig name="${marker}">\n  <AttributeAssignments/>\n</CorrelationConfig>\n`;
    await open();
    const group = page.getByRole('group', { name: 'Correlation config' });
    await group.getByLabel('Replace the correlation config').setInputFiles({ name: 'correlation.xml', mimeType: 'application/xml', buffer: Buffer.from(xml) });
    await group.getByRole('button', { name: 'Upload' }).click();
    await page.locator('.toast', { hasText: 'correlation.xml uploaded' }).waitFor();
    expect(stack.sailpoint.store.get(SCRIPT)?.correlationConfigXml).toContain(marker);
    await group.locator('pre.file', { hasText: marker }).waitFor();
    await expect(group.getByRole('alert').count()).resolves.toBe(0);
  });

  it('shows and uploads the translations of the locale picked', async () => {
    await open();
    await page.getByLabel('Locale').selectOption('DE');
    const group = page.getByRole('group', { name: /^Translations \(German/ });
    await group.waitFor();
    const marker = `console_test_${Date.now()}`;
    await group
      .getByLabel('Replace the translations')
      .setInputFiles({ name: 'de.properties', mimeType: 'text/plain', buffer: Buffer.from(`${marker}=Hallo\n`) });
    await group.getByRole('button', { name: 'Upload' }).click();
    await page.locator('.toast', { hasText: 'de.properties uploaded' }).waitFor();
    expect(stack.sailpoint.store.get(SCRIPT)?.translations.de).toContain(marker);
    expect(stack.sailpoint.store.get(SCRIPT)?.translations.en ?? '').not.toContain(marker);
    await group.locator('pre.file', { hasText: marker }).waitFor();
  });
});
