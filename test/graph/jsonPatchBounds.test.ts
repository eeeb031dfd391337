/**
 * The bounds of the JSON Patch engine (issue 15): a patch is bounded by what it produces. Unit tests of the
 * doubling patch, oversized and too deeply nested values, documents the source already holds above the bounds and
 * the settings; `jsonSize` checked against JSON.stringify; and a property test: random patches (copy, move, add…
 * with paths into a random document) under small limits never produce a document over them, only ever fail with
 * BAD_USER_INPUT or CONFLICT, and each run stays within a generous time and heap bound.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyJsonPatch, checkPatchValues, jsonSize, DEFAULT_PATCH_LIMITS, MAX_PATCH_DEPTH, type JsonPatchOperation, type PatchLimits } from '../../src/graph/jsonPatch.js';
import { GatewayError } from '../../src/errors/classes.js';
import { ConfigError, loadConfig } from '../../src/config/index.js';

/** What a call threw: its code and argumentName when a GatewayError, else a string that fails any code check. */
function refusal(fn: () => unknown): { code: unknown; argumentName?: unknown; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof GatewayError) return { code: error.extensions.code, argumentName: error.extensions.argumentName, message: error.message };
    return { code: `not a GatewayError: ${String(error)}`, message: String(error) };
  }
  return { code: 'no error', message: '' };
}

/** `count` copies of `/a` into itself: each one doubles the document. */
function doubling(count: number): JsonPatchOperation[] {
  return Array.from({ length: count }, () => ({ op: 'copy', from: '/a', path: '/a/-' }) as const);
}

/** Nodes of a JSON value, counted independently of jsonSize. */
function countNodes(value: unknown): number {
  if (Array.isArray(value)) return 1 + value.reduce((n: number, v) => n + countNodes(v), 0);
  if (typeof value === 'object' && value !== null) return 1 + Object.values(value).reduce((n: number, v) => n + countNodes(v), 0);
  return 1;
}

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

