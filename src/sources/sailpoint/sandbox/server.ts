/**
 * SailPoint sandbox: a real HTTP server on loopback that imitates the custom-connector operations of Identity
 * Security Cloud v3 (`/v3/connectors…`) and its client-credentials token endpoint (`/oauth/token`), backed by the
 * deterministic seed catalogue. Built on the vendor-neutral sandbox kit (request log, faults, latency, control API).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import jsonPatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { SaxesParser } from 'saxes';
import type { SandboxContext } from '../../../sandbox/app.js';
import { isJsonObject, mediaType, parseFormBody, readBody, readJsonBody } from '../../../sandbox/bodies.js';
import type { RenderedFault } from '../../../sandbox/faults.js';
import { HttpError, sendEmpty, sendJson, sendText } from '../../../sandbox/http.js';
import { Router, dispatchRoute, type RouteHandler, type RoutingErrors } from '../../../sandbox/router.js';
import { runSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox/runSandbox.js';
import { TokenStore, extractClientCredentials, safeEqual } from '../../../sandbox/tokens.js';
import {
  SAILPOINT_LOCALES,
  SAILPOINT_PATCHABLE_FIELDS,
  type SailPointConnectorDetailWire,
  type SailPointConnectorStatus,
  type SailPointConnectorWire,
  type SailPointErrorResponseWire,
  type SailPointFilePath,
  type SailPointLocale,
  type SailPointTokenWire,
  type SailPointUpdateDetailWire,
} from '../types.js';
import { SAILPOINT_FORM_NAMESPACE, createCustomConnector, createSailPointSeed, type SailPointSandboxConnector } from './seed.js';

/** Default client id of the sandbox's OAuth client. */
export const SAILPOINT_SANDBOX_CLIENT_ID = 'sandbox-sailpoint';
/** Default client secret of the sandbox's OAuth client (a fixed, public sandbox value). */
export const SAILPOINT_SANDBOX_CLIENT_SECRET = 'sandbox-sailpoint-secret-4c1d9e7a';
/** Default token lifetime: the 749 seconds ISC reports for client-credentials tokens. */
export const SAILPOINT_SANDBOX_TOKEN_TTL_SECONDS = 749;

/** Largest accepted request body (multipart uploads, JSON): 10 MiB. */
const BODY_LIMIT_BYTES = 10 * 1024 * 1024;
/** `limit` bounds of `GET /connectors` (standard collection parameters). */
const MAX_LIMIT = 250;

/** Options of {@link startSailPointSandbox}. */
export interface SailPointSandboxOptions extends SandboxOptions {
  /**
   * The vendor documents `GET /connectors` as listing only RELEASED connectors, and so does the sandbox by default;
   * true lists every status (handy to show demo/development data in a UI).
   */
  listAllStatuses?: boolean;
}

/** Read access to the sandbox's connectors (copies; changing them changes nothing). */
export interface SailPointSandboxStore {
  /** Every connector in list order (seed order, created ones appended), whatever its status. */
  list(): SailPointSandboxConnector[];
  get(scriptName: string): SailPointSandboxConnector | undefined;
  readonly size: number;
}

/** A running SailPoint sandbox. */
export interface SailPointSandbox extends RunningSandbox {
  /** API root, e.g. `http://127.0.0.1:PORT/v3`. */
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly store: SailPointSandboxStore;
}

/** Starts a SailPoint sandbox on loopback (a free port unless `port` is given). */
export async function startSailPointSandbox(options: SailPointSandboxOptions = {}): Promise<SailPointSandbox> {
  const clientId = options.clientId ?? SAILPOINT_SANDBOX_CLIENT_ID;
  const clientSecret = options.clientSecret ?? SAILPOINT_SANDBOX_CLIENT_SECRET;
  const api = new SailPointApi({
    clientId,
    clientSecret,
    tokenTtlSeconds: options.tokenTtlSeconds ?? SAILPOINT_SANDBOX_TOKEN_TTL_SECONDS,
    listAllStatuses: options.listAllStatuses ?? false,
  });
  const running = await runSandbox(api, {
    renderFault: (status) => renderFault(status),
    renderError: (error, ctx) => renderError(error, ctx),
    latencyMs: options.latencyMs,
    host: options.host,
    port: options.port,
  });
  return { ...running, url: `${running.origin}/v3`, clientId, clientSecret,
    store: api.storeView() };
}

// ---------------------------------------------------------------------------------------------------------------------
// Error bodies
// ---------------------------------------------------------------------------------------------------------------------

