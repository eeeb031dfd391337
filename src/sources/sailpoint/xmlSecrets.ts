/**
 * Secrets inside SailPoint's XML files (source config form, application, correlation config, source template):
 * masked on the way out, put back on the way in. One walk over the document (saxes) serves both. Pure functions.
 * Internal module.
 *
 * What is secret, by the rules `settings` uses (so the two agree):
 * - a secret entry: a `Field` whose type is secret/password, or an entry (`Field`, Map `entry`, `Attribute`,
 *   `Property`, `Parameter`, `Argument`) whose `name` or `key` names a secret (looksSecret), or an element whose own
 *   name does (`<Password>…</Password>`). Inside one, the `value`/`defaultValue` attributes and every non-blank text
 *   and CDATA (`<value><String>…</String></value>`) are masked;
 * - anywhere: an attribute whose name looks secret (`password="…"`; not the naming attributes `key`, `keyName`,
 *   `helpKey`), and PEM private key blocks in any attribute, text, CDATA or comment.
 * A masked value reads as SECRET_MASK (`********`); an empty value stays empty (nothing is stored there). A document
 * with nothing to mask is returned as it is; one with something masked is re-serialised from the parse (the same
 * XML information, attributes in double quotes).
 *
 * A stored file is walked once (readXmlSecrets): the text as reads show it and the stored value of every place that
 * reads masked, which a restore then uses without parsing the stored file again.
 */
import { SaxesParser } from 'saxes';
import { looksSecret, maskPrivateKeys, SECRET_MASK } from '../../graph/settings.js';
import { fieldType } from './mappers.js';

// Entries whose `name`/`key` says what they hold (lower-case element names).
const ENTRY_ELEMENTS = new Set(['field', 'entry', 'attribute', 'property', 'parameter', 'argument']);
// Attributes that hold an entry's value inside a secret entry (lower-case).
const VALUE_ATTRIBUTES = new Set(['value', 'defaultvalue']);
// Attributes that name something (a map key, a menu, a message key) rather than hold a secret, whatever they contain.
const NAMING_ATTRIBUTES = new Set(['key', 'keyName', 'helpKey']);

/** Whether a form `Field` (or another entry) of this name and type holds a secret: the settings rule. */
function isSecretEntry(name: string | undefined, type: string | undefined): boolean {
  return fieldType(type) === 'Secret' || (name !== undefined && looksSecret(name));
}

type SlotKind = 'attribute' | 'text' | 'cdata' | 'comment';

/** Decides a value of the document: returns what to write (the value itself to keep it). */
type Visit = (slot: string, raw: string, secret: boolean) => string;

/** One element on the walk's stack. */
interface Open {
  /** `Name[name=…]` / `Name[key=…]`: where it is, for slot keys. */
  step: string;
  secret: boolean;
}

/**
 * Walks `xml` and serialises it again with every value passed through `visit`. Returns the new text, or the input
 * itself when `visit` changed nothing; undefined when the XML is not well-formed.
 */
function rewrite(xml: string, visit: Visit): string | undefined {
  xmlWork.chars += xml.length;
  const parser = new SaxesParser({ position: false });
  const out: string[] = xml.startsWith('\uFEFF') ? ['\uFEFF'] : [];
  const stack: Open[] = [];
  // How often each slot key was seen: the n-th `entry[key=password]@value` of a path is its own slot.
  const counts = new Map<string, number>();
  let failed = false;
  let changes = 0;

  const slotKey = (kind: SlotKind, name: string): string => {
    const path = stack.map((o) => o.step).join('/');
    const base = `${path}${kind === 'attribute' ? `@${name}` : `#${kind}`}`;
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    return n === 1 ? base : `${base}[${n}]`;
  };
  const value = (kind: SlotKind, name: string, raw: string, secret: boolean): string => {
    const next = visit(slotKey(kind, name), raw, secret);
    if (next !== raw) changes += 1;
    return next;
  };

  parser.on('error', () => {
    failed = true;
  });
  parser.on('xmldecl', (decl) => {
    out.push(
      `<?xml version="${decl.version ?? '1.0'}"${decl.encoding ? ` encoding="${decl.encoding}"` : ''}${decl.standalone ? ` standalone="${decl.standalone}"` : ''}?>`,
    );
  });
  parser.on('doctype', (doctype) => out.push(`<!DOCTYPE${doctype}>`));
  parser.on('processinginstruction', (pi) => out.push(`<?${pi.target}${pi.body ? ` ${pi.body}` : ''}?>`));
  parser.on('comment', (text) => out.push(`<!--${value('comment', '', text, false)}-->`));
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>; // no namespace processing: plain attributes
    const parent = stack.at(-1);
    const lower = tag.name.toLowerCase();
    const local = lower.slice(lower.indexOf(':') + 1);
    const entry =
      (local === 'field' && isSecretEntry(a.name, a.type)) ||
      (ENTRY_ELEMENTS.has(local) && ((a.name !== undefined && looksSecret(a.name)) || (a.key !== undefined && looksSecret(a.key)))) ||
      looksSecret(tag.name.slice(tag.name.indexOf(':') + 1));
    const secret = parent?.secret === true || entry;
    const id = a.name !== undefined ? `[name=${a.name}]` : a.key !== undefined ? `[key=${a.key}]` : '';
    stack.push({ step: `${tag.name}${id}`, secret });
    let text = `<${tag.name}`;
    for (const [name, raw] of Object.entries(a)) {
      const secretAttribute = (secret && VALUE_ATTRIBUTES.has(name.toLowerCase())) || (!NAMING_ATTRIBUTES.has(name) && looksSecret(name));
      text += ` ${name}="${escapeAttribute(value('attribute', name, raw, secretAttribute))}"`;
    }
    out.push(tag.isSelfClosing ? `${text}/>` : `${text}>`);
    if (tag.isSelfClosing) stack.pop();
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    stack.pop();
    out.push(`</${tag.name}>`);
  });
  parser.on('text', (text) => {
    // Blank text is layout: never a secret, never a slot (reformatting must not shift the slots).
    out.push(text.trim() === '' ? escapeText(text) : escapeText(value('text', '', text, stack.at(-1)?.secret === true)));
  });
  parser.on('cdata', (text) => out.push(`<![CDATA[${value('cdata', '', text, stack.at(-1)?.secret === true)}]]>`));
  try {
    parser.write(xml).close();
  } catch {
    failed = true;
  }
  if (failed) return undefined;
  return changes > 0 ? out.join('') : xml;
}

