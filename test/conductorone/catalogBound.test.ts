/**
 * Review of issue 17, fixed: `connectorCatalog` (and every create without `@type`, testNewConnector(CONDUCTORONE, …)) walks
 * every app of the tenant and lists each app's connectors, a page of apps at a time all at once
 * (src/sources/conductorone/catalog.ts allConnectors): one query from any reader costs one upstream list call per app
 * with no bound, and up to C1_MAX_PAGE (100) calls in flight at once. The sandbox's store is given 400 extra apps
 * (no connectors) to show it. Now the walk reads at most C1_CATALOG_MAX_APPS apps (refused past them, before any
 * connector is read) and C1_CATALOG_MAX_PAGES connector pages, C1_CATALOG_CONCURRENCY apps at a time.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import { C1_CATALOG_CONCURRENCY, C1_CATALOG_MAX_APPS, C1_CATALOG_MAX_PAGES, mapBounded } from '../../src/sources/conductorone/catalog.js';
import { C1_MAX_PAGE } from '../../src/sources/conductorone/paging.js';
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
    expect(C1_CATALOG_MAX_APPS + C1_CATALOG_MAX_PAGES).toBeLessThan(EXTRA * 2);
    stack.resetCalls();
    const { body } = await stack.gql(`{ connectorCatalog { id } }`);
    // Over the bound the catalog is refused, not given in part (a create would take a missing entry as unknown).
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({ path: ['connectorCatalog'], extensions: { code: 'BAD_USER_INPUT' } });
    expect(body.errors![0]!.message).toContain(`more than ${C1_CATALOG_MAX_APPS} Apps`);
    const calls = stack.c1Calls({ pathIncludes: '/connectors' });
    // 400+ list calls for one field before the fix; now the apps are counted first and no connector is read.
    expect(calls).toBeLessThanOrEqual(50);
    expect(calls).toBe(0);
    expect(stack.c1Calls()).toBeLessThanOrEqual(Math.ceil(C1_CATALOG_MAX_APPS / C1_MAX_PAGE) + 1);
  });

  it('a create without "@type" is refused the same way, and nothing is created', async () => {
    const c = stack.conductorone.store.connectors().find((x) => x.catalogId)!;
    const before = stack.conductorone.store.connectors().length;
    stack.resetCalls();
    const { body } = await stack.gql(
      `mutation($appId: String!, $catalogId: String!) { createAppConnector(input: { appId: $appId, catalogId: $catalogId, config: { x: "y" } }) { id } }`,
      { appId: c.appId, catalogId: c.catalogId },
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(body.errors![0]!.message).toContain(`more than ${C1_CATALOG_MAX_APPS} Apps`);
    expect(stack.c1Calls({ method: 'POST' })).toBe(0);
    expect(stack.c1Calls({ pathIncludes: '/connectors' })).toBe(0);
    expect(stack.conductorone.store.connectors()).toHaveLength(before);
  });
});

describe('mapBounded', () => {
  const deferred = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  };

  it('runs at most `limit` calls at once and keeps the order of the items', async () => {
    let running = 0;
    let most = 0;
    const items = Array.from({ length: 40 }, (_, i) => i);
    const result = await mapBounded(items, C1_CATALOG_CONCURRENCY, async (i) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, (i * 7) % 5));
      running -= 1;
      return i * 2;
    });
    expect(result).toEqual(items.map((i) => i * 2));
    expect(most).toBe(C1_CATALOG_CONCURRENCY);
    expect(C1_CATALOG_CONCURRENCY).toBeGreaterThanOrEqual(4);
    expect(C1_CATALOG_CONCURRENCY).toBeLessThanOrEqual(8);
  });

  it('starts no call after one fails', async () => {
    const gate = deferred();
    const started: number[] = [];
    const run = mapBounded([0, 1, 2, 3, 4, 5], 2, async (i) => {
      started.push(i);
      if (i === 0) throw new Error('boom');
      await gate.promise;
      return i;
    });
    await expect(run).rejects.toThrow('boom');
    gate.resolve();
    await new Promise((r) => setTimeout(r, 5));
    expect(started).toEqual([0, 1]);
  });
});
