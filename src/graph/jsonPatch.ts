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
 *   or built a cyclic document. A move removes `from` first, so its `path` is checked as it reads after that
 *   removal (an index past `from` in the same array is one less then): fast-json-patch threw a TypeError when that
 *   location no longer existed.
 * - `remove` of the whole document (`path: ""`) is refused: it would leave no document (fast-json-patch: `null`).
 * - `__proto__` and `constructor/prototype` are refused as BAD_USER_INPUT (fast-json-patch throws a TypeError).
 * A `test` keeps fast-json-patch's meaning: a missing last token is a failed test (CONFLICT), not a bad patch.
 * The `value` of `add`/`replace` is cloned, so that the result shares nothing with `operations` and later
 * operations never change the caller's values; that of `test` too, into plain objects: GraphQL hands an inline
 * object literal over without a prototype, and fast-json-patch's comparison calls `hasOwnProperty` on it (a
 * TypeError, not a test).
 *
 * Bounds (`PatchLimits`): `copy` can double a document per operation, so a patch is bounded by what it produces,
 * not only by its length. Each operation's `value` must fit the limits before it is looked at further (cloned,
 * compared), and the document after each operation must fit them too (`jsonSize` stops counting at the bound, so
 * a check costs O(bound)); while an operation is applied the document is at most twice the bound. A document
 * that already exceeds the limits (the source holds it so) may be patched as long as the patch does not make it
 * exceed what it was. Over a bound: BAD_USER_INPUT naming the operation.
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

/** Splits an RFC 6901 JSON Pointer into unescaped tokens; undefined when it is not a valid pointer. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/') || /~[^01]|~$/.test(pointer)) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** How large a patched document (and each operation's `value`) may be: JSON values (nodes) and bytes of JSON text. */
export interface PatchLimits {
  /** Most JSON values (objects, arrays, strings, numbers, booleans, nulls; each counts 1). */
  maxNodes: number;
  /** Most bytes of the document's JSON text (UTF-8, without whitespace). */
  maxBytes: number;
}

/** The defaults of `GATEWAY_PATCH_MAX_NODES` and `GATEWAY_PATCH_MAX_BYTES`. */
export const DEFAULT_PATCH_LIMITS: Readonly<PatchLimits> = Object.freeze({ maxNodes: 10_000, maxBytes: 1024 * 1024 });

/**
 * Deepest nesting a patch may produce or carry, whatever the limits: fast-json-patch clones and compares
 * recursively, and a value nested some thousands deep would overflow the stack (a RangeError, not a refusal).
 */
export const MAX_PATCH_DEPTH = 1000;

/** A JSON value's size: its nodes, the bytes of its JSON text, and its depth (a scalar is 1 deep). */
export interface JsonSize {
  nodes: number;
  bytes: number;
  depth: number;
}

/** Which bound a value exceeds. */
export type JsonBound = 'nodes' | 'bytes' | 'depth';

/** Code units that JSON.stringify escapes (and surrogates, which it keeps only in pairs): such strings are measured exactly. */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** The bytes of a string's JSON text; past `budget` returns Infinity without reading the string. */
function stringBytes(text: string, budget: number): number {
  // The JSON text of a string is at least its length in code units plus two quotes: no need to read it if that is over.
  if (text.length + 2 > budget) return Infinity;
  return ESCAPED.test(text) ? Buffer.byteLength(JSON.stringify(text)) : Buffer.byteLength(text) + 2;
}

/**
 * Measures a JSON value (as JSON.stringify would write it) without recursion, and stops as soon as it exceeds
 * `limits` (or MAX_PATCH_DEPTH): the bound it exceeds, else its size. Costs O(limits), however large `value` is.
 */
