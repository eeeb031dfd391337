/**
 * The jit executor where graphql-jit falls short of graphql-js: errors Apollo can format (jit's lack `extensions`),
 * default values of variables left out (jit refused a non-null one), variables refused before execution (graphql-js's
 * errors name the variable), and an operation name the document lacks. Both engines must answer alike.
 */
import { describe, expect, it } from 'vitest';
import { getOperationAST, GraphQLError, Kind, parse, type ExecutionResult } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { createLocalGateway } from '../../src/server/executor.js';

const schema = makeExecutableSchema({
  typeDefs:
    'enum Color { RED BLUE } input Filter { color: Color = RED, n: Int! } type Query { echo(n: Int!, color: Color, filter: Filter): String! broken: String }',
  resolvers: {
    Query: {
      echo: (_root: unknown, args: { n: number; color?: string; filter?: { color: string; n: number } }) => JSON.stringify(args),
      broken: () => {
        throw new URIError('URI malformed');
      },
    },
  },
});

async function run(engine: 'jit' | 'graphql-js', query: string, variables?: Record<string, unknown>, operationName?: string): Promise<ExecutionResult> {
  const gateway = createLocalGateway(schema, { engine, cacheSize: 10 });
  const { executor } = await gateway.load({} as never);
  const document = parse(query);
  const operation = getOperationAST(document, operationName) ?? undefined;
  const rc = {
    request: { query, variables, operationName },
    document,
    operation,
    operationName: operation?.name?.value ?? null,
    queryHash: query,
    context: {},
  };
  return (await executor!(rc as never)) as ExecutionResult;
}

describe.each(['jit', 'graphql-js'] as const)('executor (%s)', (engine) => {
  it('applies default values of variables left out, non-null ones included', async () => {
    const result = await run(engine, 'query($n: Int! = 2, $c: Color! = BLUE, $f: Filter! = { n: 3 }) { echo(n: $n, color: $c, filter: $f) }');
    expect(result.errors).toBeUndefined();
    expect(JSON.parse(result.data!.echo as string)).toEqual({ n: 2, color: 'BLUE', filter: { color: 'RED', n: 3 } });
    const given = await run(engine, 'query($n: Int! = 2) { echo(n: $n) }', { n: 5 });
    expect(JSON.parse(given.data!.echo as string)).toEqual({ n: 5 });
  });

  it('refuses bad variables with graphql-js errors that name the variable definition (Apollo makes them BAD_USER_INPUT)', async () => {
    for (const variables of [{ n: 'x' }, {}, { n: null }, { n: 1.5 }]) {
      const result = await run(engine, 'query($n: Int!) { echo(n: $n) }', variables);
      expect(result.data).toBeUndefined();
      const error = result.errors![0]!;
      expect(error).toBeInstanceOf(GraphQLError);
      expect(error.nodes?.[0]?.kind).toBe(Kind.VARIABLE_DEFINITION);
      expect(error.message).toMatch(/^Variable "\$n" /);
    }
  });

  it('gives an error of a resolver a path, locations and extensions (Apollo formats it)', async () => {
    const result = await run(engine, '{ broken }');
    expect(result.data).toEqual({ broken: null });
    const error = result.errors![0]!;
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.extensions).toEqual({});
    expect(error.toJSON()).toEqual({ message: 'URI malformed', path: ['broken'], locations: [{ line: 1, column: 3 }] });
    expect(error.originalError).toBeInstanceOf(URIError);
  });

  it('says an operation name the document lacks is unknown, and runs nothing', async () => {
    const result = await run(engine, 'query A { echo(n: 1) }', undefined, 'B');
    expect(result.data).toBeUndefined();
    expect(result.errors![0]!.message).toBe('Unknown operation named "B".');
  });
});
