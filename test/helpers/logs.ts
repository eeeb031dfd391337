/** A pino destination for tests: every log line written, kept as text. */
import { Writable } from 'node:stream';

export function logSink(): { logs: string[]; sink: Writable } {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logs, sink };
}
