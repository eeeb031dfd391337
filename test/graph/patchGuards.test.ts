/**
 * Patches through the real stack (issue 15): a patch that doubles its document is BAD_USER_INPUT under the bounds
 * the gateway was configured with, sends no write and leaves the gateway serving, for each source; and a `test`
 * really guards: of concurrent patches of one connector that each test the current value and replace it, exactly
 * one succeeds and the others are CONFLICT.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import { scriptConnectorId } from '../../src/sources/sailpoint/mappers.js';
import { loginConnectorId } from '../../src/sources/logto/mappers.js';
import { appConnectorId } from '../../src/sources/conductorone/mappers.js';

let stack: TestStack;

// Bounds well below the defaults, so that the refusals below prove the settings reach every caller of the engine.
const MAX_NODES = 500;
const MAX_BYTES = 16_384;

beforeAll(async () => {
  stack = await startTestStack({ GATEWAY_PATCH_MAX_NODES: String(MAX_NODES), GATEWAY_PATCH_MAX_BYTES: String(MAX_BYTES) });
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.resetCalls();
});

const PATCH = `mutation($id: ID!, $ops: [JsonPatchOperationInput!]!) { patchConnector(id: $id, operations: $ops) {
  id ... on LoginConnector { syncProfile } ... on AppConnector { description } ... on ScriptConnector { connectorMetadata } } }`;
const PATCH_SCRIPT = `mutation($s: String!, $ops: [JsonPatchOperationInput!]!) { patchScriptConnector(scriptName: $s, operations: $ops) { scriptName connectorMetadata } }`;

/** A list at `at`, then 25 copies of it into itself: the document doubles with each copy. */
function doubling(at: string, first: 'add' | 'replace' = 'add'): Record<string, unknown>[] {
  return [{ op: first, path: at, value: ['abc'] }, ...Array.from({ length: 25 }, () => ({ op: 'copy', from: at, path: `${at}/-` }))];
}

/** Writes the three sandboxes received since the last reset. */
function writes(): number {
  return stack.logtoCalls({ method: 'PATCH' }) + stack.c1Calls({ method: 'POST' }) + stack.apiCalls({ method: 'PATCH' });
}

async function stillServes(): Promise<void> {
  const { body } = await stack.gql('{ connectors(first: 1) { edges { node { id } } } }');
  expect(body.errors).toBeUndefined();
  expect(body.data!.connectors.edges).toHaveLength(1);
}

describe('a patch that doubles its document', () => {
  const boundMessage = /^operations\[\d+\]: the patched document would be over the patch bound: more than (500 JSON values|16384 bytes of JSON)\.$/;

  it('is BAD_USER_INPUT for a Logto connector, with no write, and the gateway still serves', async () => {
    const c = stack.logto.store.connectors()[0]!;
    const before = structuredClone(stack.logto.store.connector(c.id));
    const { body } = await stack.gql(PATCH, { id: loginConnectorId(c.id), ops: doubling('/metadata/grow') });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(body.errors![0]!.message).toMatch(boundMessage);
    expect(writes()).toBe(0);
    expect(stack.logto.store.connector(c.id)).toEqual(before);
    await stillServes();
  });

  it('is BAD_USER_INPUT for a ConductorOne connector, with no write, and the gateway still serves', async () => {
    const c = stack.conductorone.store.connectors()[0]!;
    const before = structuredClone(stack.conductorone.store.connector(c.appId, c.id));
    const { body } = await stack.gql(PATCH, { id: appConnectorId(c.appId, c.id), ops: doubling('/userIds', 'replace') });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(body.errors![0]!.message).toMatch(boundMessage);
    expect(writes()).toBe(0);
    expect(stack.conductorone.store.connector(c.appId, c.id)).toEqual(before);
    await stillServes();
  });

  it.each([
    ['patchScriptConnector', PATCH_SCRIPT, (s: string) => ({ s })],
    ['patchConnector', PATCH, (s: string) => ({ id: scriptConnectorId(s) })],
  ])('is BAD_USER_INPUT for a SailPoint connector through %s, with no write, and the gateway still serves', async (_field, query, vars) => {
    const s = stack.sailpoint.store.list()[0]!.scriptName;
    const before = structuredClone(stack.sailpoint.store.list()[0]);
    const { body } = await stack.gql(query, { ...vars(s), ops: doubling('/connectorMetadata/grow') });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(body.errors![0]!.message).toMatch(boundMessage);
    expect(writes()).toBe(0);
    expect(stack.sailpoint.store.list()[0]).toEqual(before);
    await stillServes();
  });

  it('refuses a value over the byte bound before any call, for every source', async () => {
    const value = 'x'.repeat(MAX_BYTES);
    const c1 = stack.conductorone.store.connectors()[0]!;
    const cases = [
      { query: PATCH, vars: { id: loginConnectorId(stack.logto.store.connectors()[0]!.id), ops: [{ op: 'add', path: '/metadata/big', value }] } },
      { query: PATCH, vars: { id: appConnectorId(c1.appId, c1.id), ops: [{ op: 'replace', path: '/description', value }] } },
      { query: PATCH_SCRIPT, vars: { s: stack.sailpoint.store.list()[0]!.scriptName, ops: [{ op: 'add', path: '/connectorMetadata/big', value }] } },
    ];
    for (const { query, vars } of cases) {
      const { body } = await stack.gql(query, vars);
      expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'operations[0].value' });
      expect(body.errors![0]!.message).toBe(`operations[0]: value is over the patch bound: more than ${MAX_BYTES} bytes of JSON.`);
    }
    expect(stack.backendCalls()).toBe(0);
  });
});

