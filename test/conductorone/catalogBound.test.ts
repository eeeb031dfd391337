/**
 * Review (issue 17): `connectorCatalog` (and every create without `@type`, testNewConnector(CONDUCTORONE, …)) walks
 * every app of the tenant and lists each app's connectors, a page of apps at a time all at once
 * (src/sources/conductorone/catalog.ts allConnectors): one query from any reader costs one upstream list call per app
 * with no bound, and up to C1_MAX_PAGE (100) calls in flight at once. The sandbox's store is given 400 extra apps
 * (no connectors) to show it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import { ConductorOneStore } from '../../src/sources/conductorone/sandbox/store.js';

const EXTRA = 400;
let stack: TestStack;

beforeAll(async () => {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(this) below
  const apps = ConductorOneStore.prototype.apps;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(this) below
  const findApp = ConductorOneStore.prototype.findApp;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(this) below
  const appConnectors = ConductorOneStore.prototype.appConnectors;
  const fake = (real: ReturnType<typeof apps>[number], n: number) => ({
    ...structuredClone(real),
    id: `zz-extra-${String(n).padStart(4, '0')}`,
    displayName: `Extra ${n}`,
  });
  vi.spyOn(ConductorOneStore.prototype, 'apps').mockImplementation(function (this: ConductorOneStore) {
    const real = apps.call(this);
    return [...real, ...Array.from({ length: EXTRA }, (_, n) => fake(real[0]!, n))];
  });
  vi.spyOn(ConductorOneStore.prototype, 'findApp').mockImplementation(function (this: ConductorOneStore, id: string) {
    if (id.startsWith('zz-extra-')) return fake(apps.call(this)[0]!, Number(id.slice(9)));
    return findApp.call(this, id);
  });
  vi.spyOn(ConductorOneStore.prototype, 'appConnectors').mockImplementation(function (this: ConductorOneStore, id: string) {
    if (id.startsWith('zz-extra-')) return new Map();
    return appConnectors.call(this, id);
  });
  stack = await startTestStack();
});
afterAll(async () => {
  await stack.stop();
  vi.restoreAllMocks();
});

describe('connectorCatalog', () => {
  it('a single read costs a bounded number of upstream calls', async () => {
    stack.resetCalls();
    const { body } = await stack.gql(`{ connectorCatalog { id } }`);
    expect(body.errors).toBeUndefined();
    const calls = stack.c1Calls({ pathIncludes: '/connectors' });
    // 400+ list calls for one field today; a bound (a cap on apps walked, a cost, a cache) would keep this small.
    expect(calls).toBeLessThanOrEqual(50);
  });
});