const DETAIL_CODES: Record<number, string> = {
  400: '400.1 Bad Request Content',
  403: '403 Forbidden',
  404: '404 Not found',
  405: '405 Method Not Allowed',
  413: '413 Payload Too Large',
  415: '415 Unsupported Media Type',
  500: '500.0 Internal Fault',
  502: '502 Bad Gateway',
  503: '503 Service Unavailable',
  504: '504 Gateway Timeout',
};

const DEFAULT_TEXTS: Record<number, string> = {
  400: 'The request could not be understood.',
  403: 'The caller may not use this operation.',
  404: 'No resource matches the request URL.',
  500: 'An internal fault occurred.',
  502: 'An upstream service failed.',
  503: 'The service is temporarily unavailable.',
  504: 'An upstream service did not answer in time.',
};

/** An `ErrorResponseDto` body. */
export function errorResponse(status: number, text: string, causes: string[] = []): SailPointErrorResponseWire {
  const message = (value: string) => ({ locale: 'en-US', localeOrigin: 'DEFAULT' as const, text: value });
  return {
    detailCode: DETAIL_CODES[status] ?? `${status}`,
    trackingId: randomUUID().replace(/-/g, ''),
    messages: [message(text)],
    causes: causes.map(message),
  };
}

function renderFault(status: number): RenderedFault {
  if (status === 401) return { body: { error: 'JWT validation failed: injected fault' } };
  if (status === 429) return { body: { message: 'Rate Limit Exceeded' } };
  return { body: errorResponse(status, DEFAULT_TEXTS[status] ?? `Injected fault ${status}.`) };
}

function renderError(error: unknown, ctx: SandboxContext): void {
  if (!(error instanceof HttpError)) {
    const detail = error instanceof Error ? error.message : String(error);
    sendJson(ctx.res, 500, errorResponse(500, DEFAULT_TEXTS[500] ?? 'Internal fault.', [detail]));
    return;
  }
  // 401 and 429 have their own shapes in the vendor contract; everything else is an ErrorResponseDto.
  if (error.status === 401) sendJson(ctx.res, 401, { error: error.message }, error.headers);
  else if (error.status === 429) sendJson(ctx.res, 429, { message: error.message }, error.headers);
  else sendJson(ctx.res, error.status, errorResponse(error.status, error.message), error.headers);
}

const badRequest = (text: string): HttpError => new HttpError(400, text);

// ---------------------------------------------------------------------------------------------------------------------
// XML checks
// ---------------------------------------------------------------------------------------------------------------------

/** Outcome of {@link checkSailPointXml}. */
export type XmlCheck = { ok: true; root: string; namespace: string } | { ok: false; reason: string };

/**
 * Checks that `text` is a well-formed XML document (via saxes) and reports its root element. A DOCTYPE with an
 * internal subset is refused: such files could declare entities, which the vendor files never need.
 */
export function checkSailPointXml(text: string): XmlCheck {
  const parser = new SaxesParser({ xmlns: true });
  let root: { name: string; namespace: string } | undefined;
  let refused: string | undefined;
  parser.on('doctype', (doctype) => {
    if (doctype.includes('[') || /<!ENTITY/i.test(doctype)) refused = 'DOCTYPE internal subsets and entity declarations are not accepted';
  });
  parser.on('opentag', (tag) => {
    root ??= { name: tag.local, namespace: tag.uri };
  });
  try {
    parser.write(text).close();
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (refused) return { ok: false, reason: refused };
  if (!root) return { ok: false, reason: 'no root element' };
  return { ok: true, root: root.name, namespace: root.namespace };
}

type XmlKind = 'applicationXml' | 'correlationConfigXml' | 'sourceConfigXml' | 'sourceTemplateXml';

const XML_ROOTS: Record<XmlKind, { root: string; namespace: string }> = {
  applicationXml: { root: 'Application', namespace: '' },
  correlationConfigXml: { root: 'CorrelationConfig', namespace: '' },
  sourceConfigXml: { root: 'Form', namespace: SAILPOINT_FORM_NAMESPACE },
  sourceTemplateXml: { root: 'Application', namespace: '' },
};

/**
 * Validates an XML file of a given kind. Malformed XML throws a 400; a well-formed file of the wrong kind
 * (root element or form namespace) yields a message, which the caller reports in its own way.
 */
function validateXmlKind(kind: XmlKind, text: string): string | undefined {
  const check = checkSailPointXml(text);
  if (!check.ok) throw badRequest(`${kind} is not well-formed XML: ${check.reason}`);
  const want = XML_ROOTS[kind];
  if (check.root !== want.root) return `${kind} must have the root element <${want.root}>, not <${check.root}>`;
  if (check.namespace !== want.namespace) {
    return want.namespace
      ? `unsupported form schema: the source config must use the namespace ${want.namespace}`
      : `${kind} must not use a namespace on <${want.root}>`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------------
// Query parameters and filters
// ---------------------------------------------------------------------------------------------------------------------

function intParam(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw badRequest(`${name} must be a non-negative integer, got '${raw}'`);
  const value = Number(raw);
  if (value > max) throw badRequest(`${name} must be at most ${max}, got ${raw}`);
  return value;
}

function boolParam(query: URLSearchParams, name: string): boolean {
  const raw = query.get(name);
  if (raw === null || raw === '') return false;
  const lowered = raw.toLowerCase();
  if (lowered !== 'true' && lowered !== 'false') throw badRequest(`${name} must be true or false, got '${raw}'`);
  return lowered === 'true';
}

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'punct'; text: '(' | ')' | ',' };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: 'punct', text: ch });
      i += 1;
    } else if (ch === '"') {
      let text = '';
      i += 1;
      for (;;) {
        if (i >= input.length) throw badRequest('invalid filter: unterminated string');
        const c = input.charAt(i);
        if (c === '\\') {
          // The escapes SailPoint documents for filter values: \" and \\ (standard collection parameters).
          const next = input.charAt(i + 1);
          if (next !== '"' && next !== '\\') throw badRequest(`invalid filter: unknown escape '\\${next}' at position ${i} (only \\" and \\\\ are escapes)`);
          text += next;
          i += 2;
        } else if (c === '"') {
          i += 1;
          break;
        } else {
          text += c;
          i += 1;
        }
      }
      tokens.push({ kind: 'string', text });
    } else {
      const match = /^(-?\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_.]*)/.exec(input.slice(i));
      if (!match?.[1]) throw badRequest(`invalid filter: unexpected '${ch}' at position ${i}`);
      tokens.push({ kind: /^-?\d/.test(match[1]) ? 'number' : 'word', text: match[1] });
      i += match[1].length;
    }
  }
  return tokens;
}

