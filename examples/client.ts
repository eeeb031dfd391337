/**
 * An example client of the gateway, typed end to end: the operations (operations.ts) are TypedDocumentNodes that
 * graphql-codegen's client preset generates from schema.graphql, and `request()` prints one, POSTs it and returns
 * its data typed by the document. `npx tsx examples/client.ts` lists connectors across the sources, creates a Logto
 * login connector, patches it with JSON Patch, uploads a source config to a new SailPoint script connector, deletes
 * what it created and prints a short summary. Every step is exported, so a test runs them against a real gateway.
 * What it creates has a fresh name and target, so it is safe to run repeatedly, also after an interrupted run.
 *
 * Environment: GATEWAY_URL (default http://127.0.0.1:4000/graphql); GATEWAY_API_KEY, sent as `x-api-key` when set.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient } from 'graphql-sse';
import type { CreateLoginConnectorInput, JsonPatchOperationInput, SettingsFieldsFragment } from './__generated__/graphql.js';
import { fillForm } from './form.js';
import {
  connectorCatalogQuery,
  connectorStatusChangedSubscription,
  connectorFormQuery,
  createAppConnectorMutation,
  firstAppConnectorQuery,
  createLoginConnectorMutation,
  createScriptConnectorMutation,
  deleteConnectorMutation,
  listConnectorsQuery,
  patchConnectorMutation,
  syncAppConnectorMutation,
  readConnectorQuery,
  testConnectorMutation,
  updateConnectorSettingsMutation,
  uploadScriptConnectorFileMutation,
} from './operations.js';

/** Where the gateway is and how to call it. */
export interface GatewayClient {
  url: string;
  /** Sent as `x-api-key` when set. */
  apiKey?: string;
}

/** The client the environment describes: GATEWAY_URL and GATEWAY_API_KEY. */
export function clientFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayClient {
  // An empty GATEWAY_URL is no URL, as an unset one.
  const url = env.GATEWAY_URL === undefined || env.GATEWAY_URL === '' ? 'http://127.0.0.1:4000/graphql' : env.GATEWAY_URL;
  const apiKey = env.GATEWAY_API_KEY;
  return apiKey ? { url, apiKey } : { url };
}

/** One entry of a GraphQL response's `errors`. */
export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

/** An answer with errors or without data. `data` is what the gateway still answered (e.g. a partial list). */
export class GraphQLRequestError extends Error {
  override name = 'GraphQLRequestError';
  constructor(
    readonly status: number,
    readonly errors: GraphQLErrorEntry[],
    readonly data: unknown,
  ) {
    const codes = (e: GraphQLErrorEntry) => (typeof e.extensions?.code === 'string' && e.extensions.code !== '' ? ` (${e.extensions.code})` : '');
    super(errors.map((e) => `${e.message}${codes(e)}`).join('; ') || `HTTP ${status} without data`);
  }
}

/**
 * Sends one typed operation and returns its data, typed by the document. Throws GraphQLRequestError when the answer
 * has errors; `variables` must be the document's variables.
 */
export async function request<TResult, TVariables extends Record<string, unknown>>(
  client: GatewayClient,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: NoInfer<TVariables>,
): Promise<TResult> {
  const { headers, body } = encodeRequest(print(document), variables);
  if (client.apiKey) headers['x-api-key'] = client.apiKey;
  const res = await fetch(client.url, { method: 'POST', headers, body }).catch((error: unknown) => {
    const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new Error(`The gateway at ${client.url} did not answer (${reason}); is it running? GATEWAY_URL says where it is.`, { cause: error });
  });
  const text = await res.text();
  let payload: { data?: TResult | null; errors?: GraphQLErrorEntry[] };
  try {
    payload = JSON.parse(text) as typeof payload;
  } catch {
    throw new GraphQLRequestError(res.status, [{ message: `HTTP ${res.status}: ${text.slice(0, 200)}` }], undefined);
  }
  if (payload.errors?.length || payload.data == null) throw new GraphQLRequestError(res.status, payload.errors ?? [], payload.data);
  return payload.data;
}

