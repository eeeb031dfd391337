/**
 * The gateway's pino logger: JSON lines, with authorization and API key headers, tokens, client secrets and
 * locked config values redacted wherever they appear in a logged object (the test helper also fails a suite
 * whose log holds any secret it knows), and the scrubbing of upstream bodies before they are logged. Internal module.
 */
import { pino, type Logger, type DestinationStream } from 'pino';
import { looksSecret, maskPrivateKeys } from './graph/settings.js';

/** Paths censored in every log line (pino redaction: one level of wildcard). */
export const REDACTED_PATHS = [
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
/** Known credentials shorter than this are not searched for (they would match ordinary text). */
const MIN_KNOWN_SECRET = 6;

// `Bearer …` / `Basic …` credentials, wherever they appear.
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)[A-Za-z0-9._~+/=-]+/gi;
// A key and its separator: `key=`, `key:`, `"key":`, `key="` (an XML attribute). A key starts where no name
// character precedes it, so each is tried once: linear in the text.
const KEY = /(?<![\w.-])(["']?)([A-Za-z_][\w.-]*)\1(\s*[:=]\s*)/g;
// The value after a secret key's separator: quoted (to its closing quote, or the end of a cut text) or bare.
const VALUE = /"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|[^\s&,;"'<>}\]]+/y;

/** Text with its secret-looking values replaced: `key=value` / `key: value` / `"key": "value"` / XML attributes, PEM private keys, `Bearer`/`Basic` credentials. */
function scrubText(text: string): string {
  const source = maskPrivateKeys(text, REDACTED).replace(AUTH_SCHEME, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
  let out = '';
  let done = 0;
  KEY.lastIndex = 0;
  for (let m = KEY.exec(source); m !== null; m = KEY.exec(source)) {
    // Not secret: its value is scanned on (it may hold pairs of its own); already redacted: nothing to do.
    if (!looksSecret(m[2]!) || source.startsWith(REDACTED, KEY.lastIndex)) continue;
    VALUE.lastIndex = KEY.lastIndex;
    const value = VALUE.exec(source);
    if (!value) continue;
    const q = value[0].startsWith('"') ? '"' : value[0].startsWith("'") ? "'" : '';
    out += `${source.slice(done, KEY.lastIndex)}${q}${REDACTED}${q}`;
    done = KEY.lastIndex = VALUE.lastIndex;
  }
  return out + source.slice(done);
}

/** A parsed JSON value with every value under a secret-looking key replaced, at any depth, and every string scrubbed as text (JSON inside a string too). */
function scrubJson(value: unknown): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (Array.isArray(value)) return value.map(scrubJson);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = looksSecret(key) ? REDACTED : scrubJson(v);
  return out;
}

/**
 * An upstream body as the log may hold it, cut to `max` characters. Every value in `known` (the gateway's own
 * credentials for that source: its client secret, its tokens) is replaced wherever it appears, also JSON- or
 * URL-encoded; a JSON body has every value under a secret-looking key (looksSecret, the `settings` rule) replaced at
 * any depth; then, in any text (each string of a JSON body), values of `key=value` / `key: value` / `"key": "value"` /
 * XML attributes with a secret-looking key, PEM private key blocks and `Bearer`/`Basic` credentials. At most the
 * first 64 KiB are read.
 */
export function scrubBody(body: string, known: Iterable<string | undefined> = [], max = 500): string {
  let text = body.length > SCRUBBED_BODY_CHARS ? body.slice(0, SCRUBBED_BODY_CHARS) : body;
  for (const secret of known) {
    if (secret === undefined || secret.length < MIN_KNOWN_SECRET) continue;
    const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+')]);
    for (const form of forms) text = text.split(form).join(REDACTED);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined; // not JSON (or cut): scrubbed as text
  }
  text = parsed === undefined ? scrubText(text) : JSON.stringify(scrubJson(parsed));
  return text.length > max ? text.slice(0, max) : text;
}
