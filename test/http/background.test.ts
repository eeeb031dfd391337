/**
 * Background calls (the live hub's polls) against the local rate budget: granted at once while more than the
 * callers' reserve (half the bucket) is left, refused (BudgetReservedError, nothing waits) once it is down to it,
 * and never past the source's Retry-After; the callers' own calls still get every token.
 */
import { describe, expect, it } from 'vitest';
import { BudgetReservedError, LocalLimiter, TokenBucket } from '../../src/http/resilience.js';

describe('background calls and the local budget', () => {
  it('take a token only while more than half the bucket is left, and never wait', async () => {
    let now = 1_000_000;
    const bucket = new TokenBucket({ requests: 10, perMs: 1_000 }, 'SAILPOINT', () => now);
    for (let i = 0; i < 5; i++) await bucket.take(now + 1, true); // 10 → 5 left
    await expect(bucket.take(now + 10_000, true)).rejects.toBeInstanceOf(BudgetReservedError);
    // The callers' reserve is whole: five callers at once, no wait.
    for (let i = 0; i < 5; i++) await bucket.take(now + 1);
    await expect(bucket.take(now + 10_000, true)).rejects.toBeInstanceOf(BudgetReservedError);
    now += 1_000; // refilled
    await bucket.take(now + 1, true);
  });

  it("are refused while the source's Retry-After lasts", async () => {
    const limiter = new LocalLimiter({ requests: 10, perMs: 1_000 }, 'SAILPOINT');
    limiter.blockUntil(Date.now() + 5_000);
    const started = performance.now();
    await expect(limiter.take(Date.now() + 10_000, true)).rejects.toBeInstanceOf(BudgetReservedError);
    expect(performance.now() - started).toBeLessThan(100);
  });
});