type FilterValue = string | boolean | number | FilterValue[];
type Predicate = (connector: SailPointSandboxConnector) => boolean;

/** Fields and operators `GET /connectors` supports in `filters` (from the vendor's parameter documentation). */
const FILTERABLE: Record<string, readonly string[]> = {
  name: ['sw', 'co'],
  type: ['sw', 'co', 'eq'],
  directConnect: ['eq'],
  category: ['eq'],
  features: ['ca'],
  labels: ['ca'],
};

/**
 * Parses the standard-collection `filters` syntax: `field op value` joined by `and` / `or`, with `not` and
 * parentheses. String comparisons are case-insensitive (a sandbox decision; it makes `name sw "active"` work).
 */
export function parseConnectorFilter(input: string): Predicate {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isWord = (token: Token | undefined, word: string): boolean => token?.kind === 'word' && token.text.toLowerCase() === word;
  const expect = (text: string): void => {
    const token = tokens[pos];
    if (token?.kind !== 'punct' || token.text !== text) throw badRequest(`invalid filter: expected '${text}'`);
    pos += 1;
  };
  const parseValue = (): FilterValue => {
    const token = tokens[pos];
    if (!token) throw badRequest('invalid filter: missing value');
    pos += 1;
    if (token.kind === 'string') return token.text;
    if (token.kind === 'number') return Number(token.text);
    if (token.kind === 'word' && (token.text === 'true' || token.text === 'false')) return token.text === 'true';
    if (token.kind === 'punct' && token.text === '(') {
      const list: FilterValue[] = [parseValue()];
      while (peek()?.kind === 'punct' && peek()?.text === ',') {
        pos += 1;
        list.push(parseValue());
      }
      expect(')');
      return list;
    }
    throw badRequest(`invalid filter: unexpected '${token.text}' where a value belongs (strings need double quotes)`);
  };
  const parseComparison = (): Predicate => {
    const fieldToken = tokens[pos];
    const opToken = tokens[pos + 1];
    if (fieldToken?.kind !== 'word' || opToken?.kind !== 'word') throw badRequest('invalid filter: expected "field op value"');
    pos += 2;
    const fieldName = fieldToken.text;
    const op = opToken.text.toLowerCase();
    const ops = FILTERABLE[fieldName];
    if (!ops) throw badRequest(`invalid filter: field '${fieldName}' cannot be filtered`);
    if (!ops.includes(op)) throw badRequest(`invalid filter: operator '${op}' is not supported for '${fieldName}'`);
    return comparison(fieldName, op, parseValue());
  };
  const parseFactor = (): Predicate => {
    if (isWord(peek(), 'not')) {
      pos += 1;
      const inner = parseFactor();
      return (c) => !inner(c);
    }
    const token = peek();
    if (token?.kind === 'punct' && token.text === '(') {
      pos += 1;
      const inner = parseOr();
      expect(')');
      return inner;
    }
    return parseComparison();
  };
  const parseAnd = (): Predicate => {
    const parts = [parseFactor()];
    while (isWord(peek(), 'and')) {
      pos += 1;
      parts.push(parseFactor());
    }
    return parts.length === 1 && parts[0] ? parts[0] : (c) => parts.every((part) => part(c));
  };
  const parseOr = (): Predicate => {
    const parts = [parseAnd()];
    while (isWord(peek(), 'or')) {
      pos += 1;
      parts.push(parseAnd());
    }
    return parts.length === 1 && parts[0] ? parts[0] : (c) => parts.some((part) => part(c));
  };
  if (tokens.length === 0) throw badRequest('invalid filter: empty expression');
  const predicate = parseOr();
  if (pos < tokens.length) throw badRequest(`invalid filter: unexpected '${tokens[pos]?.text ?? ''}'`);
  return predicate;
}

