/**
 * Masks errors on their way to a client: GatewayErrors and GraphQL's own request errors (syntax, validation,
 * variable coercion) pass through; Apollo Server's refusals of a malformed request that it gives no code become
 * BAD_REQUEST; anything else becomes INTERNAL_SERVER_ERROR with a generic message, in every environment. Follows
 * envelop's use-masked-errors. Internal module.
 */
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { GatewayErrorCode } from './codes.js';

export const MASKED_MESSAGE = 'Unexpected error.';

/** INTERNAL_SERVER_ERROR as an error's `extensions.code` holds it. */
const INTERNAL_CODE: string = GatewayErrorCode.INTERNAL_SERVER_ERROR;

/**
 * True when `error` is one the client may see as it is: a GraphQLError (ours, or GraphQL's and Apollo's own
 * request errors) that carries a code other than INTERNAL_SERVER_ERROR. Apollo gives every error without a code
 * INTERNAL_SERVER_ERROR, so plain Errors, and GraphQLErrors nobody classified, are masked.
 */
function isSafeError(formatted: GraphQLFormattedError, error: unknown): boolean {
  if (!(unwrapResolverError(error) instanceof GraphQLError)) return false;
  const code = formatted.extensions?.code;
  return typeof code === 'string' && code !== INTERNAL_CODE;
}

/**
 * Apollo Server's own refusal of the request as a whole (no path) that it answers with a 4xx status but gives no
 * code: a persisted query whose `sha256Hash` does not match its query, a `persistedQuery` extension of another
 * version than 1 or not an object. The caller's error, not the gateway's: BAD_REQUEST with Apollo's message.
 */
function requestRefusal(error: unknown): GraphQLFormattedError | undefined {
  if (!(error instanceof GraphQLError) || error.path !== undefined || error.extensions.code !== undefined) return undefined;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  return { message: asSentence(error.message), extensions: { code: ApolloServerErrorCode.BAD_REQUEST } };
}

/** `provided sha does not match query` → `Provided sha does not match query.` */
function asSentence(text: string): string {
  let sentence = text.trim();
  while (sentence.endsWith('.')) sentence = sentence.slice(0, -1);
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

/** Apollo Server's `formatError`: pass safe errors through, give Apollo's refusals without a code one, mask the rest. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const refusal = requestRefusal(error);
  if (refusal) return refusal;
  if (isSafeError(formatted, error)) {
    // Never let a stack trace out, whatever Apollo was configured with.
    if (formatted.extensions && 'stacktrace' in formatted.extensions) {
      const extensions = { ...formatted.extensions };
      delete extensions.stacktrace;
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