export function jsonSize(value: unknown, limits: PatchLimits, maxDepth: number = MAX_PATCH_DEPTH): JsonSize | JsonBound {
  let nodes = 0;
  let bytes = 0;
  let depth = 0;
  // Values still to count, with their depth; every value on it is a node to come, so it never outgrows maxNodes.
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [node, level] = pending.pop()!;
    nodes += 1;
    if (level > depth) depth = level;
    if (depth > maxDepth) return 'depth';
    if (typeof node === 'string') {
      bytes += stringBytes(node, limits.maxBytes - bytes);
    } else if (Array.isArray(node)) {
      if (nodes + pending.length + node.length > limits.maxNodes) return 'nodes';
      bytes += node.length === 0 ? 2 : node.length + 1; // brackets and commas
      for (let i = node.length - 1; i >= 0; i -= 1) pending.push([node[i] === undefined ? null : node[i], level + 1]);
    } else if (typeof node === 'object' && node !== null) {
      bytes += 1; // "{"; each member adds its key, ":" and "," (or the closing "}")
      let members = 0;
      for (const key in node) {
        const member = (node as Record<string, unknown>)[key];
        if (!Object.hasOwn(node, key) || member === undefined) continue; // JSON.stringify leaves undefined out
        members += 1;
        if (nodes + pending.length + 1 > limits.maxNodes) return 'nodes';
        bytes += stringBytes(key, limits.maxBytes - bytes) + 2;
        if (bytes > limits.maxBytes) return 'bytes';
        pending.push([member, level + 1]);
      }
      if (members === 0) bytes += 1;
    } else if (typeof node === 'number') {
      bytes += Number.isFinite(node) ? String(node).length : 4;
    } else {
      bytes += node === false ? 5 : 4; // true, null
    }
    if (nodes > limits.maxNodes) return 'nodes';
    if (bytes > limits.maxBytes) return 'bytes';
  }
  return { nodes, bytes, depth };
}

/** What a bound means, for a message. */
function overWhat(bound: JsonBound, limits: PatchLimits, maxDepth: number): string {
  if (bound === 'nodes') return `more than ${limits.maxNodes} JSON values`;
  if (bound === 'bytes') return `more than ${limits.maxBytes} bytes of JSON`;
  return `nested more than ${maxDepth} levels deep`;
}

/** Refuses an operation's `value` over `limits` (BAD_USER_INPUT naming `at`, e.g. `operations[2]`). */
export function checkValueSize(value: unknown, limits: PatchLimits, at: string): void {
  const size = jsonSize(value, limits);
  if (typeof size === 'string') {
    throw new BadUserInputError(`${at}: value is over the patch bound: ${overWhat(size, limits, MAX_PATCH_DEPTH)}.`, { argumentName: `${at}.value` });
  }
}

/** Refuses any `add`, `replace` or `test` whose `value` is over `limits`, before anything is read or sent. */
export function checkPatchValues(operations: readonly JsonPatchOperation[], limits: PatchLimits): void {
  operations.forEach((operation, index) => {
    if (operation.op === 'add' || operation.op === 'replace' || operation.op === 'test') checkValueSize(operation.value, limits, `operations[${index}]`);
  });
}

/** The bounds a patch of `doc` must keep: `limits`, or the document's own size where it already exceeds them. */
function boundsOf(doc: unknown, limits: PatchLimits): { limits: PatchLimits; maxDepth: number } {
  const size = jsonSize(doc, limits);
  if (typeof size !== 'string') return { limits, maxDepth: MAX_PATCH_DEPTH };
  // The source holds it so: measure it once in full (deepClone reads all of it anyway), and let it grow no further.
  const own = jsonSize(doc, { maxNodes: Infinity, maxBytes: Infinity }, Infinity) as JsonSize;
  return { limits: { maxNodes: Math.max(limits.maxNodes, own.nodes), maxBytes: Math.max(limits.maxBytes, own.bytes) }, maxDepth: Math.max(MAX_PATCH_DEPTH, own.depth) };
}

