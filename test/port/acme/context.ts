/** Acme's part of a request, typed: the one place where the source reads the request context's generic handle. */
import type { SourceContext, SourceHandle } from '../../../src/sources/port.js';
import type { AcmeClient } from './client.js';
import type { AcmeLoaders } from './loaders.js';

export const ACME = 'ACME';

export function acme(ctx: SourceContext): SourceHandle<AcmeClient, AcmeLoaders> {
  return ctx.sources.get(ACME);
}
