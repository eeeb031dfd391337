/**
 * The bounds of the JSON Patch engine (issue 15): a patch is bounded by what it produces. Unit tests of the
 * doubling patch, oversized and too deeply nested values, documents the source already holds above the bounds and
 * the settings; `jsonSize` checked against JSON.stringify; and a property test: random patches (copy, move, add…
 * with paths into a random document) under small limits never produce a document over them, only ever fail with
 * BAD_USER_INPUT or CONFLICT, and each run stays within a generous time and heap bound.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyJsonPatch,
  checkPatchValues,
  jsonSize,
  DEFAULT_PATCH_LIMITS,
  MAX_PATCH_DEPTH,
  PATCH_WORK_FACTOR,
  type JsonPatchOperation,
  type PatchLimits,
  type PatchWork,
} from '../../src/graph/jsonPatch.js';
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
    const { code, message } = refusal(() => applyJsonPatch(doc, doubling(25), { maxNodes: 1_000_000, maxBytes: 64 * 1024, maxOperations: 100 }));
    expect(code).toBe('BAD_USER_INPUT');
    expect(message).toBe(`operations[6]: the patched document would be over the patch bound: more than ${64 * 1024} bytes of JSON.`);
  });

  it('applies the same doubling while it fits the bound', () => {
    const patched = applyJsonPatch({ a: ['abc'] }, doubling(8), { maxNodes: 1000, maxBytes: 64 * 1024, maxOperations: 100 });
    expect(countNodes(patched)).toBe(1 + 2 ** 9);
  });

  it.each<[string, unknown, PatchLimits]>([
    ['more JSON values than the bound', Array.from({ length: 10_000 }, () => 0), DEFAULT_PATCH_LIMITS],
    ['more bytes than the bound', 'x'.repeat(1024 * 1024), DEFAULT_PATCH_LIMITS],
    ['more bytes than a configured bound', { text: 'x'.repeat(2000) }, { maxNodes: 100, maxBytes: 2000, maxOperations: 100 }],
  ])('refuses a value with %s before applying anything', (_what, value, limits) => {
    for (const op of ['add', 'replace', 'test'] as const) {
      const { code, argumentName, message } = refusal(() =>
        applyJsonPatch(
          { a: 1, b: 2 },
          [
            { op: 'remove', path: '/b' },
            { op, path: '/a', value },
          ],
          limits,
        ),
      );
      expect(code).toBe('BAD_USER_INPUT');
      expect(argumentName).toBe('operations[1].value');
      expect(message).toMatch(/^operations\[1\]: value is over the patch bound: more than \d+ (JSON values|bytes of JSON)\.$/);
      expect(
        refusal(() => {
          checkPatchValues([{ op, path: '/a', value }], limits);
        }).argumentName,
      ).toBe('operations[0].value');
    }
  });

  it('refuses a value nested deeper than the bound as BAD_USER_INPUT, not a stack overflow', () => {
    const { code, message } = refusal(() => applyJsonPatch({ a: 1 }, [{ op: 'add', path: '/b', value: nested(20_000) }]));
    expect(code).toBe('BAD_USER_INPUT');
    expect(message).toBe(`operations[0]: value is over the patch bound: nested more than ${MAX_PATCH_DEPTH} levels deep.`);
  });

  it('lets a document the source already holds above the bounds be patched, but not grown', () => {
    const limits = { maxNodes: 10, maxBytes: 100, maxOperations: 100 };
    const doc = { big: 'x'.repeat(500), small: 1 };
    expect(
      applyJsonPatch(
        doc,
        [
          { op: 'replace', path: '/small', value: 2 },
          { op: 'remove', path: '/big' },
        ],
        limits,
      ),
    ).toEqual({ small: 2 });
    expect(applyJsonPatch(doc, [{ op: 'replace', path: '/big', value: 'y'.repeat(50) }], limits)).toEqual({ big: 'y'.repeat(50), small: 1 });
    const grown = refusal(() => applyJsonPatch(doc, [{ op: 'add', path: '/more', value: 12345 }], limits));
    expect(grown.message).toBe(`operations[0]: the patched document would be over the patch bound: more than ${JSON.stringify(doc).length} bytes of JSON.`);
  });

  it('reads the bounds from GATEWAY_PATCH_MAX_NODES, GATEWAY_PATCH_MAX_BYTES and GATEWAY_PATCH_MAX_OPERATIONS, and refuses bad ones', () => {
    expect(loadConfig({}).patch).toEqual({ maxNodes: 10_000, maxBytes: 1024 * 1024, maxOperations: 100 });
    expect(loadConfig({ GATEWAY_PATCH_MAX_NODES: '500', GATEWAY_PATCH_MAX_BYTES: '16384', GATEWAY_PATCH_MAX_OPERATIONS: '7' }).patch).toEqual({
      maxNodes: 500,
      maxBytes: 16384,
      maxOperations: 7,
    });
    for (const env of [
      { GATEWAY_PATCH_MAX_NODES: '0' },
      { GATEWAY_PATCH_MAX_BYTES: 'lots' },
      { GATEWAY_PATCH_MAX_BYTES: '12' },
      { GATEWAY_PATCH_MAX_OPERATIONS: '0' },
      { GATEWAY_PATCH_MAX_OPERATIONS: '1.5' },
    ]) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(Object.keys(env)[0]!);
    }
  });
});

/** The review's patch (issue 15, F3): a large value, then `copies` copies of it into one place, then two removes. */
function copiesOfALargeValue(copies: number, value: unknown = 'x'.repeat(400_000)): JsonPatchOperation[] {
  return [
    { op: 'add', path: '/metadata/big', value },
    ...Array.from({ length: copies }, () => ({ op: 'copy', from: '/metadata/big', path: '/metadata/c' }) as const),
    { op: 'remove', path: '/metadata/big' },
    { op: 'remove', path: '/metadata/c' },
  ];
}

