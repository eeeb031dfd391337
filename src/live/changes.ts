/**
 * The changes made through this gateway, as a feed: the mutation publisher (publish.ts) tells it every source a
 * mutation called, succeeded or failed (a failed one may have half-applied), and waits for every listener before
 * the mutation answers, so that whatever a listener drops (the response cache) is dropped before the caller can
 * read again. A change holds no payload: its kind, the connector's global id when known, its source and its time.
 * Knows no vendor. Internal module.
 */
import type { Logger } from 'pino';
import type { ChangeKind } from './hub.js';

/** One change: `TOUCHED` when the mutation failed or returned no connector (the source changed, somewhere). */
export interface Change {
  kind: ChangeKind | 'TOUCHED';
  /** The connector's global id, when known. */
  id: string | null;
  source: string;
  /** ISO time. */
  at: string;
}

type ChangeListener = (change: Change) => Promise<void>;

export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();

  constructor(private readonly logger: Logger) {}

  /** Tells `listener` of every change from now on (the mutation waits for the promise it returns); returns the function that stops it. */
  on(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener of `change` and waits for all of them (a failing listener is logged, not thrown). */
  async changed(change: Change): Promise<void> {
    const results = await Promise.allSettled([...this.listeners].map((listener) => listener(change)));
    for (const result of results) {
      if (result.status === 'rejected') this.logger.error({ err: result.reason, source: change.source }, 'a change listener failed');
    }
  }
}
