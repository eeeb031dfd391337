/**
 * The SailPoint sandbox's `locale` logic as pure functions: which locale applies, the Java `.properties` reader, and
 * the source config form with its texts translated. The form and the translations are what an editor uploads, so
 * the translation is property-tested: the result stays well-formed XML with the same elements, and carries each
 * uploaded text exactly, whatever characters it holds.
 */
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { parseProperties } from '../../src/sources/sailpoint/properties.js';
import { localizeSourceConfig, resolveLocale } from '../../src/sources/sailpoint/sandbox/locale.js';
import { createSailPointSeed, escapeProperties } from '../../src/sources/sailpoint/sandbox/seed.js';
import { SAILPOINT_LOCALES } from '../../src/sources/sailpoint/types.js';

/** The elements of an XML document in order, each with its attributes (decoded), as saxes reads them. */
function elements(xml: string): { name: string; attributes: Record<string, string> }[] {
  const parser = new SaxesParser();
  const found: { name: string; attributes: Record<string, string> }[] = [];
  parser.on('opentag', (tag) => found.push({ name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) } }));
  parser.write(xml).close();
  return found;
}

const FORM = `<?xml version="1.0" encoding="UTF-8"?>
<!-- <Field name="commented" displayName="x"/> -->
<Form xmlns="http://www.sailpoint.com/xsd/sailpoint_form_2_0.xsd" name="F" type="SourceConfig">
  <Menu label="Configuration">
    <MenuItem keyName="connectionSettings" label="Connection Settings">
      <Section label="Connection Settings" sectionHelpMessage='Where &amp; how'>
        <Field name="host" displayName="HostURL" type="url" value="https://x"/>
        <Field name="timeout" displayName="Timeout" type="number"/>
      </Section>
    </MenuItem>
    <MenuItem keyName="other" label="Other">
      <Section label="Other"><Field name="host2" displayName="HostURL"/></Section>
    </MenuItem>
  </Menu>
</Form>
`;

describe('resolveLocale', () => {
  it("takes SailPoint's locales as they are and anything else as en", () => {
    for (const locale of SAILPOINT_LOCALES) expect(resolveLocale(locale)).toBe(locale);
    for (const other of [null, undefined, '', 'xx', 'DE', 'de-DE', 'zh_CN', 'false', ' en']) expect(resolveLocale(other)).toBe('en');
  });
});

describe('parseProperties', () => {
  it('reads keys, separators, comments, continuations and escapes as java.util.Properties does', () => {
    const text = [
      '# comment',
      '  ! another comment',
      'plain=value',
      'colon:value',
      'space value with  spaces',
      'padded   =   value  ',
      'escaped\\ key\\=x=v',
      'unicode=Gr\\u00f6\\u00dfe \\t\\n',
      'continued=one \\',
      '    two \\\\',
      'three',
      'empty=',
      'bare',
      'plain=later wins',
    ].join('\r\n');
    expect(Object.fromEntries(parseProperties(text))).toEqual({
      plain: 'later wins',
      colon: 'value',
      space: 'value with  spaces',
      padded: 'value  ',
      'escaped key=x': 'v',
      unicode: 'Gr\u00f6\u00dfe \t\n',
      continued: 'one two \\',
      three: '',
      empty: '',
      bare: '',
    });
  });

  it('reads back what the seed writes, for any key and value', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: 'binary', minLength: 1 }), fc.string({ unit: 'binary' })), { maxLength: 10 }), (pairs) => {
        const text = pairs.map(([key, value]) => `${escapeProperties(key, true)}=${escapeProperties(value, false)}`).join('\n');
        expect(parseProperties(text)).toEqual(new Map(pairs));
      }),
    );
  });

  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => void parseProperties(text)));
  });
});

