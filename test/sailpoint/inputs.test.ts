import { describe, expect, it } from 'vitest';
import { parsePointer } from '../../src/graph/jsonPatch.js';
import { toCreateConnectorWire, toLocale, toPatchOperations } from '../../src/sources/sailpoint/inputs.js';
import { GatewayError } from '../../src/errors/classes.js';

function refusal(fn: () => unknown): { code: unknown; message: string; argumentName: unknown } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    const e = error as GatewayError;
    return { code: e.extensions.code, message: e.message, argumentName: e.extensions.argumentName };
  }
  throw new Error('expected a refusal');
}

describe('toPatchOperations', () => {
  it('accepts the patchable fields and paths below connectorMetadata', () => {
    const ops = toPatchOperations([
      { op: 'replace', path: '/connectorMetadata/shortDesc', value: 'new' },
      { op: 'add', path: '/applicationXml', value: '<Application name="x"/>' },
      { op: 'remove', path: '/connectorMetadata/platform' },
      { op: 'copy', from: '/connectorMetadata/a', path: '/connectorMetadata/b' },
      { op: 'test', path: '/sourceConfigXml', value: 'anything' },
    ]);
    expect(ops).toEqual([
      { op: 'replace', path: '/connectorMetadata/shortDesc', value: 'new' },
      { op: 'add', path: '/applicationXml', value: '<Application name="x"/>' },
      { op: 'remove', path: '/connectorMetadata/platform' },
      { op: 'copy', from: '/connectorMetadata/a', path: '/connectorMetadata/b' },
      { op: 'test', path: '/sourceConfigXml', value: 'anything' },
    ]);
  });

  it.each([
    [{ op: 'replace', path: '/name', value: 'x' }, 'operations[0].path'],
    [{ op: 'replace', path: '', value: {} }, 'operations[0].path'],
    [{ op: 'replace', path: 'connectorMetadata', value: {} }, 'operations[0].path'],
    [{ op: 'replace', path: '/applicationXml/0', value: 'x' }, 'operations[0].path'],
    [{ op: 'replace', path: '/connectorMetadata/a~2b', value: 'x' }, 'operations[0].path'],
    [{ op: 'move', path: '/connectorMetadata/a' }, 'operations[0].from'],
    [{ op: 'move', from: '/status', path: '/connectorMetadata/a' }, 'operations[0].from'],
    [{ op: 'add', path: '/connectorMetadata/a' }, 'operations[0].value'],
    [{ op: 'remove', path: '/connectorMetadata/a', value: 1 }, 'operations[0].value'],
    [{ op: 'replace', path: '/applicationXml', value: '<a>' }, 'operations[0].value'],
    [{ op: 'replace', path: '/applicationXml', value: 5 }, 'operations[0].value'],
    [{ op: 'replace', path: '/connectorMetadata', value: [1] }, 'operations[0].value'],
    [{ op: 'replace', path: '/sourceConfigXml', value: '<!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>' }, 'operations[0].value'],
    // An XML field reads masked: never the source of a copy or move (review F1 of issue 15).
    [{ op: 'copy', from: '/sourceConfigXml', path: '/connectorMetadata/leak' }, 'operations[0].from'],
    [{ op: 'copy', from: '/applicationXml', path: '/correlationConfigXml' }, 'operations[0].from'],
    [{ op: 'move', from: '/correlationConfigXml', path: '/connectorMetadata/x' }, 'operations[0].from'],
  ] as const)('refuses %j (%s)', (operation, argumentName) => {
    expect(refusal(() => toPatchOperations([operation as never]))).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
  });

  it('refuses an empty patch and one of more than 100 operations', () => {
    expect(refusal(() => toPatchOperations([])).code).toBe('BAD_USER_INPUT');
    const many = Array.from({ length: 101 }, () => ({ op: 'remove' as const, path: '/connectorMetadata/a' }));
    expect(refusal(() => toPatchOperations(many)).code).toBe('BAD_USER_INPUT');
  });
});

describe('parsePointer', () => {
  it('unescapes ~1 and ~0 and refuses other escapes', () => {
    expect(parsePointer('/a~1b/c~0d/')).toEqual(['a/b', 'c~d', '']);
    expect(parsePointer('')).toEqual([]);
    expect(parsePointer('/a~')).toBeUndefined();
    expect(parsePointer('a')).toBeUndefined();
  });
});

describe('toCreateConnectorWire', () => {
  it('trims and passes the optional fields through', () => {
    expect(toCreateConnectorWire({ name: ' My Conn ', className: 'sailpoint.connector.OpenConnectorAdapter', status: 'DEMO', directConnect: false })).toEqual({
      name: 'My Conn',
      className: 'sailpoint.connector.OpenConnectorAdapter',
      status: 'DEMO',
      directConnect: false,
    });
  });

  it('refuses empty names, empty class names and unknown statuses', () => {
    expect(refusal(() => toCreateConnectorWire({ name: '  ', className: 'x' })).argumentName).toBe('input.name');
    expect(refusal(() => toCreateConnectorWire({ name: 'n', className: '' })).argumentName).toBe('input.className');
    expect(refusal(() => toCreateConnectorWire({ name: 'n', className: 'x', status: 'DEPRECATED' })).argumentName).toBe('input.status');
  });
});

describe('toLocale', () => {
  it('defaults to en and refuses locales SailPoint does not have', () => {
    expect(toLocale(undefined, 'locale')).toBe('en');
    expect(toLocale('zh-TW', 'locale')).toBe('zh-TW');
    expect(refusal(() => toLocale('xx', 'locale')).code).toBe('BAD_USER_INPUT');
  });
});
