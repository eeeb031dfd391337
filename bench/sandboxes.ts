/**
 * The vendor sandboxes as the benchmark sees them: one child process (`dist/src/sandbox/main.js`) that prints a
 * `NAME_TARGET=… NAME_CLIENT_ID=… NAME_CLIENT_SECRET=…` line per sandbox, and per sandbox a client for its control
 * API (`/__sandbox/…`) and for reading its data over its own REST API.
 */
import { httpRequest, jsonOf, type HttpAnswer } from './http.js';
import { startProcess, watchForCrash, type ManagedProcess } from './processes.js';

/** One entry of the sandbox request log (the fields the benchmark uses). */
export interface SandboxLogEntry {
  seq: number;
  method: string;
  path: string;
  query: string;
  status: number;
}

/** Backend calls read from a sandbox log. */
export interface BackendCalls {
  /** API calls, token requests excluded. */
  count: number;
  /** `METHOD path?query` of each API call still in the log (the log keeps the newest 200,000). */
  calls: string[];
}

/** Paths that are not API calls: the OAuth token endpoint (the gateway caches its token). */
const NOT_API = new Set(['/oauth/token', '/oidc/token', '/auth/v1/token']);

/** A client of one running sandbox. */
export class SandboxClient {
  /** Upper-case name, e.g. `SAILPOINT`. */
  readonly name: string;
  /** The API root the sandbox printed, e.g. `http://127.0.0.1:PORT/v3`. */
  readonly target: string;
  readonly origin: string;
  readonly #clientId: string;
  readonly #clientSecret: string;
  /** Extra form fields of the token request (Logto: `resource` and `scope`). */
  readonly #tokenParams: Record<string, string>;
  #token: string | undefined;

  constructor(name: string, target: string, clientId: string, clientSecret: string, tokenParams: Record<string, string> = {}) {
    this.name = name;
    this.target = target.replace(/\/+$/, '');
    this.origin = new URL(target).origin;
    this.#clientId = clientId;
    this.#clientSecret = clientSecret;
    this.#tokenParams = tokenParams;
  }

  /** Empties the request log (its sequence numbers restart at 1). */
  async resetLog(): Promise<void> {
    await this.#control('POST', '/log/reset');
  }

  /** Sets the extra latency of every answer. */
  async setLatency(ms: number): Promise<void> {
    await this.#control('POST', '/latency', JSON.stringify({ ms }));
  }

