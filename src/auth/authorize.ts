/**
 * Authorization of an operation before it runs: every root field is tied to the source it reads or writes by its
 * `@source` directive in the SDL (a source's name, or for `node`/`connector`/`patchConnector`/`deleteConnector` the
 * source its `id` names, for `connectors` the sources its `sources` names), read once per schema, and the caller's
 * roles must allow that (queries: read; mutations: write). Arguments are read as execution will
 * read them (variables coerced, defaults applied), and a source that cannot be determined is a refusal, not a
 * skip. A refused operation is FORBIDDEN as a whole, so nothing is sent to any source. `connectors` lists only the
 * sources the caller may read (an explicit `sources` naming another is refused). The resolvers that decode an id
 * check the caller's roles for its source again before any call (assertCanRead, assertCanWrite). Internal module.
 */
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isListType,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type ConstDirectiveNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.js';
import { ForbiddenError, UnauthenticatedError } from '../errors/classes.js';
import type { SourceName } from '../errors/codes.js';
import type { SourceList } from '../sources/sourceList.js';
import { NO_CREDENTIALS } from './authenticate.js';
import { forbiddenFor } from './roles.js';

/**
 * How a root field finds its source: a fixed source, the source of the global id in its `ID` argument, the source
 * its `ConnectorSource!` argument names, or the sources its `[ConnectorSource!]` argument names (all the caller may
 * read when unset).
 */
type ArgumentKind = 'id' | 'ids' | 'source' | 'sources';
type FieldSource = { source: SourceName } | { argument: string; kind: ArgumentKind };

/**
 * The source rules of every root query, mutation and subscription field that has them (`@source`, one per argument
 * that names sources); a field without one is refused.
 */
export interface RootFieldSources {
  query: ReadonlyMap<string, readonly FieldSource[]>;
  mutation: ReadonlyMap<string, readonly FieldSource[]>;
  subscription: ReadonlyMap<string, readonly FieldSource[]>;
}

const ROOT_FIELD_SOURCES = new WeakMap<GraphQLSchema, RootFieldSources>();

/**
 * The `@source` rule of each root field of `schema`, read from the fields' SDL once per schema. A malformed
 * directive (neither or both of `name` and `argument`, an argument the field lacks or of another type) is a
 * programming error: it throws (the gateway reads it at start).
 */
export function rootFieldSources(schema: GraphQLSchema): RootFieldSources {
  let table = ROOT_FIELD_SOURCES.get(schema);
  if (table === undefined) {
    table = {
      query: fieldSourcesOf(schema.getQueryType()),
      mutation: fieldSourcesOf(schema.getMutationType()),
      subscription: fieldSourcesOf(schema.getSubscriptionType()),
    };
    ROOT_FIELD_SOURCES.set(schema, table);
  }
  return table;
}

/** What an argument of this type names: a global id or a list of them, one source, or a list of sources (by the type's name and shape). */
function argumentKind(arg: GraphQLArgument): ArgumentKind | undefined {
  const nullable = getNullableType(arg.type);
  const name = getNamedType(arg.type).name;
  if (isListType(nullable)) return name === 'ConnectorSource' ? 'sources' : name === 'ID' ? 'ids' : undefined;
  if (name === 'ID') return 'id';
  if (name === 'ConnectorSource') return 'source';
  return undefined;
}

function fieldSourcesOf(type: GraphQLObjectType | null | undefined): Map<string, FieldSource[]> {
  const table = new Map<string, FieldSource[]>();
  if (!type) return table;
  for (const field of Object.values(type.getFields())) {
    for (const directive of field.astNode?.directives?.filter((d) => d.name.value === 'source') ?? []) {
      const rule = fieldSourceOf(type, field, directive);
      const rules = table.get(field.name);
      if (rules === undefined) table.set(field.name, [rule]);
      else if (rules.some((r) => 'source' in r) || 'source' in rule) throw new Error(`@source on ${type.name}.${field.name}: a source name goes alone`);
      else rules.push(rule);
    }
  }
  return table;
}

