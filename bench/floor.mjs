/**
 * The benchmark's floor: a bare `node:http` server that reads each POST body whole and answers the precomputed
 * response of its operation (the gateway's own answer, captured during the correctness check), looked up by
 * operationName. No GraphQL work at all, so the gateway's req/s as a share of the floor's shows what the GraphQL
 * layer costs on top of plain HTTP on this machine.
 *
 * Environment: `FLOOR_RESPONSES` (path of a JSON file `{ [operationName]: { contentType, body } }`), `PORT`
 * (default 0 = a free one), `HOST` (default 127.0.0.1). Prints `FLOOR_TARGET=http://host:port/graphql` when it
 * listens; ends on SIGINT/SIGTERM.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

/** @typedef {{ contentType: string, body: string }} StoredResponse */

/** @type {unknown} */
const captured = JSON.parse(readFileSync(requiredEnv('FLOOR_RESPONSES'), 'utf8'));
const stored = /** @type {Record<string, StoredResponse>} */ (captured);
/** @type {Map<string, { contentType: string, body: Buffer }>} */
const responses = new Map(
  Object.entries(stored).map(([name, response]) => [name, { contentType: response.contentType, body: Buffer.from(response.body, 'utf8') }]),
);

// Multipart requests carry the operation in their first part; the name is found in its first bytes.
const MULTIPART_HEAD_BYTES = 8 * 1024;
const OPERATION_NAME = /"operationName"\s*:\s*"([^"\\]+)"/;

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  /** @type {Buffer[]} */
  const chunks = [];
  req.on('data', (/** @type {Buffer} */ chunk) => chunks.push(chunk));
  req.on('end', () => {
    const [first] = chunks;
    const body = chunks.length === 1 && first !== undefined ? first : Buffer.concat(chunks);
    const name = operationName(req.headers['content-type'] ?? '', body);
    const response = name === undefined ? undefined : responses.get(name);
    if (!response) {
      const text = JSON.stringify({ errors: [{ message: `floor: no stored response for operation ${String(name)}` }] });
      res.writeHead(404, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    res.writeHead(200, { 'content-type': response.contentType, 'content-length': response.body.length });
    res.end(response.body);
  });
});

/**
 * The operationName of a request: parsed from a JSON body (what any JSON endpoint pays), or matched in the head of
 * a multipart body.
 * @param {string} contentType
 * @param {Buffer} body
 * @returns {string | undefined}
 */
function operationName(contentType, body) {
  if (contentType.startsWith('multipart/form-data')) {
    return OPERATION_NAME.exec(body.subarray(0, MULTIPART_HEAD_BYTES).toString('latin1'))?.[1];
  }
  try {
    /** @type {unknown} */
    const parsed = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || !('operationName' in parsed)) return undefined;
    return typeof parsed.operationName === 'string' ? parsed.operationName : undefined;
  } catch {
    return undefined;
  }
}

/** @param {string} name */
function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`floor: ${name} is required\n`);
    process.exit(2);
  }
  return value;
}

// An empty HOST or PORT means the default, as an unset one does.
const { HOST = '', PORT = '' } = process.env;
const host = HOST === '' ? '127.0.0.1' : HOST;
server.listen(PORT === '' ? 0 : Number(PORT), host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`FLOOR_TARGET=http://${host}:${port}/graphql\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 1000).unref();
  });
}
