/**
 * LocalWriteLocks: one holder at a time per key, in arrival order; other keys do not wait; a failing holder
 * releases the key; an idle key leaves nothing behind.
 */
import { describe, expect, it } from 'vitest';
import { connectorLockKey, LocalWriteLocks } from '../../src/graph/writeLocks.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('LocalWriteLocks', () => {
  it('runs the holders of one key one at a time, in the order they came', async () => {
    const locks = new LocalWriteLocks();
    const events: string[] = [];
    let inside = 0;
    let most = 0;
    const holder = (name: string) =>
      locks.run('k', async () => {
        inside += 1;
        most = Math.max(most, inside);
        events.push(`${name} in`);
        await tick();
        await tick();
        events.push(`${name} out`);
        inside -= 1;
        return name;
      });
    expect(await Promise.all(['a', 'b', 'c', 'd'].map(holder))).toEqual(['a', 'b', 'c', 'd']);
    expect(most).toBe(1);
    expect(events).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out', 'd in', 'd out']);
    expect(locks.size).toBe(0);
  });

  it('does not make another key wait', async () => {
    const locks = new LocalWriteLocks();
    let release!: () => void;
    const held = locks.run('a', () => new Promise<void>((resolve) => (release = resolve)));
    await expect(locks.run('b', () => Promise.resolve('b ran'))).resolves.toBe('b ran');
    expect(locks.size).toBe(1);
    release();
    await held;
    expect(locks.size).toBe(0);
  });

  it('releases the key when a holder fails, and hands its error to its caller only', async () => {
    const locks = new LocalWriteLocks();
    const failing = locks.run('k', () => Promise.reject(new Error('boom')));
    const next = locks.run('k', () => Promise.resolve('next ran'));
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next ran');
    expect(locks.size).toBe(0);
  });

  it('names connectors of different sources and keys apart', () => {
    expect(connectorLockKey('LOGTO', 'a')).not.toBe(connectorLockKey('SAILPOINT', 'a'));
    expect(connectorLockKey('CONDUCTORONE', 'a', 'b/c')).not.toBe(connectorLockKey('CONDUCTORONE', 'a/b', 'c'));
  });
});
