/**
 * ETags of the Logto sandbox's GET answers, as Logto's koa-body-etag sets them (the `etag` package over the JSON
 * body, `fresh` for the `If-None-Match` comparison), and 304 for a current copy.
 *
 * Internal module of the Logto sandbox.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { SandboxContext } from '../../../sandbox/app.js';
import { sendEmpty, sendText } from '../../../sandbox/http.js';

/** A strong ETag of a text body, in the `etag` package's format: `"<byte length hex>-<sha1 base64, 27 chars>"`. */
export function bodyEtag(body: string): string {
  const hash = createHash('sha1').update(body, 'utf8').digest('base64').slice(0, 27);
  return `"${Buffer.byteLength(body, 'utf8').toString(16)}-${hash}"`;
}

/** Whether `If-None-Match` matches `etag` (weak comparison, `*` matches, `Cache-Control: no-cache` never does). */
function isFresh(req: IncomingMessage, etag: string): boolean {
  const noneMatch = req.headers['if-none-match'];
  if (!noneMatch) return false;
  if (/(?:^|,)\s*no-cache\s*(?:,|$)/i.test(req.headers['cache-control'] ?? '')) return false;
  if (noneMatch.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return noneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

/** Answers a GET with a JSON body and its ETag, or 304 without a body when the client's copy is current. */
export function sendCacheableJson(ctx: SandboxContext, body: unknown): void {
  const payload = JSON.stringify(body);
  const etag = bodyEtag(payload);
  if (isFresh(ctx.req, etag)) sendEmpty(ctx.res, 304, { ETag: etag });
  else sendText(ctx.res, 200, payload, 'application/json; charset=utf-8', { ETag: etag });
}
