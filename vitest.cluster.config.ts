/**
 * vitest for `npm run test:cluster`: only the cluster tests (*.cluster.test.ts), which start a real redis-server and
 * nginx (Debian's packages: `.ci/run` installs them) beside gateway processes, with the settings of the main suite
 * (vitest.config.ts), which leaves them out so that `npm ci && npm test` needs nothing beside the clone.
 */
import { configDefaults, defineConfig } from 'vitest/config';
import base, { CLUSTER_TESTS } from './vitest.config.js';

export default defineConfig({
  ...base,
  test: { ...base.test, include: [CLUSTER_TESTS], exclude: configDefaults.exclude, testTimeout: 60_000, hookTimeout: 120_000 },
});
