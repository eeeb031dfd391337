/**
 * Ids are names, never paths: each vendor's id rule refuses what could steer a URL elsewhere (empty, dot segments,
 * separators, escapes, control characters, lone surrogates, over-long values) and accepts every real id of the
 * sandboxes' seeds; global ids apply the rule of their node type. Property: an accepted id is always exactly one
 * URL path segment.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkId, idProblem, looksLikeGlobalId, pathSegment, type IdRule } from '../../src/graph/ids.js';
import { decodeGlobalId, encodeGlobalId } from '../../src/graph/globalId.js';
import { SOURCES } from '../../src/sources/index.js';
import { SourceList } from '../../src/sources/sourceList.js';
import { SCRIPT_NAME } from '../../src/sources/sailpoint/inputs.js';
import { LOGTO_ID } from '../../src/sources/logto/inputs.js';
import { C1_ID } from '../../src/sources/conductorone/inputs.js';
import { createSailPointSeed } from '../../src/sources/sailpoint/sandbox/seed.js';
import { createLogtoSeed } from '../../src/sources/logto/sandbox/seed.js';
import { createConductorOneSeed } from '../../src/sources/conductorone/sandbox/seed.js';
import { GatewayError } from '../../src/errors/classes.js';

/** The node types of the registry's sources, with their id rules. */
const NODE_TYPES = new SourceList(SOURCES).nodeTypes;

const RULES: [string, IdRule][] = [
  ['SailPoint scriptName', SCRIPT_NAME],
  ['Logto id', LOGTO_ID],
  ['ConductorOne id', C1_ID],
];

/** Values no vendor's id may be. */
const NEVER_IDS = [
  '',
  '.',
  '..',
  'a/b',
  '/a',
  'a\\b',
  '%2e%2e',
  '%2E',
  'a%2Fb',
  'a?b',
  'a#b',
  ' a',
  'a b',
  'a\tb',
  'a\u0000b',
  'a\u007fb',
  'a\u200bb',
  'a\u2028b',
  '\uD800',
  'a\uDC00b',
  'x'.repeat(10_000),
  '../x',
  './x',
];

function refusal(fn: () => unknown): Record<string, unknown> | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return (error as GatewayError).extensions;
  }
  return undefined;
}

describe('id rules', () => {
  it.each(RULES)('%s: refuses paths, escapes, dot segments, control characters, lone surrogates and over-long values', (_name, rule) => {
    for (const value of NEVER_IDS) {
      expect(idProblem(value, rule), JSON.stringify(value.slice(0, 20))).toBeDefined();
      expect(refusal(() => checkId(value, rule, 'input.id'))).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'input.id' });
    }
  });

  it('names the argument and the problem in a sentence', () => {
    const messageOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as Error).message;
      }
      return undefined;
    };
    expect(messageOf(() => checkId('..', SCRIPT_NAME, 'scriptName'))).toBe('scriptName must not be a dot segment (. or ..).');
    expect(messageOf(() => checkId('x'.repeat(200), C1_ID, 'appId'))).toBe('appId must be at most 64 characters.');
    expect(messageOf(() => checkId('\uD800', LOGTO_ID, 'id'))).toBe('id is not well-formed Unicode (it holds a lone surrogate).');
  });

  it('accepts every real id of the seeds (and the vendors’ documented examples)', () => {
    const logto = createLogtoSeed();
    const c1 = createConductorOneSeed();
    const real: [IdRule, string[]][] = [
      [SCRIPT_NAME, [...createSailPointSeed().map((c) => c.scriptName), 'aScriptName', 'servicenow']],
      [LOGTO_ID, [...logto.factories.map((f) => f.id), ...logto.connectors.map((c) => c.id), 'my_connector-1', 'a'.repeat(128)]],
      [C1_ID, [...c1.apps.map((a) => a.id), ...c1.connectors.map((c) => c.id), ...c1.catalog.map((c) => c.id)]],
    ];
    for (const [rule, ids] of real) {
      expect(ids.length).toBeGreaterThan(2);
      for (const id of ids) expect(idProblem(id, rule), id).toBeUndefined();
    }
  });

  it('refuses a global id where a native id belongs, naming the arguments that take one; no real id of the seeds looks like one', () => {
    const messageOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as Error).message;
      }
      return undefined;
    };
    const c1 = createConductorOneSeed();
    const app = c1.apps[0]!.id;
    for (const [rule, argument, global] of [
      [C1_ID, 'id', encodeGlobalId('App', app)],
      [C1_ID, 'appId', encodeGlobalId('App', app)],
      [C1_ID, 'id', encodeGlobalId('AppConnector', app, c1.connectors[0]!.id)],
      [LOGTO_ID, 'id', encodeGlobalId('LoginConnector', createLogtoSeed().connectors[0]!.id)],
      [SCRIPT_NAME, 'scriptName', encodeGlobalId('ScriptConnector', 'active-directory')],
    ] as const) {
      expect(looksLikeGlobalId(global)).toBe(true);
      expect(refusal(() => checkId(global, rule, argument))).toEqual({ code: 'BAD_USER_INPUT', argumentName: argument });
      expect(messageOf(() => checkId(global, rule, argument))).toBe(
        `${argument} takes a native id (an object's nativeId), not a global id (its id): give a global id to node(id:) or, for a connector, to connector(id:).`,
      );
    }
    const logto = createLogtoSeed();
    const real = [
      ...createSailPointSeed().map((c) => c.scriptName),
      ...logto.factories.map((f) => f.id),
      ...logto.connectors.map((c) => c.id),
      ...c1.apps.map((a) => a.id),
      ...c1.connectors.map((c) => c.id),
      ...c1.catalog.map((c) => c.id),
    ];
    for (const id of real) expect(looksLikeGlobalId(id), id).toBe(false);
  });

  it('pathSegment refuses what cannot be one segment, whatever called it', () => {
    for (const value of ['', '.', '..', '\uD800']) expect(refusal(() => pathSegment(value))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(pathSegment('a b/c')).toBe('a%20b%2Fc');
  });
});

