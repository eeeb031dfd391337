/**
 * SailPoint's source config form as typed fields (mappers.ts sourceConfigFields), the form with new default values
 * (form.ts), the XML rules a test checks (fileChecks.ts checkSailPointXml), and the port's operations (forms.ts), as
 * pure functions. The written XML is attacker-controlled text: property tests write arbitrary values and read them
 * back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../src/errors/classes.js';
import { SECRET_MASK } from '../../src/graph/settings.js';
import type { PatchRead } from '../../src/sources/port.js';
import type { SailPointConnectorDetail } from '../../src/sources/sailpoint/client.js';
import { checkSailPointXml } from '../../src/sources/sailpoint/fileChecks.js';
import { fieldValueText, withFieldValues } from '../../src/sources/sailpoint/form.js';
import { scriptConnectorForms } from '../../src/sources/sailpoint/forms.js';
import { fieldKind, sourceConfigFields } from '../../src/sources/sailpoint/mappers.js';
import { maskXmlSecrets } from '../../src/sources/sailpoint/xmlSecrets.js';

const NS = 'http://www.sailpoint.com/xsd/sailpoint_form_2_0.xsd';

const FORM = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- a comment with <Field name="host" value="not a field"/> inside -->
<Form xmlns="${NS}" name="Demo" type="SourceConfig">
  <BaseConfig>
    <Field maxFiles="10" name="fileUpload" type="fileupload"/>
    <Field defaultValue='true' hidden='true' name='cloudAuthEnabled' type='boolean' value='true'> </Field>
  </BaseConfig>
  <Menu label="Configuration">
    <MenuItem keyName="connectionSettings" label="Connection Settings">
      <Section label="Connection Settings">
        <Field name="host" displayName="HostURL" helpKey="help_host" type="url" required="true" value="https://demo.example.com"/>
        <Field name="clientSecret" displayName="Client Secret" type="secret" required="true" value="s3cr3t-value"/>
        <Field name="timeout" displayName="Timeout" type="int" value="60" defaultValue="30"/>
        <Field name="authType" displayName="Authentication" type="select" value="oauth">
          <AllowedValues><Value>basic</Value><Value>oauth</Value></AllowedValues>
        </Field>
        <Field name="grant" displayName="Grant" type="radio" value="cc">
          <AllowedValuesDefinition><Value><List>
            <List><String>cc</String><String>Client credentials</String></List>
            <List><String>rt</String><String>Refresh token</String></List>
          </List></Value></AllowedValuesDefinition>
        </Field>
        <Field name="region" type="radio"><AllowedValuesDefinition><Value><List><String>eu</String><String>us</String></List></Value></AllowedValuesDefinition></Field>
        <Field name="mode" type="select"/>
      </Section>
    </MenuItem>
    <MenuItem keyName="aggregationSettings" label="Aggregation Settings">
      <Section label="Aggregation">
        <Field name="delta" type="checkbox" value="false"/>
        <Field name="regions" type="list" value="us-east-1, eu-central-1"/>
        <Field name="headers" type="json" value='{"Accept":"application/json"}'/>
        <Field name="query" type="textarea" value="SELECT 1"/>
      </Section>
    </MenuItem>
  </Menu>
</Form>`;

const TRANSLATIONS = {
  en: 'HostURL=Host URL\nhelp_host=Where the system answers.\nplaceHolder_host=https://{host}/v2\nClient\\ credentials=Client credentials\n',
  de: 'HostURL=Host-URL\nhelp_host=Wo das System antwortet.\n',
};

describe('sourceConfigFields', () => {
  const fields = sourceConfigFields(FORM, { translations: TRANSLATIONS, locale: 'en' })!;
  const field = (key: string) => fields.find((f) => f.key === key)!;

  it('takes each Field once, leaves hidden ones and commented-out markup out, and keeps the sections', () => {
    expect(fields.map((f) => f.key)).toEqual([
      'fileUpload',
      'host',
      'clientSecret',
      'timeout',
      'authType',
      'grant',
      'region',
      'mode',
      'delta',
      'regions',
      'headers',
      'query',
    ]);
    expect(field('fileUpload').section).toBe('ADVANCED');
    expect(field('host').section).toBe('GENERAL');
    expect(field('delta').section).toBe('ADDITIONAL');
  });

  it('types each field from its SailPoint type; a select without allowed values is text', () => {
    const kinds = Object.fromEntries(fields.map((f) => [f.key, f.kind]));
    expect(kinds).toEqual({
      fileUpload: 'FILE',
      host: 'URL',
      clientSecret: 'SECRET',
      timeout: 'NUMBER',
      authType: 'SELECT',
      grant: 'SELECT',
      region: 'SELECT',
      mode: 'TEXT',
      delta: 'SWITCH',
      regions: 'LIST',
      headers: 'JSON',
      query: 'MULTILINE_TEXT',
    });
    for (const [type, kind] of [
      ['password', 'SECRET'],
      ['boolean', 'SWITCH'],
      ['number', 'NUMBER'],
      ['integer', 'NUMBER'],
      ['string', 'TEXT'],
      [undefined, 'TEXT'],
    ] as const) {
      expect(fieldKind(type, false)).toBe(kind);
    }
  });

  it('reads options from AllowedValues and from IdentityIQ-style AllowedValuesDefinition (value and label pairs)', () => {
    expect(field('authType').options).toEqual([
      { value: 'basic', label: 'basic' },
      { value: 'oauth', label: 'oauth' },
    ]);
    expect(field('grant').options).toEqual([
      { value: 'cc', label: 'Client credentials' },
      { value: 'rt', label: 'Refresh token' },
    ]);
    expect(field('region').options).toEqual([
      { value: 'eu', label: 'eu' },
      { value: 'us', label: 'us' },
    ]);
    expect(field('mode').options).toBeNull();
  });

  it('gives values (the form defaults) in their JSON types, and the defaultValue attribute as the default', () => {
    expect(field('timeout')).toMatchObject({ value: 60, defaultValue: 30 });
    expect(field('delta').value).toBe(false);
    expect(field('regions').value).toEqual(['us-east-1', 'eu-central-1']);
    expect(field('headers').value).toEqual({ Accept: 'application/json' });
    expect(field('authType').value).toBe('oauth');
  });

  it('locks secrets: no value, only whether one is set', () => {
    expect(field('clientSecret')).toMatchObject({ kind: 'SECRET', isSet: true });
    expect(field('clientSecret').value).toBeUndefined();
    expect(JSON.stringify(fields)).not.toContain('s3cr3t-value');
  });

  it('translates help keys and placeholders through the locale, then en; labels come from the translated form', () => {
    expect(field('host')).toMatchObject({ label: 'HostURL', description: 'Where the system answers.', placeholder: 'https://{host}/v2' });
    const localized = FORM.replace('displayName="HostURL"', 'displayName="Host-URL"');
    const de = sourceConfigFields(FORM, { localized, translations: TRANSLATIONS, locale: 'de' })!;
    const host = de.find((f) => f.key === 'host')!;
    // German label and help from the German texts; the placeholder only en has.
    expect(host).toMatchObject({ label: 'Host-URL', description: 'Wo das System antwortet.', placeholder: 'https://{host}/v2' });
    // A locale without a file falls back to en.
    expect(sourceConfigFields(FORM, { translations: TRANSLATIONS, locale: 'ja' })!.find((f) => f.key === 'host')!.description).toBe(
      'Where the system answers.',
    );
    // A help key no file has is shown as it is.
    expect(sourceConfigFields(FORM)!.find((f) => f.key === 'host')!.description).toBe('help_host');
  });

  it('is undefined for XML that is not well-formed', () => {
    expect(sourceConfigFields('<Form><Field name="x"></Form>')).toBeUndefined();
  });
});

describe('withFieldValues', () => {
  it('changes only the value attributes of the named fields', () => {
    const next = withFieldValues(
      FORM,
      new Map([
        ['host', 'https://other.example.com/?a=1&b="2"'],
        ['mode', 'fast'],
        ['timeout', null],
      ]),
    );
    expect(next).toBe(
      FORM.replace('value="https://demo.example.com"', 'value="https://other.example.com/?a=1&amp;b=&quot;2&quot;"')
        .replace('<Field name="mode" type="select"/>', '<Field name="mode" type="select" value="fast"/>')
        .replace(' value="60" defaultValue="30"', ' defaultValue="30"'),
    );
    // The comment that looks like a Field and the hidden field are left as they are.
    expect(next).toContain('<Field name="host" value="not a field"/>');
    expect(withFieldValues(FORM, new Map([['cloudAuthEnabled', 'false']]))).toBe(FORM);
  });

  it('writes any XML-safe text so that it reads back the same, and nothing else changes (property)', () => {
    // Markup, quotes, line breaks and blanks (which attribute normalisation would turn into spaces) among any text.
    const piece = fc.oneof(
      fc.constantFrom('\n', '\r\n', '\r', '\t', ' ', '"', "'", '&', '&amp;', '<', '>', ']]>', '/>', SECRET_MASK),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
    );
    const xmlSafe = fc
      .array(piece, { maxLength: 12 })
      .map((pieces) => pieces.join(''))
      .filter((s) => fieldValueText('TEXT', s).ok);
    fc.assert(
      fc.property(xmlSafe, xmlSafe, (host, query) => {
        const next = withFieldValues(
          FORM,
          new Map([
            ['host', host],
            ['query', query],
          ]),
        );
        const before = sourceConfigFields(FORM)!;
        const after = sourceConfigFields(next)!;
        for (const [key, value] of [
          ['host', host],
          ['query', query],
        ]) {
          const read = after.find((f) => f.key === key)!;
          // A value holding the mask reads as a masked one: locked, set.
          if (value!.includes(SECRET_MASK)) expect(read).toMatchObject({ confidential: true, isSet: true });
          else expect(read.value).toBe(value);
        }
        const others = (fields: typeof before) => fields.filter((f) => f.key !== 'host' && f.key !== 'query');
        expect(others(after)).toEqual(others(before));
      }),
    );
  });
});

describe('fieldValueText', () => {
  it('writes values in the text SailPoint forms hold', () => {
    expect(fieldValueText('NUMBER', 5)).toEqual({ ok: true, text: '5' });
    expect(fieldValueText('SWITCH', true)).toEqual({ ok: true, text: 'true' });
    expect(fieldValueText('LIST', ['a', 'b'])).toEqual({ ok: true, text: 'a,b' });
    expect(fieldValueText('JSON', { a: [1] })).toEqual({ ok: true, text: '{"a":[1]}' });
  });

  it('refuses what XML cannot carry and list items that hold the separator', () => {
    expect(fieldValueText('TEXT', 'a\u0000b').ok).toBe(false);
    expect(fieldValueText('TEXT', 'a\uD800').ok).toBe(false);
    expect(fieldValueText('LIST', ['a,b']).ok).toBe(false);
  });
});

describe('checkSailPointXml', () => {
  it('takes each file with the root and namespace SailPoint requires', () => {
    expect(checkSailPointXml('source config', FORM)).toEqual({ ok: true });
    expect(checkSailPointXml('application', '<!DOCTYPE Application PUBLIC "sailpoint.dtd" "sailpoint.dtd"><Application name="a"/>')).toEqual({ ok: true });
    expect(checkSailPointXml('correlation config', '<CorrelationConfig name="c"/>')).toEqual({ ok: true });
  });

  it.each([
    ['source config', '<Form xmlns="http://www.sailpoint.com/xsd/sailpoint_form_1_0.xsd"/>', /namespace .*sailpoint_form_2_0\.xsd/],
    ['source config', '<Form/>', /namespace/],
    ['application', '<Form/>', /root element must be <Application>/],
    ['source template', '<x:Application xmlns:x="urn:a"/>', /must not be in a namespace/],
    ['correlation config', '<a:CorrelationConfig/>', /namespaces are not well-formed/],
    ['application', '<!DOCTYPE a [<!ENTITY e "x">]><Application/>', /DTD/],
  ] as const)('refuses a %s like %s', (kind, text, problem) => {
    const checked = checkSailPointXml(kind, text);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.problem).toMatch(problem);
  });
});

describe('scriptConnectorForms.operations', () => {
  const stored = { scriptName: 'demo', sourceConfigXml: FORM } as SailPointConnectorDetail;
  const shown = maskXmlSecrets(FORM)!;
  const read: PatchRead<SailPointConnectorDetail> = { document: { sourceConfigXml: shown }, stored };

  it('reads the form as reads show it: secrets locked, masked', () => {
    const fields = scriptConnectorForms.fields(read);
    expect(fields.find((f) => f.key === 'clientSecret')).toMatchObject({ kind: 'SECRET', isSet: true });
    expect(fields.find((f) => f.key === 'host')!.value).toBe('https://demo.example.com');
  });

  it('is one replace of /sourceConfigXml with only the changed Field values, nothing when nothing changes', () => {
    const ops = scriptConnectorForms.operations(read, new Map([['timeout', 90]]));
    expect(ops).toEqual([{ operation: { op: 'replace', path: '/sourceConfigXml', value: shown.replace('value="60"', 'value="90"') } }]);
    expect(scriptConnectorForms.operations(read, new Map([['timeout', 60]]))).toEqual([]);
  });

  it('sends a new secret in plain text, flagged secret, and shows the form masked', () => {
    const [op] = scriptConnectorForms.operations(read, new Map([['clientSecret', 'n3w-secret']]));
    expect(op!.secret).toBe(true);
    expect(op!.operation.value).toContain('value="n3w-secret"');
    expect(op!.shown).toBe(shown);
    expect(JSON.stringify(op!.shown)).not.toContain('n3w-secret');
    expect(String(op!.shown)).toContain(SECRET_MASK);
  });

  it('refuses a value XML cannot carry with BAD_USER_INPUT', () => {
    expect(() => scriptConnectorForms.operations(read, new Map([['host', 'a\u0001']]))).toThrow(BadUserInputError);
  });
});
