/** fieldNamedIn: which field a source's refusal names (the create page marks and focuses it). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldNamedIn } from '../../console/src/fieldNames.js';

describe('fieldNamedIn', () => {
  it('finds a key named as a whole word, in the order the keys are given', () => {
    expect(fieldNamedIn('The config does not fit: clientId is required; scope must be a text.', ['scope', 'clientId'])).toBe('scope');
    expect(fieldNamedIn('metadata.target must be a text.', ['target', 'metadata.target'])).toBe('metadata.target');
    expect(fieldNamedIn('(clientSecret) is required.', ['clientSecret'])).toBe('clientSecret');
  });

  it('does not find a key inside a longer name', () => {
    expect(fieldNamedIn('metadata.target must be a text.', ['target'])).toBeUndefined();
    expect(fieldNamedIn('displayName is too long.', ['name'])).toBeUndefined();
    expect(fieldNamedIn('client-id is wrong; clientIdX too.', ['client', 'clientId'])).toBeUndefined();
    expect(fieldNamedIn('metadata.name.en is required.', ['metadata.name.en', 'metadata.name'])).toBe('metadata.name.en');
    expect(fieldNamedIn('metadata.name.en is required.', ['metadata.name'])).toBeUndefined();
  });

  it('treats a key as text, never as a pattern, and finds only keys it was given (any message, any keys)', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string({ maxLength: 12 }), { maxLength: 6 }), (message, keys) => {
        const found = fieldNamedIn(message, keys);
        if (found !== undefined) {
          expect(keys).toContain(found);
          expect(message).toContain(found);
        }
      }),
    );
    expect(fieldNamedIn('a+b is wrong', ['a+b'])).toBe('a+b');
    expect(fieldNamedIn('aab is wrong', ['a+b'])).toBeUndefined();
    expect(fieldNamedIn('anything', ['.*'])).toBeUndefined();
  });

  it('finds a key set into any message between separators', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][A-Za-z0-9]{0,10}$/), fc.string(), fc.string(), (key, before, after) => {
        expect(fieldNamedIn(`${before} ${key} ${after}`, [key])).toBe(key);
      }),
    );
  });
});
