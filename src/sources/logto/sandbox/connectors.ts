/**
 * The connector operations of the Logto sandbox (`/api/connectors…`): list and get with ETags, create, update and
 * delete with Logto's checks and error codes, and the passwordless test message.
 *
 * Internal module of the Logto sandbox.
 */
import type { SandboxContext } from '../../../sandbox/app.js';
import { sendEmpty, sendJson } from '../../../sandbox/http.js';
import type {
  LogtoConfigurableMetadataWire,
  LogtoConnectorFactoryWire,
  LogtoConnectorPlatform,
  LogtoConnectorWire,
  LogtoCreateConnectorWire,
  LogtoTestConnectorWire,
  LogtoUpdateConnectorWire,
} from '../types.js';
import { CREATE_RULES, TEST_RULES, UPDATE_RULES, guardBody, readGuardedJson } from './bodies.js';
import { checkConfig, failingItem } from './config.js';
import { requestError } from './errors.js';
import { sendCacheableJson } from './etag.js';
import type { LogtoSandboxConnector } from './seed.js';
import { cleanObject, type LogtoConnectorStore } from './store.js';
import { mergedMetadata, toConnectorWire } from './wire.js';

/** A stored connector as the API answers it. */
function connectorWire(store: LogtoConnectorStore, entry: LogtoSandboxConnector): LogtoConnectorWire {
  return toConnectorWire(entry, store.factoryOf(entry));
}

/** `GET /api/connectors`, optionally only those of one `target`, with an ETag. */
export function listConnectors(ctx: SandboxContext, store: LogtoConnectorStore): void {
  const target = ctx.query.get('target');
  const connectors = store.connectors().map((entry) => connectorWire(store, entry));
  sendCacheableJson(ctx, target ? connectors.filter((connector) => connector.target === target) : connectors);
}

/** `GET /api/connectors/{id}`, with an ETag. */
export function getConnector(ctx: SandboxContext, params: Record<string, string>, store: LogtoConnectorStore): void {
  sendCacheableJson(ctx, connectorWire(store, store.find(params.id ?? '')));
}

/** `POST /api/connectors`: a connector from a factory, checked by Logto's rules in Logto's order. */
export async function createConnector(ctx: SandboxContext, store: LogtoConnectorStore): Promise<void> {
  const body = guardBody<LogtoCreateConnectorWire>(await readGuardedJson(ctx.req), CREATE_RULES);
  const factory = store.factory(body.connectorId);
  if (!factory) {
    throw requestError(422, 'connector.not_found_with_connector_id', `No connector factory has the id '${body.connectorId}'.`);
  }
  if (factory.type === 'Social') checkSocialCreate(store, factory, body.metadata);
  if (body.config) {
    checkConfig(body.config, factory.formItems ?? []);
  }
  const id = body.id ?? store.generateId();
  if (store.has(id)) throw requestError(422, 'entity.unique_integrity_violation', `A connector with the id '${id}' already exists.`);
  const entry: LogtoSandboxConnector = {
    id,
    connectorId: factory.id,
    config: cleanObject(body.config),
    metadata: cleanObject(body.metadata),
    syncProfile: body.syncProfile ?? false,
    enableTokenStorage: body.enableTokenStorage ?? false,
  };
  store.add(entry);
  // Logto keeps one working Email and one SMS connector: a new one replaces the others of its type.
  if (factory.type !== 'Social') {
    for (const other of store.connectors()) {
      if (other.id !== id && store.factoryOf(other).type === factory.type) store.delete(other.id);
    }
  }
  sendJson(ctx.res, 200, connectorWire(store, entry));
}

/** Logto's social-connector rules on create, in its order. */
function checkSocialCreate(store: LogtoConnectorStore, factory: LogtoConnectorFactoryWire, metadata: LogtoConfigurableMetadataWire | undefined): void {
  const standard = factory.isStandard === true;
  if (standard && !metadata?.target) {
    throw requestError(400, 'connector.should_specify_target', 'A standard connector needs metadata.target.');
  }
  if (!standard && metadata !== undefined) {
    throw requestError(400, 'connector.cannot_overwrite_metadata_for_non_standard_connector', 'Only standard connectors accept metadata.');
  }
  if (!standard && store.connectors().some((entry) => entry.connectorId === factory.id)) {
    throw requestError(422, 'connector.multiple_instances_not_supported', `A connector of the factory '${factory.id}' already exists.`);
  }
  // An empty target in the metadata is no target: the factory's applies.
  const target = metadata?.target !== undefined && metadata.target !== '' ? metadata.target : factory.target;
  const duplicate = socialConnectorFor(store, target, factory.platform);
  if (duplicate) {
    throw requestError(
      422,
      'connector.multiple_target_with_same_platform',
      `A social connector with the target '${target}' already exists for the platform ${String(factory.platform)}.`,
      { connectorId: duplicate.connectorId, connectorName: mergedMetadata(duplicate, store.factoryOf(duplicate)).name },
    );
  }
}

