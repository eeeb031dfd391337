/**
 * Caller authentication and roles, end to end: API keys and JWTs (signed here, verified against a JWKS served on
 * loopback). Every refusal must come before any backend call.
 */
import { createHash } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { startTestStack, uploadFile, type TestStack } from '../helpers/gateway.js';
import { startJwks, type TestJwks } from '../helpers/jwks.js';

const sha = (key: string) => createHash('sha256').update(key).digest('hex');
const KEYS = {
  viewer: 'viewer-key-0123456789abcdef',
  editor: 'editor-key-0123456789abcdef',
  logtoEditor: 'logto-editor-key-0123456789',
  sailpointViewer: 'sailpoint-viewer-key-012345',
};
const ISSUER = 'https://idp.test.example';
const AUDIENCE = 'connector-gateway';

let stack: TestStack;
let jwks: TestJwks;
let otherKey: CryptoKey;

/** A JWT signed with `key` (the JWKS's key unless told otherwise). */
function token(claims: Record<string, unknown>, options: { key?: CryptoKey; issuer?: string; expiresIn?: string } = {}): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(AUDIENCE)
    .setSubject('user-42')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(options.key ?? jwks.signingKey);
}

/** Backend calls of every source since the last reset. */

beforeAll(async () => {
  otherKey = (await generateKeyPair('ES256')).privateKey;
  // The JWKS carries the public half of its signing key only.
  jwks = await startJwks();
  return () => {
    jwks.close();
  };
});
beforeAll(async () => {
  stack = await startTestStack({
    GATEWAY_API_KEYS: [
      `viewer:${sha(KEYS.viewer)}`,
      `editor:${sha(KEYS.editor)}`,
      `editor@logto:${sha(KEYS.logtoEditor)}`,
      `viewer@sailpoint:${sha(KEYS.sailpointViewer)}`,
    ].join(','),
    GATEWAY_JWT_JWKS_URL: jwks.url,
    GATEWAY_JWT_ISSUER: ISSUER,
    GATEWAY_JWT_AUDIENCE: AUDIENCE,
  });
  return () => stack.stop();
});
beforeEach(() => {
  stack.resetCalls();
});

const LIST = `{ connectors(first: 100) { edges { node { id source } } } }`;
const LOGTO_LIST = `{ loginConnectors { id } }`;
const PATCH = `mutation($id: ID!) { patchConnector(id: $id, operations: [{ op: test, path: "/syncProfile", value: "not-a-boolean" }]) { id } }`;

/** A connector id of each source, read with the editor key. */
async function idsBySource(): Promise<Record<string, string | undefined>> {
  const res = await stack.gql(LIST, {}, { 'x-api-key': KEYS.editor });
  const ids: Record<string, string | undefined> = {};
  for (const e of res.body.data!.connectors.edges) ids[e.node.source] ??= e.node.id;
  return ids;
}

