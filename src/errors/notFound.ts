/**
 * NOT_FOUND as a value: what resolvers use where a missing object reads as null rather than as an error.
 * Internal module.
 */
import { GatewayError } from './classes.js';
import { GatewayErrorCode } from './codes.js';

/** True when `error` says the object does not exist at its source. */
export function isNotFound(error: unknown): boolean {
  return error instanceof GatewayError && error.code === GatewayErrorCode.NOT_FOUND;
}

/** `value`, or null when it failed because the object does not exist at its source (other errors stay errors). */
export async function nullIfNotFound<T>(value: Promise<T>): Promise<T | null> {
  try {
    return await value;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}