/**
 * A JSON POST, or, when top-level variables hold a Blob (a File: the `Upload` scalar), a GraphQL multipart request
 * with the `Apollo-Require-Preflight` header that Apollo Server's CSRF protection asks of it.
 */
function encodeRequest(query: string, variables: Record<string, unknown>): { headers: Record<string, string>; body: string | FormData } {
  const files = Object.entries(variables).filter((entry): entry is [string, Blob] => entry[1] instanceof Blob);
  if (files.length === 0) return { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) };
  // The spec: `operations` with each file variable null, `map` from part name to variable path, then the parts.
  const form = new FormData();
  const nulled = Object.fromEntries(files.map(([name]) => [name, null]));
  form.set('operations', JSON.stringify({ query, variables: { ...variables, ...nulled } }));
  form.set('map', JSON.stringify(Object.fromEntries(files.map(([name], i) => [String(i), [`variables.${name}`]]))));
  files.forEach(([, file], i) => {
    form.set(String(i), file);
  });
  return { headers: { 'apollo-require-preflight': 'true' }, body: form };
}

/** A field's value in a connector's settings (locked fields read as null). */
export function settingValue(settings: SettingsFieldsFragment, key: string): unknown {
  return settings.sections.flatMap((s) => s.fields).find((f) => f.key === key)?.value;
}

/** A short random suffix that keeps the names of what one run creates apart from every other run's. */
export function newSuffix(): string {
  return randomUUID().slice(0, 8);
}

// ---------------------------------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------------------------------

/** One page of connectors across the three sources, and how many each source contributed. */
export async function listConnectors(client: GatewayClient, first = 100) {
  const { connectors } = await request(client, listConnectorsQuery, { first });
  const nodes = connectors.edges.map((edge) => edge.node);
  const perSource: Record<string, number> = {};
  for (const node of nodes) perSource[node.source] = (perSource[node.source] ?? 0) + 1;
  return { connectors: nodes, perSource, hasNextPage: connectors.pageInfo.hasNextPage };
}

/**
 * What the example creates in Logto: a connector of the standard OIDC factory (`oidc` in the sandbox's catalogue;
 * standard factories allow many connectors, each with its own `metadata.target`), with the config its form requires.
 */
export function exampleLoginConnectorInput(suffix: string): CreateLoginConnectorInput {
  return {
    connectorId: 'oidc',
    metadata: { target: `example-client-${suffix}`, name: { en: `Example client ${suffix}` } },
    config: {
      authorizationEndpoint: 'https://idp.example.com/oauth2/authorize',
      tokenEndpoint: 'https://idp.example.com/oauth2/token',
      clientId: `example-client-${suffix}`,
      clientSecret: 'example-secret-not-a-real-one',
      tokenEndpointAuthMethod: 'client_secret_post',
      scope: 'openid',
      idTokenVerificationConfig: { jwksUri: 'https://idp.example.com/oauth2/keys' },
    },
  };
}

/** Creates the example's login connector (see exampleLoginConnectorInput). */
export async function createLoginConnector(client: GatewayClient, suffix: string) {
  const { createLoginConnector: created } = await request(client, createLoginConnectorMutation, { input: exampleLoginConnectorInput(suffix) });
  return created;
}

/**
 * The example's patch of its login connector (applied to `{ syncProfile, metadata, config }`): check the scope is
 * still the one it was created with (a failed `test` is CONFLICT and nothing changes), widen it, sync profiles.
 */
export const EXAMPLE_PATCH: JsonPatchOperationInput[] = [
  { op: 'test', path: '/config/scope', value: 'openid' },
  { op: 'replace', path: '/config/scope', value: 'openid profile email' },
  { op: 'replace', path: '/syncProfile', value: true },
];

/** Applies a JSON Patch to a connector of any source; returns the connector as it is now. */
export async function patchConnector(client: GatewayClient, id: string, operations: JsonPatchOperationInput[] = EXAMPLE_PATCH) {
  const { patchConnector: patched } = await request(client, patchConnectorMutation, { id, operations });
  return patched;
}

