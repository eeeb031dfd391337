/**
 * Request bodies of the sandboxes: reading a body with a size cap, JSON bodies, the fields of a multipart form, the
 * media type and charset of a request and decoding in that charset, and the plain-JSON-object check every vendor's
 * validation starts with.
 *
 * Internal module of the sandbox kit; knows no vendor.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { HttpError } from './http.js';

/** The gateway's own check of a plain JSON object (src/json.ts), for the sandboxes' bodies too. */
export { isJsonObject } from '../json.js';

/** Default cap of {@link readBody}: 10 MiB. */
const DEFAULT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/**
 * Reads the whole request body, refusing more than `limitBytes` with an {@link HttpError} 413 (which asks for
 * `Connection: close`, so the unread rest of the upload cannot poison a keep-alive socket).
 */
export async function readBody(req: IncomingMessage, limitBytes = DEFAULT_BODY_LIMIT_BYTES): Promise<Buffer> {
  const tooLarge = (): HttpError => new HttpError(413, `request body exceeds ${limitBytes} bytes`, { Connection: 'close' });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    req.resume();
    throw tooLarge();
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** Reads and parses a JSON body; malformed JSON becomes an {@link HttpError} 400. */
export async function readJsonBody(req: IncomingMessage, limitBytes = DEFAULT_BODY_LIMIT_BYTES): Promise<unknown> {
  const raw = (await readBody(req, limitBytes)).toString('utf8');
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
}

/** The media type of a request (`Content-Type` without parameters, lower-cased), or '' when absent. */
export function mediaType(req: IncomingMessage): string {
  const header = req.headers['content-type'] ?? '';
  return (header.split(';')[0] ?? '').trim().toLowerCase();
}

/** The `charset` parameter of a request's `Content-Type` (unquoted, lower-cased), or undefined when it has none. */
export function mediaTypeCharset(req: IncomingMessage): string | undefined {
  for (const parameter of (req.headers['content-type'] ?? '').split(';').slice(1)) {
    const equals = parameter.indexOf('=');
    if (equals < 0 || parameter.slice(0, equals).trim().toLowerCase() !== 'charset') continue;
    return parameter
      .slice(equals + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
  }
  return undefined;
}

/** Node's names for charsets that the WHATWG Encoding Standard spells otherwise (raw-body and iconv-lite take them). */
const CHARSET_ALIASES: Record<string, string> = { utf16le: 'utf-16le', ucs2: 'utf-16le', 'ucs-2': 'utf-16le', binary: 'latin1' };

/** Decodes a body in the named charset (UTF-8 when none is named); undefined when no decoder knows the name. */
export function decodeBody(raw: Buffer, charset = 'utf-8'): string | undefined {
  try {
    return new TextDecoder(CHARSET_ALIASES[charset] ?? charset).decode(raw);
  } catch {
    return undefined;
  }
}

/** Limits of {@link parseMultipartFields}: a token request has a handful of short fields. */
export interface MultipartFieldLimits {
  /** Most plain fields. */
  fields: number;
  /** Most parts of any kind (file parts are skipped but counted). */
  parts: number;
  /** Longest field value in bytes. */
  fieldSize: number;
  /** Longest field name in bytes. */
  fieldNameSize: number;
}

/** The limits of {@link parseMultipartFields} unless given: 20 fields, 30 parts, 8 KiB values, 100-byte names. */
const DEFAULT_MULTIPART_FIELD_LIMITS: MultipartFieldLimits = { fields: 20, parts: 30, fieldSize: 8 * 1024, fieldNameSize: 100 };

/**
 * Parses the plain fields of a whole `multipart/form-data` body with busboy, in order (a repeated name keeps every
 * value). File parts are skipped, as a server's request parameters leave them out. A body that is not well-formed
 * multipart, or that goes over a limit (a value or name cut short, too many fields or parts), is an
 * {@link HttpError} 400 rather than a silently truncated answer.
 */
export async function parseMultipartFields(
  headers: IncomingHttpHeaders,
  raw: Buffer,
  limits: MultipartFieldLimits = DEFAULT_MULTIPART_FIELD_LIMITS,
): Promise<URLSearchParams> {
  const malformed = (reason: unknown): HttpError =>
    new HttpError(400, `malformed multipart/form-data body: ${reason instanceof Error ? reason.message : String(reason)}`);
  let parser: busboy.Busboy;
  try {
    // Field names arrive in each part's Content-Disposition; clients write them in UTF-8 (busboy would read latin1).
    // busboy calls a value truncated once it reaches its limit, so a value of exactly `fieldSize` bytes needs one more.
    parser = busboy({ headers, defParamCharset: 'utf8', limits: { files: 0, fields: limits.fields, parts: limits.parts, fieldSize: limits.fieldSize + 1 } });
  } catch (error) {
    throw malformed(error);
  }
  return new Promise<URLSearchParams>((resolve, reject) => {
    const fields = new URLSearchParams();
    let problem: HttpError | undefined;
    const fail = (error: HttpError): void => {
      problem ??= error;
    };
    parser.on('field', (name, value, info) => {
      // busboy bounds names only in urlencoded bodies, so the length of a multipart name is checked here.
      if (Buffer.byteLength(name) > limits.fieldNameSize) fail(new HttpError(400, `a multipart field name is longer than ${limits.fieldNameSize} bytes`));
      else if (info.valueTruncated) fail(new HttpError(400, `the multipart field '${name}' is longer than ${limits.fieldSize} bytes`));
      else fields.append(name, value);
    });
    parser.on('fieldsLimit', () => {
      fail(new HttpError(400, `the multipart body has more than ${limits.fields} fields`));
    });
    parser.on('partsLimit', () => {
      fail(new HttpError(400, `the multipart body has more than ${limits.parts} parts`));
    });
    parser.on('error', (error: unknown) => {
      reject(problem ?? malformed(error));
    });
    parser.on('close', () => {
      if (problem) reject(problem);
      else resolve(fields);
    });
    parser.end(literalBackslashes(raw, headers['content-type']));
  });
}

/**
 * The body with every backslash in its parts' header blocks doubled. Clients write a field's name as the HTML form
 * encoding says (undici's FormData, browsers): `"`, CR and LF percent-encoded, a backslash as itself; busboy reads
 * the quoted name as an RFC 2616 quoted-string, where a backslash escapes the next character (`name="\"` would
 * never end). Doubled, busboy reads back the name that was sent. Values are not touched.
 */
function literalBackslashes(raw: Buffer, contentType: string | undefined): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const delimiter = boundary?.[1] ?? boundary?.[2];
  if (delimiter === undefined || !raw.includes(0x5c)) return raw;
  const text = raw.toString('latin1');
  const marker = `--${delimiter}\r\n`;
  let out = '';
  let at = 0;
  for (let start = text.indexOf(marker); start !== -1; start = text.indexOf(marker, at)) {
    const headersFrom = start + marker.length;
    const headersTo = text.indexOf('\r\n\r\n', headersFrom);
    if (headersTo === -1) break;
    out += text.slice(at, headersFrom) + text.slice(headersFrom, headersTo).replaceAll('\\', '\\\\');
    at = headersTo;
  }
  return Buffer.from(out + text.slice(at), 'latin1');
}