describe('JSON Patch bounds', () => {
  it('refuses a patch of 25 copies that double the document, at the operation that crosses the bound', () => {
    const doc = { a: ['abc'] };
    const { code, argumentName, message } = refusal(() => applyJsonPatch(doc, doubling(25)));
    expect(code).toBe('BAD_USER_INPUT');
    // 1 + 2^(k+1) nodes after k copies: the default's 10,000 values are crossed by the 13th, operations[12].
    expect(argumentName).toBe('operations[12]');
    expect(message).toBe('operations[12]: the patched document would be over the patch bound: more than 10000 JSON values.');
    expect(doc).toEqual({ a: ['abc'] });
  });

  it('refuses a patch that grows the document past the byte bound, naming it', () => {
    const doc = { a: ['x'.repeat(1000)] };
    const { code, message } = refusal(() => applyJsonPatch(doc, doubling(25), { maxNodes: 1_000_000, maxBytes: 64 * 1024 }));
    expect(code).toBe('BAD_USER_INPUT');
    expect(message).toBe(`operations[6]: the patched document would be over the patch bound: more than ${64 * 1024} bytes of JSON.`);
  });

  it('applies the same doubling while it fits the bound', () => {
    const patched = applyJsonPatch({ a: ['abc'] }, doubling(8), { maxNodes: 1000, maxBytes: 64 * 1024 });
    expect(countNodes(patched)).toBe(1 + 2 ** 9);
  });

  it.each<[string, unknown, PatchLimits]>([
    ['more JSON values than the bound', Array.from({ length: 10_000 }, () => 0), DEFAULT_PATCH_LIMITS],
    ['more bytes than the bound', 'x'.repeat(1024 * 1024), DEFAULT_PATCH_LIMITS],
    ['more bytes than a configured bound', { text: 'x'.repeat(2000) }, { maxNodes: 100, maxBytes: 2000 }],
  ])('refuses a value with %s before applying anything', (_what, value, limits) => {
    for (const op of ['add', 'replace', 'test'] as const) {
      const { code, argumentName, message } = refusal(() => applyJsonPatch({ a: 1, b: 2 }, [{ op: 'remove', path: '/b' }, { op, path: '/a', value }], limits));
      expect(code).toBe('BAD_USER_INPUT');
      expect(argumentName).toBe('operations[1].value');
      expect(message).toMatch(/^operations\[1\]: value is over the patch bound: more than \d+ (JSON values|bytes of JSON)\.$/);
      expect(refusal(() => checkPatchValues([{ op, path: '/a', value }], limits)).argumentName).toBe('operations[0].value');
    }
  });

  it('refuses a value nested deeper than the bound as BAD_USER_INPUT, not a stack overflow', () => {
    const { code, message } = refusal(() => applyJsonPatch({ a: 1 }, [{ op: 'add', path: '/b', value: nested(20_000) }]));
    expect(code).toBe('BAD_USER_INPUT');
    expect(message).toBe(`operations[0]: value is over the patch bound: nested more than ${MAX_PATCH_DEPTH} levels deep.`);
  });

  it('lets a document the source already holds above the bounds be patched, but not grown', () => {
    const limits = { maxNodes: 10, maxBytes: 100 };
    const doc = { big: 'x'.repeat(500), small: 1 };
    expect(applyJsonPatch(doc, [{ op: 'replace', path: '/small', value: 2 }, { op: 'remove', path: '/big' }], limits)).toEqual({ small: 2 });
    expect(applyJsonPatch(doc, [{ op: 'replace', path: '/big', value: 'y'.repeat(50) }], limits)).toEqual({ big: 'y'.repeat(50), small: 1 });
    const grown = refusal(() => applyJsonPatch(doc, [{ op: 'add', path: '/more', value: 12345 }], limits));
    expect(grown.message).toBe(`operations[0]: the patched document would be over the patch bound: more than ${JSON.stringify(doc).length} bytes of JSON.`);
  });

  it('reads the bounds from GATEWAY_PATCH_MAX_NODES and GATEWAY_PATCH_MAX_BYTES, and refuses bad ones', () => {
    expect(loadConfig({}).patch).toEqual({ maxNodes: 10_000, maxBytes: 1024 * 1024 });
    expect(loadConfig({ GATEWAY_PATCH_MAX_NODES: '500', GATEWAY_PATCH_MAX_BYTES: '16384' }).patch).toEqual({ maxNodes: 500, maxBytes: 16384 });
    for (const env of [{ GATEWAY_PATCH_MAX_NODES: '0' }, { GATEWAY_PATCH_MAX_BYTES: 'lots' }, { GATEWAY_PATCH_MAX_BYTES: '12' }]) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(Object.keys(env)[0]!);
    }
  });
});

describe('JSON Patch: a move reads its path after removing from', () => {
  it('refuses a path that exists only before the removal, as BAD_USER_INPUT instead of a TypeError', () => {
    const doc = { a: [false, '', 0, {}] };
    const { code, argumentName } = refusal(() => applyJsonPatch(doc, [{ op: 'move', from: '/a/0', path: '/a/3/k' }]));
    expect(code).toBe('BAD_USER_INPUT');
    expect(argumentName).toBe('operations[0]');
    expect(refusal(() => applyJsonPatch(doc, [{ op: 'move', from: '/a/0', path: '/a/4' }])).code).toBe('BAD_USER_INPUT');
    // Past the end once /a/0 is gone (fast-json-patch alone appended it).
    expect(refusal(() => applyJsonPatch({ a: ['x', 'y'] }, [{ op: 'move', from: '/a/0', path: '/a/2' }])).code).toBe('BAD_USER_INPUT');
  });

  it('applies moves within one array as RFC 6902 reads them', () => {
    expect(applyJsonPatch({ a: ['x', 'y', 'z'] }, [{ op: 'move', from: '/a/0', path: '/a/2' }])).toEqual({ a: ['y', 'z', 'x'] });
    expect(applyJsonPatch({ a: ['x', 'y'] }, [{ op: 'move', from: '/a/1', path: '/a/1' }])).toEqual({ a: ['x', 'y'] });
    expect(applyJsonPatch({ a: ['x', 'y'], b: [] }, [{ op: 'move', from: '/a/0', path: '/b/0' }])).toEqual({ a: ['y'], b: ['x'] });
  });
});

