/**
 * The console's one way to the gateway: a typed document (./__generated__) POSTed to /graphql on the page's own
 * origin, with the API key the user entered (kept in sessionStorage: this tab only, gone when it closes). Files go
 * as a GraphQL multipart request (operations, map, one part per file).
 */
import type { TypedDocumentString } from './__generated__/graphql.js';

/** An error as the gateway reports it (`extensions.code`, and for a source's refusal its own message and source). */
export interface GatewayError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: {
    code?: string;
    source?: string;
    upstreamMessage?: string;
    field?: string;
    argument?: string;
    /** What a source named wrong, in its own key paths (see formLogic sourceProblems). */
    problems?: unknown;
    [key: string]: unknown;
  };
}

/** What an operation gave: its data (possibly partial) and its errors. */
export interface Result<R> {
  data: R | null | undefined;
  errors: GatewayError[];
}

const KEY_STORAGE = 'connector-gateway.apiKey';
/** The GraphQL endpoint: on the origin that served the console. */
const ENDPOINT = '/graphql';

export function apiKey(): string {
  return sessionStorage.getItem(KEY_STORAGE) ?? '';
}

export function setApiKey(key: string): void {
  if (key === '') sessionStorage.removeItem(KEY_STORAGE);
  else sessionStorage.setItem(KEY_STORAGE, key);
}

/** The gateway refused the caller (no key, or a wrong one): the page asks for a key. */
export class UnauthenticatedError extends Error {}

/** Runs an operation. Rejects only when there is no GraphQL answer at all (network, 401, a body that is not one). */
export async function execute<R, V>(document: TypedDocumentString<R, V>, variables: V, files?: ReadonlyMap<string, File>): Promise<Result<R>> {
  const headers: Record<string, string> = { accept: 'application/graphql-response+json, application/json' };
  const key = apiKey();
  if (key !== '') headers['x-api-key'] = key;
  const operation = { query: document.toString(), variables };
  let body: BodyInit;
  if (files === undefined || files.size === 0) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(operation);
  } else {
    // Multipart: the gateway asks for a preflight header, which a cross-site form cannot send (CSRF).
    headers['apollo-require-preflight'] = 'true';
    const form = new FormData();
    const entries = [...files.entries()];
    form.append('operations', JSON.stringify(operation));
    form.append('map', JSON.stringify(Object.fromEntries(entries.map(([path], i) => [String(i), [`variables.${path}`]]))));
    entries.forEach(([, file], i) => {
      form.append(String(i), file, file.name);
    });
    body = form;
  }
  const response = await fetch(ENDPOINT, { method: 'POST', headers, body });
  if (response.status === 401) throw new UnauthenticatedError(await firstMessage(response, 'The gateway asks for an API key.'));
  let answer: { data?: R | null; errors?: GatewayError[] };
  try {
    answer = (await response.json()) as typeof answer;
  } catch {
    throw new Error(`The gateway answered ${response.status} without a GraphQL result.`);
  }
  if (answer.data === undefined && (answer.errors === undefined || answer.errors.length === 0))
    throw new Error(`The gateway answered ${response.status} without a GraphQL result.`);
  return { data: answer.data, errors: answer.errors ?? [] };
}

async function firstMessage(response: Response, fallback: string): Promise<string> {
  try {
    const body = (await response.json()) as { errors?: GatewayError[] };
    return body.errors?.[0]?.message ?? fallback;
  } catch {
    return fallback;
  }
}

/** An error as one sentence for the user: the source's own reason when it gave one, else the gateway's message. */
export function describeError(error: GatewayError): string {
  const reason = error.extensions?.upstreamMessage;
  const source = error.extensions?.source;
  const text = typeof reason === 'string' && reason !== '' && !error.message.includes(reason) ? `${error.message} ${reason}` : error.message;
  return typeof source === 'string' && !text.toLowerCase().includes(source.toLowerCase()) ? `${sourceLabel(source)}: ${text}` : text;
}

const SOURCE_LABELS: Record<string, string> = { CONDUCTORONE: 'ConductorOne', LOGTO: 'Logto', SAILPOINT: 'SailPoint' };

/** A source's name as its vendor writes it. */
export function sourceLabel(source: string): string {
  return SOURCE_LABELS[source] ?? source;
}
