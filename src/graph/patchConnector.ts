/**
 * `patchConnector` and `deleteConnector`: one JSON Patch and one delete for a connector of any source. SailPoint
 * takes the patch natively. For Logto and ConductorOne the gateway applies it to the connector's representation
 * (secrets read as null), checks the result, and sends the source's own update with only what changed. All or
 * nothing: a refused patch sends nothing. Each connector's read-apply-write holds its write lock, and reads the
 * connector afresh inside it, so that a `test` guards against the patches before it (in this process). The patched
 * document must fit `config.patch` (see jsonPatch.ts). Internal module.
 */
import { isDeepStrictEqual } from 'node:util';
import type { GatewayContext } from '../context.js';
import { assertCanWrite } from '../auth/roles.js';
import { BadUserInputError } from '../errors/classes.js';
import { decodeGlobalId } from './globalId.js';
import { applyJsonPatch, checkPatchValues, type JsonPatchOperation } from './jsonPatch.js';
import { connectorLockKey } from './writeLocks.js';
import { looksSecret, maskSecrets } from './settings.js';
import { keepSecrets } from './merge.js';
import { parsePointer } from '../sources/sailpoint/inputs.js';
import { deleteScript, patchScript } from '../sources/sailpoint/resolvers.js';
import { checkConfig } from '../sources/logto/inputs.js';
import { logtoSecretTest } from '../sources/logto/mappers.js';
import { deleteLogin, rememberLogin } from '../sources/logto/resolvers.js';
import type { LogtoConnectorWire, LogtoUpdateConnectorWire } from '../sources/logto/types.js';
import { connectorConfig, TYPE_KEY } from '../sources/conductorone/mappers.js';
import { deleteApp, rememberApp } from '../sources/conductorone/resolvers.js';
import type { C1Connector } from '../sources/conductorone/client.js';
import type { C1AnyWire, C1ConnectorWire } from '../sources/conductorone/types.js';

type Json = Record<string, unknown>;

/** Refuses any operation whose path (or from) is not at or below one of `fields`. */
function checkPaths(operations: readonly JsonPatchOperation[], fields: readonly string[]): void {
  operations.forEach((op, i) => {
    for (const [name, pointer] of [['path', op.path], ['from', op.from]] as const) {
      if (pointer == null) continue;
      const tokens = parsePointer(pointer);
      if (!tokens || tokens.length === 0 || !fields.includes(tokens[0]!)) {
        throw new BadUserInputError(`operations[${i}].${name} "${pointer.slice(0, 200)}" is not patchable; the patchable fields are ${fields.map((f) => `/${f}`).join(', ')}.`, {
          argumentName: `operations[${i}].${name}`,
        });
      }
    }
  });
}

function requireType(ok: boolean, field: string, what: string): void {
  if (!ok) throw new BadUserInputError(`After the patch, ${field} must be ${what}.`, { argumentName: 'operations' });
}

const isStringList = (v: unknown) => v === null || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const LOGTO_FIELDS = ['syncProfile', 'metadata', 'config'] as const;

async function patchLogin(ctx: GatewayContext, id: string, operations: readonly JsonPatchOperation[]): Promise<LogtoConnectorWire> {
  checkPaths(operations, LOGTO_FIELDS);
  checkPatchValues(operations, ctx.services.config.patch);
  return ctx.services.writeLocks.run(connectorLockKey('LOGTO', id), () => patchLoginLocked(ctx, id, operations));
}

async function patchLoginLocked(ctx: GatewayContext, id: string, operations: readonly JsonPatchOperation[]): Promise<LogtoConnectorWire> {
  // The connector as it is now: not what this request read before the lock (a patch ahead of this one may have changed it).
  const current = await ctx.loaders.logto.connectorById.clear(id).load(id);
  const isSecret = logtoSecretTest(current.formItems);
  // Secrets read as null at any depth (as settings show them): a `test` cannot be used to guess one.
  const masked = maskSecrets(current.config ?? {}, isSecret);
  const before = { syncProfile: current.syncProfile === true, metadata: current.metadata ?? {}, config: masked };
  const after = applyJsonPatch(before, operations, ctx.services.config.patch);
  const body: LogtoUpdateConnectorWire = {};
  if (after.syncProfile !== before.syncProfile) {
    requireType(typeof after.syncProfile === 'boolean', 'syncProfile', 'true or false');
    body.syncProfile = after.syncProfile;
  }
  if (!isDeepStrictEqual(after.metadata, before.metadata)) {
    requireType(isObject(after.metadata), 'metadata', 'an object');
    body.metadata = after.metadata;
  }
  if (!isDeepStrictEqual(after.config, before.config)) {
    requireType(isObject(after.config), 'config', 'an object');
    const config = keepSecrets(after.config, current.config, isSecret) as Json;
    checkConfig(current.formItems, config, 'operations');
    body.config = config;
  }
  if (Object.keys(body).length === 0) return current; // nothing changed: nothing to send
  return rememberLogin(ctx, await ctx.services.logto.updateConnector(id, body, ctx.requestId));
}

