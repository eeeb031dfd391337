/**
 * The gateway's JSON Patch (RFC 6902) engine, over fast-json-patch: applies a patch to a copy of a document, all
 * or nothing. A failed `test` is CONFLICT; any other invalid operation is BAD_USER_INPUT. Internal module.
 *
 * fast-json-patch (with validation on) applies the operations; before each one, `checkOperation` checks what
 * fast-json-patch gets wrong, against the document as the earlier operations left it (all O(depth of the paths)):
 * - `op` must be one of the six of RFC 6902: its own lookup also accepts `_get` and `Object.prototype` names
 *   (`constructor`, `toString`…), which then wreck the document.
 * - `path` and `from` must be JSON Pointers (RFC 6901): empty or starting with `/`, `~` only as `~0` or `~1`.
 *   fast-json-patch does not check `from` at all when `path` is `""`, nor the escapes.
 * - An array index is `0` or digits without a leading zero (fast-json-patch reads `01` as 1), and `-` (past the
 *   end) only as the last token of a location that is added to (`add`, and the `path` of `move`/`copy`).
 * - Every location but the last token must exist, as an own member or an index within bounds; the last one too
 *   for `remove`, `replace` and the `from` of `move`/`copy`. fast-json-patch checks `obj[key] === undefined`, so
 *   inherited members count (a `remove` of `/toString` "succeeds"), and does not check `from` when `path` is `""`
 *   (the document became `undefined`).
 * - `move` may not put a location into one of its own children (RFC 6902 4.4): fast-json-patch threw a TypeError
 *   or built a cyclic document.
 * - `remove` of the whole document (`path: ""`) is refused: it would leave no document (fast-json-patch: `null`).
 * - `__proto__` and `constructor/prototype` are refused as BAD_USER_INPUT (fast-json-patch throws a TypeError).
 * A `test` keeps fast-json-patch's meaning: a missing last token is a failed test (CONFLICT), not a bad patch.
 * The `value` of `add`/`replace` is cloned, so that the result shares nothing with `operations` and later
 * operations never change the caller's values.
 */
import fastJsonPatch, { type Operation } from 'fast-json-patch';
import { BadUserInputError, GatewayError } from '../errors/classes.js';
import { GatewayErrorCode } from '../errors/codes.js';

const { applyOperation, deepClone, validator, JsonPatchError } = fastJsonPatch;

/** One operation in RFC 6902 shape (op, path, from, value). */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

const OPS: ReadonlySet<unknown> = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/** Returns `doc` with `operations` applied; `doc` itself is never changed. */
export function applyJsonPatch<T>(doc: T, operations: readonly JsonPatchOperation[]): T {
  if (!Array.isArray(operations)) throw new BadUserInputError('operations: must be a list.', { argumentName: 'operations' });
  let document: unknown = deepClone(doc);
  for (let index = 0; index < operations.length; index += 1) {
    const operation = operations[index] as JsonPatchOperation;
    const at = `operations[${index}]`;
    try {
      if (typeof operation === 'object' && operation !== null && !OPS.has(operation.op)) {
        throw new BadUserInputError(`${at}: op must be one of add, remove, replace, move, copy, test.`, { argumentName: at });
      }
      validator(operation as unknown as Operation, index); // the shape: op, path, from, value present and no undefined
      checkOperation(document, operation, at);
      const { op, path, from, value } = operation;
      const copy = op === 'add' || op === 'replace' ? { op, path, value: deepClone(value) } : { op, path, from, value };
      document = applyOperation(document, copy as Operation, true, true, true, index).newDocument;
    } catch (error) {
      throw toGatewayError(error, at);
    }
  }
  return document as T;
}

type Mode = 'exists' | 'add' | 'test';

