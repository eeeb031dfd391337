/**
 * Plain `node:http` requests for the checks and the control calls, and the bodies the load generator sends.
 * `node:http` rather than fetch: a check request then carries exactly the headers autocannon sends under load.
 */
import { Agent, request } from 'node:http';
import { randomBytes } from 'node:crypto';

/** An HTTP answer, read whole. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Milliseconds from sending to the last byte. */
  ms: number;
}

/** What to send. */
export interface HttpCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: Buffer | string;
  timeoutMs?: number;
}

// Keep-alive, as the load generator uses: the checks then exercise the same connection handling.
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** Sends one request and reads the whole answer. */
export function httpRequest(url: string, call: HttpCall): Promise<HttpAnswer> {
  const started = performance.now();
  const body = typeof call.body === 'string' ? Buffer.from(call.body, 'utf8') : call.body;
  const headers: Record<string, string> = { ...call.headers };
  if (body) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: call.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - started });
      });
    });
    req.setTimeout(call.timeoutMs ?? 30_000, () => req.destroy(new Error(`${call.method} ${url}: no answer within ${call.timeoutMs ?? 30_000} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Parses a JSON answer; a non-JSON body throws with its first characters. */
export function jsonOf(answer: HttpAnswer, what: string): unknown {
  const text = answer.body.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${what}: answer ${answer.status} is not JSON: ${text.slice(0, 300)}`);
  }
}

/** Closes the idle keep-alive sockets, so the harness can exit. */
export function closeHttpAgent(): void {
  agent.destroy();
}

// ---------------------------------------------------------------------------------------------------------------------
// GraphQL request bodies
// ---------------------------------------------------------------------------------------------------------------------

/** A GraphQL operation as the client sends it. */
export interface GraphQLOperation {
  query: string;
  operationName: string;
  variables?: Record<string, unknown>;
}

/** A ready-to-send request: headers and body bytes, the same for the check and every request under load. */
export interface PreparedRequest {
  headers: Record<string, string>;
  body: Buffer;
}

/** A JSON GraphQL POST. */
export function jsonRequest(operation: GraphQLOperation): PreparedRequest {
  return { headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(operation), 'utf8') };
}

/** A file for a multipart request. */
export interface MultipartFile {
  /** The variable path the file goes to, e.g. `variables.file`. */
  variablePath: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * A GraphQL multipart request (operations, map, then the files), built once so that autocannon can send the same
 * bytes again and again. The preflight header satisfies the gateway's CSRF rule for multipart requests.
 */
export function multipartRequest(operation: GraphQLOperation, files: MultipartFile[]): PreparedRequest {
  const boundary = `----bench${randomBytes(12).toString('hex')}`;
  const map = Object.fromEntries(files.map((file, index) => [String(index), [file.variablePath]]));
  const parts: Buffer[] = [];
  const field = (name: string, value: string): void => {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'));
  };
  // The spec orders the parts: operations first, map second, files last.
  field('operations', JSON.stringify(operation));
  field('map', JSON.stringify(map));
  files.forEach((file, index) => {
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${index}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n`;
    parts.push(Buffer.from(head, 'utf8'), file.content, Buffer.from('\r\n', 'utf8'));
  });
  parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'apollo-require-preflight': 'true' },
    body: Buffer.concat(parts),
  };
}
