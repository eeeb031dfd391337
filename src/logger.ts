/**
 * The gateway's pino logger: JSON lines, with authorization and API key headers, tokens, client secrets and
 * locked config values redacted wherever they appear in a logged object (the test helper also fails a suite
 * whose log holds any secret it knows), and the scrubbing of upstream bodies before they are logged. Internal module.
 */
import { pino, type Logger, type DestinationStream } from 'pino';
import { looksSecret, maskPrivateKeys, MIN_KNOWN_SECRET } from './graph/settings.js';

/** Paths censored in every log line (pino redaction: one level of wildcard). */
const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  '*.authorization',
  '*.headers.authorization',
  '["x-api-key"]',
  'headers["x-api-key"]',
  '*.headers["x-api-key"]',
  'apiKey',
  '*.apiKey',
  'clientSecret',
  '*.clientSecret',
  'client_secret',
  '*.client_secret',
  'access_token',
  '*.access_token',
  'token',
  '*.token',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'config',
  '*.config',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'connector-gateway' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  // stdout is written synchronously, pino's standard mode: one write per line and nothing buffered to lose in a
  // crash. pino's default asynchronous stream grows a string buffer while a write is pending (each line re-copies it);
  // under load it cost about 12 % more CPU per operation (bench/README.md).
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }));
}

/** What stands for a scrubbed value in the log. */
export const REDACTED = '[redacted]';
/** How much of an upstream body is scrubbed at most (then cut for the log): the rest of a larger one never reaches it. */
const SCRUBBED_BODY_CHARS = 64 * 1024;

// `Bearer …` / `Basic …` credentials, wherever they appear.
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)[A-Za-z0-9._~+/=-]+/gi;
// A key and its separator: `key=`, `key:`, `"key":`, `key="` (an XML attribute). A key starts where no name
// character precedes it, so each is tried once: linear in the text.
const KEY = /(?<![\w.-])(["']?)([A-Za-z_][\w.-]*)\1(\s*[:=]\s*)/g;
// The value after a secret key's separator: quoted (to its closing quote, or the end of a cut text) or bare.
const VALUE = /"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|[^\s&,;"'<>}\]]+/y;

// XML markup, each kind in its own group: a CDATA section (1: its text, cut or not), a comment, an end tag (2: its
// name), a start tag (3: its name, 4: its attributes, quoted, the last one possibly cut by the end of the text;
// 5: `>`, `/>` or the end of the text). Every branch starts at a `<` and its parts end at distinct delimiters.
const MARKUP =
  /<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\/([A-Za-z_][\w.:-]*)\s*>|<([A-Za-z_][\w.:-]*)((?:\s+[^\s=<>"'/]+\s*=\s*(?:"[^"]*"|'[^']*'))*(?:\s+[^\s=<>"'/]+\s*=\s*(?:"[^"]*|'[^']*))?)\s*(\/>|>|$)/g;
