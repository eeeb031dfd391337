/**
 * Reading a GraphQL multipart upload into memory, with the size limit enforced while it streams. Any failure of
 * the upload itself (too large, missing, cut off) is BAD_USER_INPUT naming the `file` argument, with HTTP 413 (too
 * large) or 400: the request is malformed. Internal module.
 */
import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import { BadUserInputError } from '../errors/classes.js';

/** An upload as a resolver receives it: the promise of the Upload scalar, or the resolved file. */
export type UploadArg = Promise<FileUpload> | FileUpload;

/** How many uploads are held in memory at once; more wait their turn (bounds the heap under an upload burst). */
const MAX_UPLOADS_IN_MEMORY = 8;
let inMemory = 0;
const waiting: (() => void)[] = [];

async function acquire(): Promise<void> {
  if (inMemory < MAX_UPLOADS_IN_MEMORY) {
    inMemory++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next)
    next(); // the slot passes on
  else inMemory--;
}

/**
 * Awaits the upload and reads it; refuses it once more than `maxBytes` arrived. `use` gets the bytes while this
 * upload holds one of the in-memory slots.
 */
export async function withUpload<T>(upload: UploadArg, maxBytes: number, use: (file: FileUpload, bytes: Buffer) => Promise<T>): Promise<T> {
  await acquire();
  try {
    const { file, bytes } = await readUpload(upload, maxBytes);
    return await use(file, bytes);
  } finally {
    release();
  }
}

/** Awaits the upload and reads it; refuses it once more than `maxBytes` arrived. */
async function readUpload(upload: UploadArg, maxBytes: number): Promise<{ file: FileUpload; bytes: Buffer }> {
  let file: FileUpload;
  try {
    file = await upload;
  } catch (error) {
    throw uploadError(error, maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of file.createReadStream()) {
      size += (chunk as Buffer).length;
      // graphql-upload stops at maxFileSize too; this check also holds when it was configured higher.
      if (size > maxBytes) throw Object.assign(new Error('too large'), { status: 413 });
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    throw uploadError(error, maxBytes);
  }
  return { file, bytes: Buffer.concat(chunks, size) };
}

/** The request itself is at fault (a file too large, missing from the request or cut off): HTTP 413 or 400, not 200. */
function uploadError(error: unknown, maxBytes: number): BadUserInputError {
  const status = typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
  if (status === 413) return new BadUserInputError(`The file is larger than the limit of ${maxBytes} bytes.`, { argumentName: 'file', http: { status: 413 } });
  return new BadUserInputError('The file could not be read from the request.', { argumentName: 'file', http: { status: 400 } });
}