/** A value as reads show it: a secret non-blank value is the mask; PEM private keys are masked anywhere. */
function maskedValue(raw: string, secret: boolean): string {
  if (secret && raw.trim() !== '') return SECRET_MASK;
  return maskPrivateKeys(raw);
}

/** The characters of XML the walks have read since the process started: the work a request costs (tests read it). */
export const xmlWork = { chars: 0 };

/** A stored XML file, walked once: its text, the text as reads show it, and each place that reads masked. */
export interface StoredXml {
  readonly raw: string;
  /** `raw` with its secrets masked (`raw` itself when there is nothing to mask). */
  readonly shown: string;
  /** By slot (the place: elements named by their `name`/`key`, then the attribute or text): the stored value and how it reads. */
  readonly slots: ReadonlyMap<string, { raw: string; shown: string }>;
}

/** Walks a stored file once (see StoredXml); undefined when it is not well-formed XML. */
export function readXmlSecrets(xml: string): StoredXml | undefined {
  const slots = new Map<string, { raw: string; shown: string }>();
  const shown = rewrite(xml, (slot, raw, secret) => {
    const masked = maskedValue(raw, secret);
    if (masked !== raw || secret) slots.set(slot, { raw, shown: masked });
    return masked;
  });
  return shown === undefined ? undefined : { raw: xml, shown, slots };
}

/**
 * `xml` with its secrets masked (see the module comment): the text itself when there is nothing to mask; undefined
 * when it is not well-formed XML (the caller shows nothing rather than something unmasked).
 */
export function maskXmlSecrets(xml: string): string | undefined {
  return rewrite(xml, (_slot, raw, secret) => maskedValue(raw, secret));
}

/** The outcome of putting stored secrets back into an XML a client sent. */
export type RestoreResult = { ok: true; xml: string } | { ok: false; problem: string };

/**
 * Puts the stored secrets back into `next` (an XML a client read masked, edited and sent back): a value that reads
 * exactly as the stored value at the same place (the same elements, named by their `name`/`key`, the same
 * attribute or text) reads masked is replaced by the stored value, but only where the stored value reads masked in
 * `next` too: a place that is no longer secret (a `Field` whose type changed from secret to text) would show it, so
 * the mask left there is a problem. A masked value in a secret place that has no stored counterpart is a problem too
 * (sending it would store the mask as the secret). `next` comes back unchanged when it holds no mask; it must be
 * well-formed (checked before). `stored` is the stored file, or its walk (readXmlSecrets) when the caller has it.
 */
export function restoreXmlSecrets(next: string, stored: string | StoredXml | undefined): RestoreResult {
  if (!next.includes(SECRET_MASK)) return { ok: true, xml: next };
  const read = typeof stored === 'string' ? readXmlSecrets(stored) : stored;
  // The stored file sent back exactly as read: the stored text itself.
  if (read?.shown === next) return { ok: true, xml: read.raw };
  const storedValues = read?.slots ?? new Map<string, { raw: string; shown: string }>();
  let problem: string | undefined;
  const xml = rewrite(next, (slot, raw, secret) => {
    if (!raw.includes(SECRET_MASK)) return raw;
    const before = storedValues.get(slot);
    if (before?.shown === raw) {
      // Restored only where it reads as the client sent it: masked.
      if (maskedValue(before.raw, secret) === raw) return before.raw;
      problem ??= `it holds the mask ${SECRET_MASK} at ${slot.slice(0, 200)}, which is no longer secret; send the value itself`;
      return raw;
    }
    if (secret && raw === SECRET_MASK)
      problem ??= `it holds the mask ${SECRET_MASK} at ${slot.slice(0, 200)}, where no secret is stored; send the secret itself`;
    return raw;
  });
  if (xml === undefined) return { ok: false, problem: 'not well-formed XML' };
  return problem === undefined ? { ok: true, xml } : { ok: false, problem };
}

/** A value for a double-quoted attribute: markup escaped, line breaks and tabs as character references (kept as they are). */
export function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}
