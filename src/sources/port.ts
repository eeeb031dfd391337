/**
 * The port: what the gateway asks of a source, and nothing else. Each `src/sources/<x>/index.ts` exports one object
 * that `satisfies ConnectorSource`; the registry (`src/sources/index.ts`) lists them; the graph-level code (global
 * ids, `node`, `connector`, `connectors`, `patchConnector`, `deleteConnector`, `__resolveType`, authorization,
 * `/readyz`, metrics, configuration) works only through this interface. Types only: it imports no vendor folder and
 * nothing at run time. Public to sources; internal to the gateway.
 */
import type { Logger } from 'pino';
import type { Config } from '../config/types.js';
import type { NativeKey, NativeKeyRules } from '../graph/globalId.js';
import type { JsonPatchOperation, PatchLimits } from '../graph/jsonPatch.js';
import type { RawSettingsField, Settings, SettingsValueKind } from '../graph/settings.js';
import type { WriteLocks } from '../graph/writeLocks.js';
import type { Rate } from '../http/resilience.js';
import type { UpstreamClient } from '../http/upstream.js';
import type { BatchObserver } from '../observability/batch.js';

/** One source's part of a request: its long-lived client and this request's dataloaders. */
export interface SourceHandle<Client = unknown, Loaders = unknown> {
  readonly client: Client;
  readonly loaders: Loaders;
}

/** A request's access to its sources; each source reads its own part through one typed helper in its folder. */
export interface RequestSources {
  /** The handle of source `name`, its loaders made on first use in this request. */
  get<Client, Loaders>(name: string): SourceHandle<Client, Loaders>;
}

/** What a source's code sees of a request (the GraphQL context is one). */
export interface SourceContext {
  readonly requestId: string;
  readonly logger: Logger;
  readonly services: {
    readonly config: Config;
    /** Serialises each connector's read-apply-write (patches). */
    readonly writeLocks: WriteLocks;
  };
  readonly sources: RequestSources;
}

/**
 * A type with a global id: its native key, one id rule per part (ids are names, never paths).
 * @public
 */
export interface NodeTypeSpec {
  key: NativeKeyRules;
  /** Whether it is a `Connector` (what `connector`, `patchConnector` and `deleteConnector` accept). */
  connector: boolean;
}

/** One connector of the cross-source list, with the source's position right after it (its own JSON). */
export interface WalkStep {
  node: object;
  position: unknown;
}

/** A source's part of a `connectors` page: what it found and whether it has more after the last one. */
export interface WalkResult {
  found: WalkStep[];
  more: boolean;
}

/**
 * What a patch of a connector reads inside its write lock.
 * @public
 */
export interface PatchRead<Stored = unknown> {
  /** The representation the operations apply to: the patchable fields, secrets read as null (or masked). */
  document: Record<string, unknown>;
  /** What `write` needs of the connector as it was read (e.g. its stored secrets). */
  stored: Stored;
}

/**
 * What `write` gets: the checked operations and, unless the read was skipped, the document before and after them.
 * @public
 */
export interface PatchChange<Stored = unknown> {
  operations: JsonPatchOperation[];
  read: (PatchRead<Stored> & { after: Record<string, unknown> }) | undefined;
}

/**
 * The patchable representation of a source's connectors (`patchConnector`). The engine (graph/patchEngine.ts)
 * checks the operations, takes the connector's write lock, reads it afresh, applies the operations (a failed `test`
 * is CONFLICT, a result over `config.patch` BAD_USER_INPUT) and hands the result to `write`, which sends only what
 * changed (or, for a source that applies JSON Patch itself, the operations).
 */
export interface Patchable<Stored = unknown, Result = object> {
  /** The top-level fields of the representation; a path outside them is BAD_USER_INPUT naming the operation. */
  fields: readonly string[];
  /**
   * The source's own checks of the operations (BAD_USER_INPUT naming the argument), before the lock; returns the
   * operations to apply. Without it: every path within `fields`, every value within the patch limits.
   */
  check?(operations: readonly JsonPatchOperation[], limits: PatchLimits): JsonPatchOperation[];
  /** Whether the operations must be checked against the current connector (default: always). */
  needsRead?(operations: readonly JsonPatchOperation[]): boolean;
  read(ctx: SourceContext, type: string, key: NativeKey): Promise<PatchRead<Stored>>;
  write(ctx: SourceContext, type: string, key: NativeKey, change: PatchChange<Stored>): Promise<Result>;
}

/**
 * A problem with one field's value (`SettingsProblem`); `key` null: the form as a whole.
 * @public
 */
