/**
 * The form check (src/graph/form.ts): every rule on a small form with each kind, the next state's showIf and
 * required, test mode's re-entered secrets, the field statuses, and what messages may show.
 */
import { describe, expect, it } from 'vitest';
import { checkForm, problemsMessage } from '../../src/graph/form.js';
import type { RawSettingsField } from '../../src/graph/settings.js';

const FORM: RawSettingsField[] = [
  { section: 'GENERAL', key: 'host', label: 'Host', type: 'Text', required: true, value: 'db.example' },
  { section: 'GENERAL', key: 'url', label: 'Base URL', type: 'Url', value: 'https://api.example' },
  { section: 'GENERAL', key: 'port', label: 'Port', type: 'Number', value: 5432 },
  { section: 'GENERAL', key: 'tls', label: 'Use TLS', type: 'Switch', value: true },
  {
    section: 'GENERAL',
    key: 'mode',
    label: 'Mode',
    type: 'Select',
    options: [
      { value: 'fast', label: 'Fast' },
      { value: 'safe', label: 'Safe' },
    ],
  },
  {
    section: 'ADDITIONAL',
    key: 'scopes',
    label: 'Scopes',
    type: 'MultiSelect',
    options: [
      { value: 'read', label: 'Read' },
      { value: 'write', label: 'Write' },
    ],
    value: ['read'],
  },
  { section: 'ADDITIONAL', key: 'tags', label: 'Tags', type: 'List' },
  { section: 'ADDITIONAL', key: 'extra', label: 'Extra', type: 'Json', value: { a: 1 } },
  { section: 'ADDITIONAL', key: 'template', label: 'Template', type: 'Xml' },
  { section: 'ADVANCED', key: 'notes', type: 'MultilineText' },
  { section: 'ADVANCED', key: 'password', label: 'Password', type: 'Text', required: true, isSet: true },
  { section: 'ADVANCED', key: 'certificate', label: 'Certificate', type: 'File' },
  { section: 'ADVANCED', key: 'proxy', label: 'Proxy', type: 'Switch', value: false },
  { section: 'RELAY', key: 'proxyHost', label: 'Proxy host', type: 'Text', required: true, showIf: [{ key: 'proxy', equals: true }] },
  { section: 'RELAY', key: 'proxyUser', label: 'Proxy user', type: 'Text', showIf: [{ key: 'proxyHost' }] },
];

const codes = (values: { key: string; value?: unknown }[], mode: 'update' | 'test' = 'update') =>
  checkForm(FORM, values, mode).problems.map((p) => [p.key, p.code]);

