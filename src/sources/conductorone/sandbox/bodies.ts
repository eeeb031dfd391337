/**
 * Request bodies of the ConductorOne sandbox, read as grpc-gateway reads them: capped at gRPC's default message
 * size, an empty body is `{}`, anything else must be a JSON object.
 *
 * Internal module of the ConductorOne sandbox.
 */
import type { IncomingMessage } from 'node:http';
import { isJsonObject, readBody } from '../../../sandbox/bodies.js';
import { invalidArgument } from './errors.js';

/** Largest request body: 4 MiB, gRPC's default message size limit. */
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/** Reads a request body as grpc-gateway does: an empty body is `{}`, anything else must be a JSON object. */
export async function readRpcBody(req: IncomingMessage, message: string): Promise<Record<string, unknown>> {
  const raw = await readBody(req, BODY_LIMIT_BYTES);
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8')) as unknown;
  } catch (error) {
    throw invalidArgument(`invalid ${message} body: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isJsonObject(parsed)) throw invalidArgument(`invalid ${message} body: expected a JSON object`);
  return parsed;
}
