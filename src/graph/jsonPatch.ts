/**
 * The gateway's JSON Patch (RFC 6902) engine, over fast-json-patch: applies a patch to a copy of a document, all
 * or nothing. A failed `test` is CONFLICT; any other invalid operation is BAD_USER_INPUT. Internal module.
 *
 * fast-json-patch applies the operations, with its own validation off: its validator deep-clones the whole document
 * for every `copy` and `move` (O(document) per operation). Before each operation, `checkShape` checks what that
 * validator did (an object; `path` a string; `from` a string for `move`/`copy`; a `value` for `add`, `replace` and
 * `test`) and `checkOperation` what fast-json-patch gets wrong, against the document as the earlier operations left
 * it (all O(depth of the paths)):
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
 * The `value` of `add`/`replace` is cloned as JSON, so that the result shares nothing with `operations` and later
 * operations never change the caller's values (a member that is `undefined` is left out, as JSON.stringify does);
 * that of `test` too, into plain objects: GraphQL hands an inline object literal over without a prototype, and
 * fast-json-patch's comparison calls `hasOwnProperty` on it (a TypeError, not a test).
 *
 * Bounds (`PatchLimits`): a patch holds at most `maxOperations` operations, and it is bounded by what it produces
 * and by the work it does, not only by its length:
 * - Size: `copy` can double a document per operation. Each operation's `value` must fit the limits before it is
 *   looked at further (cloned, compared), and the document after each operation must fit them too. The engine
 *   keeps the document's exact size (values and bytes of JSON) as it goes: each operation adds what it puts in
 *   (its value, or the value it copies or moves, measured once) and takes off what it replaces or removes
 *   (measured once: every value is removed at most once, after the patch put it there or the document held it),
 *   and the result is checked before the operation changes anything. A document that already exceeds the limits
 *   (the source holds it so) may be patched as long as the patch does not make it exceed what it was.
 * - Work: the values of `add`, `replace` and `test` and the values `copy` and `move` take add up to at most
 *   PATCH_WORK_FACTOR times the size bounds, so that a patch costs O(bounds) in all, not O(operations × document)
 *   (a hundred copies of a large value into one place each keep the document within its bound).
 * Over a bound: BAD_USER_INPUT naming the operation (`operations` for too many).
 */
import fastJsonPatch, { type Operation } from 'fast-json-patch';
import { BadUserInputError, GatewayError } from '../errors/classes.js';
import { GatewayErrorCode } from '../errors/codes.js';

const { applyOperation, deepClone, JsonPatchError } = fastJsonPatch;

/** One operation in RFC 6902 shape (op, path, from, value). */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

