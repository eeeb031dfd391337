/**
 * An own `__proto__` key (JSON.parse makes one from `{"__proto__": …}`, and so does the JSON body of a GraphQL
 * request): the JSON scalars refuse it in an argument, and mergeObject and keepSecrets keep it as data wherever it
 * still comes from (a source's own JSON), never setting an object's prototype.
 */
import { describe, expect, it } from 'vitest';
import type { GraphQLScalarType } from 'graphql';
import { GatewayError } from '../../src/errors/classes.js';
import { checkJsonInput } from '../../src/graph/jsonInput.js';
import { keepSecrets, mergeObject } from '../../src/graph/merge.js';
import { looksSecret } from '../../src/graph/settings.js';
import { createSchema } from '../../src/schema.js';

const proto = (json: string) => JSON.parse(json) as Record<string, unknown>;

describe('mergeObject and keepSecrets with an own __proto__ key', () => {
  it('mergeObject keeps it as a key: the merged object keeps its prototype', () => {
    const merged = mergeObject({ a: 1 }, proto('{"__proto__": {"polluted": true}, "b": 2}'));
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect((merged as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.hasOwn(merged, '__proto__')).toBe(true);
    expect(JSON.parse(JSON.stringify(merged))).toEqual(proto('{"a": 1, "__proto__": {"polluted": true}, "b": 2}'));
    expect(JSON.stringify(merged)).toBe('{"a":1,"__proto__":{"polluted":true},"b":2}');
  });

  it('mergeObject removes it with null, and reads a stored one as data', () => {
    const stored = proto('{"__proto__": {"x": 1}, "a": 1}');
    expect(JSON.stringify(mergeObject(stored, proto('{"__proto__": null}')))).toBe('{"a":1}');
    // The patch's value is merged over the stored key, not over Object.prototype.
    const merged = mergeObject(stored, proto('{"__proto__": {"apiKey": null, "y": 2}}'), looksSecret);
    expect(JSON.stringify(merged)).toBe('{"__proto__":{"apiKey":null,"y":2},"a":1}');
  });

  it('keepSecrets keeps it as a key at any depth, and puts a stored secret back under it', () => {
    const stored = proto('{"nested": {"__proto__": {"apiKey": "stored-secret", "y": 1}}}');
    const kept = keepSecrets(proto('{"nested": {"__proto__": {"apiKey": null, "y": 2}}}'), stored, looksSecret) as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(kept.nested)).toBe(Object.prototype);
    expect(JSON.stringify(kept)).toBe('{"nested":{"__proto__":{"apiKey":"stored-secret","y":2}}}');
  });
});

describe('the JSON scalars refuse an own __proto__ key', () => {
  function refusal(fn: () => unknown): { code: unknown; message: string } | undefined {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayError);
      return { code: (error as GatewayError).extensions.code, message: (error as Error).message };
    }
    return undefined;
  }

  it('checkJsonInput: BAD_USER_INPUT at any depth; other keys that name Object.prototype members are data', () => {
    for (const json of ['{"__proto__": {}}', '{"a": [{"b": {"__proto__": 1}}]}', '[{"__proto__": null}]']) {
      expect(
        refusal(() => {
          checkJsonInput(JSON.parse(json), 'JSONObject');
        }),
        json,
      ).toEqual({
        code: 'BAD_USER_INPUT',
        message: 'A JSONObject value may not hold a "__proto__" key.',
      });
    }
    expect(
      refusal(() => {
        checkJsonInput(proto('{"constructor": {"prototype": 1}, "toString": "x", "hasOwnProperty": 1}'), 'JSON');
      }),
    ).toBeUndefined();
  });

  it('the schema scalars refuse it in variables', () => {
    const schema = createSchema();
    for (const name of ['JSON', 'JSONObject']) {
      const scalar = schema.getType(name) as GraphQLScalarType;
      expect(refusal(() => scalar.parseValue(proto('{"a": {"__proto__": {"x": 1}}}')))?.code).toBe('BAD_USER_INPUT');
    }
  });
});