/** One `@source` directive of a root field, checked. */
function fieldSourceOf(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, directive: ConstDirectiveNode): FieldSource {
  const at = `@source on ${type.name}.${field.name}`;
  const args = new Map((directive.arguments ?? []).map((a) => [a.name.value, a.value]));
  const name = args.get('name');
  const argument = args.get('argument');
  const oneOf = () => new Error(`${at}: give exactly one of name and argument`);
  if (name !== undefined) {
    if (argument !== undefined) throw oneOf();
    if (name.kind !== Kind.ENUM) throw new Error(`${at}: name must be a ConnectorSource value`);
    return { source: name.value };
  }
  if (argument === undefined) throw oneOf();
  if (argument.kind !== Kind.STRING) throw new Error(`${at}: argument must be a string`);
  const arg = field.args.find((a) => a.name === argument.value);
  const kind = arg ? argumentKind(arg) : undefined;
  if (!kind) throw new Error(`${at}: argument "${argument.value}" must be an ID, an [ID!], a ConnectorSource! or a [ConnectorSource!] argument of the field`);
  return { argument: argument.value, kind };
}

/**
 * The sources an operation's root fields touch (introspection and `__typename` touch none), and whether it asks
 * for anything but those. Arguments are read as execution reads them: the operation's variables coerced with its
 * variable definitions (defaults applied, missing ones absent), then each field's arguments from those. When a
 * field's source depends on an argument that cannot be read (invalid variables, an `id` that is not a global id, a
 * `sources` that is not a list of sources), `undetermined` says so (the first such field): the caller's roles
 * cannot be checked, so the operation is refused unless they cover every source. Fields that `@skip`/`@include`
 * leave out count too (a refusal errs on the safe side). `connectors` without `sources` adds no source: it lists
 * only the sources the caller may read.
 */
export function sourcesOfOperation(
  schema: GraphQLSchema,
  sourceList: SourceList,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Readonly<Record<string, unknown>> | undefined,
): { sources: Set<SourceName>; data: boolean; undetermined: string | undefined } {
  const rootType = schema.getRootType(operation.operation);
  const table = rootFieldSources(schema);
  const map =
    operation.operation === OperationTypeNode.MUTATION
      ? table.mutation
      : operation.operation === OperationTypeNode.SUBSCRIPTION
        ? table.subscription
        : table.query;
  const sources = new Set<SourceName>();
  const seen = new Set<string>();
  let data = false;
  let undetermined: string | undefined;
  // Coerced once, and only when a field's source depends on its arguments.
  let coerced: ReturnType<typeof getVariableValues> | undefined;
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
        const how = map.get(name);
        const field = rootType?.getFields()[name];
        // Unknown fields fail validation; a root field without `@source` is a programming error: refuse it.
        if (how === undefined || field === undefined) throw new ForbiddenError(`No role allows \`${name}\`.`);
        for (const rule of how) {
          if ('source' in rule) {
            sources.add(rule.source);
            continue;
          }
          const reason = addSourcesOfArguments(field, selection, rule);
          if (reason !== undefined) undetermined ??= `The source of \`${name}\` could not be determined: ${reason}.`;
        }
      }
    }
  };
  /** Adds the sources that a field's id or sources argument names; else says why it cannot (a clause). */
  const addSourcesOfArguments = (field: GraphQLField<unknown, unknown>, node: FieldNode, how: { argument: string; kind: ArgumentKind }): string | undefined => {
    coerced ??= getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 20 });
    if (coerced.errors) return invalidVariables(coerced.errors);
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(field, node, coerced.coerced);
    } catch {
      return `argument \`${how.argument}\` is missing or invalid`;
    }
    const value = args[how.argument];
    if (how.kind === 'id') {
      const source = sourceOfId(sourceList, value);
      if (source === undefined) return `argument \`${how.argument}\` is not a valid global id`;
      sources.add(source);
    } else if (how.kind === 'ids') {
      if (value == null) return undefined;
      if (!Array.isArray(value)) return `argument \`${how.argument}\` is not a list of global ids`;
      for (const id of value) {
        const source = sourceOfId(sourceList, id);
        if (source === undefined) return `argument \`${how.argument}\` holds an id that is not a valid global id`;
        sources.add(source);
      }
    } else if (how.kind === 'source') {
      if (typeof value !== 'string' || !sourceList.has(value)) return `argument \`${how.argument}\` is not a source`;
      sources.add(value);
    } else if (value != null) {
      if (!Array.isArray(value) || !value.every((v) => sourceList.has(v))) return `argument \`${how.argument}\` is not a list of sources`;
      for (const s of value) sources.add(s);
    }
    return undefined;
  };
  walk(operation.selectionSet);
  return { sources, data, undetermined };
}