function socialConnectorFor(store: LogtoConnectorStore, target: string, platform: LogtoConnectorPlatform | null): LogtoSandboxConnector | undefined {
  return store.connectors().find((entry) => {
    const factory = store.factoryOf(entry);
    return factory.type === 'Social' && factory.platform === platform && mergedMetadata(entry, factory).target === target;
  });
}

/** `PATCH /api/connectors/{id}`: replaces the given columns whole. */
export async function updateConnector(ctx: SandboxContext, params: Record<string, string>, store: LogtoConnectorStore): Promise<void> {
  const body = guardBody<LogtoUpdateConnectorWire>(await readGuardedJson(ctx.req), UPDATE_RULES);
  const entry = store.find(params.id ?? '');
  const factory = store.factoryOf(entry);
  const standard = factory.isStandard === true;
  // As in Logto: metadata given to a standard connector must keep its current target (even when `target` is left out).
  if (standard && body.metadata && body.metadata.target !== mergedMetadata(entry, factory).target) {
    throw requestError(400, 'connector.can_not_modify_target', "A connector's target cannot be changed.");
  }
  if (!standard && body.metadata) {
    throw requestError(400, 'connector.cannot_overwrite_metadata_for_non_standard_connector', 'Only standard connectors accept metadata.');
  }
  if (body.syncProfile && factory.type !== 'Social') {
    throw requestError(422, 'connector.invalid_type_for_syncing_profile', 'Only social connectors can sync user profiles.');
  }
  if (body.config) {
    checkConfig(body.config, factory.formItems ?? []);
  }
  // Given columns are replaced whole (Logto's jsonb "replace" mode); omitted ones stay.
  if (body.config) entry.config = cleanObject(body.config);
  if (body.metadata) entry.metadata = cleanObject(body.metadata);
  if (body.syncProfile !== undefined) entry.syncProfile = body.syncProfile;
  if (body.enableTokenStorage !== undefined) entry.enableTokenStorage = body.enableTokenStorage;
  sendJson(ctx.res, 200, connectorWire(store, entry));
}

/** `DELETE /api/connectors/{id}`. */
export function deleteConnector(ctx: SandboxContext, params: Record<string, string>, store: LogtoConnectorStore): void {
  const id = params.id ?? '';
  // Logto's delete looks the row up directly, hence a different code than the other operations.
  if (!store.delete(id)) throw requestError(404, 'entity.not_exists_with_id', `The connector with the id '${id}' does not exist.`);
  sendEmpty(ctx.res, 204);
}

/** `POST /api/connectors/{factoryId}/test`: sends a test message through an Email or SMS factory with a given config. */
export async function testConnector(ctx: SandboxContext, params: Record<string, string>, store: LogtoConnectorStore): Promise<void> {
  const body = guardBody<LogtoTestConnectorWire>(await readGuardedJson(ctx.req), TEST_RULES);
  const subject = body.phone ?? body.email;
  if (!subject) throw requestError(400, 'guard.invalid_input', 'Give a phone number or an e-mail address to send the test message to.');
  const factoryId = params.factoryId ?? '';
  const expectType = body.phone ? 'Sms' : 'Email';
  const factory = store.factory(factoryId);
  if (!factory || factory.type === 'Social') {
    throw requestError(404, 'connector.not_found', `No Email or SMS connector factory has the id '${factoryId}'.`);
  }
  if (factory.type !== expectType) {
    throw requestError(400, 'connector.unexpected_type', `The factory '${factoryId}' is an ${factory.type} connector; it cannot send to this recipient.`);
  }
  const formItems = factory.formItems ?? [];
  checkConfig(body.config, formItems);
  const failing = failingItem(body.config, formItems);
  if (failing) {
    const errorDescription = `the provider rejected the message: '${failing.key}' was refused`;
    throw requestError(400, 'connector.general', `The connector failed: ${errorDescription}.`, { errorDescription });
  }
  sendEmpty(ctx.res, 204);
}