/** Creates a SailPoint script connector (DEVELOPMENT, so it stays out of the RELEASED list) to upload to. */
export async function createScriptConnector(client: GatewayClient, suffix: string) {
  const input = { name: `Example client ${suffix}`, className: 'sailpoint.connector.OpenConnectorAdapter', status: 'DEVELOPMENT' as const };
  const { createScriptConnector: created } = await request(client, createScriptConnectorMutation, { input });
  return created;
}

/**
 * The source config the example uploads (examples/source-config.xml, the file the README's curl upload sends): a
 * SailPoint form with a connection section of two fields.
 */
export const EXAMPLE_SOURCE_CONFIG = readFileSync(new URL('./source-config.xml', import.meta.url), 'utf8');

/** Uploads a source config file (multipart request) to a script connector; returns SailPoint's update detail. */
export async function uploadSourceConfig(client: GatewayClient, scriptName: string, xml = EXAMPLE_SOURCE_CONFIG) {
  const file = new File([xml], 'source-config.xml', { type: 'application/xml' });
  const { uploadScriptConnectorFile: detail } = await request(client, uploadScriptConnectorFileMutation, { scriptName, kind: 'SOURCE_CONFIG', file });
  return detail;
}

/** A connector of any source by its global id; null when it is gone. */
export async function readConnector(client: GatewayClient, id: string) {
  const { connector } = await request(client, readConnectorQuery, { id });
  return connector;
}

/** Deletes a connector of any source; returns its global id. */
export async function deleteConnector(client: GatewayClient, id: string): Promise<string> {
  const { deleteConnector: deleted } = await request(client, deleteConnectorMutation, { id });
  return deleted;
}

/**
 * A connector's form filled from its own field metadata (examples/form.ts), dry-run, saved and tested: what a
 * connector page does, for any source. The dry run and the save must agree; the test re-enters the locked values
 * (saved secrets are never read back, so a test needs them again).
 */
export async function fillSaveAndTest(client: GatewayClient, id: string, suffix: string) {
  const { connector } = await request(client, connectorFormQuery, { id });
  if (!connector) throw new Error(`No connector has the id ${id}.`);
  const secret = `example-secret-${suffix}`;
  const values = fillForm(connector.settings, suffix, secret);
  const { updateConnectorSettings: dryRun } = await request(client, updateConnectorSettingsMutation, { id, values, dryRun: true });
  if (!dryRun.ok) throw new Error(`The form refused the values: ${dryRun.problems.map((p) => p.message).join(' ')}`);
  const { updateConnectorSettings: saved } = await request(client, updateConnectorSettingsMutation, { id, values, dryRun: false });
  if (!saved.ok || !saved.connector) throw new Error(`The save was refused: ${saved.problems.map((p) => p.message).join(' ')}`);
  const retest = fillForm(saved.connector.settings, suffix, secret).filter((v) => values.some((given) => given.key === v.key));
  const { testConnector: test } = await request(client, testConnectorMutation, { id, values: retest, sendTo: { email: 'example@example.com' } });
  return { source: connector.source, values, dryRun, saved, test };
}

/**
 * Creates a ConductorOne app connector beside the first one the gateway lists (same App, same catalog entry), its
 * config filled from the catalog entry's form alone (the gateway adds the entry's `@type`).
 */
export async function createAppConnectorFromCatalog(client: GatewayClient, suffix: string) {
  const { connectors } = await request(client, firstAppConnectorQuery, {});
  const first = connectors.edges[0]?.node;
  if (first?.__typename !== 'AppConnector' || !first.catalogId) throw new Error('The gateway lists no ConductorOne connector to create one beside.');
  const { connectorCatalog } = await request(client, connectorCatalogQuery, {});
  const entry = connectorCatalog.find((e) => e.id === first.catalogId);
  if (!entry?.form) throw new Error(`The catalog has no form for the entry ${first.catalogId}.`);
  // Created with values of its own, so that the form round trip after it changes what it fills.
  const values = fillForm(entry.form, `created-${suffix}`, `example-created-secret-${suffix}`, true);
  const config = Object.fromEntries(values.map((v) => [v.key, v.value]));
  const input = { appId: first.appId, catalogId: entry.id, displayName: `Example client ${suffix}`, config };
  const { createAppConnector: created } = await request(client, createAppConnectorMutation, { input });
  return { created, appId: first.appId, entry: entry.name };
}