/** Which variables failed coercion, named as the operation declares them. */
function invalidVariables(errors: readonly GraphQLError[]): string {
  const names = new Set<string>();
  for (const error of errors) {
    for (const node of error.nodes ?? []) if (node.kind === Kind.VARIABLE_DEFINITION) names.add(`\`$${node.variable.name.value}\``);
  }
  if (names.size === 0) return 'the variables are invalid';
  return `${names.size === 1 ? 'variable' : 'variables'} ${[...names].join(', ')} ${names.size === 1 ? 'is' : 'are'} missing or invalid`;
}

function sourceOfId(sourceList: SourceList, id: unknown): SourceName | undefined {
  if (typeof id !== 'string') return undefined;
  try {
    return sourceList.decodeGlobalId(id).source;
  } catch {
    return undefined;
  }
}

/** Refuses (FORBIDDEN) an operation that touches a source the caller's roles do not cover. */
function assertOperationAllowed(
  { caller }: GatewayContext,
  sourceList: SourceList,
  operation: OperationDefinitionNode,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  schema: GraphQLSchema,
): void {
  const { permissions } = caller;
  const write = operation.operation === OperationTypeNode.MUTATION;
  if (write && permissions.write.size === 0) throw new ForbiddenError('Mutations need the editor role.');
  const allowed = write ? permissions.write : permissions.read;
  // Every source allowed (an unscoped viewer's query): whatever the arguments, nothing to refuse.
  if (allowed.size === sourceList.names.length) return;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const { sources, data, undetermined } = sourcesOfOperation(schema, sourceList, operation, fragments, variables);
  if (data && permissions.read.size === 0) throw new ForbiddenError('Your credentials carry no gateway role (viewer or editor).');
  if (undetermined !== undefined) throw new ForbiddenError(undetermined);
  for (const source of sources) if (!allowed.has(source)) throw forbiddenFor(write, source);
}

/**
 * The same checks outside Apollo's pipeline (subscriptions over SSE, src/server/sse.ts): UNAUTHENTICATED for the
 * landing page's caller, FORBIDDEN for a source the caller's roles do not cover; nothing to check for full access.
 */
export function authorizeOperation(
  contextValue: GatewayContext,
  operation: OperationDefinitionNode,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  schema: GraphQLSchema,
): void {
  const sourceList = contextValue.services.sources;
  if (contextValue.caller.permissions.write.size === sourceList.names.length) return;
  if (contextValue.caller.kind === 'nobody') throw new UnauthenticatedError(NO_CREDENTIALS);
  assertOperationAllowed(contextValue, sourceList, operation, document, variables, schema);
}

/**
 * Refuses, before execution, an operation whose sources the caller's roles do not cover. The resolvers that find
 * their source in an id check it again (assertCanRead, assertCanWrite).
 */
export function authorizationPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart({ contextValue }) {
      // Full access (no authentication configured, or an unscoped editor): nothing to check.
      const sourceList = contextValue.services.sources;
      if (contextValue.caller.permissions.write.size === sourceList.names.length) return Promise.resolve();
      if (contextValue.caller.kind === 'nobody') {
        return Promise.resolve({ didResolveOperation: () => Promise.reject(new UnauthenticatedError(NO_CREDENTIALS)) });
      }
      return Promise.resolve({
        didResolveOperation: ({ operation, document, request, schema }) =>
          // A refusal rejects the hook. Apollo refuses a document without the named operation itself.
          new Promise<void>((resolve) => {
            if (operation) assertOperationAllowed(contextValue, sourceList, operation, document, request.variables, schema);
            resolve();
          }),
      });
    },
  };
}
