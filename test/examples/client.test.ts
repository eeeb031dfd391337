/**
 * The example client (examples/client.ts) against a real gateway and the three sandboxes: each step does what it
 * says, as independent reads through the API show, the whole run leaves nothing behind, and the script runs from
 * the command line.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLE_SOURCE_CONFIG,
  GraphQLRequestError,
  clientFromEnv,
  createLoginConnector,
  createScriptConnector,
  deleteConnector,
  listConnectors,
  newSuffix,
  patchConnector,
  runExample,
  settingValue,
  uploadSourceConfig,
  type GatewayClient,
} from '../../examples/client.js';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

const READ_LOGIN = `query($id: ID!) {
  connector(id: $id) { id displayName settings { sections { fields { key value } } } ... on LoginConnector { syncProfile metadata } }
}`;

describe('examples/client.ts', () => {
  let stack: TestStack;
  let client: GatewayClient;

  beforeAll(async () => {
    stack = await startTestStack();
    client = clientFromEnv({ GATEWAY_URL: stack.gateway.url });
    return () => stack.stop();
  });

  it('lists connectors of all three sources', async () => {
    const listed = await listConnectors(client, 1000);
    expect(Object.keys(listed.perSource).sort()).toEqual(['CONDUCTORONE', 'LOGTO', 'SAILPOINT']);
    const direct = await stack.gql<{ connectors: { edges: { node: { id: string } }[] } }>('{ connectors(first: 1000) { edges { node { id } } } }');
    expect(listed.connectors.map((c) => c.id)).toEqual(direct.body.data?.connectors.edges.map((e) => e.node.id));
    expect(listed.hasNextPage).toBe(false);
  });

  it('creates a login connector that the API then shows, and deletes it', async () => {
    const suffix = newSuffix();
    const created = await createLoginConnector(client, suffix);
    expect(created).toMatchObject({ displayName: `Example client ${suffix}`, connectorId: 'oidc', syncProfile: false });

    const read = await stack.gql(READ_LOGIN, { id: created.id });
    expect(read.body.data?.connector).toMatchObject({ id: created.id, metadata: { target: `example-client-${suffix}` } });
    const listed = await stack.gql<{ loginConnectors: { id: string }[] }>('{ loginConnectors { id } }');
    expect(listed.body.data?.loginConnectors.map((c) => c.id)).toContain(created.id);

    await expect(deleteConnector(client, created.id)).resolves.toBe(created.id);
    expect((await stack.gql(READ_LOGIN, { id: created.id })).body).toEqual({ data: { connector: null } });
  });

  it('patches the login connector with JSON Patch, as a read shows; a failed test changes nothing', async () => {
    const created = await createLoginConnector(client, newSuffix());
    try {
      const patched = await patchConnector(client, created.id);
      expect(patched.__typename).toBe('LoginConnector');
      const read = await stack.gql(READ_LOGIN, { id: created.id });
      expect(settingValue(read.body.data?.connector.settings, 'scope')).toBe('openid profile email');
      expect(read.body.data?.connector.syncProfile).toBe(true);
      // The clientSecret is confidential: never shown, still set.
      expect(settingValue(read.body.data?.connector.settings, 'clientSecret')).toBeNull();

      // The same patch again: its `test` (scope is still "openid") fails, so nothing is sent.
      stack.resetCalls();
      const refused = await patchConnector(client, created.id).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(GraphQLRequestError);
      expect((refused as GraphQLRequestError).errors[0]?.extensions?.code).toBe('CONFLICT');
      expect(stack.logtoCalls({ method: 'PATCH' })).toBe(0);
    } finally {
      await deleteConnector(client, created.id);
    }
  });

  it('uploads a source config as a multipart request, and the connector then has it', async () => {
    const script = await createScriptConnector(client, newSuffix());
    try {
      stack.resetCalls();
      const detail = await uploadSourceConfig(client, script.scriptName);
      expect(detail.status).toBe('UPDATED');
      expect(stack.apiCalls({ method: 'PUT', pathIncludes: `/connectors/${script.scriptName}/source-config` })).toBe(1);

      const read = await stack.gql(
        'query($s: String!) { scriptConnector(scriptName: $s) { sourceConfig settings { sections { fields { key value locked } } } } }',
        { s: script.scriptName },
      );
      const connector = read.body.data?.scriptConnector;
      expect(connector.sourceConfig).toBe(EXAMPLE_SOURCE_CONFIG);
      expect(settingValue(connector.settings, 'host')).toBe('https://directory.example.com');
    } finally {
      await deleteConnector(client, script.id);
    }
  });

  it('runs every step and leaves nothing behind', async () => {
    const suffix = newSuffix();
    stack.resetCalls();
    const lines = await runExample(client, suffix);
    expect(lines.join('\n')).toMatch(/Listed \d+ connectors \(CONDUCTORONE \d+, LOGTO \d+, SAILPOINT \d+\)/);
    expect(lines.join('\n')).toContain('scope is now "openid profile email", syncProfile true');
    // Each source's form, filled from its own metadata: dry-run, saved and tested (no source here has a connection test
    // the gateway could run, so each says FORM_CHECK), and a refused create with the source's own reason.
    for (const source of ['LOGTO', 'CONDUCTORONE', 'SAILPOINT']) {
      expect(lines.join('\n')).toMatch(
        new RegExp(`^Form of .+ \\(${source}\\): dry run would send \\[.+\\]; saved .+; test passed \\(FORM_CHECK\\): .*no connection`, 'm'),
      );
    }
    expect(lines.join('\n')).toContain(`A create ConductorOne refuses shows its reason: BAD_USER_INPUT: invalid`);
    expect(lines.join('\n')).toContain(`no catalog entry has the id "no-such-entry-${suffix}"`);
    // Sync now, watched over SSE from a typed subscription document: from RUNNING to its end.
    expect(lines.join('\n')).toMatch(/^Synced app connector ".+" now, its status pushed over SSE: RUNNING → DONE$/m);
    expect(stack.c1Calls({ method: 'POST', pathIncludes: '/force_sync' })).toBe(1);
    expect(stack.logtoCalls({ method: 'POST', pathIncludes: '/api/connectors' })).toBe(1);
    // One patch, then one settings save (the dry run sends nothing).
    expect(stack.logtoCalls({ method: 'PATCH' })).toBe(2);
    expect(stack.logtoCalls({ method: 'DELETE' })).toBe(1);
    expect(stack.apiCalls({ method: 'DELETE' })).toBe(1);
    expect(stack.c1Calls({ method: 'DELETE' })).toBe(1);
    // The settings save of the script connector is its one PATCH.
    expect(stack.apiCalls({ method: 'PATCH' })).toBe(1);
    // Secrets the example gave are never in what the gateway answered.
    expect(lines.join('\n')).not.toContain(`example-secret-${suffix}`);

    const after = await stack.gql('query($s: String!) { scriptConnector(scriptName: $s) { id } loginConnectors { metadata } }', {
      s: `example-client-${suffix}`,
    });
    expect(after.body.data?.scriptConnector).toBeNull();
    expect(after.body.data?.loginConnectors.map((c: { metadata: unknown }) => c.metadata)).not.toContainEqual(
      expect.objectContaining({ target: `example-client-${suffix}` }),
    );
  });

  it('runs as a script (tsx examples/client.ts) and prints a summary', async () => {
    const script = fileURLToPath(new URL('../../examples/client.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, GATEWAY_URL: stack.gateway.url },
    });
    expect(stdout).toContain(`Gateway: ${stack.gateway.url}`);
    expect(stdout).toMatch(/Uploaded a source config to script connector example-client-\w+: UPDATED; its settings now have host, password \(locked\)/);
    expect(stdout).toMatch(/Deleted the login connector/);
  }, 60_000);
});

describe('examples/client.ts with caller authentication', () => {
  const key = 'example-client-test-key';
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ GATEWAY_API_KEYS: `viewer:${createHash('sha256').update(key).digest('hex')}` });
    return () => stack.stop();
  });

  it('sends GATEWAY_API_KEY as x-api-key', async () => {
    const listed = await listConnectors(clientFromEnv({ GATEWAY_URL: stack.gateway.url, GATEWAY_API_KEY: key }), 5);
    expect(listed.connectors).toHaveLength(5);
    const refused = await listConnectors(clientFromEnv({ GATEWAY_URL: stack.gateway.url }), 5).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GraphQLRequestError);
    expect((refused as GraphQLRequestError).status).toBe(401);
  });
});