function comparison(fieldName: string, op: string, value: FilterValue): Predicate {
  const asString = (): string => {
    if (typeof value !== 'string') throw badRequest(`invalid filter: '${fieldName} ${op}' needs a quoted string`);
    return value.toLowerCase();
  };
  const asStringList = (): string[] => {
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((item) => typeof item === 'string')) throw badRequest(`invalid filter: '${fieldName} ca' needs quoted strings`);
    return list.map((item) => String(item).toLowerCase());
  };
  const stringTest = (wanted: string): ((actual: string) => boolean) =>
    op === 'sw' ? (actual) => actual.startsWith(wanted) : op === 'co' ? (actual) => actual.includes(wanted) : (actual) => actual === wanted;
  switch (fieldName) {
    case 'name': {
      const test = stringTest(asString());
      return (c) => test(c.name.toLowerCase());
    }
    case 'type': {
      const test = stringTest(asString());
      return (c) => test(c.type.toLowerCase());
    }
    case 'category': {
      const wanted = asString();
      return (c) => c.category.toLowerCase() === wanted;
    }
    case 'directConnect': {
      const wanted = typeof value === 'boolean' ? value : typeof value === 'string' ? value.toLowerCase() : undefined;
      if (wanted !== true && wanted !== false && wanted !== 'true' && wanted !== 'false') {
        throw badRequest('invalid filter: directConnect eq needs true or false');
      }
      const flag = wanted === true || wanted === 'true';
      return (c) => c.directConnect === flag;
    }
    case 'features': {
      const wanted = asStringList();
      return (c) => wanted.every((item) => (c.features ?? []).some((feature) => feature.toLowerCase() === item));
    }
    default: {
      const wanted = asStringList();
      return (c) => wanted.every((item) => c.labels.some((label) => label.toLowerCase() === item));
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Wire mapping
// ---------------------------------------------------------------------------------------------------------------------

function toConnectorDto(c: SailPointSandboxConnector): SailPointConnectorWire {
  return {
    name: c.name,
    type: c.type,
    scriptName: c.scriptName,
    className: c.className,
    features: c.features === null ? null : [...c.features],
    directConnect: c.directConnect,
    connectorMetadata: structuredClone(c.connectorMetadata),
    status: c.status,
  };
}

function toDetail(c: SailPointSandboxConnector): SailPointConnectorDetailWire {
  return {
    name: c.name,
    type: c.type,
    // ConnectorDetail's className is not nullable: a connector without one leaves the field out.
    ...(c.className === null ? {} : { className: c.className }),
    scriptName: c.scriptName,
    applicationXml: c.applicationXml,
    correlationConfigXml: c.correlationConfigXml,
    sourceConfigXml: c.sourceConfigXml,
    sourceConfig: c.sourceConfigXml,
    sourceConfigFrom: c.sourceConfigFrom,
    s3Location: c.s3Location,
    uploadedFiles: c.uploadedFiles === null ? null : [...c.uploadedFiles],
    fileUpload: c.fileUpload,
    directConnect: c.directConnect,
    translationProperties: { ...c.translations },
    connectorMetadata: structuredClone(c.connectorMetadata),
    status: c.status,
  };
}

/** Derives a URL-friendly script name from a connector name. */
export function scriptNameFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'connector';
}

const isLocale = (value: string): value is SailPointLocale => (SAILPOINT_LOCALES as readonly string[]).includes(value);

// ---------------------------------------------------------------------------------------------------------------------
// Multipart
// ---------------------------------------------------------------------------------------------------------------------

interface UploadedFile {
  fieldName: string;
  filename: string;
  data: Buffer;
}

interface MultipartBody {
  files: UploadedFile[];
  fields: Map<string, string>;
}

/** Reads a whole multipart body (capped) and splits it into files and plain fields. */
async function readMultipart(req: IncomingMessage): Promise<MultipartBody> {
  const raw = await readBody(req, BODY_LIMIT_BYTES);
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: { files: 10, fields: 50 } });
  } catch (error) {
    throw badRequest(`malformed multipart request: ${error instanceof Error ? error.message : String(error)}`);
  }
  return new Promise<MultipartBody>((resolve, reject) => {
    const files: UploadedFile[] = [];
    const fields = new Map<string, string>();
    parser.on('file', (fieldName, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => files.push({ fieldName, filename: info.filename ?? '', data: Buffer.concat(chunks) }));
    });
    parser.on('field', (name, value) => fields.set(name, value));
    parser.on('error', (error: unknown) =>
      reject(badRequest(`malformed multipart request: ${error instanceof Error ? error.message : String(error)}`)),
    );
    parser.on('close', () => resolve({ files, fields }));
    parser.end(raw);
  });
}

