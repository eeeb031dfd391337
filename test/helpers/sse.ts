/**
 * A minimal GraphQL-over-SSE client for tests (graphql-sse's distinct connections mode): a real POST over loopback
 * with `accept: text/event-stream`, its events parsed as they arrive.
 */

interface SseEvent {
  event: string;
  data: any;
}

export interface EventStream {
  status: number;
  headers: Headers;
  /** The whole body, for a refusal (not an event stream). */
  text(): Promise<string>;
  /** The next event (`next` or `complete`); fails after `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseEvent>;
  /** Every event received so far and not yet taken by `next`. */
  pending(): SseEvent[];
  /** Whether the server ended the stream. */
  ended(): boolean;
  /** Disconnects. */
  close(): void;
}

export async function subscribe(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<EventStream> {
  const abort = new AbortController();
  const res = await fetch(url, {
    method: 'POST',
    headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  const queue: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  let done = false;
  const isStream = (res.headers.get('content-type') ?? '').startsWith('text/event-stream');
  if (isStream && res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let event = '';
            let data = '';
            for (const line of message.split('\n')) {
              if (line.startsWith('event:')) event = line.slice(6).trim();
              else if (line.startsWith('data:')) data += line.slice(5).trim();
            }
            if (event === '') continue; // a keep-alive comment
            queue.push({ event, data: data === '' ? null : JSON.parse(data) });
            for (const w of waiters.splice(0)) w();
          }
        }
      } catch {
        // aborted
      } finally {
        done = true;
        for (const w of waiters.splice(0)) w();
      }
    })();
  } else done = true;
  return {
    status: res.status,
    headers: res.headers,
    text: () => res.text(),
    async next(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (queue.length === 0) {
        if (done) throw new Error('the stream ended');
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return queue.shift()!;
    },
    pending: () => queue.splice(0),
    ended: () => done,
    close: () => {
      abort.abort();
    },
  };
}
