/**
 * The in-memory store: a record is served until its TTL, never after an invalidation of one of its tags (or of
 * everything), a response begun before an invalidation is never stored, and the bytes held stay within the bound.
 */
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/cache/store.js';
import { ALL, type CacheRecord } from '../../src/cache/record.js';

const record = (tags: string[], body = '{"data":{}}', ttlMs = 1000): CacheRecord => ({ body, tags, createdAt: 1_000, ttlMs });

describe('MemoryStore', () => {
  it('serves a record within its TTL only', async () => {
    const store = new MemoryStore(1 << 20);
    expect(await store.set('k', record(['source:A']), await store.begin())).toBe(true);
    expect(await store.get('k', 1_500)).toEqual(record(['source:A']));
    expect(await store.get('k', 2_000)).toBeUndefined();
  });

  it('drops the records of an invalidated tag, and keeps the others', async () => {
    const store = new MemoryStore(1 << 20);
    const stamp = await store.begin();
    await store.set('a', record(['source:A']), stamp);
    await store.set('b', record(['source:B']), stamp);
    await store.invalidate(['source:A']);
    expect(await store.get('a', 1_500)).toBeUndefined();
    expect(await store.get('b', 1_500)).toBeDefined();
    await store.invalidate([ALL]);
    expect(await store.get('b', 1_500)).toBeUndefined();
  });

  it('never stores a response begun before an invalidation of one of its tags', async () => {
    const store = new MemoryStore(1 << 20);
    const stamp = await store.begin();
    await store.invalidate(['source:A']);
    expect(await store.set('a', record(['source:A', 'source:B']), stamp)).toBe(false);
    expect(await store.set('b', record(['source:B']), stamp)).toBe(true);
    expect(await store.set('a', record(['source:A']), await store.begin())).toBe(true);
  });

  it('holds at most its bytes, the least recently used dropped first', async () => {
    const store = new MemoryStore(10_000);
    const stamp = await store.begin();
    for (let i = 0; i < 20; i++) await store.set(`k${i}`, record(['source:A'], 'x'.repeat(1_000)), stamp);
    expect(store.bytes).toBeLessThanOrEqual(10_000);
    expect(await store.get('k19', 1_500)).toBeDefined();
    expect(await store.get('k0', 1_500)).toBeUndefined();
    expect(await store.set('huge', record(['source:A'], 'x'.repeat(20_000)), stamp)).toBe(false);
  });
});
