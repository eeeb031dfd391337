/**
 * The source config form written: new default values in its `Field` elements, every other character as it was.
 * Pure functions. Internal module.
 */
import type { FormFieldKind } from '../../graph/settings.js';
import { escapeAttribute } from './xmlSecrets.js';

const localName = (qualified: string): string => qualified.slice(qualified.indexOf(':') + 1);

// Characters XML 1.0 cannot carry, even as character references (and lone surrogates).
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** JSON text of a value (`null` for what JSON has no text for). */
function jsonText(value: unknown): string {
  const text = JSON.stringify(value) as string | undefined;
  return text ?? 'null';
}

/** A value as the text of a `value` attribute, or the reason it cannot be one. */
export function fieldValueText(kind: FormFieldKind, value: unknown): { ok: true; text: string } | { ok: false; problem: string } {
  let text: string;
  if (kind === 'LIST' && Array.isArray(value)) {
    const items = value.map(String);
    if (items.some((item) => item.includes(','))) return { ok: false, problem: 'a list item holds a comma, which SailPoint forms use between items' };
    text = items.join(',');
  } else if (kind === 'JSON') text = jsonText(value);
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else text = jsonText(value);
  if (NOT_XML.test(text)) return { ok: false, problem: 'it holds a character that XML cannot carry (a control character or a lone surrogate)' };
  return { ok: true, text };
}

// A start tag, or a piece that only looks like one (comment, CDATA, processing instruction, DOCTYPE), or an end tag.
const XML_TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE(?:[^>"'[]|"[^"]*"|'[^']*'|\[[\s\S]*?\])*>|<\/[^\s>]+\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)(\s*\/?>)/g;
const XML_ATTRIBUTE = /\s+([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const XML_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeAttribute(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return XML_ENTITIES[ref] ?? whole;
  });
}

/**
 * `xml` with the `value` attribute of each named `Field` set to the given text (null: removed), every other character
 * as it was; hidden fields are not touched. The XML must be well-formed (it is a form read before).
 */
export function withFieldValues(xml: string, values: ReadonlyMap<string, string | null>): string {
  if (values.size === 0) return xml;
  return xml.replace(XML_TOKEN, (token: string, tagName: string | undefined, attributeText: string | undefined, end: string | undefined) => {
    if (tagName === undefined || attributeText === undefined || end === undefined || localName(tagName) !== 'Field') return token;
    const attributes = new Map<string, string>();
    for (const match of attributeText.matchAll(XML_ATTRIBUTE)) attributes.set(match[1] ?? '', decodeAttribute(match[2] ?? match[3] ?? ''));
    const name = attributes.get('name');
    if (name === undefined || attributes.get('hidden') === 'true' || !values.has(name)) return token;
    const next = values.get(name) ?? null;
    const written = next === null ? '' : ` value="${escapeAttribute(next)}"`;
    const text = attributes.has('value')
      ? attributeText.replace(XML_ATTRIBUTE, (whole: string, attribute: string) => (attribute === 'value' ? written : whole))
      : attributeText + written;
    return `<${tagName}${text}${end}`;
  });
}
