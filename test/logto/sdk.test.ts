/**
 * The Logto sandbox driven by Logto's own Management API client (`@logto/api`, `createManagementApi`): the SDK
 * fetches its token its own way (client credentials in a form body with the resource indicator and scope `all`),
 * lists connectors and factories, reads one connector by id, creates one and updates it, all over real HTTP.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createManagementApi } from '@logto/api/management';
import { startLogtoSandbox, type LogtoSandbox } from '../../src/sources/logto/sandbox/server.js';

let sb: LogtoSandbox;

/** A Management API client configured as Logto documents it for an OSS deployment: base URL and API indicator. */
function sdkClient(clientSecret = sb.clientSecret): ReturnType<typeof createManagementApi>['apiClient'] {
  return createManagementApi('default', { clientId: sb.clientId, clientSecret, baseUrl: sb.origin, apiIndicator: sb.resource }).apiClient;
}

beforeAll(async () => {
  sb = await startLogtoSandbox();
});
afterAll(async () => {
  await sb.close();
});
beforeEach(() => {
  sb.reset();
});

describe('@logto/api against the sandbox', () => {
  it('gets a token for the Management API and lists connectors and factories with it', async () => {
    const client = sdkClient();
    const connectors = await client.GET('/api/connectors');
    expect(connectors.response.status).toBe(200);
    expect(connectors.data?.map((c) => c.id)).toEqual(sb.store.connectors().map((c) => c.id));
    const factories = await client.GET('/api/connector-factories');
    expect(factories.data?.some((f) => f.id === 'github-universal')).toBe(true);
    // One token for both calls (the SDK caches it), asked for with a form body.
    expect(sb.log.entries({ path: '/oidc/token' }).map((e) => [e.mediaType, e.status, e.authorized])).toEqual([
      ['application/x-www-form-urlencoded', 200, true],
    ]);
    expect(sb.log.count({ pathPrefix: '/api/', authorized: true, status: 200 })).toBe(2);
  });

  it('fails to get a token with a wrong secret', async () => {
    await expect(sdkClient('wrong-secret').GET('/api/connectors')).rejects.toThrow(/Failed to fetch access token: 401/);
    expect(sb.log.count({ pathPrefix: '/api/' })).toBe(0);
  });

  it('reads a connector by id', async () => {
    const client = sdkClient();
    const { data, response } = await client.GET('/api/connectors/{id}', { params: { path: { id: 'h2m9c4r7x1ed' } } });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ id: 'h2m9c4r7x1ed', connectorId: 'github-universal', target: 'github', type: 'Social' });
    const missing = await client.GET('/api/connectors/{id}', { params: { path: { id: 'no-such-connector' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ code: 'entity.not_found' });
  });

  it("runs a factory's test message, and answers a provider's refusal with connector.general and its reason", async () => {
    const client = sdkClient();
    const config = {
      apiKey: 'SG.sdk-test-key',
      fromEmail: 'no-reply@example.com',
      templates: [{ usageType: 'Generic', type: 'text/plain', subject: 'Code', content: 'Your code is {{code}}' }],
    };
    const sent = await client.POST('/api/connectors/{factoryId}/test', {
      params: { path: { factoryId: 'sendgrid-email-service' } },
      body: { email: 'someone@example.com', config },
    });
    expect(sent.response.status).toBe(204);
    const refused = await client.POST('/api/connectors/{factoryId}/test', {
      params: { path: { factoryId: 'sendgrid-email-service' } },
      body: { email: 'someone@example.com', config: { ...config, fromEmail: 'fail' } },
    });
    expect(refused.response.status).toBe(400);
    expect(refused.error).toMatchObject({
      code: 'connector.general',
      data: { errorDescription: "the provider rejected the message: 'fromEmail' was refused" },
    });
  });

  it('creates a connector and updates it', async () => {
    const client = sdkClient();
    const created = await client.POST('/api/connectors', {
      body: { connectorId: 'facebook-universal', config: { clientId: '1234567890', clientSecret: 'fb-secret', scope: 'email' } },
    });
    expect(created.response.status).toBe(200);
    const id = created.data?.id ?? '';
    expect(created.data).toMatchObject({ connectorId: 'facebook-universal', target: 'facebook', syncProfile: false });
    const updated = await client.PATCH('/api/connectors/{id}', { params: { path: { id } }, body: { syncProfile: true } });
    expect(updated.response.status).toBe(200);
    expect(updated.data).toMatchObject({ id, syncProfile: true, config: { clientId: '1234567890', clientSecret: 'fb-secret', scope: 'email' } });
    expect(sb.store.connector(id)?.syncProfile).toBe(true);
  });
});
