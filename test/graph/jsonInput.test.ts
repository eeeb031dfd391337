/**
 * The bound on JSON arguments: depth, number of values, plain JSON only; checked without recursion, and applied to
 * the schema's JSON and JSONObject scalars for variables (parseValue) and literals (parseLiteral) alike.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseValue, type GraphQLScalarType } from 'graphql';
import { checkJsonInput, JSON_INPUT_LIMITS } from '../../src/graph/jsonInput.js';
import { createSchema } from '../../src/schema.js';
import { GatewayError } from '../../src/errors/classes.js';

/** A value nested `depth` levels deep: objects and arrays in turn, an object outermost. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = depth; i > 0; i--) value = i % 2 ? { a: value } : [value];
  return value;
}

function refusal(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).extensions.code).toBe('BAD_USER_INPUT');
    return (error as Error).message;
  }
  return undefined;
}

describe('checkJsonInput', () => {
  it('accepts JSON up to the depth and size bounds', () => {
    expect(
      refusal(() => {
        checkJsonInput(nested(JSON_INPUT_LIMITS.maxDepth), 'JSON');
      }),
    ).toBeUndefined();
    expect(
      refusal(() => {
        checkJsonInput({ a: [1, 'x', null, true, { b: -1.5 }], c: {} }, 'JSONObject');
      }),
    ).toBeUndefined();
    expect(
      refusal(() => {
        checkJsonInput(
          Array.from({ length: JSON_INPUT_LIMITS.maxValues - 1 }, () => 0),
          'JSON',
        );
      }),
    ).toBeUndefined();
  });

  it('refuses one level deeper, more values, and what is not plain JSON, in sentences', () => {
    expect(
      refusal(() => {
        checkJsonInput(nested(JSON_INPUT_LIMITS.maxDepth + 1), 'JSON');
      }),
    ).toBe('A JSON value may be nested at most 32 levels deep.');
    expect(
      refusal(() => {
        checkJsonInput(
          Array.from({ length: JSON_INPUT_LIMITS.maxValues }, () => 0),
          'JSON',
        );
      }),
    ).toBe('A JSON value may hold at most 10000 values.');
    expect(
      refusal(() => {
        checkJsonInput({ a: new Date() }, 'JSONObject');
      }),
    ).toBe('A JSONObject value must be JSON.');
    expect(
      refusal(() => {
        checkJsonInput({ a: Infinity }, 'JSON');
      }),
    ).toBe('A JSON value holds a number that is not finite.');
    expect(
      refusal(() => {
        checkJsonInput({ a: 'x\uD800' }, 'JSON');
      }),
    ).toBe('A JSON value holds a string that is not well-formed Unicode (a lone surrogate).');
    expect(
      refusal(() => {
        checkJsonInput({ ['\uDC00']: 1 }, 'JSON');
      }),
    ).toMatch(/lone surrogate/);
  });

  it('checks values far deeper than the stack without overflowing it', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(
      refusal(() => {
        checkJsonInput(deep, 'JSON');
      }),
    ).toMatch(/at most 32 levels/);
  });

  it('property: whatever JSON it accepts serialises and stays within the bounds', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 40 }), (value) => {
        if (
          refusal(() => {
            checkJsonInput(value, 'JSON');
          }) !== undefined
        )
          return;
        expect(() => JSON.stringify(value)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});

describe('the schema’s JSON scalars', () => {
  const schema = createSchema();
  const scalars = ['JSON', 'JSONObject'].map((name) => schema.getType(name) as GraphQLScalarType);

  it.each(scalars.map((s) => [s.name, s] as const))('%s: bounds variables (parseValue) and literals (parseLiteral)', (_name, scalar) => {
    expect(refusal(() => scalar.parseValue(nested(33)))).toMatch(/at most 32 levels deep/);
    expect(scalar.parseValue(nested(32))).toEqual(nested(32));
    const literal = (depth: number) => parseValue('{a: '.repeat(depth) + '1' + ' }'.repeat(depth));
    expect(refusal(() => scalar.parseLiteral(literal(33), undefined))).toMatch(/at most 32 levels deep/);
    expect(refusal(() => scalar.parseLiteral(literal(32), undefined))).toBeUndefined();
    // A variable inside a literal is bounded too.
    expect(refusal(() => scalar.parseLiteral(parseValue('{a: $v}'), { v: nested(32) }))).toMatch(/at most 32 levels deep/);
  });
});