describe('JSON Patch: bounded in length and in work', () => {
  it('refuses more operations than the bound before applying any, naming operations', () => {
    const ops = (n: number): JsonPatchOperation[] => Array.from({ length: n }, () => ({ op: 'test', path: '/a', value: 1 }));
    expect(applyJsonPatch({ a: 1 }, ops(100))).toEqual({ a: 1 });
    for (const run of [
      () => applyJsonPatch({ a: 1 }, ops(101)),
      () => {
        checkPatchValues(ops(101), DEFAULT_PATCH_LIMITS);
      },
      () => applyJsonPatch({ a: 1 }, ops(3000)),
    ]) {
      expect(refusal(run)).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'operations', message: 'operations may hold at most 100 operations.' });
    }
    const limits = { ...DEFAULT_PATCH_LIMITS, maxOperations: 3 };
    expect(applyJsonPatch({ a: 1 }, ops(3), limits)).toEqual({ a: 1 });
    expect(refusal(() => applyJsonPatch({ a: 1 }, ops(4), limits)).message).toBe('operations may hold at most 3 operations.');
  });

  it.each([
    ['a string', 'x'.repeat(400_000)],
    ['an object', { text: 'x'.repeat(400_000), list: Array.from({ length: 100 }, (_, i) => i) }],
  ])('refuses copies of a large value (%s) into one place at the operation that crosses the work bound, having done O(bound) work', (_what, value) => {
    const work: PatchWork = { nodes: 0, bytes: 0 };
    const { code, argumentName, message } = refusal(() => applyJsonPatch({ metadata: {} }, copiesOfALargeValue(97, value), DEFAULT_PATCH_LIMITS, work));
    expect(code).toBe('BAD_USER_INPUT');
    // Each copy handles ~400 KB: the add and 9 copies fit 4 MiB, the 10th copy does not.
    expect(argumentName).toBe('operations[10]');
    expect(message).toBe(
      `operations[10]: the patch is over its work bound: the values it adds, replaces, tests, copies and moves add up to more than ${PATCH_WORK_FACTOR * 1024 * 1024} bytes of JSON (${PATCH_WORK_FACTOR} times the patch bound).`,
    );
    expect(work.bytes).toBeGreaterThan(4 * 400_000);
    expect(work.bytes).toBeLessThan(20 * DEFAULT_PATCH_LIMITS.maxBytes);
  });

  it('applies the same copies while they fit the work bound, and counts the work', () => {
    const work: PatchWork = { nodes: 0, bytes: 0 };
    expect(applyJsonPatch({ metadata: {} }, copiesOfALargeValue(8), DEFAULT_PATCH_LIMITS, work)).toEqual({ metadata: {} });
    expect(work.bytes).toBeGreaterThan(9 * 400_000);
  });

  it('lets a patch test and replace a value near the bound (twice its size is well within the work bound)', () => {
    const doc = { config: { text: 'x'.repeat(900_000) } };
    const patched = applyJsonPatch(doc, [
      { op: 'test', path: '/config', value: { text: 'x'.repeat(900_000) } },
      { op: 'replace', path: '/config', value: { text: 'y'.repeat(900_000) } },
    ]);
    expect(patched).toEqual({ config: { text: 'y'.repeat(900_000) } });
  });

  it('refuses operations of the wrong shape as fast-json-patch’s validator did, naming them', () => {
    for (const operation of [
      null,
      [],
      'add',
      { path: '/a', value: 1 },
      { op: 'add', value: 1 },
      { op: 'add', path: 5, value: 1 },
      { op: 'copy', path: '/b' },
      { op: 'move', path: '/b', from: null },
      { op: 'add', path: '/b' },
      { op: 'test', path: '/a', value: undefined },
    ]) {
      const { code, argumentName, message } = refusal(() => applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 1 }, operation as never]));
      expect({ code, argumentName }, JSON.stringify(operation)).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'operations[1]' });
      expect(message).toMatch(/^operations\[1\]: [^\n]+[^.]\.$/);
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
    expect(
      applyJsonPatch(doc, [
        { op: 'test', path: '/metadata', value: same },
        { op: 'replace', path: '/metadata/target', value: 'x' },
      ]),
    ).toEqual({ metadata: { target: 'x', nested: { on: true } } });
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
    expect(jsonSize({ 'k"\n': ['é', '\u0001', '😀', '\ud800'] }, HUGE)).toEqual({
      nodes: 6,
      bytes: Buffer.byteLength(JSON.stringify({ 'k"\n': ['é', '\u0001', '😀', '\ud800'] })),
      depth: 3,
    });
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
function locations(value: unknown, pointer = '', out: { pointer: string; value: unknown }[] = []): { pointer: string; value: unknown }[] {
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
  const below = Array.isArray(target.value)
    ? typeof slot === 'number'
      ? String(Math.min(slot, target.value.length))
      : '-'
    : typeof slot === 'string' && slot !== '-'
      ? slot
      : 'k';
  const to = typeof target.value === 'object' && target.value !== null ? `${target.pointer}/${below}` : target.pointer;
  if (op === 'add') return { op, path: to, value };
  if (op === 'copy of the root') return { op: 'copy', path: to, from: '' };
  return { op, path: to, from: pick(op === 'copy' ? all : inner, from).pointer };
}

