/**
 * The ConductorOne source (app connectors that sync objects into an App), as the port describes it: its SDL,
 * resolvers, node types and connection, and its part of the cross-source features. The registry lists it; nothing
 * else outside this folder imports it. Internal module.
 */
import { sdlFile } from '../sdl.js';
import type { ConnectorSource } from '../port.js';
import { ConductorOneClient } from './client.js';
import { conductorOneReasonOf } from './reasons.js';
import { CONDUCTORONE } from './context.js';
import { appConnectorPatchable, conductoroneTypeOf, connectorKeyOf, deleteAppConnector, loadAppNode, walkAppConnectors } from './graph.js';
import { appConnectorForms } from './forms.js';
import { appConnectorLive } from './live.js';
import { C1_ID } from './inputs.js';
import { createConductorOneLoaders, type ConductorOneLoaders } from './loaders.js';
import { appConnectorSettings } from './mappers.js';
import { conductoroneResolvers } from './resolvers.js';
import type { C1ConnectorWire } from './types.js';

export const conductoroneSource = {
  name: CONDUCTORONE,
  typeDefs: [sdlFile(import.meta.url, 'conductorone.graphql')],
  resolvers: conductoroneResolvers,
  nodeTypes: {
    AppConnector: { key: [C1_ID, C1_ID], connector: true },
    App: { key: [C1_ID], connector: false },
  },
  connection: {
    // Client id and secret in the form body, as ConductorOne's API documents (its SDKs sign a JWT instead).
    tokenUrl: (api) => `${api.url}/auth/v1/token`,
    reasonOf: conductorOneReasonOf,
    defaultRate: null,
    // Responses cached at most this long: sync status moves on its own.
    cacheTtlMs: 2_000,
    createClient: (http) => new ConductorOneClient(http),
    // Any app id answers: a search for none still proves the token and the API.
    probe: (client) => client.searchAppsByIds([]),
    sandbox: new URL('./sandbox/start.js', import.meta.url),
  },
  typeOf: conductoroneTypeOf,
  createLoaders: createConductorOneLoaders,
  walk: walkAppConnectors,
  load: loadAppNode,
  patchable: appConnectorPatchable,
  delete: async (ctx, _type, key) => {
    const { appId, id } = connectorKeyOf(key);
    await deleteAppConnector(ctx, appId, id);
  },
  settings: (connector) => appConnectorSettings((connector as C1ConnectorWire).config),
  forms: appConnectorForms,
  live: appConnectorLive,
} satisfies ConnectorSource<ConductorOneClient, ConductorOneLoaders>;
