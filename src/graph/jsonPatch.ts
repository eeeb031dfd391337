/**
 * The gateway's JSON Patch (RFC 6902) engine, over fast-json-patch: applies a patch to a copy of a document, all
 * or nothing. A failed `test` is CONFLICT; any other invalid operation is BAD_USER_INPUT. Internal module.
 */
import fastJsonPatch, { type Operation } from 'fast-json-patch';
import { BadUserInputError, GatewayError } from '../errors/classes.js';
import { GatewayErrorCode } from '../errors/codes.js';

const { applyPatch, deepClone, JsonPatchError } = fastJsonPatch;

/** One operation in RFC 6902 shape (op, path, from, value). */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

/** Returns `doc` with `operations` applied; `doc` itself is never changed. */
export function applyJsonPatch<T>(doc: T, operations: readonly JsonPatchOperation[]): T {
  try {
    return applyPatch(deepClone(doc), operations as unknown as Operation[], true, true).newDocument as T;
  } catch (error) {
    if (error instanceof JsonPatchError) {
      const at = typeof error.index === 'number' ? `operations[${error.index}]` : 'operations';
      if (error.name === 'TEST_OPERATION_FAILED') {
        throw new GatewayError(`${at}: test failed; nothing was changed.`, GatewayErrorCode.CONFLICT, { extensions: { argumentName: at } });
      }
      throw new BadUserInputError(`${at}: ${firstLine(error.message)}`, { argumentName: at });
    }
    throw error;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
