/**
 * Request bodies of the Logto sandbox, read the way Logto's koa-body + guard pair reads them: the size cap, JSON
 * media types, field rules checked with zod-shaped issues (unknown fields dropped), and each operation's rules.
 *
 * Internal module of the Logto sandbox.
 */
import type { IncomingMessage } from 'node:http';
import { isJsonObject, mediaType, readBody } from '../../../sandbox/bodies.js';
import type {
  LogtoAuthorizationUriRequestWire,
  LogtoConfigurableMetadataWire,
  LogtoCreateConnectorWire,
  LogtoI18nPhrasesWire,
  LogtoTestConnectorWire,
  LogtoUpdateConnectorWire,
} from '../types.js';
import { LogtoRequestError } from './errors.js';
import { guardError, invalidType, type GuardIssue, type IssuePath } from './validation.js';

/** Largest accepted JSON body: 1 MiB, koa-body's default JSON limit. */
const BODY_LIMIT_BYTES = 1024 * 1024;

const isJsonMediaType = (type: string): boolean => type === 'application/json' || /^application\/[\w.-]+\+json$/.test(type);

/**
 * Reads a JSON request body the way Logto's koa-body + guard pair sees it: an empty body counts as `{}`; a body in
 * another media type or malformed JSON is an invalid body (400 `guard.invalid_input`).
 */
export async function readGuardedJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req, BODY_LIMIT_BYTES);
  if (raw.length === 0) return {};
  const type = mediaType(req);
  if (!isJsonMediaType(type)) {
    throw guardError('body', [{ code: 'custom', path: [], message: `Content type '${type || '(none)'}' is not accepted; send application/json` }]);
  }
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch (error) {
    throw new LogtoRequestError(400, 'guard.invalid_input', 'Invalid request body.', undefined, error instanceof Error ? error.message : String(error));
  }
}

/** What a body field must be. */
interface FieldRule {
  kind: 'string' | 'boolean' | 'jsonObject' | 'metadata';
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
}

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

function checkString(value: unknown, rule: FieldRule, path: IssuePath, issues: GuardIssue[]): void {
  if (typeof value !== 'string') {
    issues.push(invalidType(path, 'string', value));
    return;
  }
  if (rule.min !== undefined && value.length < rule.min) {
    issues.push({ code: 'too_small', minimum: rule.min, type: 'string', inclusive: true, path, message: `Must have at least ${rule.min} character(s)` });
  }
  if (rule.max !== undefined && value.length > rule.max) {
    issues.push({ code: 'too_big', maximum: rule.max, type: 'string', inclusive: true, path, message: `Must have at most ${rule.max} character(s)` });
  }
  if (rule.pattern && !rule.pattern.test(value)) issues.push({ code: 'invalid_string', validation: 'regex', path, message: 'Invalid format' });
}

function checkPhrases(value: unknown, path: IssuePath, issues: GuardIssue[]): void {
  if (!isJsonObject(value)) {
    issues.push(invalidType(path, 'object', value));
    return;
  }
  const valid = typeof value.en === 'string' && Object.entries(value).every(([tag, text]) => LANGUAGE_TAG.test(tag) && typeof text === 'string');
  if (!valid) issues.push({ code: 'custom', path, message: "Needs an 'en' text, language tags as keys and strings as values" });
}

/** Checks a `metadata` body field and keeps only the configurable keys (zod strips the rest). */
function checkMetadata(value: unknown, path: IssuePath, issues: GuardIssue[]): LogtoConfigurableMetadataWire | undefined {
  if (!isJsonObject(value)) {
    issues.push(invalidType(path, 'object', value));
    return undefined;
  }
  const metadata: LogtoConfigurableMetadataWire = {};
  const { target, name, logo, logoDark } = value;
  if (target !== undefined) {
    checkString(target, { kind: 'string' }, [...path, 'target'], issues);
    metadata.target = target as string;
  }
  if (name !== undefined) {
    checkPhrases(name, [...path, 'name'], issues);
    metadata.name = name as LogtoI18nPhrasesWire;
  }
  if (logo !== undefined) {
    checkString(logo, { kind: 'string' }, [...path, 'logo'], issues);
    metadata.logo = logo as string;
  }
  if (logoDark !== undefined) {
    if (logoDark !== null) checkString(logoDark, { kind: 'string' }, [...path, 'logoDark'], issues);
    metadata.logoDark = logoDark as string | null;
  }
  return metadata;
}

/**
 * Validates a JSON body against field rules and returns only the known fields (unknown ones are dropped, as zod
 * does); any problem is a 400 `guard.invalid_input` listing every issue. `T` is the wire shape the rules describe.
 */
export function guardBody<T>(body: unknown, rules: Record<keyof T & string, FieldRule>): T {
  if (!isJsonObject(body)) throw guardError('body', [invalidType([], 'object', body)]);
  const issues: GuardIssue[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, rule] of Object.entries<FieldRule>(rules)) {
    const value = body[key];
    if (value === undefined) {
      if (rule.required) issues.push(invalidType([key], rule.kind === 'jsonObject' ? 'object' : rule.kind, value));
      continue;
    }
    switch (rule.kind) {
      case 'string':
        checkString(value, rule, [key], issues);
        out[key] = value;
        break;
      case 'boolean':
        if (typeof value !== 'boolean') issues.push(invalidType([key], 'boolean', value));
        out[key] = value;
        break;
      case 'jsonObject':
        if (!isJsonObject(value)) issues.push(invalidType([key], 'object', value));
        out[key] = value;
        break;
      case 'metadata':
        out[key] = checkMetadata(value, [key], issues);
        break;
    }
  }
  if (issues.length > 0) throw guardError('body', issues);
  return out as T;
}

// Body rules of the operations, from Logto's guards.
export const CREATE_RULES: Record<keyof LogtoCreateConnectorWire, FieldRule> = {
  connectorId: { kind: 'string', required: true, min: 1, max: 128 },
  config: { kind: 'jsonObject' },
  metadata: { kind: 'metadata' },
  syncProfile: { kind: 'boolean' },
  enableTokenStorage: { kind: 'boolean' },
  id: { kind: 'string', min: 1, max: 128 },
};
export const UPDATE_RULES: Record<keyof LogtoUpdateConnectorWire, FieldRule> = {
  config: { kind: 'jsonObject' },
  metadata: { kind: 'metadata' },
  syncProfile: { kind: 'boolean' },
  enableTokenStorage: { kind: 'boolean' },
};
export const TEST_RULES: Record<keyof LogtoTestConnectorWire, FieldRule> = {
  phone: { kind: 'string', pattern: /^\d+$/ },
  email: { kind: 'string', pattern: /^\S+@\S+\.\S+$/ },
  config: { kind: 'jsonObject', required: true },
  locale: { kind: 'string' },
};
export const AUTHORIZATION_URI_RULES: Record<keyof LogtoAuthorizationUriRequestWire, FieldRule> = {
  state: { kind: 'string', required: true },
  redirectUri: { kind: 'string', required: true },
};
