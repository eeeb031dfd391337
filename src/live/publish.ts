/**
 * Publishes the changes made through this gateway, generically: every Mutation field's resolver is wrapped, and
 * what it returned is read through the port. A Connector (or an object holding one at its top level, such as
 * `UpdateConnectorSettingsResult.connector`) is published as CREATED (a `create…` field) or UPDATED; the global id
 * of a connector returned by a `delete…` field as DELETED. Where a result holds a connector is read from the field's
 * type in the schema (not guessed from the object). A mutation that returns neither (e.g. a file upload)
 * makes the watched connectors of its source poll now. New mutations (any source) are covered without edits.
 * Every source a mutation called (or its field names), succeeded or failed, is also told to the change feed
 * (changes.ts) before the mutation answers: the response cache drops what it held of them.
 * Internal module.
 */
import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import type { GatewayContext } from '../context.js';
import { rootFieldSources } from '../auth/authorize.js';
import { encodeGlobalId } from '../graph/globalId.js';
import type { ChangeKind, LiveHub } from './hub.js';

const CONNECTOR = 'Connector';

/** Whether `type` is `Connector` or one of its object types. */
function isConnectorType(type: GraphQLNamedType): boolean {
  return (isInterfaceType(type) && type.name === CONNECTOR) || (isObjectType(type) && type.getInterfaces().some((i) => i.name === CONNECTOR));
}

/**
 * Where a Mutation field's result holds a connector, by its type: itself (`[]`), or fields of it (their names);
 * undefined: nowhere.
 */
function connectorPlaces(type: GraphQLOutputType): string[] | undefined {
  const named = getNamedType(type);
  if (isListType(getNullableType(type))) return undefined;
  if (isConnectorType(named)) return [];
  if (!isObjectType(named)) return undefined;
  const fields = Object.values(named.getFields()).filter((f) => !isListType(getNullableType(f.type)) && isConnectorType(getNamedType(f.type)));
  return fields.length > 0 ? fields.map((f) => f.name) : undefined;
}

/** Wraps `schema`'s Mutation resolvers in place (at start, once). */
export function publishMutations(schema: GraphQLSchema): void {
  const mutation = schema.getMutationType();
  if (!mutation) return;
  const rules = rootFieldSources(schema).mutation;
  for (const field of Object.values(mutation.getFields())) {
    const resolve: GraphQLFieldResolver<unknown, GatewayContext> = field.resolve ?? defaultFieldResolver;
    const fixed = rules.get(field.name)?.flatMap((r) => ('source' in r ? [r.source] : [])) ?? [];
    const places = connectorPlaces(field.type);
    const deletes = field.name.startsWith('delete') && getNamedType(field.type).name === 'ID';
    const kind: ChangeKind = deletes ? 'DELETED' : field.name.startsWith('create') ? 'CREATED' : 'UPDATED';
    field.resolve = async (root, args, ctx: GatewayContext, info) => {
      let result: unknown;
      try {
        result = await resolve(root, args, ctx, info);
      } catch (error) {
        // It may have half-applied: its sources changed, somewhere.
        await announce(ctx, fixed, 'TOUCHED');
        throw error;
      }
      await announce(ctx, fixed, kind);
      const live = ctx.services.live;
      if (live !== undefined && live.size.subscriptions > 0) {
        const done = deletes ? publishDeleted(live, ctx, result) : places !== undefined && publishConnectors(live, ctx, info, result, places, kind);
        if (!done) for (const source of fixed) live.touched(source);
      }
      return result;
    };
  }
}

/** Tells the change feed of every source the request called so far, and those the field names. */
async function announce(ctx: GatewayContext, fixed: readonly string[], kind: ChangeKind | 'TOUCHED'): Promise<void> {
  const changes = ctx.services.changes;
  if (changes === undefined) return;
  const at = new Date().toISOString();
  await Promise.all([...new Set([...ctx.sourcesRead, ...fixed])].map((source) => changes.changed({ kind, id: null, source, at })));
}

/** Publishes the deletion of the connector whose global id a `delete…` field returned; false when it is none. */
function publishDeleted(live: LiveHub, ctx: GatewayContext, result: unknown): boolean {
  if (typeof result !== 'string') return false;
  const sources = ctx.services.sources;
  let global;
  try {
    global = sources.decodeGlobalId(result);
  } catch {
    return false;
  }
  if (!sources.isConnector(global.type)) return false;
  const id = encodeGlobalId(global.type, ...global.key);
  live.publish({ kind: 'DELETED', id, source: global.source, connector: null, at: new Date().toISOString() });
  return true;
}

/** Publishes the connectors at `places` of a result; false when there is none (e.g. a dry run's null). */
function publishConnectors(live: LiveHub, ctx: GatewayContext, info: GraphQLResolveInfo, result: unknown, places: string[], kind: ChangeKind): boolean {
  if (typeof result !== 'object' || result === null) return false;
  const sources = ctx.services.sources;
  const found: unknown[] = places.length === 0 ? [result] : places.map((p) => (result as Record<string, unknown>)[p]);
  let any = false;
  for (const connector of found) {
    if (typeof connector !== 'object' || connector === null) continue;
    const type = sources.typeOf(connector);
    const objectType = info.schema.getType(type);
    const idField = isObjectType(objectType) ? objectType.getFields().id : undefined;
    const id: unknown = idField?.resolve ? idField.resolve(connector, {}, ctx, info) : undefined;
    const source = sources.nodeTypes[type]?.source;
    if (typeof id !== 'string' || source === undefined) continue;
    live.publish({ kind, id, source, connector, at: new Date().toISOString() });
    any = true;
  }
  return any;
}
