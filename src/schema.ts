/**
 * The executable schema: the SDL in schema/*.graphql (schema first) with every source's resolvers, merged by
 * @graphql-tools/schema. Internal module.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLScalarType, GraphQLScalarTypeConfig, GraphQLSchema } from 'graphql';
import { DateTimeResolver, JSONObjectResolver, JSONResolver } from 'graphql-scalars';
import GraphQLUpload from 'graphql-upload/GraphQLUpload.mjs';
import { checkJsonInput } from './graph/jsonInput.js';
import { graphResolvers } from './graph/nodes.js';
import { sailpointResolvers } from './sources/sailpoint/resolvers.js';
import { logtoResolvers } from './sources/logto/resolvers.js';
import { conductoroneResolvers } from './sources/conductorone/resolvers.js';

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

/** The SDL files' contents, base first. */
export function loadTypeDefs(): string[] {
  const dir = schemaDir();
  const files = readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort((a, b) => (a === 'base.graphql' ? -1 : b === 'base.graphql' ? 1 : a.localeCompare(b)));
  return files.map((f) => readFileSync(join(dir, f), 'utf8'));
}

/**
 * A scalar's behaviour without its name and description: @graphql-tools copies a resolver scalar's description
 * over the SDL's, and the SDL's (written for this API) is what clients should read.
 */
function behaviourOf(scalar: GraphQLScalarType): Pick<GraphQLScalarTypeConfig<unknown, unknown>, 'serialize' | 'parseValue' | 'parseLiteral' | 'specifiedByURL'> {
  const { serialize, parseValue, parseLiteral, specifiedByURL } = scalar.toConfig();
  return { serialize, parseValue, parseLiteral, ...(specifiedByURL ? { specifiedByURL } : {}) };
}

/**
 * graphql-scalars' JSON scalar with its input bounded (`checkJsonInput`: depth, number of values, plain JSON), for
 * variables (parseValue) and literals (parseLiteral) alike; output (serialize) is unchanged.
 */
function boundedJson(scalar: GraphQLScalarType): ReturnType<typeof behaviourOf> {
  const behaviour = behaviourOf(scalar);
  const { parseValue, parseLiteral } = behaviour;
  return {
    ...behaviour,
    parseValue: (value) => {
      checkJsonInput(value, scalar.name);
      return parseValue!(value);
    },
    parseLiteral: (ast, variables) => {
      const value = parseLiteral!(ast, variables);
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

export function createSchema(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: [scalarResolvers, graphResolvers, sailpointResolvers, logtoResolvers, conductoroneResolvers] as never,
  });
}
