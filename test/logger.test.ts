/** The logger censors credentials wherever a logged object carries them. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

describe('createLogger', () => {
  it('redacts authorization and API key headers, tokens, client secrets and configs', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      {
        headers: { authorization: 'Bearer eyJsecret-jwt', 'x-api-key': 'key-secret-1', accept: 'application/json' },
        req: { headers: { authorization: 'Bearer nested-secret', 'x-api-key': 'key-secret-2' } },
        clientSecret: 'cs-secret',
        token: { access_token: 'at-secret' },
        connector: { config: { password: 'pw-secret' } },
        apiKey: 'plain-key-secret',
      },
      'a line',
    );
    const text = lines.join('');
    for (const secret of ['eyJsecret-jwt', 'key-secret-1', 'nested-secret', 'key-secret-2', 'cs-secret', 'at-secret', 'pw-secret', 'plain-key-secret']) {
      expect(text, secret).not.toContain(secret);
    }
    expect(text).toContain('application/json');
    expect(text).toContain('[redacted]');
  });
});