describe('JSON Patch: a test compares values however they were built', () => {
  it('compares a value without a prototype (a GraphQL inline object literal) instead of throwing a TypeError', () => {
    const literal = (entries: Record<string, unknown>) => Object.assign(Object.create(null) as object, entries);
    const doc = { metadata: { target: 'google', nested: { on: true } } };
    const same = literal({ target: 'google', nested: literal({ on: true }) });
    expect(applyJsonPatch(doc, [{ op: 'test', path: '/metadata', value: same }, { op: 'replace', path: '/metadata/target', value: 'x' }])).toEqual({ metadata: { target: 'x', nested: { on: true } } });
    expect(refusal(() => applyJsonPatch(doc, [{ op: 'test', path: '/metadata', value: literal({ target: 'other' }) }])).code).toBe('CONFLICT');
    expect(refusal(() => applyJsonPatch(doc, [{ op: 'test', path: '', value: literal({ metadata: same }) }])).code).toBe('no error');
  });
});

describe('jsonSize', () => {
  const HUGE = { maxNodes: Number.MAX_SAFE_INTEGER, maxBytes: Number.MAX_SAFE_INTEGER };

  it('counts the nodes and the bytes of the JSON text exactly, escapes and non-ASCII included', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(jsonSize(value, HUGE, Infinity)).toMatchObject({ nodes: countNodes(value), bytes: Buffer.byteLength(JSON.stringify(value)) });
      }),
      { numRuns: 300 },
    );
    expect(jsonSize({ 'k"\n': ['é', '\u0001', '😀', '\ud800'] }, HUGE)).toEqual({ nodes: 6, bytes: Buffer.byteLength(JSON.stringify({ 'k"\n': ['é', '\u0001', '😀', '\ud800'] })), depth: 3 });
  });

  it('says which bound a value exceeds exactly when it exceeds it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 2, max: 600 }), (value, maxNodes, maxBytes) => {
        const nodes = countNodes(value);
        const bytes = Buffer.byteLength(JSON.stringify(value));
        const size = jsonSize(value, { maxNodes, maxBytes });
        if (nodes <= maxNodes && bytes <= maxBytes) expect(size).toMatchObject({ nodes, bytes });
        else expect(['nodes', 'bytes']).toContain(size);
        if (size === 'nodes') expect(nodes).toBeGreaterThan(maxNodes);
        if (size === 'bytes') expect(bytes).toBeGreaterThan(maxBytes);
      }),
      { numRuns: 500 },
    );
  });
});

/** Every location in a value (the root included): its JSON Pointer and what is there. */
function locations(value: unknown, pointer = '', out: Array<{ pointer: string; value: unknown }> = []): Array<{ pointer: string; value: unknown }> {
  out.push({ pointer, value });
  if (Array.isArray(value)) value.forEach((v, i) => locations(v, `${pointer}/${i}`, out));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) locations(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  }
  return out;
}

/** What a random operation is made of; its locations are picked among those of the document it applies to. */
const operationSpec = fc.record({
  op: fc.constantFrom('copy', 'copy', 'copy', 'copy of the root', 'copy of the root', 'add', 'add', 'move', 'remove', 'replace', 'test'),
  path: fc.nat(),
  from: fc.nat(),
  /** Where below a container an add, copy or move puts its value: an index (or `-`), or a key. */
  slot: fc.oneof(fc.nat({ max: 3 }), fc.constantFrom('-', 'k', 'kk', '')),
  value: fc.jsonValue({ maxDepth: 2 }),
  /** A test of the value that is there (else of `value`, which usually fails). */
  truthful: fc.boolean(),
});
type OperationSpec = typeof operationSpec extends fc.Arbitrary<infer T> ? T : never;