/** Sizes as JSON.stringify sees them, independently of jsonSize. */
function sizes(value: unknown): { nodes: number; bytes: number } {
  return { nodes: countNodes(value), bytes: Buffer.byteLength(JSON.stringify(value)) };
}

const HUGE_LIMITS: PatchLimits = { maxNodes: Number.MAX_SAFE_INTEGER, maxBytes: Number.MAX_SAFE_INTEGER, maxOperations: Number.MAX_SAFE_INTEGER };

/**
 * The patch applied one operation at a time without bounds, each result measured in full: the first operation that
 * fails (and its code), or the first that leaves a document over `bounds` ('over'); undefined when none does.
 */
function reference(
  doc: unknown,
  operations: readonly JsonPatchOperation[],
  bounds: { nodes: number; bytes: number },
): { index: number; code: string } | undefined {
  let current = doc;
  for (let index = 0; index < operations.length; index += 1) {
    try {
      current = applyJsonPatch(current, [operations[index]!], HUGE_LIMITS);
    } catch (error) {
      return { index, code: String((error as GatewayError).extensions.code) };
    }
    const size = sizes(current);
    if (size.nodes > bounds.nodes || size.bytes > bounds.bytes) return { index, code: 'over' };
  }
  return undefined;
}

/**
 * What a patch run must show: an outcome that agrees with `reference` (the engine keeps the document's size exactly:
 * it refuses at the first operation that really crosses a bound, and only there), a result within the bounds, and
 * at most a small multiple of the bounds in work (see the module comment of jsonPatch.ts: O(bounds), not
 * O(operations × document)).
 */
