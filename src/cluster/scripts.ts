/**
 * Lua scripts on the gateway's Redis: run by their SHA1 (EVALSHA), loaded with EVAL the first time a server does
 * not know one (a restarted Redis knows none), and the compare-and-delete that releases a lock only while it is
 * still its holder's. Knows no vendor. Internal module.
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from './redis.js';

/** A script and its SHA1. */
export interface Script {
  source: string;
  sha: string;
}

export function script(source: string): Script {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/** Runs `s` with `keys` and `args`; a server that does not know it yet gets its text. */
export async function runScript(client: RedisClient, s: Script, keys: string[], args: string[]): Promise<unknown> {
  try {
    return await client.evalSha(s.sha, { keys, arguments: args });
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return client.eval(s.source, { keys, arguments: args });
  }
}

/** Deletes KEYS[1] if it still holds ARGV[1]; 1 when it did. */
export const COMPARE_AND_DELETE = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`);