/**
 * The operation a spec stands for, made for `document` (the document as the operations before it left it):
 * mostly valid, so that patches get far and copies compound, with a share of locations that do not exist.
 */
function operationIn(document: unknown, { op, path, from, slot, value, truthful }: OperationSpec): JsonPatchOperation {
  const all = locations(document);
  const inner = all.length > 1 ? all.slice(1) : all; // remove, replace, test and move's from: not the root, mostly
  const pick = (list: typeof all, n: number) => list[n % list.length]!;
  if (op === 'remove' || op === 'replace' || op === 'test') {
    const at = pick(inner, path);
    if (op === 'remove') return { op, path: at.pointer };
    return { op, path: at.pointer, value: op === 'test' && truthful ? at.value : value };
  }
  // add, copy, move: below a container (an index, `-` or a key, whichever it takes), or at a scalar's place.
  const target = pick(all, path);
  const below = Array.isArray(target.value) ? (typeof slot === 'number' ? String(Math.min(slot, target.value.length)) : '-') : typeof slot === 'string' && slot !== '-' ? slot : 'k';
  const to = typeof target.value === 'object' && target.value !== null ? `${target.pointer}/${below}` : target.pointer;
  if (op === 'add') return { op, path: to, value };
  if (op === 'copy of the root') return { op: 'copy', path: to, from: '' };
  return { op, path: to, from: pick(op === 'copy' ? all : inner, from).pointer };
}

describe('JSON Patch bounds: property', () => {
  it('random patches never produce a document over the bounds, fail only as BAD_USER_INPUT or CONFLICT, in bounded time and heap', () => {
    fc.assert(
      fc.property(
        fc.record({ maxNodes: fc.integer({ min: 10, max: 400 }), maxBytes: fc.integer({ min: 100, max: 6000 }) }),
        fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
        fc.array(operationSpec, { minLength: 1, maxLength: 40, size: 'max' }),
        (limits, doc, specs) => {
          // Each operation is made for the document the ones before it leave, so most apply and copies compound.
          const operations: JsonPatchOperation[] = [];
          let current: unknown = doc;
          for (const spec of specs) {
            const operation = operationIn(current, spec);
            operations.push(operation);
            try {
              current = applyJsonPatch(current, [operation], limits);
            } catch {
              // refused: the next operations are made for the document as it was
            }
          }
          const start = jsonSize(doc, { maxNodes: Infinity, maxBytes: Infinity }, Infinity) as { nodes: number; bytes: number };
          const heapBefore = process.memoryUsage().heapUsed;
          const started = performance.now();
          let result: unknown;
          let thrown: unknown;
          try {
            result = applyJsonPatch(doc, operations, limits);
          } catch (error) {
            thrown = error;
          }
          const ms = performance.now() - started;
          // Generous safety nets: without the bounds, 40 copies double a document 40 times.
          expect(ms).toBeLessThan(1000);
          expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
          if (thrown !== undefined) {
            expect(thrown).toBeInstanceOf(GatewayError);
            const { code, argumentName } = (thrown as GatewayError).extensions as { code: string; argumentName: string };
            expect(code === 'BAD_USER_INPUT' || code === 'CONFLICT', `code ${code}`).toBe(true);
            const index = Number(/^operations\[(\d+)\]/.exec(argumentName)![1]);
            if (code === 'CONFLICT') expect(operations[index]!.op).toBe('test');
          } else {
            expect(countNodes(result)).toBeLessThanOrEqual(Math.max(limits.maxNodes, start.nodes));
            expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThanOrEqual(Math.max(limits.maxBytes, start.bytes));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