export interface SettingsProblem {
  key: string | null;
  message: string;
  code: 'UNKNOWN_FIELD' | 'DUPLICATE' | 'REQUIRED' | 'WRONG_TYPE' | 'NOT_AN_OPTION' | 'HIDDEN' | 'READ_ONLY' | 'RE_ENTER_SECRET' | 'INVALID';
}

/**
 * One operation of a settings change, as `SettingsForms.operations` plans it.
 * @public
 */
export interface PlannedOperation {
  operation: JsonPatchOperation;
  /** Whether the value is (or holds) a secret: a dry run then shows `shown` (default null) instead of the value. */
  secret?: boolean;
  /** What a dry run shows as the value of a secret operation (e.g. the XML with its secrets masked). */
  shown?: unknown;
}

/**
 * What a connector test is given: a saved connector as a patch read it, or a template id (a connector not created yet).
 * @public
 */
export type TestSubject<Stored = unknown> = { read: PatchRead<Stored>; templateId?: undefined } | { read?: undefined; templateId: string };

/**
 * The outcome of a connector test (`TestConnectionResult`).
 * @public
 */
export interface TestOutcome {
  ok: boolean;
  message: string | null;
  problems: SettingsProblem[];
  method: 'SOURCE_TEST' | 'FORM_CHECK';
}

/**
 * A source's connectors as forms (`updateConnectorSettings`, `testConnector`, `testNewConnector`), on top of its
 * `patchable` representation: the engine (graph/settingsEngine.ts) reads the connector with `patchable.read` inside
 * its write lock, gets its form from `fields`, checks the values against it, turns them into operations on the
 * representation with `operations` and writes them with `patchable.write`.
 * @public
 */
export interface SettingsForms<Stored = unknown> {
  /** What the settings' values are (`ConnectorSettings.valueKind`). */
  readonly valueKind: SettingsValueKind;
  /** The connector's form with its current values (a locked one as `isSet` with no value), from a patch read. */
  fields(read: PatchRead<Stored>): RawSettingsField[];
  /**
   * The JSON Patch operations on `read.document` that give the fields these values (already checked against the
   * form: known keys, kinds, options; a null value clears). Only what changes.
   */
  operations(read: PatchRead<Stored>, values: ReadonlyMap<string, unknown>): PlannedOperation[];
  /** The form of a connector not created yet, from a template id; undefined when there is no such template. */
  templateFields(ctx: SourceContext, templateId: string): Promise<RawSettingsField[] | undefined>;
  /**
   * Tests complete values (checked against the form; locked ones re-entered): the source's own test where it has
   * one, else the strongest check its API allows without a connection (method FORM_CHECK).
   */
  test(
    ctx: SourceContext,
    subject: TestSubject<Stored>,
    values: ReadonlyMap<string, unknown>,
    sendTo: { email?: string; phone?: string },
  ): Promise<TestOutcome>;
}

/**
 * A source's reason for refusing a request (a 4xx answer), read from its body: shown to the caller after scrubbing.
 * @public
 */
export interface UpstreamReason {
  /** The source's own message. */
  message?: string;
  /** The source's own error code (e.g. Logto's `connector.general`). */
  vendorCode?: string;
  /** Per-field problems where the source names a field (its own key or path, e.g. `config.email`). */
  problems?: { key: string; message: string }[];
}

/** A setting of its own a source reads from the environment, as `<NAME>_<key>`. */
export interface SourceSettingSpec {
  /** `url`: an http(s) URL (a trailing slash dropped); `text`: any non-empty string. */
  kind: 'url' | 'text';
  /** The value when the variable is unset. */
  default?: string;
}

/** A built-in sandbox, started: where it listens and the credentials it accepts. */
export interface StartedSandbox {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Values of the source's own settings that the sandbox needs (e.g. Logto's `RESOURCE`). */
  settings?: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/** How `npm run sandbox` starts a sandbox (the gateway starts them with none of these). */
export interface SandboxOptions {
  port?: number;
  latencyMs?: number;
  /** The launcher's environment, for a sandbox's own switches. */
  env?: NodeJS.ProcessEnv;
}

/**
 * What a source's sandbox module (`connection.sandbox`, by convention `<source>/sandbox/start.ts`) exports. Only
 * `src/sources/connect.ts` loads one, with a computed import that no build follows.
 */
export interface SandboxModule {
  /** Starts the sandbox on loopback. */
  start(options: SandboxOptions): Promise<StartedSandbox>;
}

/**
 * How the gateway reaches and signs in to a source.
 * @public
 */
