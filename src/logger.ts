/**
 * The gateway's pino logger: JSON lines, with authorization and API key headers, tokens, client secrets and
 * locked config values redacted wherever they appear in a logged object (the test helper also fails a suite
 * whose log holds any secret it knows). Internal module.
 */
import { pino, type Logger, type DestinationStream } from 'pino';

/** Paths censored in every log line (pino redaction: one level of wildcard). */
export const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  '*.authorization',
  '*.headers.authorization',
  '["x-api-key"]',
  'headers["x-api-key"]',
  '*.headers["x-api-key"]',
  'apiKey',
  '*.apiKey',
  'clientSecret',
  '*.clientSecret',
  'client_secret',
  '*.client_secret',
  'access_token',
  '*.access_token',
  'token',
  '*.token',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'config',
  '*.config',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'connector-gateway' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