const OPS: ReadonlySet<unknown> = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/** An operation whose shape checkShape checked: each op with the members it needs. */
type ShapedOperation =
  | { op: 'add'; path: string; value: unknown }
  | { op: 'replace'; path: string; value: unknown }
  | { op: 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move'; path: string; from: string }
  | { op: 'copy'; path: string; from: string };

/** Splits an RFC 6901 JSON Pointer into unescaped tokens; undefined when it is not a valid pointer. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/') || /~[^01]|~$/.test(pointer)) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** How large a JSON value may be: JSON values (nodes) and bytes of JSON text. */
export interface SizeLimits {
  /** Most JSON values (objects, arrays, strings, numbers, booleans, nulls; each counts 1). */
  maxNodes: number;
  /** Most bytes of the document's JSON text (UTF-8, without whitespace). */
  maxBytes: number;
}

/** How large a patched document (and each operation's `value`) may be, and how many operations a patch may hold. */
export interface PatchLimits extends SizeLimits {
  /** Most operations in one patch. */
  maxOperations: number;
}

/** The defaults of `GATEWAY_PATCH_MAX_NODES`, `GATEWAY_PATCH_MAX_BYTES` and `GATEWAY_PATCH_MAX_OPERATIONS`. */
export const DEFAULT_PATCH_LIMITS: Readonly<PatchLimits> = Object.freeze({ maxNodes: 10_000, maxBytes: 1024 * 1024, maxOperations: 100 });

/**
 * How much a patch may handle in all, as a multiple of the size bounds: the values of its `add`, `replace` and
 * `test` operations and the values its `copy` and `move` operations take (see the module comment).
 */
export const PATCH_WORK_FACTOR = 4;

/** What applying a patch read, cloned and compared, in JSON values and bytes: its work (tests and benchmarks read it). */
export interface PatchWork {
  nodes: number;
  bytes: number;
}

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

/**
 * What JSON.stringify escapes: `"`, `\`, control characters and lone surrogates (a pair is one code point here, which
 * it keeps). Such strings are measured by stringifying them; \p{Cc} also takes U+007F–U+009F, which JSON keeps as
 * they are, so those strings only take that slower, still exact, way.
 */
const ESCAPED = /["\\\p{Cc}\p{Cs}]/u;

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
export function jsonSize(value: unknown, limits: SizeLimits, maxDepth: number = MAX_PATCH_DEPTH): JsonSize | JsonBound {
  let nodes = 0;
  let bytes = 0;
  let depth = 0;
  // Values still to count, with their depth; every value on it is a node to come, so it never outgrows maxNodes.
  const pending: [unknown, number][] = [[value, 1]];
  for (let entry = pending.pop(); entry !== undefined; entry = pending.pop()) {
    const [node, level] = entry;
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
function overWhat(bound: JsonBound, limits: SizeLimits, maxDepth: number): string {
  if (bound === 'nodes') return `more than ${limits.maxNodes} JSON values`;
  if (bound === 'bytes') return `more than ${limits.maxBytes} bytes of JSON`;
  return `nested more than ${maxDepth} levels deep`;
}

/** Refuses an operation's `value` over `limits` (BAD_USER_INPUT naming `at`, e.g. `operations[2]`); returns its size. */
export function checkValueSize(value: unknown, limits: SizeLimits, at: string): JsonSize {
  const size = jsonSize(value, limits);
  if (typeof size === 'string') {
    throw new BadUserInputError(`${at}: value is over the patch bound: ${overWhat(size, limits, MAX_PATCH_DEPTH)}.`, { argumentName: `${at}.value` });
  }
  return size;
}

/** Refuses a patch of more than `limits.maxOperations` operations (BAD_USER_INPUT naming `operations`). */
export function checkPatchLength(operations: readonly unknown[], limits: PatchLimits): void {
  if (operations.length > limits.maxOperations) {
    throw new BadUserInputError(`operations may hold at most ${limits.maxOperations} operations.`, { argumentName: 'operations' });
  }
}

/** Refuses a patch of too many operations, or any `add`, `replace` or `test` whose `value` is over `limits`, before anything is read or sent. */
export function checkPatchValues(operations: readonly JsonPatchOperation[], limits: PatchLimits): void {
  checkPatchLength(operations, limits);
  operations.forEach((operation, index) => {
    if (operation.op === 'add' || operation.op === 'replace' || operation.op === 'test') checkValueSize(operation.value, limits, `operations[${index}]`);
  });
}

const UNBOUNDED: SizeLimits = Object.freeze({ maxNodes: Infinity, maxBytes: Infinity });

/** The bounds a patch of `doc` must keep (`limits`, or the document's own size where it already exceeds them), and the document's size. */
function boundsOf(doc: unknown, limits: SizeLimits): { limits: SizeLimits; maxDepth: number; size: JsonSize } {
  const size = jsonSize(doc, limits);
  if (typeof size !== 'string') return { limits, maxDepth: MAX_PATCH_DEPTH, size };
  // The source holds it so: measure it once in full (deepClone reads all of it anyway), and let it grow no further.
  const own = jsonSize(doc, UNBOUNDED, Infinity) as JsonSize;
  return {
    limits: { maxNodes: Math.max(limits.maxNodes, own.nodes), maxBytes: Math.max(limits.maxBytes, own.bytes) },
    maxDepth: Math.max(MAX_PATCH_DEPTH, own.depth),
    size: own,
  };
}

/**
 * Returns `doc` with `operations` applied; `doc` itself is never changed. The patch may hold at most
 * `limits.maxOperations` operations; each operation's `value` and the document after each operation must fit
 * `limits`, and all the values it handles PATCH_WORK_FACTOR times them (see the module comment). `work`, when
 * given, is added what the patch read, cloned and compared.
 */
export function applyJsonPatch<T>(doc: T, operations: readonly JsonPatchOperation[], limits: PatchLimits = DEFAULT_PATCH_LIMITS, work?: PatchWork): T {
  if (!Array.isArray(operations)) throw new BadUserInputError('operations: must be a list.', { argumentName: 'operations' });
  checkPatchLength(operations, limits);
  const patching = new Patching(doc, limits, work);
  for (let index = 0; index < operations.length; index += 1) {
    const at = `operations[${index}]`;
    try {
      patching.apply(operations[index], index, at);
    } catch (error) {
      throw toGatewayError(error, at);
    }
  }
  return patching.document as T;
}

/** One patch under way: the document, its exact size, and the work done so far. */
class Patching {
  document: unknown;
  private readonly limits: PatchLimits;
  private readonly bounds: { limits: SizeLimits; maxDepth: number };
  /** The document's size as the operations so far left it (values and bytes of JSON; exact). */
  private size: { nodes: number; bytes: number };
  /** What the operations' values and the values copied or moved add up to, and its bound. */
  private readonly handled = { nodes: 0, bytes: 0 };
  private readonly budget: SizeLimits;
  private readonly work: PatchWork;

  constructor(doc: unknown, limits: PatchLimits, work: PatchWork = { nodes: 0, bytes: 0 }) {
    this.limits = limits;
    this.work = work;
    const { size, ...bounds } = boundsOf(doc, limits);
    this.bounds = bounds;
    this.size = { nodes: size.nodes, bytes: size.bytes };
    this.budget = { maxNodes: PATCH_WORK_FACTOR * bounds.limits.maxNodes, maxBytes: PATCH_WORK_FACTOR * bounds.limits.maxBytes };
    this.document = deepClone(doc);
    this.count(size, 2); // measured, then cloned
  }

  apply(candidate: unknown, index: number, at: string): void {
    const operation = checkShape(candidate, at);
    if (operation.op === 'add' || operation.op === 'replace' || operation.op === 'test') {
      // Before anything walks the value (the clone, a test's comparison are O(value)).
      const size = checkValueSize(operation.value, this.limits, at);
      const { path } = checkOperation(this.document, operation, at);
      this.charge(size, at);
      if (operation.op !== 'test') this.place(path, size, operation.op === 'replace', at);
      this.count(size, 3); // measured, cloned, then compared or put in place
      const value: unknown = deepClone(operation.value);
      this.document = applyOperation(this.document, { op: operation.op, path: operation.path, value } as Operation, false, true, true, index).newDocument;
      return;
    }
    if (operation.op === 'remove') {
      const { path } = checkOperation(this.document, operation, at);
      this.take(path);
      this.document = applyOperation(this.document, { op: 'remove', path: operation.path }, false, true, true, index).newDocument;
      return;
    }
    // copy, move: what `from` holds, measured once (it is within the document, so within its bounds).
    const { path, from } = checkMove(this.document, operation, at);
    if (operation.op === 'move' && operation.from === operation.path) return; // RFC 6902 4.4: the value is where it was
    const size = this.measure(valueAt(this.document, from));
    this.charge(size, at);
    if (operation.op === 'copy') {
      this.place(path, size, false, at);
      this.count(size, 1); // fast-json-patch clones it
      this.document = applyOperation(this.document, { op: 'copy', from: operation.from, path: operation.path }, false, true, true, index).newDocument;
      return;
    }
    // A move is a remove, then an add of the same value at `path` as it reads after the removal (RFC 6902 4.4);
    // fast-json-patch's own move would clone what the add replaces.
    this.take(from, size);
    const moved: unknown = applyOperation(this.document, { op: 'remove', path: operation.from }, false, true, true, index).removed;
    this.place(path, size, false, at);
    this.document = applyOperation(this.document, { op: 'add', path: operation.path, value: moved }, false, true, true, index).newDocument;
  }

  /** Adds `size` to the values the patch has handled; over PATCH_WORK_FACTOR times the bounds, the patch is refused. */
  private charge(size: JsonSize, at: string): void {
    this.handled.nodes += size.nodes;
    this.handled.bytes += size.bytes;
    const bound: JsonBound | undefined = this.handled.nodes > this.budget.maxNodes ? 'nodes' : this.handled.bytes > this.budget.maxBytes ? 'bytes' : undefined;
    if (bound) {
      throw new BadUserInputError(
        `${at}: the patch is over its work bound: the values it adds, replaces, tests, copies and moves add up to ${overWhat(bound, this.budget, this.bounds.maxDepth)} (${PATCH_WORK_FACTOR} times the patch bound).`,
        { argumentName: at },
      );
    }
  }

  /**
   * Accounts for a value of `size` put at `path` (which checkOperation found valid): in place of what is there
   * (`replace`, an existing member, the root) or inserted (an array index or `-`, a new member). Refuses the
   * operation, before anything changes, when the document would then be over its bounds.
   */
  private place(path: readonly string[], size: JsonSize, replace: boolean, at: string): void {
    if (path.length + size.depth > this.bounds.maxDepth) this.refuse('depth', at);
    let { nodes, bytes } = this.size;
    const key = path.at(-1);
    if (key === undefined) {
      ({ nodes, bytes } = size); // the root
    } else {
      const parent = valueAt(this.document, path, path.length - 1);
      nodes += size.nodes;
      bytes += size.bytes;
      let replaced: unknown;
      if (Array.isArray(parent)) {
        if (replace) replaced = parent[Number(key)];
        else if (parent.length > 0) bytes += 1; // a comma
      } else if (Object.hasOwn(parent as object, key)) {
        replaced = (parent as Record<string, unknown>)[key];
      } else {
        bytes += stringBytes(key, Infinity) + 1 + (hasMembers(parent as object) ? 1 : 0); // "key": and a comma
      }
      if (replaced !== undefined) {
        const old = this.measure(replaced);
        nodes -= old.nodes;
        bytes -= old.bytes;
      }
    }
    if (nodes > this.bounds.limits.maxNodes) this.refuse('nodes', at);
    if (bytes > this.bounds.limits.maxBytes) this.refuse('bytes', at);
    this.size = { nodes, bytes };
  }

  /** Accounts for the removal of what is at `path` (which exists and is not the root), of size `known` when measured already. */
  private take(path: readonly string[], known?: JsonSize): void {
    const key = path.at(-1);
    if (key === undefined) throw new Error('A patch never removes the whole document (checkOperation refuses it).');
    const parent = valueAt(this.document, path, path.length - 1);
    const old = known ?? this.measure(Array.isArray(parent) ? parent[Number(key)] : (parent as Record<string, unknown>)[key]);
    let bytes = old.bytes;
    if (Array.isArray(parent)) bytes += parent.length > 1 ? 1 : 0;
    else bytes += stringBytes(key, Infinity) + 1 + (hasMembers(parent as object, key) ? 1 : 0);
    this.size = { nodes: this.size.nodes - old.nodes, bytes: this.size.bytes - bytes };
  }

  private refuse(bound: JsonBound, at: string): never {
    throw new BadUserInputError(`${at}: the patched document would be over the patch bound: ${overWhat(bound, this.bounds.limits, this.bounds.maxDepth)}.`, {
      argumentName: at,
    });
  }

  /** The exact size of a value within the document. */
  private measure(value: unknown): JsonSize {
    const size = jsonSize(value, UNBOUNDED, Infinity) as JsonSize;
    this.count(size, 1);
    return size;
  }

  private count(size: { nodes: number; bytes: number }, times: number): void {
    this.work.nodes += times * size.nodes;
    this.work.bytes += times * size.bytes;
  }
}

/** The value `tokens` (the first `count` of them) lead to in `document`; they exist (checkOperation saw to it). */
function valueAt(document: unknown, tokens: readonly string[], count = tokens.length): unknown {
  let node = document;
  for (const token of tokens.slice(0, count)) node = Array.isArray(node) ? node[Number(token)] : (node as Record<string, unknown>)[token];
  return node;
}

/** Whether an object has an own member (other than `except`): what decides whether a member comes with a comma. */
function hasMembers(object: object, except?: string): boolean {
  for (const key in object) if (Object.hasOwn(object, key) && key !== except) return true;
  return false;
}

/** Checks what fast-json-patch's validator checked: an object, `path` a string, `from` for move and copy, a `value` for add, replace and test. */
function checkShape(operation: unknown, at: string): ShapedOperation {
  if (typeof operation !== 'object' || operation === null || Array.isArray(operation)) {
    throw new BadUserInputError(`${at}: an operation must be an object with op and path.`, { argumentName: at });
  }
  const { op, path, from } = operation as Partial<Record<keyof JsonPatchOperation, unknown>>;
  if (!OPS.has(op)) throw new BadUserInputError(`${at}: op must be one of add, remove, replace, move, copy, test.`, { argumentName: at });
  if (typeof path !== 'string') throw new BadUserInputError(`${at}: path must be a string (a JSON Pointer).`, { argumentName: at });
  if ((op === 'move' || op === 'copy') && typeof from !== 'string')
    throw new BadUserInputError(`${at}: ${op as string} needs from (a JSON Pointer).`, { argumentName: at });
  if ((op === 'add' || op === 'replace' || op === 'test') && (operation as { value?: unknown }).value === undefined) {
    throw new BadUserInputError(`${at}: ${op} needs a value.`, { argumentName: at });
  }
  return operation as ShapedOperation;
}

type Mode = 'exists' | 'add' | 'test';

/**
 * The RFC 6901/6902 checks fast-json-patch misses for `add`, `replace`, `test` and `remove` (see the module
 * comment); throws BadUserInputError. Returns the tokens of `path`.
 */
function checkOperation(document: unknown, operation: Exclude<ShapedOperation, { op: 'move' | 'copy' }>, at: string): { path: string[] } {
  const { op } = operation;
  const path = pointerOf(operation.path, 'path', at);
  if (op === 'remove' && path.length === 0) {
    throw new BadUserInputError(`${at}: cannot remove the whole document.`, { argumentName: at });
  }
  const mode: Mode = op === 'remove' || op === 'replace' ? 'exists' : op === 'test' ? 'test' : 'add';
  locate(document, path, mode, 'path', operation.path, at);
  return { path };
}

/**
 * The checks of checkOperation for `move` and `copy`, and that a move does not go into its own children. Returns
 * the tokens of `path` (as it reads when the operation applies: for a move, after `from` is removed) and of `from`.
 */
function checkMove(document: unknown, operation: Extract<ShapedOperation, { op: 'move' | 'copy' }>, at: string): { path: string[]; from: string[] } {
  const { op } = operation;
  const path = pointerOf(operation.path, 'path', at);
  const from = pointerOf(operation.from, 'from', at);
  locate(document, from, 'exists', 'from', operation.from, at);
  if (op === 'move' && from.length < path.length && from.every((token, i) => token === path[i])) {
    throw new BadUserInputError(`${at}: cannot move ${JSON.stringify(operation.from)} into one of its own children.`, { argumentName: at });
  }
  locate(document, op === 'move' ? beforeRemovalOf(document, from, path) : path, 'add', 'path', operation.path, at);
  return { path, from };
}

/** Splits a JSON Pointer into unescaped tokens, refusing bad syntax and the members fast-json-patch bans. */
function pointerOf(pointer: string, member: 'path' | 'from', at: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw badPointer(at, member, pointer, 'must be empty or start with "/"');
  const tokens = pointer.slice(1).split('/');
  for (const [i, escaped] of tokens.entries()) {
    let token = escaped;
    if (escaped.includes('~')) {
      if (/~(?![01])/.test(escaped)) throw badPointer(at, member, pointer, 'has "~" not followed by 0 or 1');
      token = tokens[i] = escaped.replace(/~1/g, '/').replace(/~0/g, '~');
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
  const index = path[level];
  if (level < 0 || index === undefined || !ARRAY_INDEX.test(index)) return path;
  let parent = document;
  for (const [i, token] of from.slice(0, level).entries()) {
    if (path[i] !== token) return path;
    parent = Array.isArray(parent) ? parent[Number(token)] : (parent as Record<string, unknown>)[token];
  }
  if (!Array.isArray(parent) || Number(index) < Number(from[level])) return path;
  const shifted = [...path];
  shifted[level] = String(Number(index) + 1);
  return shifted;
}

/**
 * Walks `tokens` through `document`: every step before the last must exist; the last one must exist for
 * `exists`, may be new (an index up to the length, or `-`) for `add`, and is left to the `test` itself for `test`.
 */
function locate(document: unknown, tokens: readonly string[], mode: Mode, member: 'path' | 'from', pointer: string, at: string): void {
  let node = document;
  for (const [i, token] of tokens.entries()) {
    const last = i === tokens.length - 1;
    if (Array.isArray(node)) {
      if (token === '-') {
        if (last && mode === 'add') return;
        if (last && mode === 'test') return; // past the end: nothing there, so the test fails
        throw badPointer(at, member, pointer, 'uses "-" (past the end of an array) where an existing element is needed');
      }
      if (!ARRAY_INDEX.test(token))
        throw badPointer(at, member, pointer, `has ${JSON.stringify(token)} where an array index (0, 1, …; no leading zeros) is needed`);
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