// One attribute of a start tag (its value quoted, or cut by the end of the text).
const ATTRIBUTE = /(\s+)([^\s=<>"'/]+)(\s*=\s*)("[^"]*"?|'[^']*'?)/g;
// Attributes that hold an entry's value (lower-case): masked inside a secret element, as SailPoint's reads do.
const VALUE_ATTRIBUTES = new Set(['value', 'defaultvalue']);
// Attributes that name something (a map key, a message key) rather than hold a secret, whatever their name says.
const NAMING_ATTRIBUTES = new Set(['key', 'keyName', 'helpKey']);
// Members that name an entry (`{"name": "clientSecret", "value": …}`) and those that hold its value (lower-case).
const NAMING_MEMBERS = new Set(['name', 'key', 'field', 'type']);
const VALUE_MEMBERS = new Set(['value', 'defaultvalue']);
// A flat object in text (JSON, a JavaScript literal, `Field{name=…, value=…}`), possibly cut by the end of the text.
const FLAT_OBJECT = /\{[^{}]*\}?/g;
// A member of one: its key (optionally quoted), separator and value (quoted, possibly cut, or bare).
const MEMBER = /(["']?)([A-Za-z_][\w.-]*)\1(\s*[:=]\s*)("(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|[^\s,;{}"']+)/g;
/** Elements open around a point of the text, at most this many (deeper ones forget the outermost). */
const MAX_OPEN_ELEMENTS = 256;

/**
 * Text with its secret-looking values replaced: XML secrets as SailPoint's reads mask them (elements whose name
 * looks secret, entries whose `name`/`key`/`type` does: their text, CDATA and `value`/`defaultValue` attributes;
 * attributes whose name looks secret), named entries (`{"name": "clientSecret", "value": …}`), `key=value` /
 * `key: value` / `"key": "value"`, PEM private keys, `Bearer`/`Basic` credentials.
 */
function scrubText(text: string): string {
  const source = maskPrivateKeys(text, REDACTED).replace(AUTH_SCHEME, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
  return source.includes('<') ? scrubMarkup(source) : scrubPairs(source);
}

/** The secrets of XML markup (see scrubText); the text between the tags, outside secret elements, goes to scrubPairs. Linear in the text. */
function scrubMarkup(text: string): string {
  const open: { name: string; secret: boolean }[] = [];
  const inSecret = () => open.at(-1)?.secret === true;
  const content = (segment: string) => (inSecret() && segment.trim() !== '' ? segment.replace(/\S[\s\S]*\S|\S/, REDACTED) : scrubPairs(segment));
  let out = '';
  let done = 0;
  MARKUP.lastIndex = 0;
  for (let m = MARKUP.exec(text); m !== null; m = MARKUP.exec(text)) {
    out += content(text.slice(done, m.index));
    done = MARKUP.lastIndex;
    const [all, cdata, closing, name, attributes, end] = m;
    if (cdata !== undefined) {
      out += `<![CDATA[${content(cdata)}${all.endsWith(']]>') ? ']]>' : ''}`;
    } else if (closing !== undefined) {
      let at = open.length - 1;
      while (at >= 0 && open[at]?.name !== closing) at -= 1;
      if (at >= 0) open.length = at; // an end tag nothing opened is left as it is
      out += all;
    } else if (name !== undefined) {
      const rest = attributes ?? '';
      // The attributes decide on the element's own secrecy, so they are read before it is pushed.
      out += `<${name}${scrubAttributes(name, rest, inSecret(), open, end !== '/>')}${all.slice(1 + name.length + rest.length)}`;
    } else {
      out += scrubPairs(all); // a comment
    }
  }
  return out + content(text.slice(done));
}

/**
 * A start tag's attributes as the log may hold them; pushes the element on `open` unless it closes itself. It is
 * secret inside a secret element, when its own name looks secret, or when its `name`, `key` or `type` does.
 */
function scrubAttributes(name: string, attributes: string, parentSecret: boolean, open: { name: string; secret: boolean }[], opens: boolean): string {
  const values = new Map<string, string>();
  if (attributes !== '') {
    for (const [, , attribute, , value] of attributes.matchAll(ATTRIBUTE))
      if (attribute !== undefined && value !== undefined) values.set(attribute, unquote(value));
  }
  const named = (attribute: string) => {
    const value = values.get(attribute);
    return value !== undefined && looksSecret(value);
  };
  const secret = parentSecret || looksSecret(name.slice(name.indexOf(':') + 1)) || named('name') || named('key') || named('type');
  if (opens) {
    open.push({ name, secret });
    if (open.length > MAX_OPEN_ELEMENTS) open.shift();
  }
  if (attributes === '') return attributes;
  return attributes.replace(ATTRIBUTE, (all, space: string, attribute: string, separator: string, value: string) => {
    const masked = (secret && VALUE_ATTRIBUTES.has(attribute.toLowerCase())) || (!NAMING_ATTRIBUTES.has(attribute) && looksSecret(attribute));
    if (!masked) return all;
    const quote = value.charAt(0);
    return `${space}${attribute}${separator}${quote}${REDACTED}${value.length > 1 && value.endsWith(quote) ? quote : ''}`;
  });
}

/** Named entries, then key/value pairs, in text without markup. */
function scrubPairs(text: string): string {
  return scrubKeyValues(text.includes('{') ? text.replace(FLAT_OBJECT, scrubNamedEntry) : text);
}

/** A flat object whose `name`, `key`, `field` or `type` looks secret, with its `value`/`defaultValue` members replaced. */
function scrubNamedEntry(object: string): string {
  const members = [...object.matchAll(MEMBER)];
  const secret = members.some(
    ([, , key, , value]) => key !== undefined && value !== undefined && NAMING_MEMBERS.has(key.toLowerCase()) && looksSecret(unquote(value)),
  );
  if (!secret) return object;
  return object.replace(MEMBER, (all, quote: string, key: string, separator: string, value: string) => {
    if (!VALUE_MEMBERS.has(key.toLowerCase())) return all;
    const q = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
    return `${quote}${key}${quote}${separator}${q}${REDACTED}${q}`;
  });
}

function unquote(value: string): string {
  return value.replace(/^["']|["']$/g, '');
}

/** `key=value` / `key: value` / `"key": "value"` / `key="value"` with a secret-looking key. */
function scrubKeyValues(source: string): string {
  let out = '';
  let done = 0;
  KEY.lastIndex = 0;
  for (let m = KEY.exec(source); m !== null; m = KEY.exec(source)) {
    // Not secret: its value is scanned on (it may hold pairs of its own); already redacted: nothing to do.
    const key = m[2];
    if (key === undefined || !looksSecret(key) || source.startsWith(REDACTED, KEY.lastIndex)) continue;
    VALUE.lastIndex = KEY.lastIndex;
    const value = VALUE.exec(source);
    if (!value) continue;
    const q = value[0].startsWith('"') ? '"' : value[0].startsWith("'") ? "'" : '';
    out += `${source.slice(done, KEY.lastIndex)}${q}${REDACTED}${q}`;
    done = KEY.lastIndex = VALUE.lastIndex;
  }
  return out + source.slice(done);
}

/**
 * A parsed JSON value with every value under a secret-looking key replaced, at any depth, and every string scrubbed
 * as text (JSON inside a string too). In a named entry (`{"name"|"key"|"field": …, "value": …}`) the name is kept
 * and the value replaced when the name (or a `type`) looks secret.
 */
function scrubJson(value: unknown): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (Array.isArray(value)) return value.map(scrubJson);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const isEntry =
    entries.some(([key]) => VALUE_MEMBERS.has(key.toLowerCase())) && entries.some(([key, v]) => NAMING_MEMBERS.has(key.toLowerCase()) && typeof v === 'string');
  const secretEntry = isEntry && entries.some(([key, v]) => NAMING_MEMBERS.has(key.toLowerCase()) && typeof v === 'string' && looksSecret(v));
  const out: Record<string, unknown> = {};
  for (const [key, v] of entries) {
    const lower = key.toLowerCase();
    if (isEntry && NAMING_MEMBERS.has(lower) && typeof v === 'string')
      out[key] = scrubText(v); // the entry's name, not a secret
    else out[key] = looksSecret(key) || (secretEntry && VALUE_MEMBERS.has(lower)) ? REDACTED : scrubJson(v);
  }
  return out;
}

/**
 * An upstream body as the log may hold it, cut to `max` characters. Every value in `known` (the gateway's own
 * credentials for that source: its client secret, its tokens) is replaced wherever it appears, also JSON- or
 * URL-encoded; a JSON body has every value under a secret-looking key (looksSecret, the `settings` rule) replaced at
 * any depth, and the value of every named entry whose name looks secret (`{"name": "clientSecret", "value": …}`);
 * then, in any text (each string of a JSON body), XML as SailPoint's reads mask it (secret elements and entries,
 * secret-named attributes), named entries, values of `key=value` / `key: value` / `"key": "value"` with a
 * secret-looking key, PEM private key blocks and `Bearer`/`Basic` credentials. At most the first 64 KiB are read.
 */
export function scrubBody(body: string, known: Iterable<string | undefined> = [], max = 500): string {
  const secrets = [...known].filter((secret): secret is string => secret !== undefined && secret.length >= MIN_KNOWN_SECRET);
  let text = withoutKnown(body.length > SCRUBBED_BODY_CHARS ? body.slice(0, SCRUBBED_BODY_CHARS) : body, secrets);
  let parsed: unknown;
  // Only a text that can be a JSON object, array or string is parsed: a failed parse (a thrown SyntaxError) costs
  // far more than the scrubbing, and a bare number or word is scrubbed as text either way.
  if (/^\s*[[{"]/.test(text)) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined; // not JSON (or cut): scrubbed as text
    }
  }
  // Parsing decodes what the raw text hid from the replacement (`\u0026` for `&`, as Go's JSON writes it): the
  // known secrets are replaced again in what is written out.
  text = parsed === undefined ? scrubText(text) : withoutKnown(JSON.stringify(scrubJson(parsed)), secrets);
  return text.length > max ? text.slice(0, max) : text;
}

/** `text` with every known secret replaced by REDACTED, as it is and JSON- or URL-encoded. */
function withoutKnown(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+')]);
    for (const form of forms) out = out.split(form).join(REDACTED);
  }
  return out;
}
