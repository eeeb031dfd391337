/**
 * The `locale` of `GET /v3/connectors/{scriptName}` in the SailPoint sandbox: which locale applies (one of
 * SailPoint's, else `en`, as the vendor documents: "If no viable locale is given, it will default to en"), the
 * connector's Java `.properties` translations, and the source config form with its texts translated, which the
 * detail reports as `sourceConfig` (`sourceConfigXml` stays the stored file).
 *
 * A text of the form is either a translation key (vendor forms carry keys, such as `displayName="HostURL"`) or the
 * English text itself. It is looked up in the locale's file by the text itself, then by the key SailPoint's
 * translation files use for its slot: a field's `name`; `menuLabel_<Key>` for a `MenuItem`'s label;
 * `sectionLabel_<Key>` or `menuLabel_<Key>` for a `Section`'s label and `sectionInfo_<Key>` for its
 * `sectionHelpMessage`, where `<Key>` is the enclosing `MenuItem`'s `keyName` with a capital first letter. What the
 * locale does not translate falls back to `en`: `en`'s file by the text itself (a key), else the form's own text,
 * which is English; so `en` changes only the texts that are keys.
 *
 * Internal module of the SailPoint sandbox.
 */
import { parseProperties } from '../properties.js';
import { SAILPOINT_LOCALES, type SailPointLocale } from '../types.js';
import { xmlAttr } from './seed.js';

/** The locale a request's `locale` parameter selects: one of SailPoint's locales, else `en`. */
export function resolveLocale(requested: string | null | undefined): SailPointLocale {
  return SAILPOINT_LOCALES.find((locale) => locale === requested) ?? 'en';
}

// A start tag, or a piece that only looks like one (comment, CDATA, processing instruction, DOCTYPE), or an end tag.
const XML_TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE(?:[^>"'[]|"[^"]*"|'[^']*'|\[[\s\S]*?\])*>|<\/([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const XML_ATTRIBUTE = /([^\s=/>]+)(\s*=\s*)(?:"([^"]*)"|'([^']*)')/g;

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXmlAttribute(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return XML_ENTITIES[ref] ?? whole;
  });
}

const localName = (qualified: string): string => qualified.slice(qualified.indexOf(':') + 1);
const capitalised = (key: string): string => key.charAt(0).toUpperCase() + key.slice(1);

/** The translation keys of an attribute of a form element, most specific first; none when it is no text. */
function translationKeys(element: string, attribute: string, value: string, attributes: Map<string, string>, menuKey: string | undefined): string[] {
  const menu = menuKey ? capitalised(menuKey) : undefined;
  const slot = (...keys: (string | undefined)[]): string[] => [value, ...keys.filter((key): key is string => key !== undefined && key !== '')];
  if (element === 'Field' && attribute === 'displayName') return slot(attributes.get('name'));
  if (element === 'MenuItem' && attribute === 'label') return slot(menu && `menuLabel_${menu}`);
  if (element === 'Section' && attribute === 'label') return slot(menu && `sectionLabel_${menu}`, menu && `menuLabel_${menu}`);
  if (element === 'Section' && attribute === 'sectionHelpMessage') return slot(menu && `sectionInfo_${menu}`);
  if (element === 'Menu' && attribute === 'label') return slot();
  return [];
}

/**
 * The source config form with its texts translated into `locale` (see the module comment), every other byte as
 * stored. A text that no file translates, or whose translation is the text itself, leaves its tag as it is.
 */
export function localizeSourceConfig(xml: string, translations: Partial<Record<SailPointLocale, string>>, locale: SailPointLocale): string {
  const english = parseProperties(translations.en ?? '');
  const localized = locale === 'en' ? undefined : parseProperties(translations[locale] ?? '');
  // keys[0] is the text itself; the slot's keys follow.
  const lookup = (keys: string[]): string | undefined => {
    const found = localized ? keys.find((key) => localized.has(key)) : undefined;
    return found !== undefined ? localized?.get(found) : english.get(keys[0] ?? '');
  };
  // The keyName of each open MenuItem, innermost last (other open elements are not tracked).
  const menus: (string | undefined)[] = [];
  const menuDepths: number[] = [];
  let depth = 0;
  return xml.replace(
    XML_TOKEN,
    (token: string, endName: string | undefined, startName: string | undefined, attributeText: string | undefined, selfClosing: string | undefined) => {
      if (endName !== undefined) {
        depth -= 1;
        if (menuDepths.at(-1) === depth) {
          menuDepths.pop();
          menus.pop();
        }
        return token;
      }
      if (startName === undefined || attributeText === undefined) return token;
      const element = localName(startName);
      const attributes = new Map<string, string>();
      for (const match of attributeText.matchAll(XML_ATTRIBUTE)) attributes.set(localName(match[1] ?? ''), decodeXmlAttribute(match[3] ?? match[4] ?? ''));
      if (element === 'MenuItem' && selfClosing === '') {
        menus.push(attributes.get('keyName'));
        menuDepths.push(depth);
      }
      if (selfClosing === '') depth += 1;
      const menuKey = element === 'MenuItem' ? attributes.get('keyName') : menus.at(-1);
      const translated = attributeText.replace(XML_ATTRIBUTE, (whole: string, name: string, equals: string, double?: string, single?: string) => {
        const value = decodeXmlAttribute(double ?? single ?? '');
        const keys = translationKeys(element, localName(name), value, attributes, menuKey);
        const text = keys.length > 0 ? lookup(keys) : undefined;
        return text === undefined || text === value ? whole : `${name}${equals}"${xmlAttr(text)}"`;
      });
      return translated === attributeText ? token : `<${startName}${translated}${token.slice(1 + startName.length + attributeText.length)}`;
    },
  );
}
