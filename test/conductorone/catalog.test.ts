import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import type { Caller } from '../../src/auth/authenticate.js';
import { createContext } from '../../src/context.js';
import { looksSecret } from '../../src/graph/settings.js';
import type { C1Connector } from '../../src/sources/conductorone/client.js';
import { appConnectorForms } from '../../src/sources/conductorone/forms.js';
import { appConnectorPatchable } from '../../src/sources/conductorone/graph.js';
import { appConnectorId } from '../../src/sources/conductorone/mappers.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.resetCalls();
});

/** A request context of the running gateway, as a resolver gets one. */
const context = (name: string) => createContext(stack.gateway.sources.services, name, {} as Caller);

/** The sandbox's catalog entries that its connectors use, with those connectors. */
function usedEntries() {
  const connectors = stack.conductorone.store.connectors();
  return stack.conductorone.store
    .catalog()
    .map((entry) => ({ entry, connectors: connectors.filter((c) => c.catalogId === entry.id) }))
    .filter((x) => x.connectors.length > 0);
}

const CATALOG = `{ connectorCatalog { id name configType connectorCount form { valueKind sections { section fields { key kind type locked value isSet required description } } } } }`;

describe('connectorCatalog', () => {
  it("lists the catalog entries of the tenant's connectors with the config @type ConductorOne takes for them", async () => {
    const { body } = await stack.gql(CATALOG);
    expect(body.errors).toBeUndefined();
    const catalog: any[] = body.data!.connectorCatalog;
    const used = usedEntries();
    expect(catalog.map((e) => e.id)).toEqual(used.map((u) => u.entry.id));
    for (const { entry, connectors } of used) {
      const got = catalog.find((e) => e.id === entry.id);
      expect(got.connectorCount).toBe(connectors.length);
      // The sandbox refuses a config of any other type for this entry: the gateway found the one it takes.
      if (connectors.some((c) => c.config)) expect(got.configType).toBe(entry.configType);
      const keys = new Set(connectors.flatMap((c) => Object.keys(c.config ?? {}).filter((k) => k !== '@type')));
      const fields = got.form.sections.flatMap((s: any) => s.fields);
      expect(new Set(fields.map((f: any) => f.key))).toEqual(keys);
      expect(got.form.valueKind).toBe('FORM_DEFAULTS');
      for (const f of fields) {
        expect(f).toMatchObject({ value: null, isSet: false, required: false, description: null });
        expect(f.locked).toBe(looksSecret(f.key));
        if (f.locked) expect(f.kind).toBe('SECRET');
      }
    }
  });

  it('types the fields from the values (URL, LIST, SWITCH, TEXT), secrets (a nested credentials object too) SECRET', async () => {
    const { body } = await stack.gql(CATALOG);
    const github = body.data!.connectorCatalog.find((e: any) => e.configType?.endsWith('.GithubConfig'));
    const kinds = Object.fromEntries(github.form.sections.flatMap((s: any) => s.fields.map((f: any) => [f.key, f.kind])));
    expect(kinds).toEqual({ orgs: 'LIST', instanceUrl: 'URL', accessToken: 'SECRET' });
    const workspace = body.data!.connectorCatalog.find((e: any) => e.configType?.endsWith('.GoogleWorkspaceConfig'));
    const fields = workspace.form.sections.flatMap((s: any) => s.fields);
    expect(fields.find((f: any) => f.key === 'credentials')).toMatchObject({ kind: 'SECRET', locked: true });
    const okta = body.data!.connectorCatalog.find((e: any) => e.configType?.endsWith('.OktaConfig'));
    const oktaKinds = Object.fromEntries(okta.form.sections.flatMap((s: any) => s.fields.map((f: any) => [f.key, f.kind])));
    expect(oktaKinds).toEqual({ domain: 'TEXT', apiKey: 'SECRET', syncInactiveApps: 'SWITCH', ciam: 'SWITCH' });
  });

  it('reads every app and connector page once per request, however often the catalog is asked for', async () => {
    const { body } = await stack.gql(`{ a: connectorCatalog { id } b: connectorCatalog { id } }`);
    expect(body.data!.a).toEqual(body.data!.b);
    const apps = stack.conductorone.store.apps().length;
    expect(stack.c1Calls({ pathIncludes: '/connectors' })).toBe(apps);
    expect(stack.c1Calls()).toBe(apps + 1);
  });
});

