import { describe, expect, it } from 'vitest';
import { loginConnectorSettings, phrase, sectionForFormItem, loginConnectorType, logtoConnectorType } from '../../src/sources/logto/mappers.js';
import { checkConfig } from '../../src/sources/logto/inputs.js';
import { mergeObject } from '../../src/graph/merge.js';
import { looksSecret } from '../../src/graph/settings.js';
import type { LogtoFormItemWire } from '../../src/sources/logto/types.js';
import { GatewayError } from '../../src/errors/classes.js';

const FORM: LogtoFormItemWire[] = [
  { key: 'clientId', label: 'Client ID', type: 'Text', required: true },
  { key: 'clientSecret', label: 'Client Secret', type: 'Text', required: true, isConfidential: true },
  {
    key: 'authType',
    label: 'Authentication',
    type: 'Select',
    required: true,
    selectItems: [
      { value: 'login', title: 'Login' },
      { value: 'oauth2', title: 'OAuth 2' },
    ],
  },
  { key: 'password', label: 'Password', type: 'Text', required: true, isConfidential: true, showConditions: [{ targetKey: 'authType', expectValue: 'login' }] },
  { key: 'port', label: 'Port', type: 'Number' },
  { key: 'secure', label: 'TLS', type: 'Switch' },
  { key: 'prompts', label: 'Prompts', type: 'MultiSelect', selectItems: [{ value: 'consent' }, { value: 'login' }] },
  { key: 'customHeaders', label: 'Custom Headers', type: 'Json' },
  { key: 'scope', label: 'Scope', type: 'Text' },
  { key: 'proxyUrl', label: 'HTTP proxy', type: 'Text' },
  { key: 'fromName', label: 'From Name', type: 'Text' },
];

function problemsOf(config: Record<string, unknown>): string[] {
  try {
    checkConfig(FORM, config, 'config');
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return ((error as GatewayError).extensions.problems as string[] | undefined) ?? [];
  }
}

describe('checkConfig', () => {
  const valid = { clientId: 'a', clientSecret: 'b', authType: 'login', password: 'p' };

  it('accepts a config that fits the form, with extra keys', () => {
    expect(problemsOf({ ...valid, port: 25, secure: true, prompts: ['consent'], customHeaders: { a: 1 }, extra: 'kept' })).toEqual([]);
  });

  it('requires shown items only', () => {
    expect(problemsOf({ clientId: 'a', clientSecret: 'b', authType: 'oauth2' })).toEqual([]);
    expect(problemsOf({ clientId: 'a', clientSecret: 'b', authType: 'login' })).toEqual(['password is required']);
  });

  it('reads a condition without expectValue as "any value", false and 0 included (as the sandbox and the settings form do)', () => {
    const form: LogtoFormItemWire[] = [
      { key: 'secure', label: 'TLS', type: 'Switch' },
      { key: 'tlsCert', label: 'TLS certificate', type: 'MultilineText', required: true, showConditions: [{ targetKey: 'secure' }] },
    ];
    const problems = (config: Record<string, unknown>) => {
      try {
        checkConfig(form, config, 'config');
        return [];
      } catch (error) {
        return (error as GatewayError).extensions.problems as string[];
      }
    };
    expect(problems({ secure: false })).toEqual(['tlsCert is required']);
    expect(problems({})).toEqual([]);
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ clientId: '', authType: 'kerberos', port: '25', secure: 'yes', prompts: ['x'], customHeaders: 'h' })).toEqual([
      'clientId is required',
      'clientSecret is required',
      'authType must be one of login, oauth2',
      'port must be a number',
      'secure must be true or false',
      'prompts must be a list of consent, login',
      'customHeaders must be a JSON object or array',
    ]);
  });
});

