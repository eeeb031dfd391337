/**
 * The shared rate budget's script on a real redis-server, without a gateway: background calls (the live hub's
 * polls) keep off the callers' reserve across replicas, and the callers' calls still get the whole budget.
 */
import { describe, expect, it } from 'vitest';
import { SharedRateLimiter } from '../../src/cluster/rateBudget.js';
import { BudgetReservedError } from '../../src/http/resilience.js';
import { useRedis } from '../helpers/redis.js';

const redis = useRedis();

async function replica(): Promise<SharedRateLimiter> {
  const link = await redis.link('budget:');
  return new SharedRateLimiter({ link, source: 'SAILPOINT', tenantUrl: 'https://acme.example/v3', rate: { requests: 10, perMs: 10_000 }, replicas: 2 });
}

describe('SharedRateLimiter and background calls', () => {
  it("grants background calls only above the callers' reserve (half), across replicas, and never makes them wait", async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    const deadline = () => Date.now() + 1_000;
    await a.take(deadline(), true);
    await b.take(deadline(), true);
    await a.take(deadline()); // a caller's
    await b.take(deadline(), true);
    await a.take(deadline(), true); // 4 in the window before it: 6 left, more than the reserve of 5
    await expect(a.take(deadline(), true)).rejects.toBeInstanceOf(BudgetReservedError);
    await expect(b.take(deadline(), true)).rejects.toBeInstanceOf(BudgetReservedError);
    // The reserve is the callers': five more at once (10 in all), then the next would wait past the deadline.
    for (let i = 0; i < 5; i++) await (i % 2 ? a : b).take(deadline());
    const refused = await a.take(deadline()).catch((e: unknown) => e);
    expect(refused).not.toBeInstanceOf(BudgetReservedError);
    expect((refused as { extensions: Record<string, unknown> }).extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED' });
  });
});
