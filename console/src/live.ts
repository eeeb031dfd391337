/**
 * Live updates in the console: subscriptions over Server-Sent Events with graphql-sse's client (a POST to /graphql
 * that accepts text/event-stream, one connection per subscription), with the same API key as every operation.
 */
import { createClient, type Client } from 'graphql-sse';
import { apiKey } from './api.js';
import type { TypedDocumentString } from './__generated__/graphql.js';

let client: Client | undefined;

function sseClient(): Client {
  client ??= createClient({
    url: '/graphql',
    headers: (): Record<string, string> => {
      const key = apiKey();
      return key === '' ? {} : { 'x-api-key': key };
    },
    retryAttempts: 3,
  });
  return client;
}

/** Subscribes; `onData` gets each event's data, `onEnd` the reason when the stream ends otherwise. Returns the unsubscribe. */
export function subscribe<R, V>(document: TypedDocumentString<R, V>, variables: V, onData: (data: R) => void, onEnd: (reason?: string) => void): () => void {
  return sseClient().subscribe<R>(
    { query: document.toString(), variables: variables as Record<string, unknown> },
    {
      next: (result) => {
        if (result.data) onData(result.data);
        else if (result.errors?.length) onEnd(result.errors.map((e) => e.message).join(' '));
      },
      error: (error: unknown) => {
        onEnd(
          error instanceof Error
            ? error.message
            : Array.isArray(error)
              ? (error as { message?: string }[]).map((e) => e.message ?? '').join(' ')
              : String(error),
        );
      },
      complete: () => {
        onEnd();
      },
    },
  );
}