describe('authentication', () => {
  it('refuses a request without credentials: 401, UNAUTHENTICATED, WWW-Authenticate, no backend call', async () => {
    const res = await stack.gql(LIST);
    expect(res.status).toBe(401);
    expect(res.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(res.body.data).toBeUndefined();
    expect(stack.backendCalls()).toBe(0);
  });

  it('refuses an unknown API key and a malformed Authorization header', async () => {
    for (const headers of [{ 'x-api-key': 'not-a-key-0123456789' }, { authorization: 'Basic dXNlcjpwYXNz' }, { authorization: 'Bearer not.a.jwt' }] as Record<
      string,
      string
    >[]) {
      const res = await stack.gql(LIST, {}, headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
    expect(stack.backendCalls()).toBe(0);
  });

  it('refuses an unauthenticated upload before reading its body: nothing reaches SailPoint', async () => {
    const files = stack.sailpoint.log.entries().length;
    const res = await uploadFile(
      stack.gateway.url,
      `mutation($s: String!, $file: Upload!) { uploadScriptConnectorFile(scriptName: $s, kind: SOURCE_CONFIG, file: $file) { status } }`,
      { s: 'active-directory' },
      { name: 'c.xml', content: '<a/>' },
    );
    expect(res.status).toBe(401);
    expect(res.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(stack.sailpoint.log.entries().length).toBe(files);
  });

  it('serves the landing page without credentials, and nothing else that looks like it', async () => {
    const page = await fetch(stack.gateway.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    // A GET that prefers JSON (text/html accepted too) is an operation: a persisted query by hash, or a query.
    const apq = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } }));
    for (const search of [`?extensions=${apq}`, `?query=${encodeURIComponent('{ __schema { types { name } } }')}`]) {
      const res = await fetch(`${stack.gateway.url}${search}`, {
        headers: { accept: 'application/json, text/html;q=0.1', 'apollo-require-preflight': 'true' },
      });
      expect(res.status, search).toBe(401);
    }
    expect(stack.backendCalls()).toBe(0);
  });

  it('accepts a valid API key, and logs the operation under the key hash prefix (never the key)', async () => {
    const res = await stack.gql(LIST, {}, { 'x-api-key': KEYS.viewer, 'x-request-id': 'auth-viewer-key' });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.connectors.edges.length).toBeGreaterThan(10);
    const line = stack.logs.map((l) => JSON.parse(l)).find((l) => l.requestId === 'auth-viewer-key' && l.msg === 'operation');
    expect(line.caller).toBe(`key:${sha(KEYS.viewer).slice(0, 8)}`);
  });

  it('accepts a valid JWT and refuses expired, foreign-signed and wrong-issuer ones', async () => {
    const ok = await stack.gql(LOGTO_LIST, {}, { authorization: `Bearer ${await token({ roles: ['viewer'] })}` });
    expect(ok.status).toBe(200);
    expect(ok.body.data!.loginConnectors.length).toBeGreaterThan(0);
    stack.resetCalls();
    const bad = [
      await token({ roles: ['viewer'] }, { expiresIn: '-1m' }),
      await token({ roles: ['viewer'] }, { key: otherKey }),
      await token({ roles: ['viewer'] }, { issuer: 'https://evil.example' }),
    ];
    for (const jwt of bad) {
      const res = await stack.gql(LOGTO_LIST, {}, { authorization: `Bearer ${jwt}` });
      expect(res.status).toBe(401);
      expect(res.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
    expect(stack.backendCalls()).toBe(0);
  });

  it('reads roles from a space-separated claim too, and refuses a token without any role', async () => {
    const none = await stack.gql(LOGTO_LIST, {}, { authorization: `Bearer ${await token({ roles: [] })}` });
    expect(none.status).toBe(403);
    expect(none.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(stack.backendCalls()).toBe(0);
    const spaced = await stack.gql(LOGTO_LIST, {}, { authorization: `Bearer ${await token({ roles: 'something-else viewer@logto' })}` });
    expect(spaced.status).toBe(200);
    expect(spaced.body.errors).toBeUndefined();
  });
});

describe('roles', () => {
  it('a viewer may not run a mutation: 403 FORBIDDEN and nothing sent', async () => {
    const ids = await idsBySource();
    stack.resetCalls();
    for (const headers of [{ 'x-api-key': KEYS.viewer }, { authorization: `Bearer ${await token({ roles: ['viewer'] })}` }] as Record<string, string>[]) {
      const res = await stack.gql(PATCH, { id: ids.LOGTO }, headers);
      expect(res.status).toBe(403);
      expect(res.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      expect(res.body.data).toBeUndefined();
    }
    expect(stack.backendCalls()).toBe(0);
  });

  it('an editor may (the patch reaches Logto and its test fails there: CONFLICT)', async () => {
    const ids = await idsBySource();
    stack.resetCalls();
    const res = await stack.gql(PATCH, { id: ids.LOGTO }, { authorization: `Bearer ${await token({ roles: ['editor'] })}` });
    expect(res.body.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(stack.logtoCalls({ method: 'GET' })).toBe(1);
  });

  it('a source-scoped editor writes its source only', async () => {
    const ids = await idsBySource();
    stack.resetCalls();
    const own = await stack.gql(PATCH, { id: ids.LOGTO }, { 'x-api-key': KEYS.logtoEditor });
    expect(own.body.errors![0]!.extensions!.code).toBe('CONFLICT');
    stack.resetCalls();
    const other = await stack.gql(PATCH, { id: ids.SAILPOINT }, { 'x-api-key': KEYS.logtoEditor });
    expect(other.status).toBe(403);
    expect(other.body.errors![0]!.message).toContain('SAILPOINT');
    const upload = await uploadFile(
      stack.gateway.url,
      `mutation($s: String!, $file: Upload!) { uploadScriptConnectorFile(scriptName: $s, kind: SOURCE_CONFIG, file: $file) { status } }`,
      { s: 'active-directory' },
      { name: 'c.xml', content: '<a/>' },
      { 'apollo-require-preflight': 'true', 'x-api-key': KEYS.logtoEditor },
    );
    expect(upload.status).toBe(403);
    expect(stack.backendCalls()).toBe(0);
  });

  it('a source-scoped viewer reads its source only; connectors() lists only that source', async () => {
    const headers = { 'x-api-key': KEYS.sailpointViewer };
    const ids = await idsBySource();
    stack.resetCalls();
    const list = await stack.gql(LIST, {}, headers);
    expect(list.status).toBe(200);
    expect(new Set(list.body.data!.connectors.edges.map((e: { node: { source: string } }) => e.node.source))).toEqual(new Set(['SAILPOINT']));
    expect(stack.logtoCalls() + stack.c1Calls()).toBe(0);
    stack.resetCalls();
    for (const [query, variables] of [
      [LOGTO_LIST, {}],
      [`{ connectors(sources: [LOGTO, SAILPOINT]) { edges { node { id } } } }`, {}],
      [`query($id: ID!) { node(id: $id) { id } }`, { id: ids.CONDUCTORONE }],
      [`query { ...F } fragment F on Query { appConnectors(appId: "x") { edges { node { id } } } }`, {}],
    ] as const) {
      const res = await stack.gql(query, variables, headers);
      expect(res.status, query).toBe(403);
      expect(res.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    }
    expect(stack.backendCalls()).toBe(0);
  });

  it('introspection needs credentials but no role beyond them', async () => {
    const res = await stack.gql(`{ __schema { queryType { name } } }`, {}, { authorization: `Bearer ${await token({ roles: [] })}` });
    expect(res.status).toBe(200);
    expect(res.body.data!.__schema.queryType.name).toBe('Query');
  });
});
