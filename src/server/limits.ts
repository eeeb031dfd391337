/**
 * Query limits, checked before anything runs: depth, aliases and directives by graphql-armor (its validation
 * rules run once per document, cached with it), tokens by graphql-js's parser itself (`maxTokens`, so a
 * document is parsed once), and an
 * estimated cost by graphql-query-complexity, which sees variables and argument defaults: every field costs 1 and
 * a field with a `first` argument costs its selection times `first` (so `first: $n` counts too, which a rule on the
 * document alone cannot see). Variables whose strings are not well-formed Unicode are refused first (the parser
 * refuses lone surrogates in the document itself). Internal module.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation, GraphQLRequestListener } from '@apollo/server';
import { GraphQLError, type DocumentNode, type ValidationRule } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { LimitsConfig } from '../config/types.js';
import type { GatewayContext } from '../context.js';
import { BadUserInputError } from '../errors/classes.js';
import { GatewayErrorCode } from '../errors/codes.js';
import { isWellFormed } from '../graph/ids.js';

/** 1 per field; a field with `first` multiplies its selection's cost by it. */
const pageEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args.first === 'number' && args.first > 0 ? args.first : 1;
  return 1 + first * childComplexity;
};

/** What an operation check reads of a request (Apollo's request context has it; so does the SSE handler's). */
export type OperationCheck = (
  context: Pick<GraphQLRequestContextDidResolveOperation<GatewayContext>, 'document' | 'schema' | 'operationName'> & {
    request: { variables?: Readonly<Record<string, unknown>> | undefined };
    operation?: GraphQLRequestContextDidResolveOperation<GatewayContext>['operation'];
  },
) => void;

/** Runs a check as an Apollo plugin: a refusal rejects the hook. One listener for every request. */
function checkPlugin(check: OperationCheck): ApolloServerPlugin<GatewayContext> {
  const listener: GraphQLRequestListener<GatewayContext> = {
    didResolveOperation: (context) =>
      new Promise<void>((resolve) => {
        check(context);
        resolve();
      }),
  };
  return { requestDidStart: () => Promise.resolve(listener) };
}

/** Refuses operations whose estimated cost exceeds `maxCost`; costs of operations without variables are kept per document. */
function costLimit(maxCost: number): OperationCheck {
  const known = new WeakMap<DocumentNode, Map<string, number>>();
  return ({ request, document, schema, operation, operationName }): void => {
    // No such operation in the document: execution answers that (a 400), there is nothing to estimate.
    if (!operation) return;
    const variables = request.variables;
    const plain = !variables || Object.keys(variables).length === 0;
    const key = operationName ?? '';
    let cost = plain ? known.get(document)?.get(key) : undefined;
    if (cost === undefined) {
      cost = estimate(() =>
        getComplexity({
          estimators: [pageEstimator],
          schema,
          query: document,
          variables: variables ?? {},
          ...(operationName ? { operationName } : {}),
        }),
      );
      if (plain) {
        let byName = known.get(document);
        if (!byName) known.set(document, (byName = new Map<string, number>()));
        byName.set(key, cost);
      }
    }
    if (cost > maxCost) {
      throw new BadUserInputError(
        `The query is too expensive: its estimated cost is ${cost}, the limit ${maxCost}. Ask for smaller pages (first) or fewer fields.`,
        {
          cost,
          maxCost,
          http: { status: 400 },
        },
      );
    }
  };
}

/**
 * Runs the estimate; the estimator coerces the variables first, so variables of the wrong type (or a value one of
 * the scalars refuses) fail here: BAD_USER_INPUT with graphql-js's message naming the variable, HTTP 400, as
 * execution would answer.
 */
function estimate(run: () => number): number {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    throw new GraphQLError(error.message, {
      nodes: error.nodes,
      originalError: error.originalError ?? error,
      extensions: { ...error.extensions, code: GatewayErrorCode.BAD_USER_INPUT, http: { status: 400 } },
    });
  }
}

/**
 * Refuses variables that hold a string (or an object key) that is not well-formed Unicode: a lone surrogate has
 * no UTF-8 form, cannot be percent-encoded into a URL and means nothing to any source. BAD_USER_INPUT naming the
 * variable, HTTP 400. Walks without recursion (a variable may be nested deeper than the stack).
 */
function wellFormedVariables(): OperationCheck {
  return ({ request: { variables } }): void => {
    if (!variables) return;
    for (const name of Object.keys(variables)) {
      if (!isWellFormed(name) || !wellFormedValue(variables[name])) {
        throw new BadUserInputError(`Variable "$${isWellFormed(name) ? name : '?'}" holds a string that is not well-formed Unicode (a lone surrogate).`, {
          ...(isWellFormed(name) ? { variableName: name } : {}),
          http: { status: 400 },
        });
      }
    }
  };
}

/** Whether every string and key in `value` is well-formed Unicode. */
function wellFormedValue(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (!isWellFormed(v)) return false;
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (typeof v === 'object' && v !== null) {
      for (const [key, item] of Object.entries(v)) {
        if (!isWellFormed(key)) return false;
        stack.push(item);
      }
    }
  }
  return true;
}

/**
 * What ApolloServer gets: graphql-armor's plugins and validation rules, the operation checks as plugins and the
 * parser's token limit; `checks` are those checks for the SSE handler (subscriptions), in the same order.
 */
export function createLimits(limits: LimitsConfig): {
  plugins: ApolloServerPlugin<GatewayContext>[];
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
  checks: OperationCheck[];
} {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    // Armor's token plugin parses every new document a second time and answers 500; graphql's parser has the limit.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    // The cost is estimated with variables (below); armor's own rule sees only literal `first` values.
    costLimit: { enabled: false },
    // Apollo Server hides them itself in production (`hideSchemaDetailsFromClientErrors`), before any plugin.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const checks = [wellFormedVariables(), costLimit(limits.maxCost)];
  return {
    plugins: [...(armor.plugins as ApolloServerPlugin<GatewayContext>[]), ...checks.map(checkPlugin)],
    checks,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}