function expectBoundedRun(doc: unknown, operations: readonly JsonPatchOperation[], limits: PatchLimits): void {
  const start = sizes(doc);
  const bounds = { nodes: Math.max(limits.maxNodes, start.nodes), bytes: Math.max(limits.maxBytes, start.bytes) };
  const work: PatchWork = { nodes: 0, bytes: 0 };
  let result: unknown;
  let thrown: unknown;
  try {
    result = applyJsonPatch(doc, operations, limits, work);
  } catch (error) {
    thrown = error;
  }
  expect(work.nodes).toBeGreaterThanOrEqual(start.nodes);
  expect(work.nodes).toBeLessThanOrEqual(25 * bounds.nodes);
  expect(work.bytes).toBeLessThanOrEqual(25 * bounds.bytes);
  const expected = reference(doc, operations, bounds);
  if (thrown === undefined) {
    expect(expected).toBeUndefined();
    expect(sizes(result).nodes).toBeLessThanOrEqual(bounds.nodes);
    expect(sizes(result).bytes).toBeLessThanOrEqual(bounds.bytes);
    return;
  }
  expect(thrown).toBeInstanceOf(GatewayError);
  const { code, argumentName } = (thrown as GatewayError).extensions as { code: string; argumentName: string };
  const { message } = thrown as GatewayError;
  const index = Number(/^operations\[(\d+)\]/.exec(argumentName)![1]);
  if (code === 'CONFLICT') expect(operations[index]!.op).toBe('test');
  if (/: (value is over the patch bound|the patch is over its work bound): /.test(message)) {
    // Bounds of the values and of the work come before (or without) what the document would become.
    expect(index).toBeLessThanOrEqual(expected?.index ?? Infinity);
  } else {
    expect({ index, code: message.includes('would be over the patch bound') ? 'over' : code }, message).toEqual(expected);
  }
}

