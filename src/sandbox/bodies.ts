/**
 * Request bodies of the sandboxes: reading a body with a size cap, JSON and form bodies, the media type of a
 * request, and the plain-JSON-object check every vendor's validation starts with.
 *
 * Internal module of the sandbox kit; knows no vendor.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http.js';

/** Default cap of {@link readBody}: 10 MiB. */
const DEFAULT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/**
 * Reads the whole request body, refusing more than `limitBytes` with an {@link HttpError} 413 (which asks for
 * `Connection: close`, so the unread rest of the upload cannot poison a keep-alive socket).
 */
export async function readBody(req: IncomingMessage, limitBytes = DEFAULT_BODY_LIMIT_BYTES): Promise<Buffer> {
  const tooLarge = (): HttpError =>
    new HttpError(413, `request body exceeds ${limitBytes} bytes`, { Connection: 'close' });
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

/** Narrows `value` to a plain JSON object. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses an `application/x-www-form-urlencoded` body. */
export function parseFormBody(body: Buffer | string): URLSearchParams {
  return new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'));
}
