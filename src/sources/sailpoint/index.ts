/**
 * The SailPoint source (Identity Security Cloud v3 custom script connectors), as the port describes it: its SDL,
 * resolvers, node types and connection, and its part of the cross-source features. The registry lists it; nothing
 * else outside this folder imports it. Internal module.
 */
import { sdlFile } from '../sdl.js';
import type { ConnectorSource } from '../port.js';
import { SailPointClient } from './client.js';
import { sailpointReasonOf } from './reasons.js';
import { SAILPOINT, sailpoint } from './context.js';
import { deleteScriptConnector, sailpointTypeOf, scriptConnectorPatchable, scriptConnectorSettings, walkScriptConnectors } from './graph.js';
import { scriptConnectorForms } from './forms.js';
import { scriptConnectorLive } from './live.js';
import { SCRIPT_NAME } from './inputs.js';
import { createSailPointLoaders, type SailPointLoaders } from './loaders.js';
import type { ScriptConnectorRecord } from './mappers.js';
import { sailpointResolvers } from './resolvers.js';

export const sailpointSource = {
  name: SAILPOINT,
  typeDefs: [sdlFile(import.meta.url, 'sailpoint.graphql')],
  resolvers: sailpointResolvers,
  nodeTypes: { ScriptConnector: { key: [SCRIPT_NAME], connector: true } },
  connection: {
    // SailPoint's token endpoint sits at the tenant's API origin, beside /v3, unless SAILPOINT_TOKEN_URL says otherwise.
    tokenUrl: (api, settings) => settings.TOKEN_URL ?? `${api.origin}/oauth/token`,
    reasonOf: sailpointReasonOf,
    // 100 requests per 10 s, per token (the gateway uses one).
    defaultRate: { requests: 100, perMs: 10_000 },
    // Responses cached at most this long: a connector changes only when someone changes it.
    cacheTtlMs: 30_000,
    settings: { TOKEN_URL: { kind: 'url' } },
    createClient: (http) => new SailPointClient(http),
    probe: (client) => client.listConnectors({ limit: 1, offset: 0 }),
    sandbox: new URL('./sandbox/start.js', import.meta.url),
  },
  typeOf: sailpointTypeOf,
  createLoaders: createSailPointLoaders,
  walk: walkScriptConnectors,
  load: (ctx, _type, [scriptName]) => sailpoint(ctx).loaders.connectorByScriptName.load(scriptName),
  patchable: scriptConnectorPatchable,
  delete: async (ctx, _type, [scriptName]) => {
    await deleteScriptConnector(ctx, scriptName);
  },
  settings: (connector, ctx, { locale }) => scriptConnectorSettings(connector as ScriptConnectorRecord, ctx, locale),
  forms: scriptConnectorForms,
  live: scriptConnectorLive,
} satisfies ConnectorSource<SailPointClient, SailPointLoaders>;