describe('appConnector', () => {
  it('reads one connector by app and id, null when there is none', async () => {
    const [c] = stack.conductorone.store.connectors();
    const Q = `query($a: String!, $id: String!) { appConnector(appId: $a, id: $id) { id nativeId catalogId } }`;
    const found = await stack.gql(Q, { a: c!.appId, id: c!.id });
    expect(found.body).toEqual({ data: { appConnector: { id: appConnectorId(c!.appId, c!.id), nativeId: c!.id, catalogId: c!.catalogId } } });
    const none = await stack.gql(Q, { a: c!.appId, id: 'nope' });
    expect(none.body).toEqual({ data: { appConnector: null } });
    const bad = await stack.gql(Q, { a: c!.appId, id: '../x' });
    expect(bad.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'id' });
  });
});

describe('createAppConnector', () => {
  const CREATE = `mutation($input: CreateAppConnectorInput!) { createAppConnector(input: $input) {
    nativeId displayName catalogId config { typeUrl value } profileAllowList profileIgnoreList disableCheckBadSync userIds } }`;

  it('takes the catalog entry’s config type when config has no @type', async () => {
    const { entry, connectors } = usedEntries().find((u) => u.connectors.some((c) => c.config))!;
    const { body } = await stack.gql(CREATE, {
      input: { appId: connectors[0]!.appId, catalogId: entry.id, displayName: 'Typed by the catalog', config: { domain: 'x.example' } },
    });
    expect(body.errors).toBeUndefined();
    const c = body.data!.createAppConnector;
    expect(c.config).toEqual({ typeUrl: entry.configType, value: { domain: 'x.example' } });
    expect(stack.conductorone.store.connector(connectors[0]!.appId, c.nativeId)!.config!['@type']).toBe(entry.configType);
    await stack.gql(`mutation { deleteAppConnector(appId: "${connectors[0]!.appId}", id: "${c.nativeId}") }`);
  });

  it('refuses a config without @type when no connector of the entry tells its type, sending nothing', async () => {
    const [app] = stack.conductorone.store.apps();
    const unused = stack.conductorone.store.catalog().find((e) => !usedEntries().some((u) => u.entry.id === e.id));
    for (const catalogId of [unused?.id ?? 'unknown-entry', 'unknown-entry']) {
      const { body } = await stack.gql(CREATE, { input: { appId: app!.id, catalogId, config: { a: 1 } } });
      expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.config' });
      expect(body.errors![0]!.message).toContain('"@type"');
    }
    expect(stack.c1Calls({ method: 'POST' })).toBe(0);
  });

  it('sets the profile lists and the bad-sync switch by one update after the create', async () => {
    const { entry, connectors } = usedEntries().find((u) => u.connectors.some((c) => c.config))!;
    const appId = connectors[0]!.appId;
    const { body } = await stack.gql(CREATE, {
      input: {
        appId,
        catalogId: entry.id,
        config: { '@type': entry.configType },
        profileAllowList: ['department'],
        profileIgnoreList: ['manager'],
        disableCheckBadSync: true,
      },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.createAppConnector).toMatchObject({ profileAllowList: ['department'], profileIgnoreList: ['manager'], disableCheckBadSync: true });
    const update = stack.conductorone.log.entries().filter((e) => e.method === 'POST' && /\/connectors\/[^/]+$/.test(e.path) && !e.path.endsWith('/create'));
    expect(update).toHaveLength(1);
    await stack.gql(`mutation { deleteAppConnector(appId: "${appId}", id: "${body.data!.createAppConnector.nativeId}") }`);
  });

  it('without config uses the delegated create, which takes the display name and the owner refs', async () => {
    const { entry, connectors } = usedEntries()[0]!;
    const appId = connectors[0]!.appId;
    const { body } = await stack.gql(CREATE, {
      input: {
        appId,
        catalogId: entry.id,
        displayName: 'Waiting for config',
        appEntitlementOwnerRefs: [{ appId, id: 'ent-1' }],
        appManagedStateBindingRef: { appId, resourceTypeId: 'group', resourceId: 'g-1' },
      },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.createAppConnector).toMatchObject({ displayName: 'Waiting for config', config: null, catalogId: entry.id });
    expect(stack.c1Calls({ method: 'POST' })).toBe(1);
    expect(stack.conductorone.log.entries().some((e) => e.method === 'POST' && e.path === `/api/v1/apps/${appId}/connectors`)).toBe(true);
    await stack.gql(`mutation { deleteAppConnector(appId: "${appId}", id: "${body.data!.createAppConnector.nativeId}") }`);
  });

  it('refuses owner refs with a config (only the delegated create takes them), sending nothing', async () => {
    const { entry, connectors } = usedEntries()[0]!;
    const appId = connectors[0]!.appId;
    const { body } = await stack.gql(CREATE, {
      input: { appId, catalogId: entry.id, config: { '@type': entry.configType }, appEntitlementOwnerRefs: [{ appId, id: 'e' }] },
    });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input' });
    expect(stack.c1Calls()).toBe(0);
  });
});

describe('forms adapter against the sandbox', () => {
  /** A configured connector with a URL, a list and a secret (GitHub). */
  function github(): C1Connector {
    const c = stack.conductorone.store.connectors().find((x) => x.config?.['@type'].endsWith('.GithubConfig'))!;
    return { ...c, appId: c.appId, id: c.id };
  }

  it('fields(read): the stored values, a secret as isSet only', async () => {
    const c = github();
    const read = await appConnectorPatchable.read(context('f1'), 'AppConnector', [c.appId, c.id]);
    const fields = appConnectorForms.fields(read);
    expect(fields.find((f) => f.key === 'orgs')).toMatchObject({ kind: 'LIST', value: c.config!.orgs, isSet: true });
    const token = fields.find((f) => f.key === 'accessToken')!;
    expect(token).toMatchObject({ kind: 'SECRET', isSet: true });
    expect(JSON.stringify(fields)).not.toContain(String(c.config!.accessToken));
  });

  it('operations(read, values) written by the patchable change only the keys given, the secret kept', async () => {
    const c = github();
    const ctx = context('f2');
    const read = await appConnectorPatchable.read(ctx, 'AppConnector', [c.appId, c.id]);
    const planned = appConnectorForms.operations(read, new Map<string, unknown>([['orgs', ['acme', 'more']]]));
    expect(planned).toEqual([{ operation: { op: 'replace', path: '/config/value/orgs', value: ['acme', 'more'] } }]);
    const { applyJsonPatch } = await import('../../src/graph/jsonPatch.js');
    const after = applyJsonPatch(
      read.document,
      planned.map((p) => p.operation),
    );
    stack.resetCalls();
    await appConnectorPatchable.write(ctx, 'AppConnector', [c.appId, c.id], { operations: planned.map((p) => p.operation), read: { ...read, after } });
    const stored = stack.conductorone.store.connector(c.appId, c.id)!;
    expect(stored.config).toEqual({ ...c.config, orgs: ['acme', 'more'] });
    expect(stack.c1Calls()).toBe(1);
  });

  it('templateFields: the catalog entry’s form, undefined for an entry the tenant does not use', async () => {
    const { entry } = usedEntries()[0]!;
    const fields = await appConnectorForms.templateFields(context('f3'), entry.id);
    expect(fields!.length).toBeGreaterThan(0);
    expect(fields!.every((f) => f.value === undefined && f.isSet === false)).toBe(true);
    expect(await appConnectorForms.templateFields(context('f4'), 'no-such-entry')).toBeUndefined();
  });

  it('test: FORM_CHECK of the config against its catalog entry; a saved secret must be re-entered; no connection claimed', async () => {
    const c = github();
    const ctx = context('f5');
    const read = await appConnectorPatchable.read(ctx, 'AppConnector', [c.appId, c.id]);
    const missing = await appConnectorForms.test(ctx, { read }, new Map(), {});
    expect(missing).toMatchObject({ ok: false, method: 'FORM_CHECK', problems: [{ key: 'accessToken', code: 'RE_ENTER_SECRET' }] });
    const ok = await appConnectorForms.test(ctx, { read }, new Map([['accessToken', 'retyped']]), {});
    expect(ok).toMatchObject({ ok: true, method: 'FORM_CHECK', problems: [] });
    expect(ok.message).toContain('no connection was made');
    const wrong = await appConnectorForms.test(
      ctx,
      { read },
      new Map<string, unknown>([
        ['accessToken', 'x'],
        ['orgs', 'not-a-list'],
      ]),
      {},
    );
    expect(wrong).toMatchObject({ ok: false, problems: [{ key: 'orgs', code: 'WRONG_TYPE' }] });
    const fresh = await appConnectorForms.test(ctx, { templateId: c.catalogId! }, new Map<string, unknown>([['instanceUrl', 'ftp://x']]), {});
    expect(fresh).toMatchObject({ ok: false, problems: [{ key: 'instanceUrl', code: 'WRONG_TYPE' }] });
    expect(stack.c1Calls({ method: 'POST' })).toBe(0);
  });
});