const C1_FIELDS = ['displayName', 'description', 'config', 'profileAllowList', 'profileIgnoreList', 'disableCheckBadSync', 'userIds'] as const;

async function patchApp(ctx: GatewayContext, appId: string, id: string, operations: readonly JsonPatchOperation[]): Promise<C1Connector> {
  checkPaths(operations, C1_FIELDS);
  checkPatchValues(operations, ctx.services.config.patch);
  return ctx.services.writeLocks.run(connectorLockKey('CONDUCTORONE', appId, id), () => patchAppLocked(ctx, appId, id, operations));
}

async function patchAppLocked(ctx: GatewayContext, appId: string, id: string, operations: readonly JsonPatchOperation[]): Promise<C1Connector> {
  // The connector as it is now (see patchLoginLocked).
  const key = { appId, id };
  const current = await ctx.loaders.conductorone.connectorByKey.clear(key).load(key);
  const stored = current.config ?? null;
  const before: Json = {
    displayName: current.displayName ?? '',
    description: current.description ?? '',
    config: connectorConfig(stored),
    profileAllowList: current.profileAllowList ?? null,
    profileIgnoreList: current.profileIgnoreList ?? null,
    disableCheckBadSync: current.disableCheckBadSync ?? false,
    userIds: current.userIds ?? null,
  };
  const after = applyJsonPatch(before, operations, ctx.services.config.patch);
  const changes: C1ConnectorWire = {};
  const mask: string[] = [];
  for (const field of C1_FIELDS) {
    if (isDeepStrictEqual(after[field], before[field])) continue;
    const value = after[field];
    switch (field) {
      case 'displayName':
      case 'description':
        requireType(typeof value === 'string', field, 'a string');
        break;
      case 'disableCheckBadSync':
        requireType(typeof value === 'boolean', field, 'true or false');
        break;
      case 'config': {
        requireType(isObject(value) && typeof value.typeUrl === 'string' && value.typeUrl !== '' && isObject(value.value), 'config', '{ typeUrl, value }');
        const { typeUrl, value: values } = value as { typeUrl: string; value: Json };
        changes.config = { ...(keepSecrets(values, stored, looksSecret) as Json), [TYPE_KEY]: typeUrl } as C1AnyWire;
        mask.push('config');
        continue;
      }
      default:
        requireType(isStringList(value), field, 'a list of strings');
    }
    (changes as Json)[field] = value;
    mask.push(field);
  }
  if (mask.length === 0) return current;
  return rememberApp(ctx, await ctx.services.conductorone.updateConnector(appId, id, changes, mask, ctx.requestId));
}

function notAConnector(): never {
  throw new BadUserInputError('This id names an App, not a connector.', { argumentName: 'id' });
}

/** `Mutation.patchConnector`: refused unless the caller may change the id's source. */
export async function patchConnector(ctx: GatewayContext, globalId: string, operations: readonly JsonPatchOperation[]): Promise<object> {
  const id = decodeGlobalId(globalId);
  assertCanWrite(ctx.caller.permissions, id.source);
  switch (id.type) {
    case 'ScriptConnector':
      return patchScript(ctx, id.key[0]!, operations);
    case 'LoginConnector':
      return patchLogin(ctx, id.key[0]!, operations);
    case 'AppConnector':
      return patchApp(ctx, id.key[0]!, id.key[1]!, operations);
    case 'App':
      return notAConnector();
  }
}

/** `Mutation.deleteConnector`: returns the deleted connector's global id; refused unless the caller may change its source. */
export async function deleteConnector(ctx: GatewayContext, globalId: string): Promise<string> {
  const id = decodeGlobalId(globalId);
  assertCanWrite(ctx.caller.permissions, id.source);
  switch (id.type) {
    case 'ScriptConnector':
      return deleteScript(ctx, id.key[0]!);
    case 'LoginConnector':
      return deleteLogin(ctx, id.key[0]!);
    case 'AppConnector':
      return deleteApp(ctx, id.key[0]!, id.key[1]!);
    case 'App':
      return notAConnector();
  }
}
