/**
 * The SailPoint sandbox driven by SailPoint's own TypeScript SDK (`sailpoint-api-client`, the V3 `ConnectorsApi`):
 * the SDK fetches its token its own way (a `multipart/form-data` body), lists connectors, reads one by script name
 * (with a `locale`), creates one and patches it, all over real HTTP. What the SDK sends is read back from the
 * sandbox's request log, so a change in the SDK's habits shows here.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Configuration, ConnectorsApi } from 'sailpoint-api-client';
import { startSailPointSandbox, type SailPointSandbox } from '../../src/sources/sailpoint/sandbox/server.js';

let sb: SailPointSandbox;
let connectors: ConnectorsApi;

/** A V3 connectors client configured the way SailPoint documents it: base URL, client id and secret. */
function sdkClient(clientSecret = sb.clientSecret): ConnectorsApi {
  const config = new Configuration({ baseurl: sb.origin, tokenUrl: `${sb.origin}/oauth/token`, clientId: sb.clientId, clientSecret });
  return new ConnectorsApi(config);
}

beforeAll(async () => {
  sb = await startSailPointSandbox();
  connectors = sdkClient();
  // The SDK asks for its token as soon as it is configured; let that settle before the log is reset.
  await connectors.getConnectorList({ limit: 1 });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(() => {
  sb.reset();
});

describe('sailpoint-api-client against the sandbox', () => {
  it('gets its token with a multipart/form-data body and lists the connectors with it', async () => {
    const client = sdkClient();
    const { status, data } = await client.getConnectorList({ limit: 3, count: true });
    expect(status).toBe(200);
    expect(data.map((c) => c.scriptName)).toEqual(['active-directory', 'openldap', 'servicenow-angularsc']);
    const tokenCalls = sb.log.entries({ path: '/oauth/token' });
    expect(tokenCalls.map((e) => [e.status, e.authorized])).toEqual([[200, true]]);
    expect(tokenCalls[0]!.mediaType).toBe('multipart/form-data');
    expect(sb.log.count({ path: '/v3/connectors', status: 200, authorized: true })).toBe(1);
  });

  it('fails to get a token with a wrong secret', async () => {
    await expect(sdkClient('wrong-secret').getConnectorList({ limit: 1 })).rejects.toThrow();
    expect(sb.log.entries({ path: '/oauth/token' }).map((e) => e.status)).toEqual([401]);
    expect(sb.log.count({ path: '/v3/connectors' })).toBe(0);
  });

  it('reads a connector by script name, honouring the locale and falling back to en', async () => {
    const { data: en } = await connectors.getConnector({ scriptName: 'active-directory' });
    expect(en.scriptName).toBe('active-directory');
    expect(en.sourceConfig).toContain('displayName="Forest Name"');
    const { data: de } = await connectors.getConnector({ scriptName: 'active-directory', locale: 'de' });
    expect(de.sourceConfig).toContain('label="Verbindungseinstellungen"');
    expect(de.sourceConfig).not.toContain('label="Connection Settings"');
    // The SDK's locale enum spells Norwegian 'no' as 'false' (a YAML 1.1 reading of the vendor's document); the
    // vendor answers an unknown locale in English, and so does the sandbox.
    const { data: unknown } = await connectors.getConnector({ scriptName: 'active-directory', locale: 'false' });
    expect(unknown.sourceConfig).toBe(en.sourceConfig);
    expect(de.sourceConfigXml).toBe(en.sourceConfigXml);
  });

  it('creates a connector and patches it', async () => {
    const created = await connectors.createCustomConnector({
      v3CreateConnectorDto: { name: 'SDK Made', className: 'sailpoint.connector.OpenConnectorAdapter', status: 'DEVELOPMENT' },
    });
    expect(created.status).toBe(200);
    expect(created.data).toMatchObject({ name: 'SDK Made', scriptName: 'sdk-made', status: 'DEVELOPMENT' });
    const patched = await connectors.updateConnector({
      scriptName: 'sdk-made',
      jsonPatchOperation: [{ op: 'replace', path: '/connectorMetadata', value: { shortDesc: 'made by the SDK' } }],
    });
    expect(patched.data.connectorMetadata).toEqual({ shortDesc: 'made by the SDK' });
    expect(sb.store.get('sdk-made')?.connectorMetadata).toEqual({ shortDesc: 'made by the SDK' });
    expect(sb.log.entries({ path: '/v3/connectors/sdk-made', method: 'PATCH' }).map((e) => [e.status, e.mediaType])).toEqual([
      [200, 'application/json-patch+json'],
    ]);
  });
});