  /** The whole request log. */
  async log(): Promise<{ entries: SandboxLogEntry[]; latencyMs: number }> {
    const body = jsonOf(await this.#control('GET', '/log'), `${this.name} log`);
    if (typeof body !== 'object' || body === null || !Array.isArray((body as { entries?: unknown }).entries)) {
      throw new Error(`${this.name}: /__sandbox/log answered an unexpected shape`);
    }
    return body as { entries: SandboxLogEntry[]; latencyMs: number };
  }

  /**
   * API calls since the last reset. The log keeps only its newest entries, but its sequence numbers keep counting,
   * so the count is the last sequence number minus the token calls still in the log.
   */
  async backendCalls(): Promise<BackendCalls> {
    const { entries } = await this.log();
    const last = entries.at(-1)?.seq ?? 0;
    const api = entries.filter((entry) => !NOT_API.has(entry.path));
    const tokenCalls = entries.length - api.length;
    return { count: last - tokenCalls, calls: api.map((entry) => `${entry.method} ${entry.path}${entry.query ? `?${entry.query}` : ''}`) };
  }

  /** Waits until no logged request is pending and the log stops growing (in-flight work has drained). */
  async settle(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let previous = -1;
    for (;;) {
      const { entries } = await this.log();
      const last = entries.at(-1)?.seq ?? 0;
      const pending = entries.some((entry) => entry.status === 0);
      if (!pending && last === previous) return;
      if (Date.now() > deadline) return;
      previous = last;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** GET on the sandbox's own REST API (with its own bearer token); the checks use it to learn the truth. */
  async apiGet(path: string): Promise<HttpAnswer> {
    const token = await this.#bearer();
    const answer = await httpRequest(`${this.target}${path}`, { method: 'GET', headers: { authorization: `Bearer ${token}` } });
    if (answer.status !== 200) throw new Error(`${this.name} GET ${path} answered ${answer.status}: ${answer.body.toString('utf8').slice(0, 300)}`);
    return answer;
  }

  /** {@link apiGet}, parsed as JSON. */
  async apiGetJson(path: string): Promise<unknown> {
    return jsonOf(await this.apiGet(path), `${this.name} GET ${path}`);
  }

  async #bearer(): Promise<string> {
    if (this.#token) return this.#token;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.#clientId, client_secret: this.#clientSecret, ...this.#tokenParams });
    // Each vendor's token endpoint: SailPoint's at the origin, Logto's OIDC one below its API root.
    const tokenPaths: Record<string, string> = { LOGTO: `${this.target}/oidc/token`, CONDUCTORONE: `${this.target}/auth/v1/token` };
    const tokenUrl = tokenPaths[this.name] ?? `${this.origin}/oauth/token`;
    const answer = await httpRequest(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const body = jsonOf(answer, `${this.name} token`) as { access_token?: unknown };
    if (answer.status !== 200 || typeof body.access_token !== 'string') throw new Error(`${this.name}: the token request answered ${answer.status}`);
    this.#token = body.access_token;
    return this.#token;
  }

  async #control(method: 'GET' | 'POST', path: string, body?: string): Promise<HttpAnswer> {
    const answer = await httpRequest(`${this.origin}/__sandbox${path}`, {
      method,
      ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
    });
    if (answer.status >= 300) throw new Error(`${this.name} ${method} /__sandbox${path} answered ${answer.status}`);
    return answer;
  }
}

/** The running sandbox process and a client per sandbox. */
export interface RunningSandboxes {
  process: ManagedProcess;
  clients: Map<string, SandboxClient>;
  /** The gateway's environment for them: `NAME_URL`, `NAME_CLIENT_ID`, `NAME_CLIENT_SECRET`. */
  gatewayEnv: Record<string, string>;
}

/**
 * Starts `dist/src/sandbox/main.js` and waits for the line of every sandbox in `required` (upper-case names).
 * `env` adds settings such as `SAILPOINT_SANDBOX_LIST_ALL_STATUSES` or `SANDBOX_LATENCY_MS`.
 */
export async function startSandboxes(cwd: string, required: string[], env: Record<string, string>): Promise<RunningSandboxes> {
  const child = watchForCrash(
    startProcess({ name: 'sandboxes', command: process.execPath, args: ['dist/src/sandbox/main.js'], cwd, env: { ...process.env, ...env } }),
  );
  const clients = new Map<string, SandboxClient>();
  const gatewayEnv: Record<string, string> = {};
  const missing = new Set(required);
  await child.waitForLine((line) => {
    const pairs = parsePairs(line);
    for (const [key, value] of pairs) {
      // The printed `NAME_TARGET` is what the gateway calls `NAME_URL`; the credentials keep their names.
      gatewayEnv[key.endsWith('_TARGET') ? `${key.slice(0, -'_TARGET'.length)}_URL` : key] = value;
    }
    const target = pairs.find(([key]) => key.endsWith('_TARGET'));
    if (target) {
      const name = target[0].slice(0, -'_TARGET'.length);
      const get = (suffix: string): string => pairs.find(([key]) => key === `${name}_${suffix}`)?.[1] ?? '';
      const tokenParams: Record<string, string> = get('RESOURCE') ? { resource: get('RESOURCE'), scope: 'all' } : {};
      clients.set(name, new SandboxClient(name, target[1], get('CLIENT_ID'), get('CLIENT_SECRET'), tokenParams));
      missing.delete(name);
    }
    return missing.size === 0;
  }, 20_000);
  return { process: child, clients, gatewayEnv };
}

/** `A=1 B=2` → [['A','1'], ['B','2']] (values have no spaces). */
function parsePairs(line: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const token of line.trim().split(/\s+/)) {
    const eq = token.indexOf('=');
    if (eq > 0 && /^[A-Z][A-Z0-9_]*$/.test(token.slice(0, eq))) pairs.push([token.slice(0, eq), token.slice(eq + 1)]);
  }
  return pairs;
}