/**
 * Subscribes to a typed subscription document over Server-Sent Events (graphql-sse's client: a POST to the endpoint
 * that accepts text/event-stream) and hands each event's data, typed by the document, to `onData` until it returns
 * true, the stream ends or `timeoutMs` passes. Resolves once the gateway answered with its event stream, with the
 * promise of the end.
 */
export async function watch<TResult, TVariables extends Record<string, unknown>>(
  client: GatewayClient,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: NoInfer<TVariables>,
  onData: (data: TResult) => boolean,
  timeoutMs = 30_000,
): Promise<{ ended: Promise<void> }> {
  const sse = createClient({ url: client.url, headers: client.apiKey ? { 'x-api-key': client.apiKey } : {}, retryAttempts: 0 });
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const ended = new Promise<void>((resolve, reject) => {
    const finish = (error?: unknown): void => {
      clearTimeout(timer);
      stop();
      sse.dispose();
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
    };
    const timer = setTimeout(() => {
      finish(new Error(`No end of the subscription within ${timeoutMs} ms.`));
    }, timeoutMs);
    const stop = sse.subscribe<TResult>(
      { query: print(document), variables },
      {
        next: (result) => {
          if (result.errors?.length)
            finish(
              new GraphQLRequestError(
                200,
                result.errors.map((e) => ({ message: e.message, extensions: e.extensions })),
                result.data,
              ),
            );
          else if (result.data && onData(result.data)) finish();
        },
        error: finish,
        complete: () => {
          finish();
        },
      },
      {
        connected: () => {
          ready();
        },
      },
    );
  });
  // Connected: the gateway answered the POST with its event stream (or it ended before: `ended` says why).
  await Promise.race([started, ended]);
  return { ended };
}

/**
 * "Sync now" watched live: subscribes to an app connector's status, starts its sync (ConductorOne's ForceSync), and
 * returns each status the subscription pushed until the sync ended (DONE or ERROR).
 */
export async function syncAndWatch(client: GatewayClient): Promise<{ name: string; statuses: string[] }> {
  const { connectors } = await request(client, firstAppConnectorQuery, {});
  const first = connectors.edges[0]?.node;
  if (first?.__typename !== 'AppConnector') throw new Error('The gateway lists no ConductorOne connector to sync.');
  const statuses: string[] = [];
  const { ended } = await watch(client, connectorStatusChangedSubscription, { ids: [first.id] }, (data) => {
    const connector = data.connectorStatusChanged;
    const status = connector.__typename === 'AppConnector' ? connector.connectorStatus?.status : undefined;
    if (status) statuses.push(status);
    return status === 'DONE' || status === 'ERROR';
  });
  const synced = await request(client, syncAppConnectorMutation, { appId: first.appId, id: first.nativeId });
  await ended;
  return { name: synced.syncAppConnector.displayName, statuses };
}

/** A create the source refuses (a catalog id ConductorOne does not have): the source's own reason, as the caller gets it. */
export async function refusedCreate(client: GatewayClient, appId: string, suffix: string): Promise<string> {
  const input = { appId, catalogId: `no-such-entry-${suffix}` };
  const refused = await request(client, createAppConnectorMutation, { input }).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(refused instanceof GraphQLRequestError)) throw new Error('ConductorOne created a connector from a catalog id it does not have.');
  const [first] = refused.errors;
  const reason = first?.extensions?.upstreamMessage;
  return `${String(first?.extensions?.code)}: ${typeof reason === 'string' ? reason : (first?.message ?? '')}`;
}