/** Decodes an uploaded file as UTF-8 text (BOM dropped); binary or invalid UTF-8 is a 400. */
function uploadedText(file: UploadedFile): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.data);
  } catch {
    throw badRequest(`'${file.filename}' is not UTF-8 text`);
  }
  if (text.includes('\u0000')) throw badRequest(`'${file.filename}' is not a text file`);
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

// ---------------------------------------------------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------------------------------------------------

/** SailPoint's routing errors. */
const ROUTING_ERRORS: RoutingErrors = {
  methodNotAllowed: (ctx, allowed) => new HttpError(405, `${ctx.method} is not supported here; use ${allowed.join(', ')}`, { Allow: allowed.join(', ') }),
  notFound: (ctx) => new HttpError(404, `No resource matches ${ctx.path}.`),
};

interface ApiOptions {
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds: number;
  listAllStatuses: boolean;
}

/** Which stored file each `PUT`/`GET` file path addresses (translations are per locale). */
const FILE_KINDS: Record<Exclude<SailPointFilePath, 'translations'>, { field: XmlKind; file: string }> = {
  'source-config': { field: 'sourceConfigXml', file: 'source-config.xml' },
  'source-template': { field: 'sourceTemplateXml', file: 'source-template.xml' },
  'correlation-config': { field: 'correlationConfigXml', file: 'correlation-config.xml' },
};

const CREATABLE_STATUSES: readonly SailPointConnectorStatus[] = ['DEVELOPMENT', 'DEMO', 'RELEASED'];
const PATCH_OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

class SailPointApi {
  readonly tokens: TokenStore;
  #connectors = new Map<string, SailPointSandboxConnector>();
  readonly #options: ApiOptions;
  readonly #router = new Router<RouteHandler>();

