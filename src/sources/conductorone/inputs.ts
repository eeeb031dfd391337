/**
 * Checks of ConductorOne inputs made before anything is sent: app and connector ids, which are path segments of
 * every `/api/v1/apps/{app_id}/connectors/{id}` call. Pure functions. Internal module.
 */
import { checkId, type IdRule } from '../../graph/ids.js';

/**
 * A ConductorOne app or connector id. ConductorOne's ids are KSUIDs (27 base62 characters, e.g.
 * `2afML2Int2TCuGdC4eAwSVm5A0N`); the rule leaves room for `_` and `-` and up to 64 characters without ever
 * letting a path through.
 */
export const C1_ID: IdRule = {
  maxLength: 64,
  pattern: /^[A-Za-z0-9_-]+$/,
  shape: "letters, digits, '_' or '-'",
};

/** Checks a ConductorOne app or connector id argument (BAD_USER_INPUT naming `argumentName` before any call). */
export function toC1Id(id: string, argumentName: string): string {
  return checkId(id, C1_ID, argumentName);
}