describe('a test operation guards concurrent patches of one connector', () => {
  const N = 5;

  /** Sets `path` to a known value, then sends N patches at once that each test that value and replace it with their own. */
  async function race(query: string, vars: Record<string, unknown>, path: string): Promise<{ winners: number[]; codes: string[] }> {
    const start = `start-${Date.now()}`;
    const setup = await stack.gql(query, { ...vars, ops: [{ op: 'add', path, value: start }] });
    expect(setup.body.errors).toBeUndefined();
    stack.resetCalls();
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        stack.gql(query, {
          ...vars,
          ops: [
            { op: 'test', path, value: start },
            { op: 'replace', path, value: `patch-${i}` },
          ],
        }),
      ),
    );
    const winners = results.flatMap((r, i) => (r.body.errors === undefined ? [i] : []));
    const codes = results.flatMap((r) => (r.body.errors ?? []).map((e) => String(e.extensions?.code)));
    return { winners, codes };
  }

  it('for a Logto connector: one succeeds, the others are CONFLICT, one write', async () => {
    const c = stack.logto.store.connectors().find((x) => x.connectorId === 'google-universal')!;
    const { winners, codes } = await race(PATCH, { id: loginConnectorId(c.id) }, '/config/scope');
    expect(winners).toHaveLength(1);
    expect(codes).toEqual(Array(N - 1).fill('CONFLICT'));
    expect(stack.logtoCalls({ method: 'PATCH' })).toBe(1);
    expect(stack.logto.store.connector(c.id)!.config.scope).toBe(`patch-${winners[0]}`);
  });

  it('for a ConductorOne connector: one succeeds, the others are CONFLICT, one write', async () => {
    const c = stack.conductorone.store.connectors()[1]!;
    const { winners, codes } = await race(PATCH, { id: appConnectorId(c.appId, c.id) }, '/description');
    expect(winners).toHaveLength(1);
    expect(codes).toEqual(Array(N - 1).fill('CONFLICT'));
    expect(stack.c1Calls({ method: 'POST', pathIncludes: `/connectors/${c.id}` })).toBe(1);
    expect(stack.conductorone.store.connector(c.appId, c.id)!.description).toBe(`patch-${winners[0]}`);
  });

  it('for a SailPoint connector through patchScriptConnector: one succeeds, the others are CONFLICT, one write', async () => {
    const s = stack.sailpoint.store.list()[1]!.scriptName;
    const { winners, codes } = await race(PATCH_SCRIPT, { s }, '/connectorMetadata/guarded');
    expect(winners).toHaveLength(1);
    expect(codes).toEqual(Array(N - 1).fill('CONFLICT'));
    expect(stack.apiCalls({ method: 'PATCH' })).toBe(1);
    expect(stack.sailpoint.store.list()[1]!.connectorMetadata.guarded).toBe(`patch-${winners[0]}`);
  });
});