  constructor(options: ApiOptions) {
    this.#options = options;
    this.tokens = new TokenStore({ ttlSeconds: options.tokenTtlSeconds });
    this.reseed();
    this.#router
      .add('POST', '/oauth/token', (ctx) => this.#token(ctx))
      .add('GET', '/v3/connectors', (ctx) => this.#list(ctx))
      .add('POST', '/v3/connectors', (ctx) => this.#create(ctx))
      .add('GET', '/v3/connectors/:scriptName', (ctx, p) => sendJson(ctx.res, 200, toDetail(this.#find(p))))
      .add('DELETE', '/v3/connectors/:scriptName', (ctx, p) => this.#delete(ctx, p))
      .add('PATCH', '/v3/connectors/:scriptName', (ctx, p) => this.#patch(ctx, p))
      .add('GET', '/v3/connectors/:scriptName/translations/:locale', (ctx, p) => this.#getTranslations(ctx, p))
      .add('PUT', '/v3/connectors/:scriptName/translations/:locale', (ctx, p) => this.#putTranslations(ctx, p));
    for (const [segment, kind] of Object.entries(FILE_KINDS)) {
      this.#router
        .add('GET', `/v3/connectors/:scriptName/${segment}`, (ctx, p) =>
          sendText(ctx.res, 200, this.#find(p)[kind.field], 'application/xml; charset=utf-8'),
        )
        .add('PUT', `/v3/connectors/:scriptName/${segment}`, (ctx, p) => this.#putXmlFile(ctx, p, kind.field, kind.file));
    }
  }

  /** Replaces the catalogue with a fresh seed. */
  reseed(): void {
    this.#connectors = new Map(createSailPointSeed().map((c) => [c.scriptName, c]));
  }

  storeView(): SailPointSandboxStore {
    const connectors = (): Map<string, SailPointSandboxConnector> => this.#connectors;
    return {
      list: () => [...connectors().values()].map((c) => structuredClone(c)),
      get: (scriptName) => {
        const found = connectors().get(scriptName);
        return found ? structuredClone(found) : undefined;
      },
      get size() {
        return connectors().size;
      },
    };
  }

  /** Whether the request carries valid credentials for the log (API calls: a live bearer token). */
  authorize(ctx: SandboxContext): boolean {
    return isApiPath(ctx.path) && this.tokens.checkRequest(ctx.req).ok;
  }

  async handle(ctx: SandboxContext): Promise<void> {
    if (isApiPath(ctx.path)) this.#requireToken(ctx);
    await dispatchRoute(this.#router, ctx, ROUTING_ERRORS);
  }

  #requireToken(ctx: SandboxContext): void {
    const check = this.tokens.checkRequest(ctx.req);
    if (check.ok) return;
    const reason = { missing: 'no bearer token in the Authorization header', unknown: 'JWT is not valid', expired: 'JWT is expired' }[check.reason];
    throw new HttpError(401, `JWT validation failed: ${reason}`, { 'WWW-Authenticate': 'Bearer realm="sailpoint"' });
  }

  #find(params: Record<string, string>): SailPointSandboxConnector {
    const scriptName = params['scriptName'] ?? '';
    const connector = this.#connectors.get(scriptName);
    if (!connector) throw new HttpError(404, `No connector has the script name '${scriptName}'.`);
    return connector;
  }

  // --- OAuth -----------------------------------------------------------------------------------------------------

  async #token(ctx: SandboxContext): Promise<void> {
    const raw = await readBody(ctx.req, 64 * 1024);
    // Credentials may come as form fields, query parameters (as the vendor's docs show) or HTTP Basic.
    const form = mediaType(ctx.req) === 'application/x-www-form-urlencoded' ? parseFormBody(raw) : new URLSearchParams();
    const credentials = extractClientCredentials({ authorization: ctx.req.headers.authorization, form, query: ctx.query });
    const noStore = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
    const valid =
      credentials !== undefined &&
      safeEqual(credentials.clientId, this.#options.clientId) &&
      safeEqual(credentials.clientSecret, this.#options.clientSecret);
    if (!valid) {
      sendJson(ctx.res, 401, { error: 'invalid_client', error_description: 'Bad client credentials' }, {
        ...noStore,
        'WWW-Authenticate': 'Basic realm="sailpoint"',
      });
      return;
    }
    ctx.entry.authorized = true;
    const grantType = form.get('grant_type') ?? ctx.query.get('grant_type');
    if (!grantType) {
      sendJson(ctx.res, 400, { error: 'invalid_request', error_description: 'grant_type is required' }, noStore);
      return;
    }
    if (grantType !== 'client_credentials') {
      sendJson(ctx.res, 400, { error: 'unsupported_grant_type', error_description: `grant type '${grantType}' is not supported` }, noStore);
      return;
    }
    const issued = this.tokens.issue(credentials.clientId, 'sp:scopes:all');
    const body: SailPointTokenWire = {
      access_token: issued.token,
      token_type: 'bearer',
      expires_in: issued.expiresIn,
      scope: issued.scope,
      tenant_id: 'sandbox-tenant',
      pod: 'sandbox-pod',
      org: 'sandbox',
      jti: issued.jti,
    };
    sendJson(ctx.res, 200, body, noStore);
  }

  // --- Connectors ----------------------------------------------------------------------------------------------------

  #list(ctx: SandboxContext): void {
    const limit = intParam(ctx.query, 'limit', MAX_LIMIT, MAX_LIMIT);
    const offset = intParam(ctx.query, 'offset', 0, Number.MAX_SAFE_INTEGER);
    const count = boolParam(ctx.query, 'count');
    // `locale` only localises texts the list does not carry, and the vendor falls back to "en" for unknown
    // values, so it is accepted and ignored.
    const filters = ctx.query.get('filters')?.trim();
    const predicate = filters ? parseConnectorFilter(filters) : () => true;
    const matching = [...this.#connectors.values()]
      .filter((c) => this.#options.listAllStatuses || c.status === 'RELEASED')
      .filter(predicate);
    const headers = count ? { 'X-Total-Count': String(matching.length) } : {};
    sendJson(ctx.res, 200, matching.slice(offset, offset + limit).map(toConnectorDto), headers);
  }

  async #create(ctx: SandboxContext): Promise<void> {
    requireMediaType(ctx, 'application/json');
    const body = await readJsonBody(ctx.req, BODY_LIMIT_BYTES);
    if (!isJsonObject(body)) throw badRequest('The request body must be a JSON object.');
    const { name, className, type, directConnect, status } = body;
    if (typeof name !== 'string' || name.trim() === '') throw badRequest("'name' is required and must be a non-empty string.");
    if (typeof className !== 'string' || className.trim() === '') {
      throw badRequest("'className' is required and must be a non-empty string.");
    }
    if (type !== undefined && type !== null && typeof type !== 'string') throw badRequest("'type' must be a string.");
    if (directConnect !== undefined && directConnect !== null && typeof directConnect !== 'boolean') {
      throw badRequest("'directConnect' must be a boolean.");
    }
    if (status !== undefined && status !== null && !CREATABLE_STATUSES.includes(status as SailPointConnectorStatus)) {
      throw badRequest(`'status' must be one of ${CREATABLE_STATUSES.join(', ')}.`);
    }
    // Names are unique per tenant; the sandbox compares them trimmed and case-insensitively.
    const key = name.trim().toLowerCase();
    if ([...this.#connectors.values()].some((c) => c.name.trim().toLowerCase() === key)) {
      throw badRequest(`A connector named '${name}' already exists.`);
    }
    const connector = createCustomConnector({
      name,
      className,
      type: typeof type === 'string' && type !== '' ? type : `custom ${name}`,
      scriptName: this.#uniqueScriptName(name),
      directConnect: typeof directConnect === 'boolean' ? directConnect : true,
      // The contract gives no default status; RELEASED keeps a new connector visible in the (RELEASED-only) list.
      status: (status as SailPointConnectorStatus | undefined | null) ?? 'RELEASED',
    });
    this.#connectors.set(connector.scriptName, connector);
    sendJson(ctx.res, 200, toConnectorDto(connector));
  }

  #uniqueScriptName(name: string): string {
    const base = scriptNameFromName(name);
    let candidate = base;
    for (let n = 2; this.#connectors.has(candidate); n += 1) candidate = `${base}-${n}`;
    return candidate;
  }

  #delete(ctx: SandboxContext, params: Record<string, string>): void {
    // The vendor speaks of deleting custom connectors; the sandbox lets tests delete any connector.
    const connector = this.#find(params);
    this.#connectors.delete(connector.scriptName);
    sendEmpty(ctx.res, 204);
  }

  async #patch(ctx: SandboxContext, params: Record<string, string>): Promise<void> {
    requireMediaType(ctx, 'application/json-patch+json');
    const connector = this.#find(params);
    const body = await readJsonBody(ctx.req, BODY_LIMIT_BYTES);
    const operations = parsePatch(body);
    const document = {
      connectorMetadata: connector.connectorMetadata,
      applicationXml: connector.applicationXml,
      correlationConfigXml: connector.correlationConfigXml,
      sourceConfigXml: connector.sourceConfigXml,
    };
    let patched: unknown;
    try {
      // mutateDocument=false: fast-json-patch works on a deep copy, so a failing operation changes nothing.
      patched = jsonPatch.applyPatch(document, operations, true, false).newDocument;
    } catch (error) {
      const name = error instanceof jsonPatch.JsonPatchError ? `${error.name}: ` : '';
      throw badRequest(`The patch could not be applied. ${name}${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    const next = checkPatchedDocument(patched);
    Object.assign(connector, next);
    sendJson(ctx.res, 200, toDetail(connector));
  }

  // --- Files -----------------------------------------------------------------------------------------------------

  #getTranslations(ctx: SandboxContext, params: Record<string, string>): void {
    const locale = requireLocale(params);
    const connector = this.#find(params);
    // A locale without a file answers an empty properties text rather than 404: "no translated keys" is a normal
    // state, and 404 then always means "no such connector".
    sendText(ctx.res, 200, connector.translations[locale] ?? '', 'text/plain; charset=utf-8');
  }

  async #putTranslations(ctx: SandboxContext, params: Record<string, string>): Promise<void> {
    const locale = requireLocale(params);
    requireMediaType(ctx, 'multipart/form-data');
    const connector = this.#find(params);
    const text = uploadedText(requireFilePart(await readMultipart(ctx.req)));
    const path = `${connector.s3Location}/translations/${locale}.properties`;
    if (connector.translations[locale] === text) {
      sendJson(ctx.res, 200, updateDetail(connector, 'UNCHANGED', `${locale} translations are unchanged`, []));
      return;
    }
    connector.translations[locale] = text;
    sendJson(ctx.res, 200, updateDetail(connector, 'UPDATED', `${locale} translations updated`, [path]));
  }

  async #putXmlFile(ctx: SandboxContext, params: Record<string, string>, field: XmlKind, file: string): Promise<void> {
    requireMediaType(ctx, 'multipart/form-data');
    const connector = this.#find(params);
    const text = uploadedText(requireFilePart(await readMultipart(ctx.req)));
    const problem = validateXmlKind(field, text);
    // Well-formed XML of the wrong kind is reported the way the vendor reports file problems: 200 with ERROR.
    if (problem) {
      sendJson(ctx.res, 200, updateDetail(connector, 'ERROR', problem, []));
      return;
    }
    if (connector[field] === text) {
      sendJson(ctx.res, 200, updateDetail(connector, 'UNCHANGED', `${file} is unchanged`, []));
      return;
    }
    connector[field] = text;
    sendJson(ctx.res, 200, updateDetail(connector, 'UPDATED', `${file} updated`, [`${connector.s3Location}/${file}`]));
  }
}

function isApiPath(path: string): boolean {
  return path === '/v3' || path.startsWith('/v3/');
}

function requireMediaType(ctx: SandboxContext, wanted: string): void {
  const actual = mediaType(ctx.req);
  if (actual !== wanted) {
    throw new HttpError(415, `Content type '${actual || '(none)'}' is not supported here; send ${wanted}.`);
  }
}

function requireLocale(params: Record<string, string>): SailPointLocale {
  const locale = params['locale'] ?? '';
  if (!isLocale(locale)) throw badRequest(`'${locale}' is not a supported locale; use one of ${SAILPOINT_LOCALES.join(', ')}.`);
  return locale;
}

function requireFilePart(body: MultipartBody): UploadedFile {
  const file = body.files.find((part) => part.fieldName === 'file');
  if (file) return file;
  if (body.fields.has('file')) throw badRequest("The 'file' part must be a file upload (with a filename).");
  throw badRequest("The multipart body has no 'file' part.");
}

function updateDetail(
  connector: SailPointSandboxConnector,
  status: NonNullable<SailPointUpdateDetailWire['status']>,
  message: string,
  updatedFiles: string[],
): SailPointUpdateDetailWire {
  return { message, scriptName: connector.scriptName, updatedFiles, status };
}

/** Validates a JSON Patch body: an array of operations that only touch the patchable fields. */
function parsePatch(body: unknown): Operation[] {
  if (!Array.isArray(body)) throw badRequest('The patch must be a JSON array of operations.');
  return body.map((item: unknown, index): Operation => {
    if (!isJsonObject(item)) throw badRequest(`Operation ${index} must be an object.`);
    const { op, path, from } = item;
    if (typeof op !== 'string' || !PATCH_OPS.has(op)) throw badRequest(`Operation ${index} has an unknown op '${String(op)}'.`);
    if (typeof path !== 'string') throw badRequest(`Operation ${index} needs a string 'path'.`);
    requirePatchablePath(path, index);
    if (op === 'move' || op === 'copy') {
      if (typeof from !== 'string') throw badRequest(`Operation ${index} (${op}) needs a string 'from'.`);
      requirePatchablePath(from, index);
    }
    if ((op === 'add' || op === 'replace' || op === 'test') && !('value' in item)) {
      throw badRequest(`Operation ${index} (${op}) needs a 'value'.`);
    }
    return item as unknown as Operation;
  });
}

function requirePatchablePath(path: string, index: number): void {
  const allowed = SAILPOINT_PATCHABLE_FIELDS.some((fieldName) => path === `/${fieldName}` || path.startsWith(`/${fieldName}/`));
  if (!allowed) {
    throw badRequest(`Operation ${index} targets '${path}', which is not patchable; patchable: ${SAILPOINT_PATCHABLE_FIELDS.join(', ')}.`);
  }
}

/** Checks the patched document before it replaces anything: metadata stays an object, the XML stays valid. */
function checkPatchedDocument(patched: unknown): Pick<SailPointSandboxConnector, 'connectorMetadata' | 'applicationXml' | 'correlationConfigXml' | 'sourceConfigXml'> {
  if (!isJsonObject(patched)) throw badRequest('The patch must leave an object.');
  const { connectorMetadata, applicationXml, correlationConfigXml, sourceConfigXml } = patched;
  if (!isJsonObject(connectorMetadata)) throw badRequest('connectorMetadata must remain an object.');
  const xml = { applicationXml, correlationConfigXml, sourceConfigXml };
  for (const [kind, value] of Object.entries(xml) as Array<[XmlKind, unknown]>) {
    if (typeof value !== 'string') throw badRequest(`${kind} must remain a string.`);
    const problem = validateXmlKind(kind, value);
    if (problem) throw badRequest(problem);
  }
  return {
    connectorMetadata,
    applicationXml: applicationXml as string,
    correlationConfigXml: correlationConfigXml as string,
    sourceConfigXml: sourceConfigXml as string,
  };
}