/** One line about a form round trip: what the dry run showed, what was saved, how the test went. */
function formLine(name: string, round: Awaited<ReturnType<typeof fillSaveAndTest>>): string {
  const shown = round.dryRun.changes.map((c) => `${c.op} ${c.path}${c.secret ? ' (secret, hidden)' : ''}`).join(', ');
  const statuses = round.saved.fields.map((f) => `${f.key} ${f.status}`).join(', ');
  const test = `${round.test.ok ? 'passed' : 'failed'} (${round.test.method})${round.test.message ? `: ${round.test.message}` : ''}`;
  return `Form of ${name} (${round.source}): dry run would send [${shown}]; saved ${statuses}; test ${test}`;
}

// ---------------------------------------------------------------------------------------------------------------------
// The whole run
// ---------------------------------------------------------------------------------------------------------------------

/** Runs every step, deleting what it created even when a step fails; returns the lines of a readable summary. */
export async function runExample(client: GatewayClient, suffix = newSuffix()): Promise<string[]> {
  const lines = [`Gateway: ${client.url}`];
  const created: { id: string; what: string }[] = [];
  try {
    const listed = await listConnectors(client);
    const counts = Object.entries(listed.perSource).map(([source, n]) => `${source} ${n}`);
    lines.push(`Listed ${listed.connectors.length} connectors (${counts.join(', ')})${listed.hasNextPage ? ', more follow' : ''}`);

    const login = await createLoginConnector(client, suffix);
    created.push({ id: login.id, what: `login connector "${login.displayName}"` });
    lines.push(`Created login connector "${login.displayName}" from factory ${login.connectorId} (Logto id ${login.nativeId})`);

    const patched = await patchConnector(client, login.id);
    const syncProfile = patched.__typename === 'LoginConnector' ? patched.syncProfile : undefined;
    lines.push(`Patched it: scope is now "${String(settingValue(patched.settings, 'scope'))}", syncProfile ${String(syncProfile)}`);
    lines.push(formLine(`login connector "${login.displayName}"`, await fillSaveAndTest(client, login.id, suffix)));

    const app = await createAppConnectorFromCatalog(client, suffix);
    created.push({ id: app.created.id, what: `app connector "${app.created.displayName}"` });
    lines.push(`Created app connector "${app.created.displayName}" from the catalog entry ${app.entry}, its config filled from the entry's form`);
    lines.push(formLine(`app connector "${app.created.displayName}"`, await fillSaveAndTest(client, app.created.id, suffix)));
    lines.push(`A create ConductorOne refuses shows its reason: ${await refusedCreate(client, app.appId, suffix)}`);
    const synced = await syncAndWatch(client);
    lines.push(`Synced app connector "${synced.name}" now, its status pushed over SSE: ${synced.statuses.join(' → ')}`);

    const script = await createScriptConnector(client, suffix);
    created.push({ id: script.id, what: `script connector ${script.scriptName}` });
    const detail = await uploadSourceConfig(client, script.scriptName);
    const after = await readConnector(client, script.id);
    const keys = after?.settings.sections.flatMap((s) => s.fields.map((f) => (f.locked ? `${f.key} (locked)` : f.key))) ?? [];
    lines.push(`Uploaded a source config to script connector ${script.scriptName}: ${detail.status ?? '?'}; its settings now have ${keys.join(', ')}`);
    lines.push(formLine(`script connector ${script.scriptName}`, await fillSaveAndTest(client, script.id, suffix)));
  } finally {
    // Newest first; a failed delete is reported and does not hide the error of a failed step.
    for (const { id, what } of created.reverse()) {
      await deleteConnector(client, id).then(
        () => lines.push(`Deleted the ${what}`),
        (error: unknown) => {
          console.error(`Could not delete the ${what} (${id}):`, error);
        },
      );
    }
  }
  return lines;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runExample(clientFromEnv()).then(
    (lines) => {
      console.log(lines.join('\n'));
    },
    (error: unknown) => {
      console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
      process.exitCode = 1;
    },
  );
}
