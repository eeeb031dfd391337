/**
 * Logto's part of a request, typed: its long-lived client and this request's dataloaders (made on first use). The
 * one place where the source reads the request context's generic handle. Internal module.
 */
import type { SourceContext, SourceHandle } from '../port.js';
import type { LogtoClient } from './client.js';
import type { LogtoLoaders } from './loaders.js';

/** The source's name (`ConnectorSource` value, `extensions.source`, environment prefix). */
export const LOGTO = 'LOGTO';

/** Logto's client and this request's Logto loaders. */
export function logto(ctx: SourceContext): SourceHandle<LogtoClient, LogtoLoaders> {
  return ctx.sources.get(LOGTO);
}
