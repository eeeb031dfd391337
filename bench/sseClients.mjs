// Opens N idle subscriptions over SSE to the URL in argv[2] (each its own connection) with the JSON body in
// argv[4], prints OPEN once every stream is open (its first keep-alive comment arrived), then holds them until
// stopped. The clients of bench/subscriptions.ts, in a process of their own so that they are not in the gateway's heap.
import { request } from 'node:http';

const url = process.argv[2] ?? '';
const count = Number(process.argv[3]);
const body = process.argv[4] ?? '';

function open() {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200 || !(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        reject(new Error(`a subscription was answered ${res.statusCode} ${res.headers['content-type'] ?? ''}`));
        return;
      }
      res.setEncoding('utf8');
      res.once('data', (/** @type {string} */ text) => {
        if (text.includes('event:')) reject(new Error(`an idle subscription got an event: ${text.slice(0, 300)}`));
        else resolve(req);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

try {
  for (let i = 0; i < count; i += 100) await Promise.all(Array.from({ length: Math.min(100, count - i) }, open));
  process.stdout.write('OPEN\n');
} catch (error) {
  process.stdout.write(`FAILED ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
// Held open until the bench stops this process.
setInterval(() => undefined, 60_000);
