/**
 * The sealed form of a shared OAuth token (src/cluster/tokenSeal.ts), and the pure parts of the shared rate budget
 * (each replica's share while Redis is away, the jitter margin): no Redis needed, part of `npm test`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openToken, sealToken, tokenKey } from '../../src/cluster/tokenSeal.js';
import { jitterMarginMs, localShare } from '../../src/cluster/rateBudget.js';
import { LocalLimiter } from '../../src/http/resilience.js';
import { UpstreamError } from '../../src/errors/classes.js';

const KEY_NAME = 'connector-gateway:token:SAILPOINT:0123456789abcdef';

describe('sealed tokens', () => {
  it('opens what it sealed, with the same secret and key name only', () => {
    const key = tokenKey('client-secret', KEY_NAME);
    const payload = { value: 'eyJhbGciOi.token.value', refreshAt: 1_700_000_000_000, expiresAt: 1_700_000_600_000 };
    const sealed = sealToken(key, KEY_NAME, payload);
    expect(openToken(key, KEY_NAME, sealed)).toEqual(payload);
    expect(openToken(tokenKey('another-secret', KEY_NAME), KEY_NAME, sealed)).toBeUndefined();
    // Moved to another key (another source or tenant): it does not open.
    expect(openToken(key, `${KEY_NAME}x`, sealed)).toBeUndefined();
    expect(openToken(tokenKey('client-secret', `${KEY_NAME}x`), `${KEY_NAME}x`, sealed)).toBeUndefined();
    // Two seals of one token differ (a fresh IV each).
    expect(sealToken(key, KEY_NAME, payload)).not.toBe(sealed);
  });

  it('refuses an altered or malformed value', () => {
    const key = tokenKey('s', KEY_NAME);
    const sealed = sealToken(key, KEY_NAME, { value: 'tok', refreshAt: 1, expiresAt: 2 });
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[2]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(openToken(key, KEY_NAME, [parts[0], parts[1], flipped.toString('base64url'), parts[3]].join('.'))).toBeUndefined();
    for (const bad of ['', 'tok', 'v1.a.b.c', 'v2' + sealed.slice(2), `${sealed}.x`]) expect(openToken(key, KEY_NAME, bad)).toBeUndefined();
  });

  it('never holds the plain token, nor its base64 forms, and always opens to it (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 200 }), fc.string({ minLength: 1, maxLength: 64 }), fc.nat(), (token, secret, refreshAt) => {
        const key = tokenKey(secret, KEY_NAME);
        const sealed = sealToken(key, KEY_NAME, { value: token, refreshAt, expiresAt: refreshAt + 1 });
        expect(sealed).not.toContain(token);
        expect(sealed).not.toContain(Buffer.from(token).toString('base64url'));
        expect(sealed).not.toContain(Buffer.from(token).toString('base64'));
        expect(openToken(key, KEY_NAME, sealed)?.value).toBe(token);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the rate budget while Redis is away', () => {
  it("gives each replica its share of the vendor's rate, at least one request per window", () => {
    expect(localShare({ requests: 100, perMs: 10_000 }, 4)).toEqual({ requests: 25, perMs: 10_000 });
    expect(localShare({ requests: 100, perMs: 10_000 }, 1)).toEqual({ requests: 100, perMs: 10_000 });
    expect(localShare({ requests: 3, perMs: 1_000 }, 8)).toEqual({ requests: 1, perMs: 1_000 });
    expect(localShare(null, 3)).toBeNull();
  });

  it('widens the shared window by a tenth, at most a second', () => {
    expect(jitterMarginMs({ requests: 10, perMs: 1_000 })).toBe(100);
    expect(jitterMarginMs({ requests: 100, perMs: 10_000 })).toBe(1_000);
    expect(jitterMarginMs({ requests: 60, perMs: 60_000 })).toBe(1_000);
  });

  it("keeps the source's Retry-After locally: refuses at once past the deadline, waits within it", async () => {
    const limiter = new LocalLimiter(null, 'SAILPOINT');
    limiter.blockUntil(Date.now() + 3_000);
    const error = await limiter.take(Date.now() + 1_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', retryAfter: 3 });
    const short = new LocalLimiter({ requests: 1, perMs: 1_000 }, 'SAILPOINT');
    short.blockUntil(Date.now() + 150);
    const started = performance.now();
    await short.take(Date.now() + 1_000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});
