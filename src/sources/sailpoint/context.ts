/**
 * SailPoint's part of a request, typed: its long-lived client and this request's dataloaders (made on first use). The
 * one place where the source reads the request context's generic handle. Internal module.
 */
import type { SourceContext, SourceHandle } from '../port.js';
import type { SailPointClient } from './client.js';
import type { SailPointLoaders } from './loaders.js';

/** The source's name (`ConnectorSource` value, `extensions.source`, environment prefix). */
export const SAILPOINT = 'SAILPOINT';

/** SailPoint's client and this request's SailPoint loaders. */
export function sailpoint(ctx: SourceContext): SourceHandle<SailPointClient, SailPointLoaders> {
  return ctx.sources.get(SAILPOINT);
}
