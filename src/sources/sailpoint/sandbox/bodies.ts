/**
 * Request bodies of the SailPoint sandbox: the size cap, the media type an operation takes, and multipart uploads
 * (busboy) with their `file` part read as UTF-8 text.
 *
 * Internal module of the SailPoint sandbox.
 */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import type { SandboxContext } from '../../../sandbox/app.js';
import { mediaType, readBody } from '../../../sandbox/bodies.js';
import { HttpError } from '../../../sandbox/http.js';
import { badRequest } from './errors.js';

/** Largest accepted request body (multipart uploads, JSON): 10 MiB. */
export const BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/** Refuses a request whose media type is not `wanted` with a 415. */
export function requireMediaType(ctx: SandboxContext, wanted: string): void {
  const actual = mediaType(ctx.req);
  if (actual !== wanted) {
    throw new HttpError(415, `Content type '${actual || '(none)'}' is not supported here; send ${wanted}.`);
  }
}

/** A file part of a multipart body. */
interface UploadedFile {
  fieldName: string;
  filename: string;
  data: Buffer;
}

/** A multipart body split into its file parts and plain fields. */
interface MultipartBody {
  files: UploadedFile[];
  fields: Map<string, string>;
}

/** Reads a whole multipart body (capped) and splits it into files and plain fields. */
export async function readMultipart(req: IncomingMessage): Promise<MultipartBody> {
  const raw = await readBody(req, BODY_LIMIT_BYTES);
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: { files: 10, fields: 50 } });
  } catch (error) {
    throw badRequest(`malformed multipart request: ${error instanceof Error ? error.message : String(error)}`);
  }
  return new Promise<MultipartBody>((resolve, reject) => {
    const files: UploadedFile[] = [];
    const fields = new Map<string, string>();
    parser.on('file', (fieldName, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => files.push({ fieldName, filename: info.filename ?? '', data: Buffer.concat(chunks) }));
    });
    parser.on('field', (name, value) => fields.set(name, value));
    parser.on('error', (error: unknown) => {
      reject(badRequest(`malformed multipart request: ${error instanceof Error ? error.message : String(error)}`));
    });
    parser.on('close', () => {
      resolve({ files, fields });
    });
    parser.end(raw);
  });
}

/** Decodes an uploaded file as UTF-8 text (BOM dropped); binary or invalid UTF-8 is a 400. */
export function uploadedText(file: UploadedFile): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.data);
  } catch {
    throw badRequest(`'${file.filename}' is not UTF-8 text`);
  }
  if (text.includes('\u0000')) throw badRequest(`'${file.filename}' is not a text file`);
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** The upload's `file` part; a 400 when it is missing or not a file. */
export function requireFilePart(body: MultipartBody): UploadedFile {
  const file = body.files.find((part) => part.fieldName === 'file');
  if (file) return file;
  if (body.fields.has('file')) throw badRequest("The 'file' part must be a file upload (with a filename).");
  throw badRequest("The multipart body has no 'file' part.");
}