describe('localizeSourceConfig', () => {
  it('translates by the text itself, then by the slot key; en only where a text is a key', () => {
    const de = 'HostURL=Host-URL\nmenuLabel_ConnectionSettings=Verbindung\nsectionInfo_ConnectionSettings=Wo & wie\ntimeout=Zeitlimit\n';
    const en = 'HostURL=Host URL\nmenuLabel_ConnectionSettings=Connection settings (en file)\nsectionLabel_Other=Other (en file)\n';
    const german = elements(localizeSourceConfig(FORM, { de, en }, 'de'));
    const english = elements(localizeSourceConfig(FORM, { de, en }, 'en'));
    const texts = (list: typeof german): (string | undefined)[] =>
      list.map((e) => e.attributes.displayName ?? e.attributes.label ?? e.attributes.sectionHelpMessage);
    expect(texts(german)).toEqual([undefined, 'Configuration', 'Verbindung', 'Verbindung', 'Host-URL', 'Zeitlimit', 'Other', 'Other', 'Host-URL']);
    expect(german[3]?.attributes.sectionHelpMessage).toBe('Wo & wie');
    // en translates only the key-like text; its slot keys do not override the form's own English.
    expect(texts(english)).toEqual([
      undefined,
      'Configuration',
      'Connection Settings',
      'Connection Settings',
      'Host URL',
      'Timeout',
      'Other',
      'Other',
      'Host URL',
    ]);
    // A locale without the file falls back to en the same way.
    expect(localizeSourceConfig(FORM, { de, en }, 'fr')).toBe(localizeSourceConfig(FORM, { de, en }, 'en'));
    expect(localizeSourceConfig(FORM, {}, 'de')).toBe(FORM);
  });

  it('leaves the seed forms as stored in en and changes only texts in other locales', () => {
    for (const connector of createSailPointSeed()) {
      expect(localizeSourceConfig(connector.sourceConfigXml, connector.translations, 'en')).toBe(connector.sourceConfigXml);
      for (const locale of Object.keys(connector.translations) as (keyof typeof connector.translations)[]) {
        const localized = elements(localizeSourceConfig(connector.sourceConfigXml, connector.translations, locale));
        const stored = elements(connector.sourceConfigXml);
        const withoutTexts = (list: typeof stored) =>
          list.map((e) => ({ ...e, attributes: { ...e.attributes, label: '', displayName: '', sectionHelpMessage: '' } }));
        expect(withoutTexts(localized)).toEqual(withoutTexts(stored));
      }
    }
  });

  it('puts any uploaded text into the form exactly, and the form stays well-formed', () => {
    // What an editor controls: the texts of the translation file and the label, name and keyName of the form.
    const text = fc.string({ unit: 'grapheme', maxLength: 40 });
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,12}$/);
    fc.assert(
      fc.property(name, name, text, text, text, text, (keyName, field, label, menuText, fieldText, helpText) => {
        const attr = (value: string): string =>
          value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
        const form = `<Form><MenuItem keyName="${keyName}" label="${attr(label)}"><Section label='${attr(label).replace(/'/g, '&apos;')}' sectionHelpMessage="h"><Field name="${field}" displayName="${attr(label)}" value="v"/></Section></MenuItem></Form>`;
        const key = keyName.charAt(0).toUpperCase() + keyName.slice(1);
        const de = [
          `${escapeProperties(`menuLabel_${key}`, true)}=${escapeProperties(menuText, false)}`,
          `${escapeProperties(`sectionInfo_${key}`, true)}=${escapeProperties(helpText, false)}`,
          `${escapeProperties(field, true)}=${escapeProperties(fieldText, false)}`,
        ].join('\n');
        const result = localizeSourceConfig(form, { de }, 'de');
        const [formElement, menuItem, section, fieldElement] = elements(result);
        expect(formElement?.name).toBe('Form');
        // The text itself is looked up first, so a text that happens to be one of the keys takes that key's text.
        const file = new Map([
          [`menuLabel_${key}`, menuText],
          [`sectionInfo_${key}`, helpText],
          [field, fieldText],
        ]);
        expect(menuItem?.attributes).toEqual({ keyName, label: file.get(label) ?? menuText });
        expect(section?.attributes).toEqual({ label: file.get(label) ?? menuText, sectionHelpMessage: file.get('h') ?? helpText });
        expect(fieldElement?.attributes).toEqual({ name: field, displayName: file.get(label) ?? fieldText, value: 'v' });
      }),
    );
  });

  it('never throws and never changes text outside start tags, whatever the stored form holds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }), (xml, translations) => {
        const result = localizeSourceConfig(xml, { de: translations, en: translations }, 'de');
        expect(typeof result).toBe('string');
        if (!xml.includes('<')) expect(result).toBe(xml);
      }),
    );
  });
});
