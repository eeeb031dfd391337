import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/globalId.js';
import { SOURCES } from '../../src/sources/index.js';
import { SourceList } from '../../src/sources/sourceList.js';
import { checkPageSize, decodeCursor, encodeCursor } from '../../src/graph/cursor.js';
import { buildSettings, looksSecret } from '../../src/graph/settings.js';
import { applyJsonPatch } from '../../src/graph/jsonPatch.js';
import { GatewayError } from '../../src/errors/classes.js';

const sources = new SourceList(SOURCES);

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return (error as GatewayError).extensions.code;
  }
  return 'no error';
}

describe('global ids', () => {
  it('round-trips keys that are ids of their source (the rules: test/graph/ids.test.ts)', () => {
    const id = encodeGlobalId('ScriptConnector', 'Servicenow-angularsc.v2_x');
    expect(sources.decodeGlobalId(id).key).toEqual(['Servicenow-angularsc.v2_x']);
  });

  it.each([
    '',
    'not base64!',
    Buffer.from('["Unknown","x"]').toString('base64url'),
    Buffer.from('["ScriptConnector"]').toString('base64url'),
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('["ScriptConnector",""]').toString('base64url'),
    encodeGlobalId('ScriptConnector', 'a:b/c ü'),
  ])('refuses %j with BAD_USER_INPUT', (id) => {
    expect(codeOf(() => sources.decodeGlobalId(id))).toBe('BAD_USER_INPUT');
  });
});

describe('cursors', () => {
  it('round-trips a position and refuses a cursor of another list', () => {
    const c = encodeCursor('sp', { o: 40 });
    expect(decodeCursor('sp', c)).toMatchObject({ o: 40 });
    expect(codeOf(() => decodeCursor('other', c))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeCursor('sp', 'garbage!'))).toBe('BAD_USER_INPUT');
  });

  it('checks page sizes', () => {
    expect(checkPageSize(undefined, 50, 250)).toBe(50);
    expect(checkPageSize(0, 50, 250)).toBe(0);
    expect(codeOf(() => checkPageSize(251, 50, 250))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => checkPageSize(-1, 50, 250))).toBe('BAD_USER_INPUT');
  });
});

describe('settings', () => {
  it.each([
    ['clientSecret', true],
    ['client_secret', true],
    ['password', true],
    ['apiKey', true],
    ['api-key', true],
    ['accessToken', true],
    ['privateKey', true],
    ['PAT', true],
    ['baseUrl', false],
    ['username', false],
    ['tokenizer', false],
    ['monkey', false],
    ['Authorization', true],
    ['Proxy-Authorization', true],
    ['Cookie', true],
    ['authorizationEndpoint', false],
    ['authorizationType', false],
  ])('looksSecret(%s) is %s', (key, secret) => {
    expect(looksSecret(key)).toBe(secret);
  });

  const LOCKED = {
    label: null,
    type: 'Secret',
    kind: 'SECRET',
    description: null,
    placeholder: null,
    options: null,
    defaultValue: null,
    showIf: [],
    required: false,
    locked: true,
    value: null,
  };

  it('masks locked values whatever the source sent and drops empty sections', () => {
    const settings = buildSettings([
      { section: 'RELAY', key: 'relayHost', type: 'Text', value: 'relay.local' },
      { section: 'GENERAL', key: 'appSecret', type: 'Text', value: 'plain-text-secret' },
      { section: 'GENERAL', key: 'sender', type: 'Text', confidential: true, value: '' },
    ]);
    expect(settings.sections.map((s) => s.section)).toEqual(['GENERAL', 'RELAY']);
    expect(settings.sections[0]!.fields).toEqual([
      { ...LOCKED, key: 'appSecret', isSet: true },
      { ...LOCKED, key: 'sender', isSet: false },
    ]);
  });

  it('never shows the default of a locked field, and types a field by its kind', () => {
    const settings = buildSettings([
      { section: 'GENERAL', key: 'apiKey', type: 'Text', defaultValue: 'default-secret', value: 'stored-secret' },
      { section: 'GENERAL', key: 'mode', type: 'Select', options: [{ value: 'a', label: 'A' }], defaultValue: 'a', value: 'a' },
      { section: 'GENERAL', key: 'notes', type: 'MultilineText', defaultValue: { token: 'x', shown: 1 } },
    ]);
    const [apiKey, mode, notes] = settings.sections[0]!.fields;
    expect(apiKey).toMatchObject({ kind: 'SECRET', locked: true, value: null, defaultValue: null, isSet: true });
    expect(mode).toMatchObject({ kind: 'SELECT', options: [{ value: 'a', label: 'A' }], defaultValue: 'a', value: 'a' });
    expect(notes).toMatchObject({ kind: 'MULTILINE_TEXT', defaultValue: { token: null, shown: 1 }, isSet: false });
  });

  it('keeps the kind of a field locked by its name: a select stays a select, only a one-line text is a SECRET', () => {
    const options = [
      { value: 'client_secret_post', label: 'client_secret_post' },
      { value: 'client_secret_basic', label: 'client_secret_basic' },
    ];
    const [method, endpoint, token] = buildSettings([
      { section: 'GENERAL', key: 'tokenEndpointAuthMethod', type: 'Select', options, value: 'client_secret_post' },
      { section: 'GENERAL', key: 'tokenEndpoint', type: 'Text', kind: 'URL', value: 'https://idp.example.com/token' },
      { section: 'GENERAL', key: 'accessToken', type: 'Text', value: 'abc' },
    ]).sections[0]!.fields;
    expect(method).toMatchObject({ locked: true, kind: 'SELECT', options, value: null, isSet: true });
    expect(endpoint).toMatchObject({ locked: true, kind: 'URL', value: null });
    expect(token).toMatchObject({ locked: true, kind: 'SECRET', value: null });
  });
});

describe('applyJsonPatch', () => {
  it('applies a patch to a copy', () => {
    const doc = { a: { b: 1 } };
    expect(applyJsonPatch(doc, [{ op: 'add', path: '/a/c', value: 2 }])).toEqual({ a: { b: 1, c: 2 } });
    expect(doc).toEqual({ a: { b: 1 } });
  });

  it('is CONFLICT for a failed test and BAD_USER_INPUT for an unresolvable path', () => {
    expect(codeOf(() => applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }]))).toBe('CONFLICT');
    expect(codeOf(() => applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '/b', value: 2 }]))).toBe('BAD_USER_INPUT');
  });
});
