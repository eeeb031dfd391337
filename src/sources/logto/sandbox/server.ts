/**
 * Logto sandbox: a real HTTP server on loopback that imitates the connector operations of the Logto Management API
 * (`/api/connectors…`, `/api/connector-factories…`) and the OIDC client-credentials token endpoint (`/oidc/token`),
 * backed by the deterministic seed. Built on the vendor-neutral sandbox kit (request log, faults, latency, control
 * API). Behaviour follows Logto's route code: the same checks in the same order, the same error codes.
 */
import { createHash, randomInt } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { SandboxContext } from '../../../sandbox/app.js';
import { isJsonObject, mediaType, parseFormBody, readBody } from '../../../sandbox/bodies.js';
import type { RenderedFault } from '../../../sandbox/faults.js';
import { HttpError, sendEmpty, sendJson, sendText } from '../../../sandbox/http.js';
import { Router, dispatchRoute, type RouteHandler, type RoutingErrors } from '../../../sandbox/router.js';
import { runSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox/runSandbox.js';
import { TokenStore, extractClientCredentials, safeEqual } from '../../../sandbox/tokens.js';
import {
  LOGTO_DEFAULT_MANAGEMENT_API_RESOURCE,
  LOGTO_MANAGEMENT_API_SCOPE,
  type LogtoAuthorizationUriRequestWire,
  type LogtoAuthorizationUriWire,
  type LogtoConfigurableMetadataWire,
  type LogtoConnectorErrorCode,
  type LogtoConnectorFactoryWire,
  type LogtoConnectorPlatform,
  type LogtoConnectorWire,
  type LogtoCreateConnectorWire,
  type LogtoErrorWire,
  type LogtoFormItemWire,
  type LogtoI18nPhrasesWire,
  type LogtoOAuthErrorWire,
  type LogtoTestConnectorWire,
  type LogtoTokenWire,
  type LogtoUpdateConnectorWire,
} from '../types.js';
import { createLogtoSeed, type LogtoSandboxConnector } from './seed.js';

/** Default client id of the sandbox's machine-to-machine application. */
export const LOGTO_SANDBOX_CLIENT_ID = 'sandbox-logto-m2m';
/** Default client secret of that application (a fixed, public sandbox value). */
export const LOGTO_SANDBOX_CLIENT_SECRET = 'sandbox-logto-secret-8b3f2a61';
/** Default token lifetime: the hour Logto gives Management API tokens. */
export const LOGTO_SANDBOX_TOKEN_TTL_SECONDS = 3600;

/** Largest accepted JSON body: 1 MiB, koa-body's default JSON limit. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** Options of {@link startLogtoSandbox}. */
export interface LogtoSandboxOptions extends SandboxOptions {
  /** The Management API resource indicator tokens must be requested for (default `https://default.logto.app/api`). */
  resource?: string;
}

/** Read access to the sandbox's data (deep copies; changing them changes nothing). */
export interface LogtoSandboxStore {
  /** Every connector as stored, in list order (seed order, created ones appended). */
  connectors(): LogtoSandboxConnector[];
  connector(id: string): LogtoSandboxConnector | undefined;
  /** Every connector factory, in list order. */
  factories(): LogtoConnectorFactoryWire[];
}

/** A running Logto sandbox. */
export interface LogtoSandbox extends RunningSandbox {
  /** API root: the origin, e.g. `http://127.0.0.1:PORT` (operations live under `/api/…`). */
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The resource indicator to request tokens for. */
  readonly resource: string;
  readonly store: LogtoSandboxStore;
}

/** Starts a Logto sandbox on loopback (a free port unless `port` is given). */
export async function startLogtoSandbox(options: LogtoSandboxOptions = {}): Promise<LogtoSandbox> {
  const clientId = options.clientId ?? LOGTO_SANDBOX_CLIENT_ID;
  const clientSecret = options.clientSecret ?? LOGTO_SANDBOX_CLIENT_SECRET;
  const resource = options.resource ?? LOGTO_DEFAULT_MANAGEMENT_API_RESOURCE;
  const api = new LogtoApi({
    clientId,
    clientSecret,
    resource,
    tokenTtlSeconds: options.tokenTtlSeconds ?? LOGTO_SANDBOX_TOKEN_TTL_SECONDS,
  });
  const running = await runSandbox(api, {
    renderFault: (status) => renderFault(status),
    renderError: (error, ctx) => renderError(error, ctx),
    latencyMs: options.latencyMs,
    host: options.host,
    port: options.port,
  });
  return { ...running, url: running.origin, clientId, clientSecret,
    resource,
    store: api.storeView() };
}

// ---------------------------------------------------------------------------------------------------------------------
// Error bodies
// ---------------------------------------------------------------------------------------------------------------------

/** An error answered with Logto's `RequestErrorBody` (`{ message, code, data?, details? }`). */
class LogtoRequestError extends HttpError {
  constructor(
    status: number,
    readonly code: LogtoConnectorErrorCode,
    message: string,
    readonly data?: unknown,
    readonly details?: string,
    headers: Record<string, string> = {},
  ) {
    super(status, message, headers);
    this.name = 'LogtoRequestError';
  }

  get body(): LogtoErrorWire {
    return {
      message: this.message,
      code: this.code,
      ...(this.data === undefined ? {} : { data: this.data }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

const requestError = (status: number, code: LogtoConnectorErrorCode, message: string, data?: unknown): LogtoRequestError =>
  new LogtoRequestError(status, code, message, data);

/** Logto answers an unexpected failure with only a message, no code. */
const INTERNAL_ERROR_BODY = { message: 'Internal server error.' };

/** The code a bare status maps to, for injected faults and the kit's own errors (413, 405…). */
function genericBody(status: number, message?: string): LogtoErrorWire | { message: string } {
  switch (status) {
    case 400:
      return { message: message ?? 'The request is invalid.', code: 'guard.invalid_input' };
    case 401:
      return { message: message ?? 'Unauthorized: check the credentials and their scope.', code: 'auth.unauthorized' };
    case 403:
      return { message: message ?? 'Forbidden: the token lacks the needed permission.', code: 'auth.forbidden' };
    case 404:
      return { message: message ?? 'The requested resource does not exist.', code: 'entity.not_found' };
    default:
      return status >= 500 ? INTERNAL_ERROR_BODY : { message: message ?? 'The request failed.', code: 'request.general' };
  }
}

function renderFault(status: number): RenderedFault {
  return { body: genericBody(status, status === 429 ? 'Too many requests; retry later.' : undefined) };
}

function renderError(error: unknown, ctx: SandboxContext): void {
  if (error instanceof LogtoRequestError) sendJson(ctx.res, error.status, error.body, error.headers);
  else if (error instanceof HttpError) sendJson(ctx.res, error.status, genericBody(error.status, error.message), error.headers);
  else sendJson(ctx.res, 500, INTERNAL_ERROR_BODY);
}

// ---------------------------------------------------------------------------------------------------------------------
// Validation issues (shaped like the zod errors Logto puts into `data`, with its `details` text format)
// ---------------------------------------------------------------------------------------------------------------------

type IssuePath = Array<string | number>;

/** One validation problem, in zod's issue shape. */
interface GuardIssue {
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

function invalidType(path: IssuePath, expected: string, value: unknown): GuardIssue {
  const received = parsedType(value);
  return { code: 'invalid_type', expected, received, path, message: value === undefined ? 'Required' : `Expected ${expected}, got ${received}` };
}

function enumIssue(path: IssuePath, options: string[], value: unknown): GuardIssue {
  const choices = options.map((option) => `'${option}'`).join(' | ');
  return { code: 'invalid_enum_value', options, received: value, path, message: `Must be one of ${choices}, got ${JSON.stringify(value)}` };
}

function formatIssues(issues: GuardIssue[]): string {
  return issues
    .map((issue) => {
      const text = issue.code === 'invalid_type' ? `Expected ${String(issue['expected'])} but received ${String(issue['received'])}.` : issue.message;
      return `Error in key path "${issue.path.map(String).join('.')}": (${issue.code}) ${text}`;
    })
    .join('\n');
}

/** A zod error as `JSON.stringify` renders it inside Logto's `data`. */
const zodErrorData = (issues: GuardIssue[]): { issues: GuardIssue[]; name: 'ZodError' } => ({ issues, name: 'ZodError' });

function guardError(part: 'body' | 'query' | 'params', issues: GuardIssue[]): LogtoRequestError {
  return new LogtoRequestError(400, 'guard.invalid_input', `Invalid request ${part}.`, zodErrorData(issues), formatIssues(issues));
}

/** Throws Logto's `connector.invalid_config` when a config does not fit its factory's form. */
function checkConfig(config: Record<string, unknown>, formItems: readonly LogtoFormItemWire[]): void {
  const issues = configIssues(config, formItems);
  if (issues.length > 0) {
    throw new LogtoRequestError(400, 'connector.invalid_config', 'The connector configuration is invalid.', zodErrorData(issues), formatIssues(issues));
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Request bodies
// ---------------------------------------------------------------------------------------------------------------------

const isJsonMediaType = (type: string): boolean => type === 'application/json' || /^application\/[\w.-]+\+json$/.test(type);

/**
 * Reads a JSON request body the way Logto's koa-body + guard pair sees it: an empty body counts as `{}`; a body in
 * another media type or malformed JSON is an invalid body (400 `guard.invalid_input`).
 */
async function readGuardedJson(req: IncomingMessage): Promise<unknown> {
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
  const valid = typeof value['en'] === 'string' && Object.entries(value).every(([tag, text]) => LANGUAGE_TAG.test(tag) && typeof text === 'string');
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
function guardBody<T>(body: unknown, rules: Record<keyof T & string, FieldRule>): T {
  if (!isJsonObject(body)) throw guardError('body', [invalidType([], 'object', body)]);
  const issues: GuardIssue[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, rule] of Object.entries(rules) as Array<[string, FieldRule]>) {
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
const CREATE_RULES: Record<keyof LogtoCreateConnectorWire, FieldRule> = {
  connectorId: { kind: 'string', required: true, min: 1, max: 128 },
  config: { kind: 'jsonObject' },
  metadata: { kind: 'metadata' },
  syncProfile: { kind: 'boolean' },
  enableTokenStorage: { kind: 'boolean' },
  id: { kind: 'string', min: 1, max: 128 },
};
const UPDATE_RULES: Record<keyof LogtoUpdateConnectorWire, FieldRule> = {
  config: { kind: 'jsonObject' },
  metadata: { kind: 'metadata' },
  syncProfile: { kind: 'boolean' },
  enableTokenStorage: { kind: 'boolean' },
};
const TEST_RULES: Record<keyof LogtoTestConnectorWire, FieldRule> = {
  phone: { kind: 'string', pattern: /^\d+$/ },
  email: { kind: 'string', pattern: /^\S+@\S+\.\S+$/ },
  config: { kind: 'jsonObject', required: true },
  locale: { kind: 'string' },
};
const AUTHORIZATION_URI_RULES: Record<keyof LogtoAuthorizationUriRequestWire, FieldRule> = {
  state: { kind: 'string', required: true },
  redirectUri: { kind: 'string', required: true },
};

/**
 * clean-deep with its defaults, which Logto applies to `config` and `metadata` before storing them: drops empty
 * strings, `null`, empty arrays and empty objects, recursively. Returns undefined when nothing is left.
 */
function cleanDeep(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(cleanDeep).filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (isJsonObject(value)) {
    const entries = Object.entries(value)
      .map(([key, item]) => [key, cleanDeep(item)] as const)
      .filter(([, item]) => item !== undefined);
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  }
  return value === null || value === '' ? undefined : value;
}

/** {@link cleanDeep} for a stored object column (an emptied object is stored as `{}`, the column default). */
function cleanObject<T extends object>(value: T | undefined): T {
  return (cleanDeep(value) as T | undefined) ?? ({} as T);
}

// ---------------------------------------------------------------------------------------------------------------------
// Connector configuration against the factory's form
// ---------------------------------------------------------------------------------------------------------------------

const isBlank = (value: unknown): boolean => value === undefined || value === null || value === '';

/** Whether a form item is shown for `config` (all its show conditions hold). Hidden items are not checked. */
function isShown(formItem: LogtoFormItemWire, config: Record<string, unknown>): boolean {
  return (formItem.showConditions ?? []).every(({ targetKey, expectValue }) =>
    expectValue === undefined ? !isBlank(config[targetKey]) : JSON.stringify(config[targetKey]) === JSON.stringify(expectValue),
  );
}

const EXPECTED_TYPE: Record<LogtoFormItemWire['type'], string> = {
  Text: 'string',
  MultilineText: 'string',
  Number: 'number',
  Switch: 'boolean',
  Select: 'string',
  MultiSelect: 'array',
  Json: 'object',
};

/**
 * Checks a configuration against a factory's form items (the sandbox's stand-in for each connector's zod config
 * guard): required shown items present and non-empty, values of the item's type, Select/MultiSelect values among
 * the choices. Keys without a form item are accepted.
 */
function configIssues(config: Record<string, unknown>, formItems: readonly LogtoFormItemWire[]): GuardIssue[] {
  const issues: GuardIssue[] = [];
  for (const formItem of formItems) {
    if (!isShown(formItem, config)) continue;
    const value = config[formItem.key];
    const path = [formItem.key];
    if (isBlank(value)) {
      if (!formItem.required) continue;
      issues.push(
        value === ''
          ? { code: 'too_small', minimum: 1, type: 'string', inclusive: true, path, message: 'Must have at least 1 character(s)' }
          : invalidType(path, EXPECTED_TYPE[formItem.type], value),
      );
      continue;
    }
    const problem = valueIssue(formItem, value, path);
    if (problem) issues.push(...problem);
  }
  return issues;
}

function valueIssue(formItem: LogtoFormItemWire, value: unknown, path: IssuePath): GuardIssue[] | undefined {
  switch (formItem.type) {
    case 'Text':
    case 'MultilineText':
      return typeof value === 'string' ? undefined : [invalidType(path, 'string', value)];
    case 'Number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : [invalidType(path, 'number', value)];
    case 'Switch':
      return typeof value === 'boolean' ? undefined : [invalidType(path, 'boolean', value)];
    case 'Json':
      // Logto's JSON inputs hold objects or arrays.
      return typeof value === 'object' && value !== null ? undefined : [invalidType(path, 'object', value)];
    case 'Select': {
      const options = formItem.selectItems.map((choice) => choice.value);
      return typeof value === 'string' && options.includes(value) ? undefined : [enumIssue(path, options, value)];
    }
    case 'MultiSelect': {
      if (!Array.isArray(value)) return [invalidType(path, 'array', value)];
      const options = formItem.selectItems.map((choice) => choice.value);
      const problems = value.flatMap((entry: unknown, index) =>
        typeof entry === 'string' && options.includes(entry) ? [] : [enumIssue([...path, index], options, entry)],
      );
      return problems.length > 0 ? problems : undefined;
    }
  }
}

/**
 * The sandbox's deterministic provider failure: a required, shown item whose value is the string `"fail"` makes the
 * provider "refuse" (test messages fail with 400 `connector.general`).
 */
function failingItem(config: Record<string, unknown>, formItems: readonly LogtoFormItemWire[]): LogtoFormItemWire | undefined {
  return formItems.find((formItem) => formItem.required === true && isShown(formItem, config) && config[formItem.key] === 'fail');
}

// ---------------------------------------------------------------------------------------------------------------------
// Authorization URIs of the social connectors that can build one without an interaction session
// ---------------------------------------------------------------------------------------------------------------------

type AuthorizationUriBuilder = (config: Record<string, unknown>, request: LogtoAuthorizationUriRequestWire) => string;

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' && value !== '' ? value : fallback);

function withQuery(base: string, params: Record<string, string | undefined>, fragment = ''): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') url.searchParams.set(key, value);
  return `${url.toString()}${fragment}`;
}

/**
 * Builders per factory id. Logto cannot build this URI for connectors that keep state in the sign-in session
 * (Apple, OIDC, OAuth 2, SAML), so those factories have none.
 */
const AUTHORIZATION_URI_BUILDERS: Record<string, AuthorizationUriBuilder> = {
  'google-universal': (c, r) =>
    withQuery('https://accounts.google.com/o/oauth2/v2/auth', {
      client_id: text(c['clientId']),
      redirect_uri: r.redirectUri,
      response_type: 'code',
      state: r.state,
      scope: text(c['scope'], 'openid profile email'),
      prompt: Array.isArray(c['prompts']) ? c['prompts'].join(' ') : undefined,
      access_type: c['offlineAccess'] === true ? 'offline' : undefined,
    }),
  'github-universal': (c, r) =>
    withQuery('https://github.com/login/oauth/authorize', {
      client_id: text(c['clientId']),
      redirect_uri: r.redirectUri,
      state: r.state,
      scope: text(c['scope'], 'read:user'),
    }),
  'azure-ad': (c, r) =>
    withQuery(`${text(c['cloudInstance'], 'https://login.microsoftonline.com')}/${encodeURIComponent(text(c['tenantId'], 'common'))}/oauth2/v2.0/authorize`, {
      client_id: text(c['clientId']),
      response_type: 'code',
      redirect_uri: r.redirectUri,
      response_mode: 'query',
      scope: 'openid profile email User.Read',
      state: r.state,
    }),
  'facebook-universal': (c, r) =>
    withQuery('https://www.facebook.com/v19.0/dialog/oauth', {
      client_id: text(c['clientId']),
      redirect_uri: r.redirectUri,
      response_type: 'code',
      state: r.state,
      scope: text(c['scope'], 'email,public_profile'),
    }),
  'wechat-web': (c, r) =>
    withQuery(
      'https://open.weixin.qq.com/connect/qrconnect',
      { appid: text(c['appId']), redirect_uri: r.redirectUri, response_type: 'code', scope: 'snsapi_login', state: r.state },
      '#wechat_redirect',
    ),
  // The native connector hands its parameters to the WeChat SDK through a custom-scheme URI.
  'wechat-native': (c, r) =>
    withQuery('wechat-native://authorize', { app_id: text(c['appId']), state: r.state, universal_links: text(c['universalLinks']) }),
};

// ---------------------------------------------------------------------------------------------------------------------
// ETag / If-None-Match (Logto's koa-body-etag: the `etag` package over the JSON body, `fresh` for the comparison)
// ---------------------------------------------------------------------------------------------------------------------

/** A strong ETag of a text body, in the `etag` package's format: `"<byte length hex>-<sha1 base64, 27 chars>"`. */
export function bodyEtag(body: string): string {
  const hash = createHash('sha1').update(body, 'utf8').digest('base64').slice(0, 27);
  return `"${Buffer.byteLength(body, 'utf8').toString(16)}-${hash}"`;
}

/** Whether `If-None-Match` matches `etag` (weak comparison, `*` matches, `Cache-Control: no-cache` never does). */
function isFresh(req: IncomingMessage, etag: string): boolean {
  const noneMatch = req.headers['if-none-match'];
  if (!noneMatch) return false;
  if (/(?:^|,)\s*no-cache\s*(?:,|$)/i.test(req.headers['cache-control'] ?? '')) return false;
  if (noneMatch.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return noneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

/** Answers a GET with a JSON body and its ETag, or 304 without a body when the client's copy is current. */
function sendCacheableJson(ctx: SandboxContext, body: unknown): void {
  const payload = JSON.stringify(body);
  const etag = bodyEtag(payload);
  if (isFresh(ctx.req, etag)) sendEmpty(ctx.res, 304, { ETag: etag });
  else sendText(ctx.res, 200, payload, 'application/json; charset=utf-8', { ETag: etag });
}

// ---------------------------------------------------------------------------------------------------------------------
// Wire mapping
// ---------------------------------------------------------------------------------------------------------------------

interface MergedMetadata {
  target: string;
  name: LogtoI18nPhrasesWire;
  logo: string;
  logoDark: string | null;
}

/** The factory's metadata overridden by the connector's own (what Logto reports at the top level). */
function mergedMetadata(entry: LogtoSandboxConnector, factory: LogtoConnectorFactoryWire): MergedMetadata {
  const own = entry.metadata;
  return {
    target: own.target ?? factory.target,
    name: own.name ?? factory.name,
    logo: own.logo ?? factory.logo,
    logoDark: own.logoDark !== undefined ? own.logoDark : factory.logoDark,
  };
}

/** A stored connector as the API answers it; the key order follows Logto's connector response guard. */
export function toConnectorWire(entry: LogtoSandboxConnector, factory: LogtoConnectorFactoryWire): LogtoConnectorWire {
  const merged = mergedMetadata(entry, factory);
  return {
    id: entry.id,
    syncProfile: entry.syncProfile,
    enableTokenStorage: entry.enableTokenStorage,
    config: structuredClone(entry.config),
    metadata: structuredClone(entry.metadata),
    connectorId: entry.connectorId,
    target: merged.target,
    name: structuredClone(merged.name),
    description: structuredClone(factory.description),
    logo: merged.logo,
    logoDark: merged.logoDark,
    readme: factory.readme,
    ...(factory.configTemplate === undefined ? {} : { configTemplate: factory.configTemplate }),
    ...(factory.formItems === undefined ? {} : { formItems: structuredClone(factory.formItems) }),
    ...(factory.customData === undefined ? {} : { customData: structuredClone(factory.customData) }),
    ...(factory.fromEmail === undefined ? {} : { fromEmail: factory.fromEmail }),
    platform: factory.platform,
    ...(factory.isStandard === undefined ? {} : { isStandard: factory.isStandard }),
    ...(factory.isTokenStorageSupported === undefined ? {} : { isTokenStorageSupported: factory.isTokenStorageSupported }),
    type: factory.type,
    isDemo: false,
    // Logto fills `extraInfo` only for its own cloud e-mail service.
    extraInfo: {},
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------------------------------------------------

/** Logto's routing errors. */
const ROUTING_ERRORS: RoutingErrors = {
  methodNotAllowed: (ctx, allowed) =>
    new LogtoRequestError(405, 'request.general', `${ctx.method} is not supported here; use ${allowed.join(', ')}.`, undefined, undefined, { Allow: allowed.join(', ') }),
  notFound: (ctx) => requestError(404, 'entity.not_found', `Nothing exists at ${ctx.path}.`),
};

interface ApiOptions {
  clientId: string;
  clientSecret: string;
  resource: string;
  tokenTtlSeconds: number;
}

/** Alphabet and length of Logto's generated short ids (`generateStandardShortId`). */
const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const ID_LENGTH = 12;

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

class LogtoApi {
  readonly tokens: TokenStore;
  #factories: LogtoConnectorFactoryWire[] = [];
  #factoryById = new Map<string, LogtoConnectorFactoryWire>();
  #connectors = new Map<string, LogtoSandboxConnector>();
  readonly #options: ApiOptions;
  readonly #router = new Router<RouteHandler>();

  constructor(options: ApiOptions) {
    this.#options = options;
    this.tokens = new TokenStore({ ttlSeconds: options.tokenTtlSeconds });
    this.reseed();
    this.#router
      .add('POST', '/oidc/token', (ctx) => this.#token(ctx))
      .add('GET', '/api/connectors', (ctx) => this.#list(ctx))
      .add('POST', '/api/connectors', (ctx) => this.#create(ctx))
      .add('GET', '/api/connectors/:id', (ctx, p) => this.#get(ctx, p))
      .add('PATCH', '/api/connectors/:id', (ctx, p) => this.#update(ctx, p))
      .add('DELETE', '/api/connectors/:id', (ctx, p) => this.#delete(ctx, p))
      .add('POST', '/api/connectors/:factoryId/test', (ctx, p) => this.#test(ctx, p))
      .add('POST', '/api/connectors/:connectorId/authorization-uri', (ctx, p) => this.#authorizationUri(ctx, p))
      .add('GET', '/api/connector-factories', (ctx) => sendCacheableJson(ctx, this.#factories))
      .add('GET', '/api/connector-factories/:id', (ctx, p) => this.#getFactory(ctx, p));
  }

  /** Replaces factories and connectors with a fresh seed. */
  reseed(): void {
    const seed = createLogtoSeed();
    this.#factories = seed.factories;
    this.#factoryById = new Map(seed.factories.map((factory) => [factory.id, factory]));
    this.#connectors = new Map(seed.connectors.map((connector) => [connector.id, connector]));
  }

  storeView(): LogtoSandboxStore {
    return {
      connectors: () => [...this.#connectors.values()].map((connector) => structuredClone(connector)),
      connector: (id) => {
        const found = this.#connectors.get(id);
        return found ? structuredClone(found) : undefined;
      },
      factories: () => structuredClone(this.#factories),
    };
  }

  /** Whether the request carries valid credentials for the log (API calls: a live token with scope `all`). */
  authorize(ctx: SandboxContext): boolean {
    if (!isApiPath(ctx.path)) return false;
    const check = this.tokens.checkRequest(ctx.req);
    return check.ok && hasScope(check.token.scope, LOGTO_MANAGEMENT_API_SCOPE);
  }

  async handle(ctx: SandboxContext): Promise<void> {
    // Logto authenticates the whole Management API router before routing, so unknown paths need a token too.
    if (isApiPath(ctx.path)) this.#requireToken(ctx);
    await dispatchRoute(this.#router, ctx, ROUTING_ERRORS);
  }

  #requireToken(ctx: SandboxContext): void {
    const header = ctx.req.headers.authorization;
    if (!header) throw requestError(401, 'auth.authorization_header_missing', 'The Authorization header is missing.');
    if (!header.startsWith('Bearer')) {
      throw requestError(401, 'auth.authorization_token_type_not_supported', 'Only Bearer tokens are accepted.', { supportedTypes: ['Bearer'] });
    }
    const check = this.tokens.checkRequest(ctx.req);
    if (!check.ok) throw requestError(401, 'auth.unauthorized', 'Unauthorized: the access token is invalid or expired.');
    if (!hasScope(check.token.scope, LOGTO_MANAGEMENT_API_SCOPE)) {
      throw requestError(403, 'auth.forbidden', `Forbidden: the access token lacks the '${LOGTO_MANAGEMENT_API_SCOPE}' scope.`);
    }
  }

  #factoryOf(entry: LogtoSandboxConnector): LogtoConnectorFactoryWire {
    const factory = this.#factoryById.get(entry.connectorId);
    // Connectors are only created from known factories, and factories never go away.
    if (!factory) throw new Error(`connector ${entry.id} refers to the unknown factory ${entry.connectorId}`);
    return factory;
  }

  /** The connector behind `id` for the read/update paths (Logto's `getLogtoConnectorById`: 404 `entity.not_found`). */
  #find(id: string): LogtoSandboxConnector {
    const entry = this.#connectors.get(id);
    if (!entry) throw requestError(404, 'entity.not_found', `The connector '${id}' does not exist.`);
    return entry;
  }

  #wire(entry: LogtoSandboxConnector): LogtoConnectorWire {
    return toConnectorWire(entry, this.#factoryOf(entry));
  }

  // --- OIDC token ------------------------------------------------------------------------------------------------

  async #token(ctx: SandboxContext): Promise<void> {
    const raw = await readBody(ctx.req, 64 * 1024);
    const oauthError = (status: number, error: string, description: string, headers: Record<string, string> = {}): void => {
      const body: LogtoOAuthErrorWire = { error, error_description: description };
      sendJson(ctx.res, status, body, { ...NO_STORE, ...headers });
    };
    if (mediaType(ctx.req) !== 'application/x-www-form-urlencoded') {
      oauthError(400, 'invalid_request', 'the token endpoint only accepts application/x-www-form-urlencoded bodies');
      return;
    }
    const form = parseFormBody(raw);
    // The OIDC provider takes client_secret_basic or client_secret_post; never query parameters.
    const credentials = extractClientCredentials({ authorization: ctx.req.headers.authorization, form });
    const valid =
      credentials !== undefined &&
      safeEqual(credentials.clientId, this.#options.clientId) &&
      safeEqual(credentials.clientSecret, this.#options.clientSecret);
    if (!valid) {
      oauthError(401, 'invalid_client', 'client authentication failed');
      return;
    }
    ctx.entry.authorized = true;
    const grantType = form.get('grant_type');
    if (!grantType) {
      oauthError(400, 'invalid_request', "missing required parameter 'grant_type'");
      return;
    }
    if (grantType !== 'client_credentials') {
      oauthError(400, 'unsupported_grant_type', `grant type '${grantType}' is not supported by this client`);
      return;
    }
    const resource = form.get('resource');
    if (resource !== this.#options.resource) {
      oauthError(400, 'invalid_target', resource ? `unknown resource indicator '${resource}'` : 'a resource indicator is required');
      return;
    }
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    const unknown = scopes.filter((scope) => scope !== LOGTO_MANAGEMENT_API_SCOPE);
    if (unknown.length > 0) {
      oauthError(400, 'invalid_scope', `scope '${unknown.join(' ')}' is not allowed for this resource`);
      return;
    }
    // Without `scope=all` the token is still issued, but it carries no scope and every API call answers 403.
    const issued = this.tokens.issue(credentials.clientId, scopes.includes(LOGTO_MANAGEMENT_API_SCOPE) ? LOGTO_MANAGEMENT_API_SCOPE : '');
    const body: LogtoTokenWire = {
      access_token: issued.token,
      expires_in: issued.expiresIn,
      token_type: 'Bearer',
      ...(issued.scope ? { scope: issued.scope } : {}),
    };
    sendJson(ctx.res, 200, body, NO_STORE);
  }

  // --- Connectors ------------------------------------------------------------------------------------------------

  #list(ctx: SandboxContext): void {
    const target = ctx.query.get('target');
    const connectors = [...this.#connectors.values()].map((entry) => this.#wire(entry));
    sendCacheableJson(ctx, target ? connectors.filter((connector) => connector.target === target) : connectors);
  }

  #get(ctx: SandboxContext, params: Record<string, string>): void {
    sendCacheableJson(ctx, this.#wire(this.#find(params['id'] ?? '')));
  }

  async #create(ctx: SandboxContext): Promise<void> {
    const body = guardBody<LogtoCreateConnectorWire>(await readGuardedJson(ctx.req), CREATE_RULES);
    const factory = this.#factoryById.get(body.connectorId);
    if (!factory) {
      throw requestError(422, 'connector.not_found_with_connector_id', `No connector factory has the id '${body.connectorId}'.`);
    }
    if (factory.type === 'Social') this.#checkSocialCreate(factory, body.metadata);
    if (body.config) {
      checkConfig(body.config, factory.formItems ?? []);
    }
    const id = body.id ?? this.#generateId();
    if (this.#connectors.has(id)) throw requestError(422, 'entity.unique_integrity_violation', `A connector with the id '${id}' already exists.`);
    const entry: LogtoSandboxConnector = {
      id,
      connectorId: factory.id,
      config: cleanObject(body.config),
      metadata: cleanObject(body.metadata),
      syncProfile: body.syncProfile ?? false,
      enableTokenStorage: body.enableTokenStorage ?? false,
    };
    this.#connectors.set(id, entry);
    // Logto keeps one working Email and one SMS connector: a new one replaces the others of its type.
    if (factory.type !== 'Social') {
      for (const other of [...this.#connectors.values()]) {
        if (other.id !== id && this.#factoryOf(other).type === factory.type) this.#connectors.delete(other.id);
      }
    }
    sendJson(ctx.res, 200, this.#wire(entry));
  }

  /** Logto's social-connector rules on create, in its order. */
  #checkSocialCreate(factory: LogtoConnectorFactoryWire, metadata: LogtoConfigurableMetadataWire | undefined): void {
    const standard = factory.isStandard === true;
    if (standard && !metadata?.target) {
      throw requestError(400, 'connector.should_specify_target', 'A standard connector needs metadata.target.');
    }
    if (!standard && metadata !== undefined) {
      throw requestError(400, 'connector.cannot_overwrite_metadata_for_non_standard_connector', 'Only standard connectors accept metadata.');
    }
    if (!standard && [...this.#connectors.values()].some((entry) => entry.connectorId === factory.id)) {
      throw requestError(422, 'connector.multiple_instances_not_supported', `A connector of the factory '${factory.id}' already exists.`);
    }
    const target = metadata?.target || factory.target;
    const duplicate = this.#socialConnectorFor(target, factory.platform);
    if (duplicate) {
      throw requestError(
        422,
        'connector.multiple_target_with_same_platform',
        `A social connector with the target '${target}' already exists for the platform ${String(factory.platform)}.`,
        { connectorId: duplicate.connectorId, connectorName: mergedMetadata(duplicate, this.#factoryOf(duplicate)).name },
      );
    }
  }

  #socialConnectorFor(target: string, platform: LogtoConnectorPlatform | null): LogtoSandboxConnector | undefined {
    return [...this.#connectors.values()].find((entry) => {
      const factory = this.#factoryOf(entry);
      return factory.type === 'Social' && factory.platform === platform && mergedMetadata(entry, factory).target === target;
    });
  }

  #generateId(): string {
    for (;;) {
      let id = '';
      for (let i = 0; i < ID_LENGTH; i += 1) id += ID_ALPHABET.charAt(randomInt(ID_ALPHABET.length));
      if (!this.#connectors.has(id)) return id;
    }
  }

  async #update(ctx: SandboxContext, params: Record<string, string>): Promise<void> {
    const body = guardBody<LogtoUpdateConnectorWire>(await readGuardedJson(ctx.req), UPDATE_RULES);
    const entry = this.#find(params['id'] ?? '');
    const factory = this.#factoryOf(entry);
    const standard = factory.isStandard === true;
    // As in Logto: metadata given to a standard connector must keep its current target (even when `target` is left out).
    if (standard && body.metadata && body.metadata.target !== mergedMetadata(entry, factory).target) {
      throw requestError(400, 'connector.can_not_modify_target', "A connector's target cannot be changed.");
    }
    if (!standard && body.metadata) {
      throw requestError(400, 'connector.cannot_overwrite_metadata_for_non_standard_connector', 'Only standard connectors accept metadata.');
    }
    if (body.syncProfile && factory.type !== 'Social') {
      throw requestError(422, 'connector.invalid_type_for_syncing_profile', 'Only social connectors can sync user profiles.');
    }
    if (body.config) {
      checkConfig(body.config, factory.formItems ?? []);
    }
    // Given columns are replaced whole (Logto's jsonb "replace" mode); omitted ones stay.
    if (body.config) entry.config = cleanObject(body.config);
    if (body.metadata) entry.metadata = cleanObject(body.metadata);
    if (body.syncProfile !== undefined) entry.syncProfile = body.syncProfile;
    if (body.enableTokenStorage !== undefined) entry.enableTokenStorage = body.enableTokenStorage;
    sendJson(ctx.res, 200, this.#wire(entry));
  }

  #delete(ctx: SandboxContext, params: Record<string, string>): void {
    const id = params['id'] ?? '';
    // Logto's delete looks the row up directly, hence a different code than the other operations.
    if (!this.#connectors.delete(id)) throw requestError(404, 'entity.not_exists_with_id', `The connector with the id '${id}' does not exist.`);
    sendEmpty(ctx.res, 204);
  }

  async #test(ctx: SandboxContext, params: Record<string, string>): Promise<void> {
    const body = guardBody<LogtoTestConnectorWire>(await readGuardedJson(ctx.req), TEST_RULES);
    const subject = body.phone ?? body.email;
    if (!subject) throw requestError(400, 'guard.invalid_input', 'Give a phone number or an e-mail address to send the test message to.');
    const factoryId = params['factoryId'] ?? '';
    const expectType = body.phone ? 'Sms' : 'Email';
    const factory = this.#factoryById.get(factoryId);
    if (!factory || factory.type === 'Social') {
      throw requestError(404, 'connector.not_found', `No Email or SMS connector factory has the id '${factoryId}'.`);
    }
    if (factory.type !== expectType) {
      throw requestError(400, 'connector.unexpected_type', `The factory '${factoryId}' is an ${factory.type} connector; it cannot send to this recipient.`);
    }
    const formItems = factory.formItems ?? [];
    checkConfig(body.config, formItems);
    const failing = failingItem(body.config, formItems);
    if (failing) {
      const errorDescription = `the provider rejected the message: '${failing.key}' was refused`;
      throw requestError(400, 'connector.general', `The connector failed: ${errorDescription}.`, { errorDescription });
    }
    sendEmpty(ctx.res, 204);
  }

  async #authorizationUri(ctx: SandboxContext, params: Record<string, string>): Promise<void> {
    const body = guardBody<LogtoAuthorizationUriRequestWire>(await readGuardedJson(ctx.req), AUTHORIZATION_URI_RULES);
    if (!body.state || !body.redirectUri) throw requestError(400, 'session.insufficient_info', 'Both state and redirectUri are needed.');
    const entry = this.#find(params['connectorId'] ?? '');
    const factory = this.#factoryOf(entry);
    if (factory.type !== 'Social') throw requestError(400, 'connector.unexpected_type', 'Only social connectors have an authorization URI.');
    // The connector reads and checks its stored config before building the URI.
    checkConfig(entry.config, factory.formItems ?? []);
    const build = AUTHORIZATION_URI_BUILDERS[factory.id];
    if (!build) {
      throw requestError(400, 'connector.not_implemented', `getAuthorizationUri: the '${factory.id}' connector needs a sign-in session and cannot build it here.`);
    }
    const answer: LogtoAuthorizationUriWire = { redirectTo: build(entry.config, body) };
    sendJson(ctx.res, 200, answer);
  }

  // --- Factories -------------------------------------------------------------------------------------------------

  #getFactory(ctx: SandboxContext, params: Record<string, string>): void {
    const id = params['id'] ?? '';
    const factory = this.#factoryById.get(id);
    if (!factory) throw requestError(404, 'entity.not_found', `No connector factory has the id '${id}'.`);
    sendCacheableJson(ctx, factory);
  }
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

const hasScope = (granted: string, wanted: string): boolean => granted.split(' ').includes(wanted);
