/**
 * Abuse limits: each refuses an abusive request before anything is sent to a source, with a clear error; a
 * normal query of the same shape passes. Also batching off, CSRF on every content type, field suggestions and
 * introspection by environment.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  return () => stack.stop();
});
beforeEach(() => {
  stack.resetCalls();
});

/** `connectors { … app { connectors { … app { … } } } }`, `levels` times. */
function nested(levels: number): string {
  let inner = 'id';
  for (let i = 0; i < levels; i++) inner = `connectors(first: 1) { edges { node { app { ${inner} } } } }`;
  return `{ appConnectors(appId: "x", first: 1) { edges { node { app { ${inner} } } } } }`;
}

describe('query limits', () => {
  it('depth', async () => {
    const deep = await stack.gql(nested(3));
    expect(deep.status).toBe(400);
    expect(deep.body.errors![0]!.message).toMatch(/depth/i);
    expect(deep.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(stack.backendCalls()).toBe(0);
    const shallow = await stack.gql(nested(1));
    expect(shallow.body.errors?.[0]?.message ?? '').not.toMatch(/depth/i);
  });

  it('aliases', async () => {
    const many = Array.from({ length: 16 }, (_, i) => `a${i}: scriptConnectors(first: 1) { edges { node { id } } }`).join(' ');
    const res = await stack.gql(`{ ${many} }`);
    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.message).toMatch(/alias/i);
    expect(stack.backendCalls()).toBe(0);
    const few = Array.from({ length: 3 }, (_, i) => `a${i}: scriptConnectors(first: 1) { edges { node { id } } }`).join(' ');
    expect((await stack.gql(`{ ${few} }`)).body.errors).toBeUndefined();
  });

  it('tokens', async () => {
    const res = await stack.gql(`{ scriptConnectors(first: 1) { edges { node { ${'id '.repeat(2100)} } } } }`);
    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.message).toMatch(/token/i);
    expect(res.body.errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(stack.backendCalls()).toBe(0);
  });

  it('directives', async () => {
    const res = await stack.gql(`{ scriptConnectors(first: 1) { edges { node { id ${'@include(if: true) '.repeat(21)} } } } }`);
    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.message).toMatch(/directive/i);
    expect(stack.backendCalls()).toBe(0);
  });

  it('cost, with page sizes from variables', async () => {
    const fields =
      'id displayName description name type className status features directConnect connectorMetadata applicationXml sourceConfig correlationConfig';
    const query = `query($n: Int) { ${Array.from({ length: 15 }, (_, i) => `a${i}: scriptConnectors(first: $n) { edges { node { ... on ScriptConnector { ${fields} } } } }`).join(' ')} }`;
    const res = await stack.gql(query, { n: 250 });
    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', maxCost: 50_000 });
    expect(res.body.errors![0]!.extensions!.cost).toBeGreaterThan(50_000);
    expect(stack.backendCalls()).toBe(0);
    const small = await stack.gql(query, { n: 2 });
    expect(small.body.errors).toBeUndefined();
  });

  it('request body size: a JSON body over GATEWAY_BODY_LIMIT_BYTES is 413, nothing sent', async () => {
    const padding = 'x'.repeat(1024 * 1024);
    const res = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ loginConnectors { id } }', variables: { padding } }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(stack.backendCalls()).toBe(0);
  });

  it('batched requests are refused', async () => {
    const res = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ loginConnectors { id } }' }, { query: '{ loginConnectors { id } }' }]),
    });
    expect(res.status).toBe(400);
    expect(stack.backendCalls()).toBe(0);
  });

  it('CSRF: a request a browser sends without preflight is refused for every content type', async () => {
    const query = '{ loginConnectors { id } }';
    const attempts: [string, RequestInit][] = [
      ['text/plain', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query }) }],
      ['form', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `query=${encodeURIComponent(query)}` }],
      [
        'multipart',
        {
          method: 'POST',
          body: (() => {
            const f = new FormData();
            f.set('operations', JSON.stringify({ query }));
            f.set('map', '{}');
            return f;
          })(),
        },
      ],
    ];
    for (const [name, init] of attempts) {
      const res = await fetch(stack.gateway.url, init);
      expect(res.status, name).toBe(400);
      expect(await res.text(), name).toMatch(/Cross-Site Request Forgery|CSRF/);
    }
    const get = await fetch(`${stack.gateway.url}?query=${encodeURIComponent(query)}`);
    expect(get.status).toBe(400);
    expect(stack.backendCalls()).toBe(0);
    const preflighted = await fetch(`${stack.gateway.url}?query=${encodeURIComponent(query)}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
  });
});

describe('by environment', () => {
  it('production hides field suggestions and introspection; development shows both', async () => {
    const typo = `{ scriptConnectors(first: 1) { edges { node { displayNme } } } }`;
    const dev = await stack.gql(typo);
    expect(dev.body.errors![0]!.message).toMatch(/Did you mean/);
    expect((await stack.gql('{ __schema { types { name } } }')).body.data).toBeTruthy();
    const prod = await startTestStack({ NODE_ENV: 'production' });
    try {
      const res = await prod.gql(typo);
      expect(res.body.errors![0]!.message).not.toMatch(/Did you mean|displayName/);
      // Refused in words the operator can act on: the gateway's setting, not Apollo's constructor option.
      for (const query of [
        '{ __schema { types { name } } }',
        '{ __type(name: "Query") { name } }',
        '{ scriptConnectors(first: 1) { edges { node { id } } } __schema { queryType { name } } }',
      ]) {
        const introspection = await prod.gql(query);
        expect(introspection.status, query).toBe(400);
        expect(introspection.body.data, query).toBeUndefined();
        expect(introspection.body.errors, query).toEqual([
          {
            message: 'Introspection is off on this gateway (it is off in production by default); its operator turns it on with GATEWAY_INTROSPECTION=true.',
            locations: [expect.any(Object)],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', validationErrorCode: 'INTROSPECTION_DISABLED' },
          },
        ]);
      }
      expect(prod.backendCalls()).toBe(0);
    } finally {
      await prod.stop();
    }
  });

  it('production with GATEWAY_INTROSPECTION=true answers introspection; development with false refuses it the same way', async () => {
    const on = await startTestStack({ NODE_ENV: 'production', GATEWAY_INTROSPECTION: 'true' });
    try {
      const res = await on.gql('{ __schema { queryType { name } } }');
      expect(res.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    } finally {
      await on.stop();
    }
    const off = await startTestStack({ GATEWAY_INTROSPECTION: 'false' });
    try {
      const res = await off.gql('{ __type(name: "Query") { name } }');
      expect(res.body.errors![0]!.message).toContain('GATEWAY_INTROSPECTION=true');
    } finally {
      await off.stop();
    }
  });
});
