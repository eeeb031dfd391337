/**
 * The JSON Patch conformance suite (json-patch/json-patch-tests, vendored in ../fixtures/json-patch-tests/: see its
 * README.md) run through applyJsonPatch: every enabled case either gives `expected` or is refused with a
 * GatewayError, and the input document (and patch) are never changed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyJsonPatch, type JsonPatchOperation } from '../../src/graph/jsonPatch.js';
import { GatewayError } from '../../src/errors/classes.js';

interface ConformanceCase {
  comment?: string;
  doc: unknown;
  patch: JsonPatchOperation[];
  expected?: unknown;
  error?: string;
  disabled?: boolean;
}

function load(file: string): ConformanceCase[] {
  return JSON.parse(readFileSync(new URL(`../fixtures/json-patch-tests/${file}`, import.meta.url), 'utf8')) as ConformanceCase[];
}

/** File, total cases, enabled cases expecting a document, enabled cases expecting an error (see the README.md beside them). */
const SUITES = [
  { file: 'tests.json', total: 95, expected: 62, errors: 30 },
  { file: 'spec_tests.json', total: 17, expected: 12, errors: 4 },
] as const;

describe.each(SUITES)('JSON Patch conformance: $file', ({ file, total, expected, errors }) => {
  const cases = load(file);
  const enabled = cases.flatMap((c, index) => (c.disabled === true ? [] : [[`#${index} ${c.comment ?? '(no comment)'}`, c] as [string, ConformanceCase]]));

  it('has the known number of enabled cases', () => {
    expect(cases).toHaveLength(total);
    expect(enabled.filter(([, c]) => 'expected' in c && !('error' in c))).toHaveLength(expected);
    expect(enabled.filter(([, c]) => 'error' in c && !('expected' in c))).toHaveLength(errors);
    expect(enabled).toHaveLength(expected + errors);
  });

  it.each(enabled)('%s', (_name, c) => {
    const docBefore = structuredClone(c.doc);
    const patchBefore = structuredClone(c.patch);
    if ('error' in c) {
      let thrown: unknown;
      try {
        applyJsonPatch(c.doc, c.patch);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, `should be refused: ${c.error}`).toBeInstanceOf(GatewayError);
      const { code, argumentName } = (thrown as GatewayError).extensions as { code: string; argumentName: string };
      expect(argumentName).toMatch(/^operations\[\d+\]$/);
      // CONFLICT only ever comes from a failed `test`.
      const failed = c.patch[Number(/\d+/.exec(argumentName)![0])];
      expect(code === 'BAD_USER_INPUT' || (code === 'CONFLICT' && failed?.op === 'test'), `code ${code}`).toBe(true);
    } else {
      expect(applyJsonPatch(c.doc, c.patch)).toStrictEqual(c.expected);
    }
    expect(c.doc).toStrictEqual(docBefore);
    expect(c.patch).toStrictEqual(patchBefore);
  });
});

/** What fast-json-patch 3.1.1 alone got wrong outside the suite (see the comment of src/graph/jsonPatch.ts). */
describe('JSON Patch: checks beyond the suite', () => {
  function codeOf(fn: () => unknown): unknown {
    try {
      fn();
    } catch (error) {
      return error instanceof GatewayError ? error.extensions.code : `not a GatewayError: ${String(error)}`;
    }
    return 'no error';
  }

  it.each<[string, unknown, JsonPatchOperation[]]>([
    ['remove of the whole document', { a: 1 }, [{ op: 'remove', path: '' }]],
    ['move from a missing location to the root', { a: 1 }, [{ op: 'move', from: '/missing', path: '' }]],
    ['copy from a missing location to the root', { a: 1 }, [{ op: 'copy', from: '/x/y', path: '' }]],
    ['move of the root into a child', { a: {} }, [{ op: 'move', from: '', path: '/a/b' }]],
    ['move into its own child', { a: {} }, [{ op: 'move', from: '/a', path: '/a/b' }]],
    ['op _get', { a: 1 }, [{ op: '_get' as 'test', path: '/a' }]],
    ['op constructor', { a: 1 }, [{ op: 'constructor' as 'test', path: '/a' }]],
    ['remove of an inherited member', { a: 1 }, [{ op: 'remove', path: '/toString' }]],
    ['replace of an inherited member', { a: 1 }, [{ op: 'replace', path: '/constructor', value: 1 }]],
    ['add of __proto__', { a: 1 }, [{ op: 'add', path: '/__proto__', value: { x: 1 } }]],
    ['a bad ~ escape', { a: 1 }, [{ op: 'add', path: '/b~2', value: 1 }]],
    ['from without a leading slash', { a: 1 }, [{ op: 'copy', from: 'a', path: '/b' }]],
    ['add at a leading-zero index', [1, 2], [{ op: 'add', path: '/01', value: 0 }]],
    ['"-" before the last token', [[1]], [{ op: 'add', path: '/-/0', value: 0 }]],
  ])('refuses %s with BAD_USER_INPUT', (_name, doc, patch) => {
    expect(codeOf(() => applyJsonPatch(doc, patch))).toBe('BAD_USER_INPUT');
  });

  it('keeps a test of a missing member or element a failed test', () => {
    expect(codeOf(() => applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/b', value: 1 }]))).toBe('CONFLICT');
    expect(codeOf(() => applyJsonPatch([1], [{ op: 'test', path: '/1', value: 1 }]))).toBe('CONFLICT');
    expect(codeOf(() => applyJsonPatch([1], [{ op: 'test', path: '/-', value: 1 }]))).toBe('CONFLICT');
  });

  it('moves and copies to and from the root', () => {
    expect(applyJsonPatch({ a: { b: 2 } }, [{ op: 'move', from: '/a', path: '' }])).toStrictEqual({ b: 2 });
    expect(applyJsonPatch({ a: 1 }, [{ op: 'copy', from: '', path: '/b' }])).toStrictEqual({ a: 1, b: { a: 1 } });
  });

  it('never changes the values of the operations', () => {
    const value = { b: 1 };
    const result = applyJsonPatch<Record<string, unknown>>({}, [
      { op: 'add', path: '/a', value },
      { op: 'add', path: '/a/c', value: 2 },
    ]);
    expect(result).toStrictEqual({ a: { b: 1, c: 2 } });
    expect(value).toStrictEqual({ b: 1 });
    expect(result.a).not.toBe(value);
  });
});
