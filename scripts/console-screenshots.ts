/**
 * `npm run docs:console`: builds the console, starts the gateway on its built-in sandboxes, and saves the README's
 * two pictures of /console in the system's headless Chromium at 1280×800: the list as it first opens
 * (docs/console-list.png) and a connector's form (docs/console-form.png: Logto's Google connector, its secret
 * locked). What they show is what console.browser.test.ts checks.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/index.js';
import { createLogger } from '../src/logger.js';
import { startGateway } from '../src/server/index.js';
import { launchChromium } from './screenshot.js';

const LIST = fileURLToPath(new URL('../docs/console-list.png', import.meta.url));
const FORM = fileURLToPath(new URL('../docs/console-form.png', import.meta.url));

async function main(): Promise<void> {
  const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' });
  const gateway = await startGateway({ config, logger: createLogger(config.logLevel) });
  const origin = new URL(gateway.url).origin;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    mkdirSync(dirname(LIST), { recursive: true });
    await page.goto(`${origin}/console/`);
    await page.locator('table.connectors tbody tr').first().waitFor();
    await page.screenshot({ path: LIST });
    await page.getByLabel('Source').selectOption('LOGTO');
    await page.getByRole('link', { name: 'Google' }).click();
    await page.locator('form.connector-form').waitFor();
    await page.screenshot({ path: FORM });
    console.log(`wrote ${LIST} and ${FORM}`);
  } finally {
    await browser.close();
    await gateway.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
