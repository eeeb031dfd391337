/**
 * A source's reason for refusing a request, as a caller may see it: the secret values a request carried (a source
 * may echo the secret it refused), the bounds of what is shown, and the sentence the error's message ends with.
 * Knows no vendor (each source reads its own body into an UpstreamReason) and no log: the text is scrubbed by the
 * caller's function. Internal module.
 */
import { looksSecret, MIN_KNOWN_SECRET } from '../graph/settings.js';
import type { UpstreamReason } from '../sources/port.js';

/** The most characters of a source's message (and of each problem's) that a caller sees. */
const MAX_REASON_MESSAGE = 500;
/** The most field problems a caller sees. */
const MAX_REASON_PROBLEMS = 20;
/** The most characters of a problem's key. */
const MAX_REASON_KEY = 200;
/** The most characters of a vendor code. */
const MAX_VENDOR_CODE = 200;
/** The most secret values collected from one request (each at least MIN_KNOWN_SECRET long: shorter ones would match ordinary text). */
const MAX_SECRETS = 1000;
/** How deep a request body is walked for secrets (the gateway's own limits keep bodies shallower). */
const MAX_DEPTH = 64;

/** What a caller sees of a source's reason: scrubbed, bounded, nothing empty. */
export interface ShownReason {
  message?: string;
  vendorCode?: string;
  problems?: { key: string; message: string }[];
}

// Members that name an entry and those that hold its value (as the log's scrubbing reads them), and a JSON Patch
// operation's path.
const NAMING_MEMBERS = new Set(['name', 'key', 'field', 'type']);
const VALUE_MEMBERS = new Set(['value', 'defaultvalue']);
// In text: `key="value"`, `key='value'`, `"key": "value"`, `key=value` (XML attributes, JSON, form encoding).
const PAIR = /(?<![\w.-])(["']?)([A-Za-z_][\w.-]*)\1\s*[:=]\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^\s&,;"'<>}\]]+))/g;
// An XML element whose name looks secret, with its text: `<password>…</password>`.
const ELEMENT = /<([A-Za-z_][\w.:-]*)(?:\s[^<>]*)?>([^<]+)<\/\1\s*>/g;
// An XML entry named by an attribute: `<entry key="password" value="…"/>`.
const NAMED_ENTRY = /<[A-Za-z_][\w.:-]*\s[^<>]*>/g;
const ATTRIBUTE = /([^\s=<>"'/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * The secret values a request body carries, to be replaced wherever a source echoes them: string (and number)
 * values under a secret-looking key at any depth (all of a secret object's values), the value of a named entry whose
 * name looks secret (`{"name": "clientSecret", "value": …}`), the value of a JSON Patch operation whose path ends in a
 * secret-looking key, and, inside any string, the values of secret-looking `key=value` pairs, XML attributes,
 * elements and named entries (SailPoint's XML files and forms). Values shorter than 6 characters are left out.
 */
export function secretValuesIn(body: unknown): Set<string> {
  const found = new Set<string>();
  const add = (value: string) => {
    if (value.length >= MIN_KNOWN_SECRET && found.size < MAX_SECRETS) found.add(value);
  };
  const walk = (value: unknown, secret: boolean, depth: number): void => {
    if (depth > MAX_DEPTH || found.size >= MAX_SECRETS) return;
    if (typeof value === 'string') {
      if (secret) add(value);
      else for (const inner of secretValuesInText(value)) add(inner);
      return;
    }
    if (typeof value === 'number' || typeof value === 'bigint') {
      if (secret) add(String(value));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, secret, depth + 1);
      return;
    }
    const entries = Object.entries(value);
    const namedSecret = entries.some(
      ([key, v]) =>
        (NAMING_MEMBERS.has(key.toLowerCase()) && typeof v === 'string' && looksSecret(v)) || (key === 'path' && typeof v === 'string' && pathLooksSecret(v)),
    );
    for (const [key, v] of entries) walk(v, secret || looksSecret(key) || (namedSecret && VALUE_MEMBERS.has(key.toLowerCase())), depth + 1);
  };
  walk(body, false, 0);
  return found;
}

/** Whether a JSON Patch path's last segment looks secret (`/config/clientSecret`). */
function pathLooksSecret(path: string): boolean {
  const last = path
    .slice(path.lastIndexOf('/') + 1)
    .replace(/~1/g, '/')
    .replace(/~0/g, '~');
  return last !== '' && looksSecret(last);
}

/** The values of secret-looking pairs, XML attributes, elements and named entries in a text (see secretValuesIn). */
function secretValuesInText(text: string): string[] {
  const out: string[] = [];
  if (/[:=]/.test(text)) {
    for (const [, , key, double, single, bare] of text.matchAll(PAIR)) {
      const value = double ?? single ?? bare;
      if (key !== undefined && value !== undefined && looksSecret(key)) out.push(value);
    }
  }
  if (text.includes('<')) {
    for (const [, name, content] of text.matchAll(ELEMENT)) {
      if (name !== undefined && content !== undefined && looksSecret(name.slice(name.indexOf(':') + 1)) && content.trim() !== '') out.push(content.trim());
    }
    for (const [tag] of text.matchAll(NAMED_ENTRY)) {
      const attributes = new Map<string, string>();
      for (const [, name, double, single] of tag.matchAll(ATTRIBUTE)) if (name !== undefined) attributes.set(name.toLowerCase(), double ?? single ?? '');
      const named = ['name', 'key', 'type'].some((attribute) => looksSecret(attributes.get(attribute) ?? ''));
      if (!named) continue;
      for (const attribute of ['value', 'defaultvalue']) {
        const value = attributes.get(attribute);
        if (value) out.push(value);
      }
    }
  }
  return out;
}

/**
 * What a caller sees of a reason: each text through `scrub` (the log's rules and the request's secrets), on one line,
 * cut to 500 characters; at most 20 problems, with keys of at most 200 characters; empty parts left out.
 */
export function shownReason(reason: UpstreamReason, scrub: (text: string) => string): ShownReason {
  // Scrubbed first (a secret may hold white space), then made one line and cut.
  const clean = (text: string | undefined, max: number) => (text === undefined ? '' : scrub(text).replace(/\s+/g, ' ').trim().slice(0, max).trim());
  const shown: ShownReason = {};
  const message = clean(reason.message, MAX_REASON_MESSAGE);
  if (message !== '') shown.message = message;
  const vendorCode = clean(reason.vendorCode, MAX_VENDOR_CODE);
  if (vendorCode !== '') shown.vendorCode = vendorCode;
  const problems: { key: string; message: string }[] = [];
  for (const problem of reason.problems ?? []) {
    if (problems.length >= MAX_REASON_PROBLEMS) break;
    const key = clean(problem.key, MAX_REASON_KEY);
    const text = clean(problem.message, MAX_REASON_MESSAGE);
    if (key !== '' && text !== '') problems.push({ key, message: text });
  }
  if (problems.length > 0) shown.problems = problems;
  return shown;
}

/** `text` as the end of a sentence: trailing whitespace and periods dropped, then exactly one period. */
export function asSentenceEnd(text: string): string {
  let end = text.length;
  while (end > 0 && /[\s.]/.test(text.charAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}.`;
}
