/**
 * Every write of a connector holds its write lock, not only patches (review F8 of issue 15): an update that reads,
 * merges and writes (`updateLoginConnector`, `updateAppConnector`), an upload that gives a file its stored secrets
 * back, and a delete wait for a patch of the same connector in flight (and it for them), and read the connector
 * afresh inside the lock. Without that, each one below loses the other's change (or the patch's write fails). The
 * sandboxes hold each write back a little, so that the two are in flight at once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/globalId.js';
import { startTestStack, uploadFile, type TestStack } from '../helpers/gateway.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());
beforeEach(() => {
  for (const sandbox of [stack.sailpoint, stack.logto, stack.conductorone]) sandbox.reset();
  stack.resetCalls();
});

/** Resolves once `sandbox` has received a request that `match` accepts (the gateway holds the connector's lock then). */
async function received(
  sandbox: { log: { entries(): { method: string; path: string }[] } },
  match: (e: { method: string; path: string }) => boolean,
): Promise<void> {
  for (let i = 0; i < 500 && !sandbox.log.entries().some(match); i++) await new Promise((r) => setTimeout(r, 5));
  expect(sandbox.log.entries().some(match)).toBe(true);
}

const PATCH = `mutation($id: ID!, $ops: [JsonPatchOperationInput!]!) { patchConnector(id: $id, operations: $ops) { id } }`;

describe('an update and a patch of one connector at once', () => {
  it('Logto: updateLoginConnector and patchConnector (with a test) both land', async () => {
    const id = 'e4t7y2u9i0ol';
    expect(stack.logto.store.connectors().find((c) => c.id === id)!.config).toMatchObject({ fromEmail: 'no-reply@sandbox.example.com' });
    stack.logto.injectFault({ match: { method: 'PATCH', pathPrefix: `/api/connectors/${id}` }, delayMs: 400, count: 2 });
    const update = stack.gql(`mutation($id: String!) { updateLoginConnector(id: $id, input: { config: { fromName: "Updated name" } }) { id } }`, { id });
    await received(stack.logto, (e) => e.method === 'GET' && e.path === `/api/connectors/${id}`);
    const patch = stack.gql(PATCH, {
      id: encodeGlobalId('LoginConnector', id),
      ops: [
        { op: 'test', path: '/config/fromEmail', value: 'no-reply@sandbox.example.com' },
        { op: 'replace', path: '/config/fromEmail', value: 'patched@sandbox.example.com' },
      ],
    });
    const [updated, patched] = await Promise.all([update, patch]);
    expect(updated.body.errors).toBeUndefined();
    expect(patched.body.errors).toBeUndefined();
    expect(stack.logto.store.connectors().find((c) => c.id === id)!.config).toMatchObject({
      fromName: 'Updated name',
      fromEmail: 'patched@sandbox.example.com',
    });
  });

  it('ConductorOne: updateAppConnector and patchConnector (with a test) both land', async () => {
    const c = stack.conductorone.store.connectors().find((x) => String(x.config?.['@type']).endsWith('.GithubConfig'))!;
    expect(c.config).toMatchObject({ orgs: ['acme'] });
    const path = `/api/v1/apps/${c.appId}/connectors/${c.id}`;
    stack.conductorone.injectFault({ match: { method: 'POST', pathPrefix: path }, delayMs: 400, count: 2 });
    const update = stack.gql(
      `mutation($appId: String!, $id: String!) { updateAppConnector(input: { appId: $appId, id: $id, config: { instanceUrl: "https://ghe.example.com" } }) { id } }`,
      { appId: c.appId, id: c.id },
    );
    await received(stack.conductorone, (e) => e.method === 'GET' && e.path === path);
    const patch = stack.gql(PATCH, {
      id: encodeGlobalId('AppConnector', c.appId, c.id),
      ops: [
        { op: 'test', path: '/displayName', value: c.displayName },
        { op: 'replace', path: '/config/value/orgs', value: ['acme', 'beta'] },
      ],
    });
    const [updated, patched] = await Promise.all([update, patch]);
    expect(updated.body.errors).toBeUndefined();
    expect(patched.body.errors).toBeUndefined();
    expect(stack.conductorone.store.connectors().find((x) => x.id === c.id)!.config).toMatchObject({
      instanceUrl: 'https://ghe.example.com',
      orgs: ['acme', 'beta'],
    });
  });

  it('SailPoint: an upload of a masked file after a patch of its secret keeps the patched secret', async () => {
    const READ = `{ scriptConnector(scriptName: "web-services") { sourceConfig } }`;
    const read = (await stack.gql(READ)).body.data!.scriptConnector.sourceConfig as string;
    expect(read.match(/value="\*{8}"/g)).toHaveLength(1);
    stack.resetCalls();
    stack.sailpoint.injectFault({ match: { method: 'PATCH', pathPrefix: '/v3/connectors/web-services' }, delayMs: 400 });
    stack.sailpoint.injectFault({ match: { method: 'PUT', pathPrefix: '/v3/connectors/web-services' }, delayMs: 800 });
    const patch = stack.gql(PATCH, {
      id: encodeGlobalId('ScriptConnector', 'web-services'),
      ops: [{ op: 'replace', path: '/sourceConfigXml', value: read.replace('value="********"', 'value="patched-secret"') }],
    });
    await received(stack.sailpoint, (e) => e.method === 'GET' && e.path === '/v3/connectors/web-services');
    const upload = uploadFile(
      stack.gateway.url,
      `mutation($file: Upload!) { uploadScriptConnectorFile(scriptName: "web-services", kind: SOURCE_CONFIG, file: $file) { status } }`,
      {},
      { name: 'source-config.xml', content: read.replace('<Section ', '<Section data-edited="yes" ') },
    );
    const [patched, uploaded] = await Promise.all([patch, upload]);
    expect(patched.body.errors).toBeUndefined();
    expect(uploaded.body.errors).toBeUndefined();
    const stored = stack.sailpoint.store.get('web-services')!.sourceConfigXml;
    expect(stored).toContain('data-edited="yes"');
    expect(stored).toContain('value="patched-secret"');
    expect(stored).not.toContain('changeit');
  });
});

describe('a delete and a patch of one connector at once', () => {
  it('the delete waits for the patch in flight: the patch lands, then the connector is gone', async () => {
    const id = 'e4t7y2u9i0ol';
    const globalId = encodeGlobalId('LoginConnector', id);
    stack.logto.injectFault({ match: { method: 'PATCH', pathPrefix: `/api/connectors/${id}` }, delayMs: 400 });
    const patch = stack.gql(PATCH, { id: globalId, ops: [{ op: 'replace', path: '/config/fromName', value: 'Before delete' }] });
    await received(stack.logto, (e) => e.method === 'GET' && e.path === `/api/connectors/${id}`);
    const deleted = stack.gql(`mutation($id: ID!) { deleteConnector(id: $id) }`, { id: globalId });
    const [patched, gone] = await Promise.all([patch, deleted]);
    expect(patched.body.errors).toBeUndefined();
    expect(gone.body.errors).toBeUndefined();
    const writes = stack.logto.log
      .entries()
      .filter((e) => e.method === 'PATCH' || e.method === 'DELETE')
      .map((e) => e.method);
    expect(writes).toEqual(['PATCH', 'DELETE']);
    expect(stack.logto.store.connectors().some((c) => c.id === id)).toBe(false);
  });
});