describe('mergeObject', () => {
  it('replaces given keys, removes null ones and keeps the rest', () => {
    const stored = { a: 1, b: 2, c: 3 };
    expect(mergeObject(stored, { b: 20, c: null, d: 4 })).toEqual({ a: 1, b: 20, d: 4 });
    expect(stored).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('keeps a locked value sent back as null (reads show it as null)', () => {
    expect(mergeObject({ clientSecret: 's', a: 1 }, { clientSecret: null, a: null }, (k) => k === 'clientSecret')).toEqual({ clientSecret: 's' });
  });

  it('keeps the secrets below a value sent back as read: nested objects, and list items sent back unchanged', () => {
    const stored = {
      customHeaders: { Authorization: 'Bearer stored-bearer', Accept: 'text/plain', vendor: { apiKey: 'stored-api-key', region: 'eu' } },
      accounts: [
        { name: 'a', token: 'token-a' },
        { name: 'b', token: 'token-b' },
      ],
    };
    const merged = mergeObject(
      stored,
      {
        customHeaders: { Authorization: null, Accept: 'application/json', vendor: { apiKey: null, region: 'us' } },
        // b sent back as read, a changed (its secret is not guessed from its position), c new.
        accounts: [
          { name: 'b', token: null },
          { name: 'a2', token: null },
          { name: 'c', token: 'token-c' },
        ],
      },
      looksSecret,
    );
    expect(merged).toEqual({
      customHeaders: { Authorization: 'Bearer stored-bearer', Accept: 'application/json', vendor: { apiKey: 'stored-api-key', region: 'us' } },
      accounts: [
        { name: 'b', token: 'token-b' },
        { name: 'a2', token: null },
        { name: 'c', token: 'token-c' },
      ],
    });
  });
});

describe('loginConnectorSettings', () => {
  it('puts items in sections by the documented rule and masks confidential ones', () => {
    const settings = loginConnectorSettings({
      formItems: FORM,
      config: { clientId: 'id', clientSecret: 'top-secret', scope: 'openid', fromName: 'Acme', apiToken: 'also-secret', note: 'n' },
    });
    const where = Object.fromEntries(settings.sections.flatMap((s) => s.fields.map((f) => [f.key, s.section])));
    expect(where).toMatchObject({
      clientId: 'GENERAL',
      clientSecret: 'GENERAL',
      authType: 'GENERAL',
      password: 'GENERAL',
      prompts: 'ADVANCED',
      customHeaders: 'ADVANCED',
      scope: 'ADVANCED',
      port: 'ADDITIONAL',
      secure: 'ADDITIONAL',
      fromName: 'ADDITIONAL',
      apiToken: 'ADDITIONAL',
      note: 'ADDITIONAL',
      proxyUrl: 'RELAY',
    });
    const fields = settings.sections.flatMap((s) => s.fields);
    expect(fields.find((f) => f.key === 'clientSecret')).toMatchObject({ locked: true, value: null, isSet: true, type: 'Secret' });
    expect(fields.find((f) => f.key === 'apiToken')).toMatchObject({ locked: true, value: null, isSet: true });
    expect(fields.find((f) => f.key === 'password')).toMatchObject({ locked: true, isSet: false });
    expect(JSON.stringify(settings)).not.toContain('secret"');
    expect(JSON.stringify(settings)).not.toContain('top-secret');
  });

  it('sends relay items to RELAY before anything else', () => {
    expect(sectionForFormItem({ key: 'relayHost', label: 'Relay', type: 'Text', required: true })).toBe('RELAY');
  });
});

describe('names and types', () => {
  it('prefers English, then the first language', () => {
    expect(phrase({ en: 'Google', de: 'Google DE' })).toBe('Google');
    expect(phrase({ 'zh-CN': '微信' })).toBe('微信');
    expect(phrase(undefined)).toBeNull();
  });

  it('maps the connector types both ways', () => {
    expect([loginConnectorType('Email'), loginConnectorType('Sms'), loginConnectorType('Social')]).toEqual(['EMAIL', 'SMS', 'SOCIAL']);
    expect(logtoConnectorType('SMS')).toBe('Sms');
  });
});

describe('loginConnectorSettings at any depth', () => {
  it('masks confidential and secret-looking keys inside nested values (headers objects, JSON, arrays)', () => {
    const form: LogtoFormItemWire[] = [...FORM, { key: 'smtpPassword', label: 'SMTP password', type: 'Text', isConfidential: true }];
    const settings = loginConnectorSettings({
      formItems: form,
      config: {
        clientId: 'id',
        customHeaders: { Authorization: 'Bearer header-bearer-1', 'X-Api-Key': 'header-api-key-1', Accept: 'text/plain' },
        extra: { nested: [{ region: 'eu', secretAccessKey: 'nested-secret-1' }, { smtpPassword: 'confidential-deep-1' }] },
      },
    });
    const text = JSON.stringify(settings);
    for (const secret of ['header-bearer-1', 'header-api-key-1', 'nested-secret-1', 'confidential-deep-1']) expect(text).not.toContain(secret);
    const fields = settings.sections.flatMap((s) => s.fields);
    expect(fields.find((f) => f.key === 'customHeaders')).toMatchObject({
      locked: false,
      value: { Authorization: null, 'X-Api-Key': null, Accept: 'text/plain' },
    });
    expect(fields.find((f) => f.key === 'extra')!.value).toEqual({ nested: [{ region: 'eu', secretAccessKey: null }, { smtpPassword: null }] });
  });
});
