/**
 * Per-connector serialisation of read-apply-write: a patch reads a connector, applies its operations (its `test`s
 * included) and writes the result; two patches of one connector in flight at once must not both pass their
 * `test`s on the same read. `WriteLocks` is what the patch code holds; `LocalWriteLocks` serialises within this
 * process only (a lock shared by replicas, e.g. on Redis, can implement the same interface). Internal module.
 */
import type { SourceName } from '../errors/codes.js';

/** Runs functions one at a time per key. */
export interface WriteLocks {
  /** Runs `fn` once every earlier `run` of `key` has settled; its result (or error) is `fn`'s. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** The lock key of one connector: its source and native key (unambiguous whatever characters the key holds). */
export function connectorLockKey(source: SourceName, ...nativeKey: string[]): string {
  return JSON.stringify([source, ...nativeKey]);
}

/**
 * An in-process keyed async lock: a FIFO queue per key, as a chain of promises. A key's entry is removed as soon
 * as its last holder is done, so the map holds only keys in use (at most one entry per request in flight). A
 * holder that never settles holds its key forever: the patch code only awaits upstream calls, which each end by
 * the source's deadline.
 */
export class LocalWriteLocks implements WriteLocks {
  /** Per key, the promise that settles when the last holder queued so far is done (it never rejects). */
  readonly #tails = new Map<string, Promise<void>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key);
    let release!: () => void;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous ? previous.then(() => done) : done;
    this.#tails.set(key, tail);
    const run = (previous ?? Promise.resolve()).then(fn);
    return run.finally(() => {
      release();
      // The last holder of the key leaves nothing behind.
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
  }

  /** Keys held or waited for now (for tests: idle keys are gone). */
  get size(): number {
    return this.#tails.size;
  }
}
