/**
 * HTTP plumbing of the sandboxes: starting a `node:http` server on loopback, the {@link HttpError} a handler throws
 * to answer with a status, and writing answers (JSON, text, empty).
 *
 * Internal module of the sandbox kit; knows no vendor.
 */
import { createServer, type OutgoingHttpHeaders, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Options of {@link startHttpSandbox}. */
export interface StartHttpSandboxOptions {
  /** Interface to bind; loopback by default. */
  host?: string;
  /** Port to bind; 0 (default) picks a free one. */
  port?: number;
  /** The request listener (usually {@link SandboxApp.listener}). */
  handler: RequestListener;
}

/** A running HTTP sandbox server. */
export interface HttpSandbox {
  /** `http://host:port`, without a trailing slash. */
  readonly origin: string;
  readonly host: string;
  readonly port: number;
  readonly server: Server;
  /** Stops listening and ends every open socket, keep-alive ones included. Idempotent. */
  close(): Promise<void>;
}

/** Starts a `node:http` server for a sandbox and resolves once it listens. */
export async function startHttpSandbox(options: StartHttpSandboxOptions): Promise<HttpSandbox> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer(options.handler);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => {
      reject(error);
    };
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  // IPv6 literals need brackets inside a URL.
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
      // Without this, idle keep-alive sockets would hold `close` open for seconds.
      server.closeAllConnections();
    });
    return closing;
  };
  return { origin, host, port, server, close };
}

/** An error that a handler throws to answer with a given status; the sandbox renders it in its vendor's shape. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Whether a response can still be written to (headers not sent, socket not gone). */
export function canRespond(res: ServerResponse): boolean {
  return !res.headersSent && !res.writableEnded && !res.destroyed;
}

/** Sends `body` as JSON with the given status. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  sendText(res, status, JSON.stringify(body), 'application/json; charset=utf-8', headers);
}

/** Sends a text body with an explicit content type. */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
  headers: OutgoingHttpHeaders = {},
): void {
  if (!canRespond(res)) return;
  const payload = Buffer.from(text, 'utf8');
  res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': payload.length });
  res.end(payload);
}

/** Sends a status without a body (e.g. 204). */
export function sendEmpty(res: ServerResponse, status: number, headers: OutgoingHttpHeaders = {}): void {
  if (!canRespond(res)) return;
  res.writeHead(status, headers);
  res.end();
}