describe('checkForm', () => {
  it('accepts a value of each kind, and reports what changes', () => {
    const check = checkForm(
      FORM,
      [
        { key: 'host', value: 'db2.example' },
        { key: 'url', value: 'http://localhost:8080/x' },
        { key: 'port', value: 5432 },
        { key: 'tls', value: false },
        { key: 'mode', value: 'safe' },
        { key: 'scopes', value: ['write', 'read'] },
        { key: 'tags', value: ['a', 'b'] },
        { key: 'extra', value: [null, { b: 'x' }] },
        { key: 'template', value: '<Form><Field name="a"/></Form>' },
        { key: 'notes', value: 'line 1\nline 2' },
        { key: 'password', value: 'hunter22' },
      ],
      'update',
    );
    expect(check.problems).toEqual([]);
    expect(check.fields).toEqual([
      { key: 'host', locked: false, status: 'CHANGED' },
      { key: 'url', locked: false, status: 'CHANGED' },
      { key: 'port', locked: false, status: 'UNCHANGED' },
      { key: 'tls', locked: false, status: 'CHANGED' },
      { key: 'mode', locked: false, status: 'CHANGED' },
      { key: 'scopes', locked: false, status: 'CHANGED' },
      { key: 'tags', locked: false, status: 'CHANGED' },
      { key: 'extra', locked: false, status: 'CHANGED' },
      { key: 'template', locked: false, status: 'CHANGED' },
      { key: 'notes', locked: false, status: 'CHANGED' },
      { key: 'password', locked: true, status: 'SET' },
    ]);
    expect([...check.changed.keys()]).not.toContain('port');
    expect(check.changed.get('password')).toBe('hunter22');
  });

  it('refuses values of the wrong kind, each with WRONG_TYPE or NOT_AN_OPTION', () => {
    expect(
      codes([
        { key: 'host', value: 1 },
        { key: 'url', value: 'ftp://x.example' },
        { key: 'port', value: '5432' },
        { key: 'tls', value: 'true' },
        { key: 'mode', value: 'slow' },
        { key: 'scopes', value: ['read', 'read'] },
        { key: 'tags', value: ['a', 1] },
        { key: 'template', value: '<a><b></a>' },
        { key: 'notes', value: { text: 'x' } },
      ]),
    ).toEqual([
      ['host', 'WRONG_TYPE'],
      ['url', 'WRONG_TYPE'],
      ['port', 'WRONG_TYPE'],
      ['tls', 'WRONG_TYPE'],
      ['mode', 'NOT_AN_OPTION'],
      ['scopes', 'WRONG_TYPE'],
      ['tags', 'WRONG_TYPE'],
      ['template', 'WRONG_TYPE'],
      ['notes', 'WRONG_TYPE'],
    ]);
    expect(codes([{ key: 'scopes', value: ['read', 'admin'] }])).toEqual([['scopes', 'NOT_AN_OPTION']]);
    expect(codes([{ key: 'url', value: 'not a url' }])).toEqual([['url', 'WRONG_TYPE']]);
    expect(codes([{ key: 'template', value: 'just text' }])).toEqual([['template', 'WRONG_TYPE']]);
  });

  it('unknown keys, keys given twice and FILE fields', () => {
    expect(
      codes([
        { key: '__proto__', value: 1 },
        { key: 'constructor', value: 1 },
        { key: 'host', value: 'a' },
        { key: 'host', value: 'b' },
        { key: 'host', value: 'c' },
        { key: 'certificate', value: 'x' },
        { key: 'certificate', value: null },
      ]),
    ).toEqual([
      ['__proto__', 'UNKNOWN_FIELD'],
      ['constructor', 'UNKNOWN_FIELD'],
      ['host', 'DUPLICATE'],
      ['certificate', 'DUPLICATE'],
      ['certificate', 'READ_ONLY'],
    ]);
  });

  it('null (or an omitted value) clears; a shown required field left unset is REQUIRED', () => {
    const check = checkForm(FORM, [{ key: 'host', value: null }, { key: 'port' }, { key: 'mode', value: null }], 'update');
    expect(check.problems.map((p) => [p.key, p.code, p.message])).toEqual([['host', 'REQUIRED', 'Host ("host") is required.']]);
    expect(check.fields).toEqual([
      { key: 'host', locked: false, status: 'CLEARED' },
      { key: 'port', locked: false, status: 'CLEARED' },
      { key: 'mode', locked: false, status: 'UNCHANGED' },
    ]);
    expect([...check.changed]).toEqual([
      ['host', null],
      ['port', null],
    ]);
    expect(codes([{ key: 'password', value: null }])).toEqual([['password', 'REQUIRED']]);
    expect(codes([{ key: 'host', value: '' }])).toEqual([['host', 'REQUIRED']]);
  });

  it('showIf on the next state: a value for a hidden field is HIDDEN, a field shown by the change may be REQUIRED', () => {
    expect(codes([{ key: 'proxyHost', value: 'proxy.example' }])).toEqual([['proxyHost', 'HIDDEN']]);
    expect(codes([{ key: 'proxy', value: true }])).toEqual([['proxyHost', 'REQUIRED']]);
    expect(
      codes([
        { key: 'proxy', value: true },
        { key: 'proxyHost', value: 'proxy.example' },
        { key: 'proxyUser', value: 'u' },
      ]),
    ).toEqual([]);
    // A condition on a field that is hidden does not hold: proxyUser hangs on proxyHost, hidden while proxy is off.
    expect(codes([{ key: 'proxyUser', value: 'u' }])).toEqual([['proxyUser', 'HIDDEN']]);
    // Null for a hidden field is fine (it clears).
    expect(codes([{ key: 'proxyHost', value: null }])).toEqual([]);
  });

  it('a cycle of conditions neither loops nor throws', () => {
    const cyclic: RawSettingsField[] = [
      { section: 'GENERAL', key: 'a', type: 'Text', showIf: [{ key: 'b' }], value: 'x' },
      { section: 'GENERAL', key: 'b', type: 'Text', showIf: [{ key: 'a' }], value: 'y' },
    ];
    expect(checkForm(cyclic, [{ key: 'a', value: 'z' }], 'update').problems.map((p) => p.code)).toEqual(['HIDDEN']);
  });

  it('test mode: saved locked values do not count (RE_ENTER_SECRET), and the complete values are given, else current', () => {
    const check = checkForm(FORM, [{ key: 'port', value: 6543 }], 'test');
    expect(check.problems.map((p) => [p.key, p.code])).toEqual([['password', 'RE_ENTER_SECRET']]);
    const ok = checkForm(
      FORM,
      [
        { key: 'port', value: 6543 },
        { key: 'password', value: 'hunter22' },
      ],
      'test',
    );
    expect(ok.problems).toEqual([]);
    expect(Object.fromEntries(ok.complete)).toEqual({
      host: 'db.example',
      url: 'https://api.example',
      port: 6543,
      tls: true,
      scopes: ['read'],
      extra: { a: 1 },
      password: 'hunter22',
      proxy: false,
    });
    // A required locked field that was never set is REQUIRED, not RE_ENTER_SECRET.
    const unset = FORM.map((f) => (f.key === 'password' ? { ...f, isSet: false } : f));
    expect(checkForm(unset, [], 'test').problems.map((p) => p.code)).toEqual(['REQUIRED']);
  });

  it('messages name the field by label and key, cut what they echo, and never show a locked value', () => {
    const long = 'x'.repeat(500);
    const check = checkForm(
      FORM,
      [
        { key: long, value: 1 },
        { key: 'mode', value: long },
        { key: 'password', value: 12345678 },
      ],
      'update',
    );
    for (const p of check.problems) expect(p.message.length).toBeLessThan(300);
    expect(check.problems[0]!.message).toBe(`This form has no field "${'x'.repeat(100)}…".`);
    expect(check.problems[1]!.message).toBe(`"${'x'.repeat(99)}… is not one of Mode ("mode")'s options: "fast", "safe".`);
    expect(check.problems[2]!.message).toBe('Password ("password") takes a text.');
    const xml = checkForm(
      [{ section: 'GENERAL', key: 'privateKey', label: 'Key', type: 'Xml' }],
      [{ key: 'privateKey', value: '<a>s3cr3t-value</b>' }],
      'update',
    );
    expect(xml.problems).toEqual([{ key: 'privateKey', code: 'WRONG_TYPE', message: 'Key ("privateKey") is not well-formed XML.' }]);
    // The parser's words end with a period of their own: the sentence still ends once.
    const open = checkForm([{ section: 'GENERAL', key: 'template', label: 'Template', type: 'Xml' }], [{ key: 'template', value: '<a></b>' }], 'update');
    expect(open.problems).toEqual([
      { key: 'template', code: 'WRONG_TYPE', message: 'Template ("template") is not well-formed XML: 1:7: unexpected close tag.' },
    ]);
    const choice = checkForm(
      [{ section: 'GENERAL', key: 'apiKey', label: 'Key', type: 'Select', options: [{ value: 'a', label: 'A' }] }],
      [{ key: 'apiKey', value: 's3cr3t-value' }],
      'update',
    );
    expect(JSON.stringify(choice)).not.toContain('s3cr3t');
  });

  it('a field without a label is named by its key', () => {
    expect(checkForm(FORM, [{ key: 'notes', value: 1 }], 'update').problems[0]!.message).toBe('The field "notes" takes a text, not 1.');
  });
});

describe('problemsMessage', () => {
  it('counts the fields and spells out the first problems', () => {
    const { problems } = checkForm(FORM, [{ key: 'host', value: null }], 'test');
    expect(problemsMessage(problems)).toBe(
      '2 fields need attention: Host ("host") is required; Password ("password") is locked: enter it again for a test (saved secrets are never used for one).',
    );
    expect(problemsMessage(problems.slice(0, 1))).toBe('1 field needs attention: Host ("host") is required.');
  });
});
