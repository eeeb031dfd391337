/**
 * `npm run docs:screenshot`: starts the gateway on its built-in sandboxes, opens /graphql in the system's headless
 * Chromium at 1280×800 (GraphiQL opens with the Docs shown), runs the first tab (▶) and saves `docs/sandbox.png` for
 * the README: what a newcomer sees after pressing ▶ once. The browser
 * helpers are shared with test/server/landing.browser.test.ts (`npm run test:browser`).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../src/config/index.js';
import { createLogger } from '../src/logger.js';
import { startGateway } from '../src/server/index.js';

/** Where the screenshot is written. */
export const SCREENSHOT = fileURLToPath(new URL('../docs/sandbox.png', import.meta.url));

const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome'];

/** The system Chromium: `CHROMIUM_PATH`, else the first on PATH. Throws saying how to install it. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = env.CHROMIUM_PATH
    ? [env.CHROMIUM_PATH]
    : (env.PATH ?? '').split(delimiter).flatMap((dir) => CHROMIUM_NAMES.map((name) => join(dir, name)));
  const path = candidates.find((p) => existsSync(p));
  if (path === undefined) {
    throw new Error(
      `Chromium not found (${env.CHROMIUM_PATH ? `CHROMIUM_PATH=${env.CHROMIUM_PATH}` : `${CHROMIUM_NAMES.join(', ')} on PATH`}). Install it ` +
        'with `apt-get install -y --no-install-recommends chromium` (Debian; .ci/run does this), or set CHROMIUM_PATH.',
    );
  }
  return path;
}

/** Headless Chromium (playwright-core drives the system browser; it downloads none). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath() });
}

/**
 * Opens the landing page; resolves once GraphiQL shows its editor and, in the Docs it opens with (nothing clicked), the
 * schema it introspected.
 */
export async function openExplorer(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
  await page.locator('.graphiql-doc-explorer-type-name', { hasText: /^Query$/ }).waitFor();
}

/** Runs the open tab's operation; returns the response pane's text once it shows a result. */
export async function runOperation(page: Page): Promise<string> {
  await page.locator('.graphiql-execute-button').click();
  const result = page.locator('.result-window').filter({ hasText: /"(data|errors)"/ });
  await result.waitFor();
  return result.innerText();
}

async function main(): Promise<void> {
  const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' });
  const gateway = await startGateway({ config, logger: createLogger(config.logLevel) });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await openExplorer(page, gateway.url);
    await runOperation(page);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    console.log(`wrote ${SCREENSHOT}`);
  } finally {
    await browser.close();
    await gateway.stop();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
