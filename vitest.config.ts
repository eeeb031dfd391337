import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports": Node resolves `graphql` to its CommonJS build (which Apollo Server and the other
    // packages then share), while Vite would pick the "module" build. Two copies break instanceof checks, so tests
    // load the same build as Node does in production.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start real servers on loopback; two cores, so keep files in a few workers.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
