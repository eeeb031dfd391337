/**
 * The connector factory operations of the Logto sandbox (`/api/connector-factories…`): the list and one factory,
 * both with ETags.
 *
 * Internal module of the Logto sandbox.
 */
import type { SandboxContext } from '../../../sandbox/app.js';
import { requestError } from './errors.js';
import { sendCacheableJson } from './etag.js';
import type { LogtoConnectorStore } from './store.js';

/** `GET /api/connector-factories`. */
export function listConnectorFactories(ctx: SandboxContext, store: LogtoConnectorStore): void {
  sendCacheableJson(ctx, store.factories());
}

/** `GET /api/connector-factories/{id}`. */
export function getConnectorFactory(ctx: SandboxContext, params: Record<string, string>, store: LogtoConnectorStore): void {
  const id = params.id ?? '';
  const factory = store.factory(id);
  if (!factory) throw requestError(404, 'entity.not_found', `No connector factory has the id '${id}'.`);
  sendCacheableJson(ctx, factory);
}
