/**
 * Dataloader batch sizes: the one wrapper every source's loaders put around their batch functions. Internal
 * module.
 */
import type { BatchLoadFn } from 'dataloader';
import type { SourceName } from '../errors/codes.js';

/** Told the number of keys of each batch a loader runs. */
export type BatchObserver = (source: SourceName, loader: string, size: number) => void;

/**
 * For one source's loaders: a function that wraps a batch function so that each batch reports its size to
 * `observe` before it runs. Without an observer the batch functions stay as they are.
 */
export function batchReporter(source: SourceName, observe: BatchObserver | undefined) {
  return <K, V>(loader: string, batch: BatchLoadFn<K, V>): BatchLoadFn<K, V> =>
    observe
      ? (keys) => {
          observe(source, loader, keys.length);
          return batch(keys);
        }
      : batch;
}
