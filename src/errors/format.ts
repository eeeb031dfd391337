/**
 * Masks errors on their way to a client: GatewayErrors and GraphQL's own request errors (syntax, validation,
 * variable coercion) pass through; anything else becomes INTERNAL_SERVER_ERROR with a generic message, in every
 * environment. Follows envelop's use-masked-errors. Internal module.
 */
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { GatewayErrorCode } from './codes.js';

export const MASKED_MESSAGE = 'Unexpected error.';

/**
 * True when `error` is one the client may see as it is: a GraphQLError (ours, or GraphQL's and Apollo's own
 * request errors) that carries a code other than INTERNAL_SERVER_ERROR. Apollo gives every error without a code
 * INTERNAL_SERVER_ERROR, so plain Errors, and GraphQLErrors nobody classified, are masked.
 */
export function isSafeError(formatted: GraphQLFormattedError, error: unknown): boolean {
  if (!(unwrapResolverError(error) instanceof GraphQLError)) return false;
  const code = formatted.extensions?.code;
  return typeof code === 'string' && code !== GatewayErrorCode.INTERNAL_SERVER_ERROR;
}

/** Apollo Server's `formatError`: pass safe errors through, mask the rest. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (isSafeError(formatted, error)) {
    // Never let a stack trace out, whatever Apollo was configured with.
    if (formatted.extensions && 'stacktrace' in formatted.extensions) {
      const { stacktrace: _dropped, ...extensions } = formatted.extensions;
      return { ...formatted, extensions };
    }
    return formatted;
  }
  return {
    message: MASKED_MESSAGE,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: GatewayErrorCode.INTERNAL_SERVER_ERROR },
  };
}