export interface SourceConnection<Client = unknown> {
  /** The client-credentials token endpoint, from the API's origin and root URL and the source's own settings. */
  tokenUrl(api: { origin: string; url: string }, settings: Readonly<Record<string, string>>): string;
  /** Extra fields of the token request. */
  tokenParams?(settings: Readonly<Record<string, string>>): Record<string, string>;
  /**
   * The source's reason in an error body: its message, vendor code and field problems. A 4xx answer's reason reaches
   * the caller (`extensions.upstreamMessage`, `vendorCode`, `problems`, scrubbed as the log is); a 5xx's only the log.
   */
  reasonOf?: (body: string) => UpstreamReason | undefined;
  /** The vendor's documented rate, applied to a configured tenant unless `<NAME>_RATE_LIMIT` says otherwise; null: none. */
  defaultRate: Rate | null;
  /**
   * How long a response that read this source may be served from the response cache (`GATEWAY_RESPONSE_CACHE`),
   * unless `<NAME>_CACHE_TTL_MS` or `UPSTREAM_CACHE_TTL_MS` says otherwise: how long its data may be old where a
   * change through this gateway is not what changed it.
   */
  cacheTtlMs: number;
  /** Settings of its own beyond `<NAME>_URL`, `_CLIENT_ID`, `_CLIENT_SECRET` and the resilience ones. */
  settings?: Readonly<Record<string, SourceSettingSpec>>;
  /** The source's client over its HTTP client. */
  createClient(http: UpstreamClient): Client;
  /** One cheap call that proves the token and the API (readiness), through a client of the probe's own. */
  probe(client: Client): Promise<unknown>;
  /**
   * Its built-in sandbox: the URL of a module that exports a `SandboxModule`, relative to the source's own
   * (`new URL('./sandbox/start.js', import.meta.url)`), never imported by name, so that the production build
   * (`npm run build:prod`, from `src/index.ts` only) leaves the sandboxes out.
   */
  readonly sandbox: URL;
}

/**
 * What live updates (subscriptions) watch of a source's connectors: a poller reads a watched connector with `load`
 * and compares `status` (a JSON-comparable value) with the last one it saw; `active` says whether a change is under
 * way (a sync running), which a poller then reads more often. A source without it has no status to watch.
 * @public
 */
export interface LiveStatus {
  /** What `connectorStatusChanged` compares, from a connector as `load` returned it. */
  status(connector: object): unknown;
  /** Whether a change is under way (polled fast). */
  active(connector: object): boolean;
}

/**
 * A source of connectors. `Client` is its long-lived API client, `Loaders` its per-request dataloaders; the
 * methods that take a node type and a key get a type of `nodeTypes` and a key that passed its id rules.
 */
export interface ConnectorSource<Client = unknown, Loaders = unknown> {
  /**
   * SCREAMING_SNAKE name: the value of the GraphQL enum `ConnectorSource`, `extensions.source`, the prefix of its
   * environment variables (`<NAME>_URL` …) and, lower-cased, the scope of a role (`viewer@<name>`).
   */
  readonly name: string;
  /**
   * Its SDL files (absolute paths): its types, `extend enum ConnectorSource { NAME }`, and its root fields, each
   * marked `@source(name: NAME)`.
   */
  readonly typeDefs: readonly string[];
  /** Its resolvers (merged with the others'). */
  readonly resolvers: Readonly<Record<string, unknown>>;
  /** Its types with a global id, by GraphQL type name. */
  readonly nodeTypes: Readonly<Record<string, NodeTypeSpec>>;
  readonly connection: SourceConnection<Client>;
  /** Which of its node types `obj` (an object its resolvers return) is; undefined when it is not one of its own. */
  typeOf(obj: object): string | undefined;
  createLoaders(client: Client, requestId: string, observeBatch?: BatchObserver): Loaders;
  /**
   * Its part of the cross-source list: up to `want` connectors after `position` (undefined: from the start), each
   * with the position right after it, matching `search` (lower-case; undefined: all). A position is the source's
   * own JSON, checked here: a forged one is `malformedCursor()`.
   */
  walk(ctx: SourceContext, want: number, position: unknown, search: string | undefined): Promise<WalkResult>;
  /** The object of a node type and key; NOT_FOUND (a GatewayError) or null when the source has none. */
  load(ctx: SourceContext, type: string, key: NativeKey): Promise<object | null>;
  /** How `patchConnector` changes its connectors; without it they cannot be patched. */
  readonly patchable?: Patchable;
  /** Deletes a connector. */
  delete(ctx: SourceContext, type: string, key: NativeKey): Promise<void>;
  /** A connector's `settings` (secrets locked by buildSettings); `locale` where the source translates its form. */
  settings(connector: object, ctx: SourceContext, options: { locale?: string }): Settings | Promise<Settings>;
  /** Its connectors as forms: writable settings and tests; without it, updateConnectorSettings and tests refuse. */
  readonly forms?: SettingsForms; /** Its connectors' status, for `connectorStatusChanged`; without it, they have none to watch. */
  readonly live?: LiveStatus;
}
