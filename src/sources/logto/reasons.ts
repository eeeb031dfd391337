/**
 * Logto's reason in an error body. Logto answers a refusal with its RequestError's body, `{ message, code, data?,
 * details? }` (packages/core `RequestError.toBody`): `message` the English text of `code` (e.g.
 * `connector.invalid_type_for_syncing_profile`), `data` what the error carries, and for a request that koaGuard
 * refused (`guard.invalid_input`) or a config its connector's zod guard refused (`connector.invalid_config`) `data`
 * is the ZodError (`{ issues: [{ code, path, message, … }], name: 'ZodError' }`) and `details` its issues as text
 * (`Error in key path "email": (invalid_string) Invalid`). A body it could not parse is `{ message }` only. Internal
 * module.
 */
import type { UpstreamReason } from '../port.js';
import { isJsonObject, parseJsonObject } from '../../json.js';

/** One line of Logto's `details`: `Error in key path "a.b": (code) text`. */
const DETAILS_LINE = /^Error in key path "([^"]*)": \([\w.]+\) (.+)$/;

/** Logto's codes whose zod issues are paths in the connector's config rather than in the request body. */
const CONFIG_GUARD_CODES = new Set(['connector.invalid_config']);

/** The reason in a Logto error body; undefined when it is not one of Logto's bodies. */
export function logtoReasonOf(body: string): UpstreamReason | undefined {
  const parsed = parseJsonObject(body);
  if (!parsed) return undefined;
  const reason: UpstreamReason = {};
  if (typeof parsed.message === 'string') reason.message = parsed.message;
  if (typeof parsed.code === 'string') reason.vendorCode = parsed.code;
  // The OIDC provider's own errors (RFC 6749 §5.2), should one reach an API call.
  if (reason.message === undefined && typeof parsed.error_description === 'string') reason.message = parsed.error_description;
  if (reason.vendorCode === undefined && typeof parsed.error === 'string') reason.vendorCode = parsed.error;
  const prefix = reason.vendorCode !== undefined && CONFIG_GUARD_CODES.has(reason.vendorCode) ? 'config.' : '';
  const problems = issuesOf(parsed.data, prefix) ?? detailsOf(parsed.details, prefix);
  if (problems.length > 0) reason.problems = problems;
  return reason.message === undefined && reason.vendorCode === undefined ? undefined : reason;
}

/** The zod issues in `data` as problems keyed by their path (`config.` before a config guard's); undefined when there are none. */
function issuesOf(data: unknown, prefix: string): { key: string; message: string }[] | undefined {
  if (!isJsonObject(data) || !Array.isArray(data.issues)) return undefined;
  const problems = data.issues.flatMap((issue: unknown) => {
    if (!isJsonObject(issue) || typeof issue.message !== 'string' || !Array.isArray(issue.path)) return [];
    const path = issue.path.filter((part): part is string | number => typeof part === 'string' || typeof part === 'number').map(String);
    return path.length === 0 ? [] : [{ key: prefix + path.join('.'), message: issue.message }];
  });
  return problems.length > 0 ? problems : undefined;
}

/** Problems from Logto's `details` text, one per line that names a key path. */
function detailsOf(details: unknown, prefix: string): { key: string; message: string }[] {
  if (typeof details !== 'string') return [];
  return details.split('\n').flatMap((line) => {
    const m = DETAILS_LINE.exec(line.trim());
    return m?.[1] && m[2] ? [{ key: prefix + m[1], message: m[2] }] : [];
  });
}
