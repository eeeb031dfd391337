/**
 * Graceful shutdown of the gateway's node:http server: it stops accepting connections, closes the idle keep-alive
 * ones, lets the requests in flight finish (their responses say `connection: close`, so their connections end
 * with them) for up to a grace time, then cuts what is left. Costs nothing per request: a flag read when a
 * response's head is written. Internal module.
 */
import { ServerResponse, type IncomingMessage, type Server } from 'node:http';

/** The response class for `createServer` and the shutdown that goes with it. */
export interface HttpDrain {
  /** Hand this to `createServer({ ServerResponse })`: once draining, every response head says `connection: close`. */
  readonly ServerResponse: typeof ServerResponse;
  /**
   * Drains `server`: no new connections, idle ones closed at once, requests in flight given `graceMs` to finish,
   * the rest cut. Resolves when every connection is closed: true when all requests finished in time.
   */
  drain(server: Server, graceMs: number): Promise<boolean>;
}

/** A drain for one server. */
export function createHttpDrain(): HttpDrain {
  let draining = false;
  class DrainingResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
    // Every head goes through writeHead (res.end()/write() without it call it too); keep-alive ends with this response.
    override writeHead(statusCode: number, ...rest: unknown[]): this {
      if (draining && !this.headersSent) this.setHeader('connection', 'close');
      return (super.writeHead as (statusCode: number, ...rest: unknown[]) => this)(statusCode, ...rest);
    }
  }
  return {
    ServerResponse: DrainingResponse,
    async drain(server, graceMs) {
      draining = true;
      const closed = new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      server.closeIdleConnections();
      let graceful = true;
      const timer = setTimeout(() => {
        graceful = false;
        server.closeAllConnections();
      }, graceMs);
      try {
        await closed;
      } finally {
        clearTimeout(timer);
      }
      return graceful;
    },
  };
}
