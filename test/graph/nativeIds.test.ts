/**
 * Ids read the same way everywhere (issue 22): the source's own fields (`app(id:)`, `appConnector(appId, id)`,
 * `loginConnector(id)`, `scriptConnector(scriptName)` and their mutations) take native ids, `node`/`connector` and the
 * cross-source mutations take global ids. Each mix-up is BAD_USER_INPUT naming the argument and where the other kind
 * goes, before any call to a source, never a silent null. Over HTTP against the sandboxes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

let stack: TestStack;
/** One object of each kind: its global id and native id(s). */
let ids: {
  app: { id: string; nativeId: string };
  appConnector: { id: string; nativeId: string; appId: string };
  login: { id: string; nativeId: string };
  script: { id: string; nativeId: string };
};

beforeAll(async () => {
  stack = await startTestStack();
  const res = await stack.gql<{
    connectors: { edges: { node: { id: string; nativeId: string; source: string; appId?: string; app?: { id: string; nativeId: string } } }[] };
  }>('{ connectors(first: 100) { edges { node { id nativeId source ... on AppConnector { appId app { id nativeId } } } } } }');
  const nodes = res.body.data!.connectors.edges.map((e) => e.node);
  const of = (source: string) => nodes.find((n) => n.source === source)!;
  const c1 = of('CONDUCTORONE');
  ids = {
    app: c1.app!,
    appConnector: { id: c1.id, nativeId: c1.nativeId, appId: c1.appId! },
    login: { id: of('LOGTO').id, nativeId: of('LOGTO').nativeId },
    script: { id: of('SAILPOINT').id, nativeId: of('SAILPOINT').nativeId },
  };
});

afterAll(async () => {
  await stack.stop();
});

const NATIVE_NOT_GLOBAL = (argument: string) =>
  `${argument} takes a native id (an object's nativeId), not a global id (its id): give a global id to node(id:) or, for a connector, to connector(id:).`;

describe('a global id where a native id belongs', () => {
  it('is BAD_USER_INPUT naming the argument, for every native-id argument, and nothing is sent', async () => {
    const cases: [string, string, Record<string, unknown>][] = [
      ['id', 'query($v: String!) { app(id: $v) { displayName } }', { v: ids.app.id }],
      ['appId', 'query($v: String!) { appConnectors(appId: $v) { edges { node { id } } } }', { v: ids.app.id }],
      ['appId', 'query($v: String!, $id: String!) { appConnector(appId: $v, id: $id) { id } }', { v: ids.app.id, id: ids.appConnector.nativeId }],
      ['id', 'query($a: String!, $v: String!) { appConnector(appId: $a, id: $v) { id } }', { a: ids.appConnector.appId, v: ids.appConnector.id }],
      ['id', 'query($v: String!) { loginConnector(id: $v) { id } }', { v: ids.login.id }],
      ['scriptName', 'query($v: String!) { scriptConnector(scriptName: $v) { id } }', { v: ids.script.id }],
      ['id', 'mutation($a: String!, $v: String!) { deleteAppConnector(appId: $a, id: $v) }', { a: ids.appConnector.appId, v: ids.appConnector.id }],
      ['id', 'mutation($a: String!, $v: String!) { syncAppConnector(appId: $a, id: $v) { id } }', { a: ids.appConnector.appId, v: ids.appConnector.id }],
      ['id', 'mutation($v: String!) { deleteLoginConnector(id: $v) }', { v: ids.login.id }],
      ['id', 'mutation($v: String!) { updateLoginConnector(id: $v, input: { config: {} }) { id } }', { v: ids.login.id }],
      ['scriptName', 'mutation($v: String!) { deleteScriptConnector(scriptName: $v) }', { v: ids.script.id }],
    ];
    for (const [argument, query, variables] of cases) {
      stack.resetCalls();
      const res = await stack.gql(query, variables);
      expect(res.body.errors, query).toHaveLength(1);
      expect(res.body.errors![0]!.message, query).toBe(NATIVE_NOT_GLOBAL(argument));
      expect(res.body.errors![0]!.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: argument });
      expect(stack.backendCalls(), query).toBe(0);
    }
  });

  it('the same objects by their native ids answer, and node(id:) answers their global ids', async () => {
    const res = await stack.gql<Record<string, { id: string } | null>>(
      `query($app: String!, $appId: String!, $c: String!, $login: String!, $script: String!, $g: ID!) {
        app(id: $app) { id }
        appConnector(appId: $appId, id: $c) { id }
        loginConnector(id: $login) { id }
        scriptConnector(scriptName: $script) { id }
        node(id: $g) { id }
      }`,
      {
        app: ids.app.nativeId,
        appId: ids.appConnector.appId,
        c: ids.appConnector.nativeId,
        login: ids.login.nativeId,
        script: ids.script.nativeId,
        g: ids.app.id,
      },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      app: { id: ids.app.id },
      appConnector: { id: ids.appConnector.id },
      loginConnector: { id: ids.login.id },
      scriptConnector: { id: ids.script.id },
      node: { id: ids.app.id },
    });
  });
});

describe('a native id where a global id belongs', () => {
  it('is BAD_USER_INPUT saying the argument takes a global id, and nothing is sent', async () => {
    for (const [query, variables] of [
      ['query($v: ID!) { node(id: $v) { id } }', { v: ids.app.nativeId }],
      ['query($v: ID!) { connector(id: $v) { id } }', { v: ids.script.nativeId }],
      ['mutation($v: ID!) { deleteConnector(id: $v) }', { v: ids.login.nativeId }],
    ] as const) {
      stack.resetCalls();
      const res = await stack.gql(query, variables);
      expect(res.body.errors![0]!.message, query).toBe("Malformed or unknown id: id takes a global id (an object's id), not a native id (its nativeId).");
      expect(res.body.errors![0]!.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'id' });
      expect(stack.backendCalls(), query).toBe(0);
    }
  });
});
