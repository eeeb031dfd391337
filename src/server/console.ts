/**
 * The connector console at /console (`GATEWAY_CONSOLE`): the static app that `npm run build` makes with Vite in
 * dist/console (console/), served from memory. Its page is never cached (it names the current files); its files
 * carry a content hash in their names and are cached for a year. A strict Content-Security-Policy lets the page
 * load only its own files and talk only to this origin. Nothing else below /console is served. Internal module.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CONSOLE_PATH = '/console';

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

interface ConsoleFile {
  body: Buffer;
  gzip: Buffer | undefined;
  type: string;
}

/** The built console: its page and its files by URL path; undefined when it was not built. */
export interface ConsoleBuild {
  page: ConsoleFile;
  assets: ReadonlyMap<string, ConsoleFile>;
}

function file(body: Buffer, name: string): ConsoleFile {
  const type = TYPES[extname(name)] ?? 'application/octet-stream';
  const compressible = type.startsWith('text/') || type === 'image/svg+xml';
  return { body, type, gzip: compressible && body.length > 1024 ? gzipSync(body) : undefined };
}

/** Reads the build in `dir` (index.html and assets/), once, at start; undefined when there is none. */
export function loadConsole(dir: string): ConsoleBuild | undefined {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return undefined;
  const assets = new Map<string, ConsoleFile>();
  const assetDir = join(dir, 'assets');
  if (existsSync(assetDir))
    for (const name of readdirSync(assetDir)) assets.set(`${CONSOLE_PATH}/assets/${name}`, file(readFileSync(join(assetDir, name)), name));
  return { page: file(readFileSync(index), index), assets };
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Answers a request below /console (`path` without its query). */
export function serveConsole(build: ConsoleBuild | undefined, req: IncomingMessage, res: ServerResponse, path: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    req.resume();
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('Method not allowed.\n');
    return;
  }
  if (path === CONSOLE_PATH) {
    res.writeHead(308, { location: `${CONSOLE_PATH}/`, 'content-length': '0' });
    res.end();
    return;
  }
  if (build === undefined) {
    send(req, res, 404, {
      body: Buffer.from('The console is not built. Run `npm run build` (or `npm start`, which builds it) and start the gateway again.\n'),
      gzip: undefined,
      type: 'text/plain; charset=utf-8',
    });
    return;
  }
  if (path === `${CONSOLE_PATH}/` || path === `${CONSOLE_PATH}/index.html`) {
    send(req, res, 200, build.page, { 'cache-control': 'no-cache', 'content-security-policy': CSP, 'x-frame-options': 'DENY' });
    return;
  }
  const asset = build.assets.get(path);
  if (asset === undefined) {
    send(req, res, 404, { body: Buffer.from('Not found.\n'), gzip: undefined, type: 'text/plain; charset=utf-8' });
    return;
  }
  send(req, res, 200, asset, { 'cache-control': 'public, max-age=31536000, immutable' });
}

function send(req: IncomingMessage, res: ServerResponse, status: number, f: ConsoleFile, headers: Record<string, string> = {}): void {
  const gzip = f.gzip !== undefined && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const body = gzip && f.gzip !== undefined ? f.gzip : f.body;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...headers,
    'content-type': f.type,
    'content-length': body.length,
    vary: 'Accept-Encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
