/**
 * Validation issues of the Logto sandbox, shaped like the zod errors Logto puts into an error's `data`, with its
 * `details` text format, and the 400 `guard.invalid_input` that carries them.
 *
 * Internal module of the Logto sandbox.
 */
import { LogtoRequestError } from './errors.js';

/** Where in a value an issue is. */
export type IssuePath = (string | number)[];

/** One validation problem, in zod's issue shape. */
export interface GuardIssue {
  code: string;
  path: IssuePath;
  message: string;
  [extra: string]: unknown;
}

/** zod's name for the type of a parsed value. */
function parsedType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'nan';
  return typeof value;
}

/** zod's `invalid_type` issue (`Required` when the value is missing). */
export function invalidType(path: IssuePath, expected: string, value: unknown): GuardIssue {
  const received = parsedType(value);
  return { code: 'invalid_type', expected, received, path, message: value === undefined ? 'Required' : `Expected ${expected}, got ${received}` };
}

/** zod's `invalid_enum_value` issue. */
export function enumIssue(path: IssuePath, options: string[], value: unknown): GuardIssue {
  const choices = options.map((option) => `'${option}'`).join(' | ');
  return { code: 'invalid_enum_value', options, received: value, path, message: `Must be one of ${choices}, got ${JSON.stringify(value)}` };
}

/** The `details` text of issues, in Logto's format. */
export function formatIssues(issues: GuardIssue[]): string {
  return issues
    .map((issue) => {
      const text = issue.code === 'invalid_type' ? `Expected ${String(issue.expected)} but received ${String(issue.received)}.` : issue.message;
      return `Error in key path "${issue.path.map(String).join('.')}": (${issue.code}) ${text}`;
    })
    .join('\n');
}

/** A zod error as `JSON.stringify` renders it inside Logto's `data`. */
export const zodErrorData = (issues: GuardIssue[]): { issues: GuardIssue[]; name: 'ZodError' } => ({ issues, name: 'ZodError' });

/** Logto's 400 `guard.invalid_input` for the issues of a request part. */
export function guardError(part: 'body' | 'query' | 'params', issues: GuardIssue[]): LogtoRequestError {
  return new LogtoRequestError(400, 'guard.invalid_input', `Invalid request ${part}.`, zodErrorData(issues), formatIssues(issues));
}
