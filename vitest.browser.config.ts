/**
 * vitest for `npm run test:browser`: only the browser tests (*.browser.test.ts, which drive the system's headless
 * Chromium through playwright-core), with the settings of the main suite (vitest.config.ts), which leaves them out.
 */
import { configDefaults, defineConfig } from 'vitest/config';
import base, { BROWSER_TESTS } from './vitest.config.js';

export default defineConfig({
  ...base,
  test: { ...base.test, include: [BROWSER_TESTS], exclude: configDefaults.exclude },
});