/**
 * Returns `doc` with `operations` applied; `doc` itself is never changed. Each operation's `value` and the
 * document after each operation must fit `limits` (see the module comment).
 */
export function applyJsonPatch<T>(doc: T, operations: readonly JsonPatchOperation[], limits: PatchLimits = DEFAULT_PATCH_LIMITS): T {
  if (!Array.isArray(operations)) throw new BadUserInputError('operations: must be a list.', { argumentName: 'operations' });
  const bounds = boundsOf(doc, limits);
  let document: unknown = deepClone(doc);
  for (let index = 0; index < operations.length; index += 1) {
    const operation = operations[index] as JsonPatchOperation;
    const at = `operations[${index}]`;
    try {
      if (typeof operation === 'object' && operation !== null) {
        if (!OPS.has(operation.op)) throw new BadUserInputError(`${at}: op must be one of add, remove, replace, move, copy, test.`, { argumentName: at });
        // Before fast-json-patch walks the value (its own checks, the clone, a test's comparison are all O(value)).
        if (operation.op === 'add' || operation.op === 'replace' || operation.op === 'test') checkValueSize(operation.value, limits, at);
      }
      validator(operation as unknown as Operation, index); // the shape: op, path, from, value present and no undefined
      checkOperation(document, operation, at);
      const { op, path, from, value } = operation;
      const copy = op === 'add' || op === 'replace' || op === 'test' ? { op, path, value: deepClone(value) } : { op, path, from };
      document = applyOperation(document, copy as Operation, true, true, true, index).newDocument;
      // A test changes nothing and a remove only shrinks; anything else may grow the document (a copy may double it).
      if (op !== 'test' && op !== 'remove') {
        const size = jsonSize(document, bounds.limits, bounds.maxDepth);
        if (typeof size === 'string') {
          throw new BadUserInputError(`${at}: the patched document would be over the patch bound: ${overWhat(size, bounds.limits, bounds.maxDepth)}.`, { argumentName: at });
        }
      }
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
  let path = pointerOf(operation.path, 'path', at);
  if (op === 'move' || op === 'copy') {
    const from = pointerOf(operation.from as string, 'from', at);
    locate(document, from, 'exists', 'from', operation.from as string, at);
    if (op === 'move' && from.length < path.length && from.every((token, i) => token === path[i])) {
      throw new BadUserInputError(`${at}: cannot move ${JSON.stringify(operation.from)} into one of its own children.`, { argumentName: at });
    }
    if (op === 'move') path = beforeRemovalOf(document, from, path);
  }
  if (op === 'remove' && path.length === 0) {
    throw new BadUserInputError(`${at}: cannot remove the whole document.`, { argumentName: at });
  }
  const mode: Mode = op === 'remove' || op === 'replace' ? 'exists' : op === 'test' ? 'test' : 'add';
  locate(document, path, mode, 'path', operation.path, at);
}

/** Splits a JSON Pointer into unescaped tokens, refusing bad syntax and the members fast-json-patch bans. */
function pointerOf(pointer: string, member: 'path' | 'from', at: string): string[] {
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
 * The location that `path` names once `from` (which exists) is removed, as tokens into `document` before the
 * removal: where `path` goes through the array `from` is in, at an index at or past `from`'s, the element it
 * means is the next one.
 */
function beforeRemovalOf(document: unknown, from: readonly string[], path: string[]): string[] {
  const level = from.length - 1;
  if (level < 0 || path.length <= level || !ARRAY_INDEX.test(path[level]!)) return path;
  let parent = document;
  for (let i = 0; i < level; i += 1) {
    if (path[i] !== from[i]) return path;
    parent = Array.isArray(parent) ? parent[Number(from[i])] : (parent as Record<string, unknown>)[from[i]!];
  }
  if (!Array.isArray(parent) || Number(path[level]) < Number(from[level])) return path;
  const shifted = [...path];
  shifted[level] = String(Number(path[level]) + 1);
  return shifted;
}

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
