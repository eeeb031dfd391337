/**
 * Bounds of the JSON values a caller sends in `JSON` and `JSONObject` arguments: nested at most so deep, and at
 * most so many values, so that nothing the gateway does with them (merging, checking, serialising for a source)
 * can overflow the stack or take long. Only plain JSON passes (no other objects, such as an upload mapped into
 * a JSON variable), and no object key `__proto__`: JSON.parse makes it an own key, but the gateway's code (and any
 * library) that copies a value by assignment would set an object's prototype with it, and no source's settings use
 * it. Checked without recursion. Pure functions. Internal module.
 */
import { BadUserInputError } from '../errors/classes.js';
import { isWellFormed } from './ids.js';

export interface JsonInputLimits {
  /** Deepest nesting of objects and arrays (a scalar alone is depth 0, `{"a":1}` depth 1). */
  maxDepth: number;
  /** Most values in one argument, every object, array, key's value and element counted. */
  maxValues: number;
}

/** Far above what any connector config, metadata or patch value needs. */
export const JSON_INPUT_LIMITS: JsonInputLimits = { maxDepth: 32, maxValues: 10_000 };

/**
 * Checks a JSON value a caller sent as a `typeName` scalar: plain JSON (null, booleans, finite numbers,
 * well-formed strings, arrays, plain objects without a `__proto__` key) within `limits`. Refuses with
 * BAD_USER_INPUT; GraphQL puts the variable (or the argument's position) in front of the message.
 */
export function checkJsonInput(value: unknown, typeName: string, limits: JsonInputLimits = JSON_INPUT_LIMITS): void {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  let count = 0;
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value: v, depth } = next;
    if (++count > limits.maxValues) throw new BadUserInputError(`A ${typeName} value may hold at most ${limits.maxValues} values.`);
    // undefined: an optional variable left out inside a literal (`{a: $v}`); JSON leaves it out too.
    if (v === null || v === undefined || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new BadUserInputError(`A ${typeName} value holds a number that is not finite.`);
      continue;
    }
    if (typeof v === 'string') {
      if (!isWellFormed(v)) throw notWellFormed(typeName);
      continue;
    }
    if (typeof v !== 'object') throw new BadUserInputError(`A ${typeName} value must be JSON.`);
    if (depth === limits.maxDepth) throw new BadUserInputError(`A ${typeName} value may be nested at most ${limits.maxDepth} levels deep.`);
    if (Array.isArray(v)) {
      for (const item of v) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw new BadUserInputError(`A ${typeName} value must be JSON.`);
    for (const key of Object.keys(v)) {
      if (!isWellFormed(key)) throw notWellFormed(typeName);
      if (key === '__proto__') throw new BadUserInputError(`A ${typeName} value may not hold a "__proto__" key.`);
      stack.push({ value: (v as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
}

function notWellFormed(typeName: string): BadUserInputError {
  return new BadUserInputError(`A ${typeName} value holds a string that is not well-formed Unicode (a lone surrogate).`);
}
