/** A cached record's age, remaining time and stored form (what Redis holds is read back, or refused when damaged). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageSeconds, decodeRecord, encodeRecord, remainingMs, sourceTag } from '../../src/cache/record.js';

describe('CacheRecord', () => {
  it('tells its age in whole seconds and what is left of its TTL', () => {
    const r = { body: '{}', tags: [sourceTag('LOGTO')], createdAt: 10_000, ttlMs: 30_000 };
    expect(ageSeconds(r, 10_999)).toBe(0);
    expect(ageSeconds(r, 12_500)).toBe(2);
    expect(ageSeconds(r, 9_000)).toBe(0);
    expect(remainingMs(r, 12_500)).toBe(27_500);
    expect(r.tags).toEqual(['source:LOGTO']);
  });

  it('reads back what it stored, and refuses anything else', () => {
    fc.assert(
      fc.property(fc.record({ body: fc.string(), tags: fc.array(fc.string()), createdAt: fc.nat(), ttlMs: fc.nat() }), (r) => {
        expect(decodeRecord(encodeRecord(r))).toEqual(r);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const r = decodeRecord(text);
        if (r !== undefined) expect(decodeRecord(encodeRecord(r))).toEqual(r);
      }),
    );
    expect(decodeRecord('{"body":1,"tags":[],"createdAt":1,"ttlMs":1}')).toBeUndefined();
    expect(decodeRecord('{"body":"","tags":[1],"createdAt":1,"ttlMs":1}')).toBeUndefined();
    expect(decodeRecord('null')).toBeUndefined();
  });
});
