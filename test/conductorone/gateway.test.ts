import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { conductoroneSecrets, startTestStack, type TestStack } from '../helpers/gateway.js';
import { appConnectorId, appGlobalId } from '../../src/sources/conductorone/mappers.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.resetCalls();
});

/** The app with the most connectors, and every app that has some. */
function apps() {
  const withConnectors = stack.conductorone.store
    .apps()
    .map((a) => ({ app: a, connectors: stack.conductorone.store.connectors(a.id) }))
    .filter((x) => x.connectors.length > 0)
    .sort((a, b) => b.connectors.length - a.connectors.length);
  return { biggest: withConnectors[0]!, all: withConnectors };
}

const PAGE = `query($appId: String!, $first: Int, $after: String) { appConnectors(appId: $appId, first: $first, after: $after) {
  edges { cursor node { id nativeId appId displayName } } pageInfo { hasNextPage endCursor } } }`;

describe('appConnectors', () => {
  it.each([1, 3, 7, 100])('walks every connector of an app exactly once with pages of %i', async (first) => {
    const { biggest } = apps();
    expect(biggest.connectors.length).toBeGreaterThanOrEqual(6);
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const res: { body: { errors?: unknown; data?: any } } = await stack.gql(PAGE, { appId: biggest.app.id, first, after });
      expect(res.body.errors).toBeUndefined();
      const conn: any = res.body.data!.appConnectors;
      expect(conn.edges.length).toBeLessThanOrEqual(first);
      seen.push(...conn.edges.map((e: any) => e.node.nativeId));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual(biggest.connectors.map((c) => c.id));
  });

  it('continues after an edge cursor in the middle of a page', async () => {
    const { biggest } = apps();
    const first = await stack.gql(PAGE, { appId: biggest.app.id, first: 5 });
    const second = first.body.data!.appConnectors.edges[1].cursor;
    const next = await stack.gql(PAGE, { appId: biggest.app.id, first: 2, after: second });
    expect(next.body.data!.appConnectors.edges.map((e: any) => e.node.nativeId)).toEqual(biggest.connectors.slice(2, 4).map((c) => c.id));
  });

  it('refuses a malformed cursor or page size before any call', async () => {
    const { biggest } = apps();
    const bad = await stack.gql(PAGE, { appId: biggest.app.id, after: 'garbage' });
    expect(bad.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    const big = await stack.gql(PAGE, { appId: biggest.app.id, first: 101 });
    expect(big.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    expect(stack.c1Calls()).toBe(0);
  });

  it('says NOT_FOUND for an unknown app', async () => {
    const { body } = await stack.gql(PAGE, { appId: 'no-such-app' });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', source: 'CONDUCTORONE', upstreamStatus: 404 });
  });
});

describe('AppConnector.app', () => {
  it('looks up the apps of connectors across M apps in one batched search', async () => {
    const { all } = apps();
    const picked = all.slice(0, 3);
    const query = `{ ${picked
      .map((x, i) => `a${i}: appConnectors(appId: "${x.app.id}", first: 100) { edges { node { appId app { id nativeId displayName } } } }`)
      .join(' ')} }`;
    const { body } = await stack.gql(query);
    expect(body.errors).toBeUndefined();
    picked.forEach((x, i) => {
      const edges = body.data![`a${i}`].edges;
      expect(edges).toHaveLength(x.connectors.length);
      for (const e of edges) expect(e.node.app).toEqual({ id: appGlobalId(x.app.id), nativeId: x.app.id, displayName: x.app.displayName });
    });
    expect(stack.c1Calls({ pathIncludes: '/search/apps' })).toBe(1);
    expect(stack.c1Calls()).toBe(picked.length + 1);
  });
});

describe('AppConnector fields', () => {
  const FIELDS = `id source nativeId displayName description createdAt updatedAt appId catalogId
    config { typeUrl value } connectorStatus { status startedAt completedAt updatedAt lastError }
    oAuth2AuthorizedAs { authEmail authorizedAt } profileAllowList profileIgnoreList disableCheckBadSync
    syncDisabledAt syncDisabledCategory syncDisabledReason downloadUrl userIds deletedAt
    settings { sections { section fields { key label type locked value isSet } } }`;

  it('maps the wire names and masks every secret', async () => {
    const stored = stack.conductorone.store.connectors();
    const errored = stored.find((c) => c.status.status === 'SYNC_STATUS_ERROR');
    const authorized = stored.find((c) => c.oauthAuthorizedAs?.authEmail);
    if (!errored || !authorized) throw new Error('The seed has a connector whose sync failed and one authorized through OAuth.');
    const { body } = await stack.gql(
      `query($a: ID!, $b: ID!) { a: node(id: $a) { ... on AppConnector { ${FIELDS} } } b: connector(id: $b) { ... on AppConnector { ${FIELDS} } } }`,
      {
        a: appConnectorId(errored.appId, errored.id),
        b: appConnectorId(authorized.appId, authorized.id),
      },
    );
    expect(body.errors).toBeUndefined();
    const a = body.data!.a;
    expect(a).toMatchObject({
      source: 'CONDUCTORONE',
      nativeId: errored.id,
      appId: errored.appId,
      catalogId: errored.catalogId,
      connectorStatus: { status: 'ERROR', lastError: errored.status.lastError },
      config: { typeUrl: errored.config!['@type'] },
    });
    // DateTime values come back normalised to UTC with milliseconds (RFC 3339).
    expect(body.data!.b.oAuth2AuthorizedAs).toEqual({
      authEmail: authorized.oauthAuthorizedAs!.authEmail,
      authorizedAt: new Date(authorized.oauthAuthorizedAs!.authorizedAt!).toISOString(),
    });
    const text = JSON.stringify(body);
    for (const secret of conductoroneSecrets(stack.conductorone)) expect(text).not.toContain(secret);
    const locked = [a, body.data!.b].flatMap((c: any) => c.settings.sections.flatMap((s: any) => s.fields)).filter((f: any) => f.locked);
    for (const f of locked) expect(f.value).toBeNull();
  });

  it('never shows a secret in any connector of any app, nor in the log', async () => {
    const { all } = apps();
    const query = `{ ${all.map((x, i) => `a${i}: appConnectors(appId: "${x.app.id}", first: 100) { edges { node { config { value } settings { sections { fields { value } } } } } }`).join(' ')} }`;
    const { body } = await stack.gql(query);
    expect(body.errors).toBeUndefined();
    const secrets = conductoroneSecrets(stack.conductorone);
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    const text = JSON.stringify(body);
    const logs = stack.logs.join('\n');
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });
});

describe('app', () => {
  it('returns an app with its connectors, and null for an unknown one', async () => {
    const { biggest } = apps();
    const { body } = await stack.gql(
      `query($id: String!) { app(id: $id) { id nativeId displayName connectors(first: 2) { edges { node { nativeId } } pageInfo { hasNextPage } } } missing: app(id: "nope") { id } }`,
      { id: biggest.app.id },
    );
    expect(body.data).toEqual({
      app: {
        id: appGlobalId(biggest.app.id),
        nativeId: biggest.app.id,
        displayName: biggest.app.displayName,
        connectors: { edges: biggest.connectors.slice(0, 2).map((c) => ({ node: { nativeId: c.id } })), pageInfo: { hasNextPage: true } },
      },
      missing: null,
    });
    const node = await stack.gql(`query($id: ID!) { node(id: $id) { id ... on App { displayName } } }`, { id: appGlobalId(biggest.app.id) });
    expect(node.body.data!.node).toEqual({ id: appGlobalId(biggest.app.id), displayName: biggest.app.displayName });
  });
});

describe('create, update and delete', () => {
  const FIELDS = `id nativeId appId displayName description catalogId config { typeUrl value } profileAllowList disableCheckBadSync settings { sections { fields { key locked value isSet } } }`;

  it('creates a configured connector with a display name, then updates only the masked fields, then deletes it', async () => {
    const { biggest } = apps();
    const template = biggest.connectors[0]!;
    const typeUrl = template.config!['@type'];
    const secret = 'created-secret-token-0123456789abcdef';
    const created = await stack.gql(`mutation($input: CreateAppConnectorInput!) { createAppConnector(input: $input) { ${FIELDS} } }`, {
      input: {
        appId: biggest.app.id,
        catalogId: template.catalogId,
        displayName: 'Gateway test connector',
        description: 'made by a test',
        config: { '@type': typeUrl, accessToken: secret, region: 'eu' },
      },
    });
    expect(created.body.errors).toBeUndefined();
    const c = created.body.data!.createAppConnector;
    expect(c).toMatchObject({
      appId: biggest.app.id,
      displayName: 'Gateway test connector',
      description: 'made by a test',
      catalogId: template.catalogId,
      config: { typeUrl, value: { accessToken: null, region: 'eu' } },
    });
    expect(JSON.stringify(created.body)).not.toContain(secret);
    expect(stack.conductorone.store.connector(biggest.app.id, c.nativeId)!.config!.accessToken).toBe(secret);

    stack.resetCalls();
    const updated = await stack.gql(`mutation($input: UpdateAppConnectorInput!) { updateAppConnector(input: $input) { ${FIELDS} } }`, {
      input: { appId: biggest.app.id, id: c.nativeId, displayName: 'Renamed', config: { region: 'us', accessToken: null } },
    });
    expect(updated.body.errors).toBeUndefined();
    const stored = stack.conductorone.store.connector(biggest.app.id, c.nativeId)!;
    expect(stored.displayName).toBe('Renamed');
    expect(stored.description).toBe('made by a test');
    expect(stored.config).toEqual({ '@type': typeUrl, accessToken: secret, region: 'us' });
    expect(stack.c1Calls({ method: 'GET' })).toBe(1);
    expect(stack.c1Calls({ method: 'POST' })).toBe(1);

    const deleted = await stack.gql(`mutation($a: String!, $id: String!) { deleteAppConnector(appId: $a, id: $id) }`, { a: biggest.app.id, id: c.nativeId });
    expect(deleted.body.data).toEqual({ deleteAppConnector: appConnectorId(biggest.app.id, c.nativeId) });
    const gone = await stack.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: c.id });
    expect(gone.body).toEqual({ data: { node: null } });
  });

  it('changes only the field given: the update mask names exactly it', async () => {
    const { biggest } = apps();
    const target = biggest.connectors[1]!;
    const before = stack.conductorone.store.connector(target.appId, target.id)!;
    const { body } = await stack.gql(`mutation($input: UpdateAppConnectorInput!) { updateAppConnector(input: $input) { profileAllowList } }`, {
      input: { appId: target.appId, id: target.id, profileAllowList: ['email', 'department'] },
    });
    expect(body.data!.updateAppConnector.profileAllowList).toEqual(['email', 'department']);
    const after = stack.conductorone.store.connector(target.appId, target.id)!;
    expect({ ...after, profileAllowList: before.profileAllowList, updatedAt: before.updatedAt }).toEqual(before);
    expect(stack.c1Calls()).toBe(1);
  });

  it.each([
    ['a config without @type', { config: { region: 'x' } }],
    ['nothing to change', {}],
  ])('refuses %s with BAD_USER_INPUT', async (_what, extra) => {
    const { biggest } = apps();
    const { body } = await stack.gql(`mutation($input: CreateAppConnectorInput!) { createAppConnector(input: $input) { id } }`, {
      input: { appId: biggest.app.id, catalogId: 'x', ...extra, ...(Object.keys(extra).length ? {} : { catalogId: '  ' }) },
    });
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(stack.c1Calls({ method: 'POST' })).toBe(0);
  });

  it('says NOT_FOUND when updating or deleting an unknown connector', async () => {
    const { biggest } = apps();
    const upd = await stack.gql(`mutation { updateAppConnector(input: { appId: "${biggest.app.id}", id: "nope", displayName: "x" }) { id } }`);
    expect(upd.body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', source: 'CONDUCTORONE' });
    const del = await stack.gql(`mutation { deleteAppConnector(appId: "${biggest.app.id}", id: "nope") }`);
    expect(del.body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', source: 'CONDUCTORONE' });
  });
});
