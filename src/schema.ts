/**
 * The executable schema: the shared SDL in schema/*.graphql and each source's own SDL (schema first), with the
 * graph's and every source's resolvers, merged by @graphql-tools/schema. The `@source` directive that marks each
 * root field's source stays on the fields' AST (the authorization reads it) but is not part of the served schema.
 * Internal module.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLSchema, type GraphQLScalarType, type GraphQLScalarTypeConfig } from 'graphql';
import { DateTimeResolver, JSONObjectResolver, JSONResolver } from 'graphql-scalars';
import GraphQLUpload from 'graphql-upload/GraphQLUpload.mjs';
import type { GatewayContext } from './context.js';
import { checkJsonInput } from './graph/jsonInput.js';
import { graphResolvers } from './graph/nodes.js';
import { publishMutations } from './live/publish.js';
import { liveResolvers } from './live/resolvers.js';
import { SOURCES } from './sources/index.js';
import type { ConnectorSource } from './sources/port.js';

/** The schema/ folder: found upwards from this file, so that both src/ (tsx) and dist/src/ (node) work. */
export function schemaDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'schema');
    if (existsSync(join(candidate, 'base.graphql'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('schema/base.graphql not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** The SDL files' contents: schema/*.graphql and the sources' files, base first, then by file name. */
function loadTypeDefs(sources: readonly ConnectorSource[] = SOURCES): string[] {
  const dir = schemaDir();
  const shared = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => join(dir, f));
  const files = [...shared, ...sources.flatMap((s) => s.typeDefs)];
  const name = (file: string) => basename(file);
  files.sort((a, b) => (name(a) === 'base.graphql' ? -1 : name(b) === 'base.graphql' ? 1 : name(a).localeCompare(name(b))));
  return files.map((f) => readFileSync(f, 'utf8'));
}

/**
 * A scalar's behaviour without its name and description: @graphql-tools copies a resolver scalar's description
 * over the SDL's, and the SDL's (written for this API) is what clients should read.
 */
function behaviourOf(
  scalar: GraphQLScalarType,
): Pick<GraphQLScalarTypeConfig<unknown, unknown>, 'serialize' | 'parseValue' | 'parseLiteral' | 'specifiedByURL'> {
  const { serialize, parseValue, parseLiteral, specifiedByURL } = scalar.toConfig();
  return { serialize, parseValue, parseLiteral, ...(specifiedByURL ? { specifiedByURL } : {}) };
}

/**
 * graphql-scalars' JSON scalar with its input bounded (`checkJsonInput`: depth, number of values, plain JSON), for
 * variables (parseValue) and literals (parseLiteral) alike; output (serialize) is unchanged.
 */
function boundedJson(scalar: GraphQLScalarType): ReturnType<typeof behaviourOf> {
  return {
    ...behaviourOf(scalar),
    parseValue: (value) => {
      checkJsonInput(value, scalar.name);
      return scalar.parseValue(value);
    },
    parseLiteral: (ast, variables) => {
      const value: unknown = scalar.parseLiteral(ast, variables);
      checkJsonInput(value, scalar.name);
      return value;
    },
  };
}

const scalarResolvers = {
  DateTime: behaviourOf(DateTimeResolver),
  JSON: boundedJson(JSONResolver),
  JSONObject: boundedJson(JSONObjectResolver),
  Upload: behaviourOf(GraphQLUpload),
};

/** Each connector type's `settings`, from its source's port. */
function settingsResolvers(
  source: ConnectorSource,
): Record<string, { settings: (connector: object, args: { locale?: string | null }, ctx: GatewayContext) => unknown }> {
  const connectorTypes = Object.entries(source.nodeTypes).filter(([, spec]) => spec.connector);
  const settings = (connector: object, args: { locale?: string | null }, ctx: GatewayContext) =>
    source.settings(connector, ctx, args.locale == null ? {} : { locale: args.locale });
  return Object.fromEntries(connectorTypes.map(([type]) => [type, { settings }]));
}

/** The name of the directive that ties a root field to its source (schema/base.graphql). */
const SOURCE_DIRECTIVE = 'source';

/**
 * How makeExecutableSchema merges the SDL files (it hands its other options to @graphql-tools/merge's mergeTypeDefs,
 * whose options its type does not list): the values of `extend enum ConnectorSource` in the order of the files, as
 * written (the default merge puts a later file's values first).
 */
const TYPE_DEFS_MERGE: { consistentEnumMerge: boolean } = { consistentEnumMerge: true };

/** The served schema of `sources` (the registry's by default). */
export function createSchema(sources: readonly ConnectorSource[] = SOURCES): GraphQLSchema {
  const schema = makeExecutableSchema({
    typeDefs: loadTypeDefs(sources),
    ...TYPE_DEFS_MERGE,
    resolvers: [scalarResolvers, graphResolvers, liveResolvers, ...sources.flatMap((s) => [s.resolvers, settingsResolvers(s)])] as never,
  });
  // `@source` is read from the fields' AST at start (auth/authorize.ts); clients see the schema without it.
  const config = schema.toConfig();
  const served = new GraphQLSchema({ ...config, directives: config.directives.filter((d) => d.name !== SOURCE_DIRECTIVE) });
  // Changes made through the gateway reach the subscriptions at once (live/publish.ts).
  publishMutations(served);
  return served;
}