describe('JSON Patch bounds: property', () => {
  it('random patches refuse exactly at the operation that crosses a bound, fail only as BAD_USER_INPUT or CONFLICT, in O(bounds) work, time and heap', () => {
    fc.assert(
      fc.property(
        fc.record({ maxNodes: fc.integer({ min: 10, max: 400 }), maxBytes: fc.integer({ min: 100, max: 6000 }), maxOperations: fc.constant(100) }),
        fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
        fc.array(operationSpec, { minLength: 1, maxLength: 100, size: 'max' }),
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
          const heapBefore = process.memoryUsage().heapUsed;
          const started = performance.now();
          expectBoundedRun(doc, operations, limits);
          // Generous safety nets: without the bounds, 100 copies double a document 100 times.
          expect(performance.now() - started).toBeLessThan(1000);
          expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps the size exactly: a patch passes under bounds at its largest document, and is refused one value or one byte below, where it crosses', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
        fc.array(operationSpec, { minLength: 1, maxLength: 60 }),
        (doc, specs) => {
          const operations: JsonPatchOperation[] = [];
          const states = [sizes(doc)];
          let current: unknown = doc;
          for (const spec of specs) {
            const operation = operationIn(current, spec);
            try {
              current = applyJsonPatch(current, [operation], { maxNodes: 300, maxBytes: 4000, maxOperations: 1 });
            } catch {
              continue; // only operations that apply: the sizes below are those of the whole patch
            }
            operations.push(operation);
            states.push(sizes(current));
          }
          const peak = { nodes: Math.max(...states.map((s) => s.nodes)), bytes: Math.max(...states.map((s) => s.bytes)) };
          const run = (maxNodes: number, maxBytes: number) => refusal(() => applyJsonPatch(doc, operations, { maxNodes, maxBytes, maxOperations: 100 }));
          const overWork = (r: { message: string }) => r.message.includes(' the patch is over its work bound: ');
          const atPeak = run(peak.nodes, peak.bytes);
          if (!overWork(atPeak)) expect(atPeak.code, atPeak.message).toBe('no error');
          for (const [bound, nodes, bytes] of [
            ['nodes', peak.nodes - 1, peak.bytes],
            ['bytes', peak.nodes, peak.bytes - 1],
          ] as const) {
            if (states[0]![bound] === peak[bound]) continue; // the document itself is the largest: it may be patched within its own size
            const crossing = states.findIndex((s) => s[bound] > (bound === 'nodes' ? nodes : bytes)) - 1;
            const below = run(nodes, bytes);
            if (overWork(below) || below.message.includes(' value is over the patch bound: ')) continue;
            expect(below.message).toBe(
              `operations[${crossing}]: the patched document would be over the patch bound: more than ${bound === 'nodes' ? `${nodes} JSON values` : `${bytes} bytes of JSON`}.`,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  /** One operation of a patch as large as a request body allows: mostly copies, moves and tests of large values. */
  const largeSpec = fc.record({
    op: fc.constantFrom('copy big', 'copy big', 'copy list', 'copy list', 'move', 'test big', 'add', 'replace', 'remove'),
    target: fc.constantFrom('c', 'd', 'big', 'list'),
    text: fc.nat({ max: 1000 }),
  });

  it('patches of up to the most operations, as large as a request body allows, under the default bounds: refused or applied in O(bounds) work', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 700_000 }),
        fc.nat({ max: 3000 }),
        fc.array(largeSpec, { minLength: 90, maxLength: DEFAULT_PATCH_LIMITS.maxOperations }),
        (bigLength, listLength, specs) => {
          const doc = { metadata: { big: 'x'.repeat(bigLength), list: Array.from({ length: listLength }, (_, i) => ({ i })) } };
          const operations = specs.map(({ op, target, text }): JsonPatchOperation => {
            const path = `/metadata/${target}`;
            if (op === 'copy big') return { op: 'copy', from: '/metadata/big', path };
            if (op === 'copy list') return { op: 'copy', from: '/metadata/list', path };
            if (op === 'move') return { op: 'move', from: '/metadata/big', path };
            if (op === 'test big') return { op: 'test', path: '/metadata/big', value: 'x'.repeat(text) };
            if (op === 'remove') return { op, path };
            return { op, path, value: 'y'.repeat(text) };
          });
          // Within the default body limit (1 MiB of JSON request).
          expect(Buffer.byteLength(JSON.stringify(operations))).toBeLessThan(1024 * 1024);
          const started = performance.now();
          expectBoundedRun(doc, operations, DEFAULT_PATCH_LIMITS);
          expect(performance.now() - started).toBeLessThan(5000); // a very generous safety net: the review saw 30 s
        },
      ),
      { numRuns: 15 },
    );
  });
});