/** The RFC 6901/6902 checks fast-json-patch misses (see the module comment); throws BadUserInputError. */
function checkOperation(document: unknown, operation: JsonPatchOperation, at: string): void {
  const { op } = operation;
  const path = parsePointer(operation.path, 'path', at);
  if (op === 'move' || op === 'copy') {
    const from = parsePointer(operation.from as string, 'from', at);
    locate(document, from, 'exists', 'from', operation.from as string, at);
    if (op === 'move' && from.length < path.length && from.every((token, i) => token === path[i])) {
      throw new BadUserInputError(`${at}: cannot move ${JSON.stringify(operation.from)} into one of its own children.`, { argumentName: at });
    }
  }
  if (op === 'remove' && path.length === 0) {
    throw new BadUserInputError(`${at}: cannot remove the whole document.`, { argumentName: at });
  }
  const mode: Mode = op === 'remove' || op === 'replace' ? 'exists' : op === 'test' ? 'test' : 'add';
  locate(document, path, mode, 'path', operation.path, at);
}

/** Splits a JSON Pointer into unescaped tokens, refusing bad syntax and the members fast-json-patch bans. */
function parsePointer(pointer: string, member: 'path' | 'from', at: string): string[] {
  if (pointer === '') return [];
  if (pointer[0] !== '/') throw badPointer(at, member, pointer, 'must be empty or start with "/"');
  const tokens = pointer.slice(1).split('/');
  for (let i = 0; i < tokens.length; i += 1) {
    let token = tokens[i]!;
    if (token.includes('~')) {
      if (/~(?![01])/.test(token)) throw badPointer(at, member, pointer, 'has "~" not followed by 0 or 1');
      token = tokens[i] = token.replace(/~1/g, '/').replace(/~0/g, '~');
    }
    if (token === '__proto__' || (token === 'prototype' && tokens[i - 1] === 'constructor')) {
      throw badPointer(at, member, pointer, 'names __proto__ or constructor/prototype, which are not supported');
    }
  }
  return tokens;
}

const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

/**
 * Walks `tokens` through `document`: every step before the last must exist; the last one must exist for
 * `exists`, may be new (an index up to the length, or `-`) for `add`, and is left to the `test` itself for `test`.
 */
function locate(document: unknown, tokens: readonly string[], mode: Mode, member: 'path' | 'from', pointer: string, at: string): void {
  let node = document;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    const last = i === tokens.length - 1;
    if (Array.isArray(node)) {
      if (token === '-') {
        if (last && mode === 'add') return;
        if (last && mode === 'test') return; // past the end: nothing there, so the test fails
        throw badPointer(at, member, pointer, 'uses "-" (past the end of an array) where an existing element is needed');
      }
      if (!ARRAY_INDEX.test(token)) throw badPointer(at, member, pointer, `has ${JSON.stringify(token)} where an array index (0, 1, …; no leading zeros) is needed`);
      const index = Number(token);
      if (last && mode !== 'exists') {
        if (mode === 'add' && index > node.length) throw badPointer(at, member, pointer, 'is past the end of the array');
        return;
      }
      if (index >= node.length) throw badPointer(at, member, pointer, 'does not exist');
      node = node[index];
    } else if (typeof node === 'object' && node !== null) {
      if (last && mode !== 'exists') return;
      if (!Object.hasOwn(node, token)) throw badPointer(at, member, pointer, 'does not exist');
      node = (node as Record<string, unknown>)[token];
    } else {
      throw badPointer(at, member, pointer, 'goes through a value that is neither an object nor an array');
    }
  }
}

function badPointer(at: string, member: 'path' | 'from', pointer: string, problem: string): BadUserInputError {
  return new BadUserInputError(`${at}: ${member} ${JSON.stringify(pointer)} ${problem}.`, { argumentName: at });
}

function toGatewayError(error: unknown, at: string): unknown {
  if (error instanceof GatewayError) return error;
  if (error instanceof JsonPatchError) {
    if (error.name === 'TEST_OPERATION_FAILED') {
      return new GatewayError(`${at}: test failed; nothing was changed.`, GatewayErrorCode.CONFLICT, { extensions: { argumentName: at } });
    }
    return new BadUserInputError(`${at}: ${firstLine(error.message)}`, { argumentName: at });
  }
  return error;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
