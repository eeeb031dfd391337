/**
 * vitest: `npm test` runs every test/**\/*.test.ts but the browser tests, which need a system Chromium and run with
 * their own command, `npm run test:browser` (vitest.browser.config.ts), and the cluster tests, which need redis-server
 * and nginx (`npm run test:cluster`, vitest.cluster.config.ts), so that `npm ci && npm test` needs nothing beside the
 * clone.
 */
import { configDefaults, defineConfig } from 'vitest/config';

/** The browser tests: named *.browser.test.ts, run only by `npm run test:browser`. */
export const BROWSER_TESTS = 'test/**/*.browser.test.ts';
/** The cluster tests (a real redis-server and nginx): named *.cluster.test.ts, run only by `npm run test:cluster`. */
export const CLUSTER_TESTS = 'test/**/*.cluster.test.ts';

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports": Node resolves `graphql` to its CommonJS build (which Apollo Server and the other
    // packages then share), while Vite would pick the "module" build. Two copies break instanceof checks, so tests
    // load the same build as Node does in production.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, BROWSER_TESTS, CLUSTER_TESTS],
    // Integration tests start real servers on loopback; two cores, so keep files in a few workers.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
