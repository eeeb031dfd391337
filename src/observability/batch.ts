/**
 * Dataloader batches: the one wrapper every source's loaders put around their batch functions. It reports each
 * batch's size to the metrics and, in a traced request, runs the batch in a span of its own (`dataloader.batch`,
 * with `batch.size`), so the backend calls it makes are its children. Internal module.
 */
import type { BatchLoadFn } from 'dataloader';
import type { SourceName } from '../errors/codes.js';
import { currentSpan, withSpan } from './tracing.js';

/** Told the number of keys of each batch a loader runs. */
export type BatchObserver = (source: SourceName, loader: string, size: number) => void;

/**
 * For one source's loaders: a function that wraps a batch function so that each batch reports its size to
 * `observe` before it runs, and is traced when its request is.
 */
export function batchReporter(source: SourceName, observe: BatchObserver | undefined) {
  return <K, V>(loader: string, batch: BatchLoadFn<K, V>): BatchLoadFn<K, V> =>
    (keys) => {
      observe?.(source, loader, keys.length);
      const parent = currentSpan();
      if (!parent) return batch(keys);
      const span = parent.child(`dataloader.batch ${source}.${loader}`, {
        attributes: { 'gateway.source': source, 'dataloader.name': loader, 'batch.size': keys.length },
      });
      return Promise.resolve(withSpan(span, () => batch(keys))).finally(() => {
        span.end();
      });
    };
}
