/**
 * Authorization of an operation before it runs: every root field is tied to the source it reads or writes
 * (by its name, or for `node`/`connector`/`patchConnector`/`deleteConnector` by the source its `id` names), and
 * the caller's roles must allow that (queries: read; mutations: write). A refused operation is FORBIDDEN as a
 * whole, so nothing is sent to any source. `connectors` lists only the sources the caller may read (an explicit
 * `sources` naming another is refused). Internal module.
 */
import { getArgumentValues, Kind, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.js';
import { ForbiddenError, UnauthenticatedError } from '../errors/classes.js';
import { SOURCE_NAMES, type SourceName } from '../errors/codes.js';
import { decodeGlobalId } from '../graph/globalId.js';
import { NO_CREDENTIALS } from './authenticate.js';

/** How a root field finds its source: fixed, from its `id` argument, or from its `sources` argument (all when unset). */
type FieldSource = SourceName | 'id' | 'sources';

/** Every root field of the schema (a test checks none is missing). */
export const ROOT_FIELD_SOURCES: { query: Record<string, FieldSource>; mutation: Record<string, FieldSource> } = {
  query: {
    node: 'id',
    connector: 'id',
    connectors: 'sources',
    scriptConnector: 'SAILPOINT',
    scriptConnectors: 'SAILPOINT',
    loginConnectors: 'LOGTO',
    connectorFactories: 'LOGTO',
    app: 'CONDUCTORONE',
    appConnectors: 'CONDUCTORONE',
  },
  mutation: {
    patchConnector: 'id',
    deleteConnector: 'id',
    createScriptConnector: 'SAILPOINT',
    deleteScriptConnector: 'SAILPOINT',
    patchScriptConnector: 'SAILPOINT',
    uploadScriptConnectorFile: 'SAILPOINT',
    createLoginConnector: 'LOGTO',
    updateLoginConnector: 'LOGTO',
    deleteLoginConnector: 'LOGTO',
    testLoginConnector: 'LOGTO',
    createAppConnector: 'CONDUCTORONE',
    updateAppConnector: 'CONDUCTORONE',
    deleteAppConnector: 'CONDUCTORONE',
  },
};

/**
 * The sources an operation's root fields touch (introspection and `__typename` touch none), and whether it asks
 * for anything but those. An `id` that does not decode names no source: its resolver refuses it as
 * BAD_USER_INPUT before any call.
 */
export function sourcesOfOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): { sources: Set<SourceName>; data: boolean } {
  const rootType = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'query' ? schema.getQueryType() : undefined;
  const map = operation.operation === 'mutation' ? ROOT_FIELD_SOURCES.mutation : ROOT_FIELD_SOURCES.query;
  const sources = new Set<SourceName>();
  const seen = new Set<string>();
  let data = false;
  const walk = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        if (fragment && !seen.has(fragment.name.value)) {
          seen.add(fragment.name.value);
          walk(fragment.selectionSet);
        }
      } else {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        data = true;
        const how = Object.hasOwn(map, name) ? map[name] : undefined;
        const field = rootType?.getFields()[name];
        // Unknown fields fail validation; a root field missing from the map is a programming error: refuse it.
        if (how === undefined || field === undefined) throw new ForbiddenError(`No role allows \`${name}\`.`);
        if (how === 'id' || how === 'sources') {
          let args: Record<string, unknown>;
          try {
            args = getArgumentValues(field, selection, variables);
          } catch {
            continue; // bad variables: refused by execution, before any call
          }
          if (how === 'id') {
            const source = sourceOfId(args.id);
            if (source) sources.add(source);
          } else if (Array.isArray(args.sources)) {
            for (const s of args.sources as SourceName[]) sources.add(s);
          }
        } else sources.add(how);
      }
    }
  };
  walk(operation.selectionSet);
  return { sources, data };
}

function sourceOfId(id: unknown): SourceName | undefined {
  if (typeof id !== 'string') return undefined;
  try {
    return decodeGlobalId(id).source;
  } catch {
    return undefined;
  }
}

/** Refuses, before execution, an operation whose sources the caller's roles do not cover. */
export function authorizationPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      // Full access (no authentication configured, or an unscoped editor): nothing to check.
      if (contextValue.caller.permissions.write.size === SOURCE_NAMES.length) return;
      if (contextValue.caller.kind === 'nobody') {
        return {
          async didResolveOperation() {
            throw new UnauthenticatedError(NO_CREDENTIALS);
          },
        };
      }
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (!operation) return; // Apollo refuses a document without the named operation itself
          const { permissions } = contextValue.caller;
          const write = operation.operation === 'mutation';
          if (write && permissions.write.size === 0) throw new ForbiddenError('Mutations need the editor role.');
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
          const allowed = write ? permissions.write : permissions.read;
          const { sources, data } = sourcesOfOperation(schema, operation, fragments, request.variables ?? {});
          if (data && permissions.read.size === 0) throw new ForbiddenError('Your credentials carry no gateway role (viewer or editor).');
          for (const source of sources) {
            if (!allowed.has(source)) {
              throw new ForbiddenError(`Your roles do not allow ${write ? 'changing' : 'reading'} ${source} connectors (needs ${write ? 'editor' : 'viewer'} or ${write ? 'editor' : 'viewer'}@${source.toLowerCase()}).`);
            }
          }
        },
      };
    },
  };
}