describe('global ids', () => {
  it('refuse a native key that is not an id of its source', () => {
    const types = Object.keys(NODE_TYPES);
    for (const type of types) {
      for (const bad of ['..', '.', 'a/b', '%2e%2e', '\uD800', 'x'.repeat(10_000)]) {
        const key = NODE_TYPES[type]!.key.map(() => bad);
        expect(
          refusal(() => decodeGlobalId(encodeGlobalId(type, ...key), NODE_TYPES)),
          `${type} ${JSON.stringify(bad.slice(0, 20))}`,
        ).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'id' });
      }
    }
    expect(decodeGlobalId(encodeGlobalId('AppConnector', '2afML2Int2TCuGdC4eAwSVm5A0N', '2afNJLqXPtMbxCDBXC0N58WgCMn'), NODE_TYPES).key).toEqual([
      '2afML2Int2TCuGdC4eAwSVm5A0N',
      '2afNJLqXPtMbxCDBXC0N58WgCMn',
    ]);
  });
});

/** Strings built from what attackers try: dot segments, separators, escapes, surrogates, whitespace, letters. */
const hostile = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      '.',
      '/',
      '\\',
      '%',
      '2',
      'e',
      'E',
      'f',
      'F',
      'a',
      'Z',
      '0',
      '-',
      '_',
      '~',
      '?',
      '#',
      ' ',
      '\t',
      '\u0000',
      '\uD800',
      '\uDBFF',
      '\uDC00',
      '\uDFFF',
      'é',
      '😀',
    ),
    maxLength: 12,
  }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('.', '..', '...', '%2e', '%2e%2e', '.%2e', '%2e.', '%252e'),
);

describe('property: an accepted id is one URL path segment', () => {
  it.each(RULES)('%s', (_name, rule) => {
    fc.assert(
      fc.property(hostile, (value) => {
        if (idProblem(value, rule) !== undefined) return;
        expect(value).not.toMatch(/[/\\%?#]/);
        expect(value === '.' || value === '..').toBe(false);
        const segment = encodeURIComponent(value);
        expect(decodeURIComponent(segment)).toBe(value);
        // A WHATWG URL (what proxies and undici normalise by) keeps it as one segment: nothing resolved away.
        const url = new URL(`http://upstream.invalid/api/${segment}/tail`);
        expect(url.pathname).toBe(`/api/${segment}/tail`);
        expect(url.pathname.split('/')).toHaveLength(4);
      }),
      { numRuns: 2000 },
    );
  });

  it('native ids: a KSUID-like or slug id is never taken for a global id; every global id of the node types is', () => {
    const idChars = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: idChars, minLength: 1, maxLength: 64 }), (value) => {
        expect(looksLikeGlobalId(value)).toBe(false);
      }),
      { numRuns: 5000 },
    );
    const types = Object.keys(NODE_TYPES);
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.string({ unit: idChars, minLength: 1, maxLength: 64 }), (type, value) => {
        expect(looksLikeGlobalId(encodeGlobalId(type, ...NODE_TYPES[type]!.key.map(() => value)))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('global ids: whatever the native key, a decoded key is an id of its source', () => {
    const types = Object.keys(NODE_TYPES);
    fc.assert(
      fc.property(fc.constantFrom(...types), hostile, (type, value) => {
        const key = NODE_TYPES[type]!.key.map(() => value);
        let decoded: readonly string[];
        try {
          decoded = decodeGlobalId(encodeGlobalId(type, ...key), NODE_TYPES).key;
        } catch (error) {
          expect((error as GatewayError).extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'id' });
          return;
        }
        expect(decoded).toEqual(key);
        for (const [i, k] of decoded.entries()) expect(idProblem(k, NODE_TYPES[type]!.key[i]!)).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });
});
