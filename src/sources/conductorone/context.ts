/**
 * ConductorOne's part of a request, typed: its long-lived client and this request's dataloaders (made on first use). The
 * one place where the source reads the request context's generic handle. Internal module.
 */
import type { SourceContext, SourceHandle } from '../port.js';
import type { ConductorOneClient } from './client.js';
import type { ConductorOneLoaders } from './loaders.js';

/** The source's name (`ConnectorSource` value, `extensions.source`, environment prefix). */
export const CONDUCTORONE = 'CONDUCTORONE';

/** ConductorOne's client and this request's ConductorOne loaders. */
export function conductorone(ctx: SourceContext): SourceHandle<ConductorOneClient, ConductorOneLoaders> {
  return ctx.sources.get(CONDUCTORONE);
}
