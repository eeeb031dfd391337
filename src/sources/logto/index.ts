/**
 * The Logto source (Management API sign-in connectors), as the port describes it: its SDL, resolvers, node types
 * and connection, and its part of the cross-source features. The registry lists it; nothing else outside this
 * folder imports it. Internal module.
 */
import { sdlFile } from '../sdl.js';
import type { ConnectorSource } from '../port.js';
import { LogtoClient } from './client.js';
import { logtoReasonOf } from './reasons.js';
import { LOGTO, logto } from './context.js';
import { loginConnectorForms } from './forms.js';
import { deleteLoginConnector, loginConnectorPatchable, logtoTypeOf, walkLoginConnectors } from './graph.js';
import { LOGTO_ID } from './inputs.js';
import { createLogtoLoaders, type LogtoLoaders } from './loaders.js';
import { loginConnectorSettings } from './mappers.js';
import { logtoResolvers } from './resolvers.js';
import { LOGTO_DEFAULT_MANAGEMENT_API_RESOURCE, LOGTO_MANAGEMENT_API_SCOPE, type LogtoConnectorWire } from './types.js';

export const logtoSource = {
  name: LOGTO,
  typeDefs: [sdlFile(import.meta.url, 'logto.graphql')],
  resolvers: logtoResolvers,
  nodeTypes: { LoginConnector: { key: [LOGTO_ID], connector: true } },
  connection: {
    tokenUrl: (api) => `${api.url}/oidc/token`,
    // The Management API is a resource of its own; client-credentials tokens must name it and ask for `all`.
    tokenParams: (settings) => ({ resource: settings.RESOURCE ?? LOGTO_DEFAULT_MANAGEMENT_API_RESOURCE, scope: LOGTO_MANAGEMENT_API_SCOPE }),
    reasonOf: logtoReasonOf,
    defaultRate: null,
    // Responses cached at most this long: a connector changes only when someone changes it.
    cacheTtlMs: 30_000,
    // LOGTO_RESOURCE: the Management API's resource indicator (Logto Cloud: https://<tenant>.logto.app/api).
    settings: { RESOURCE: { kind: 'text', default: LOGTO_DEFAULT_MANAGEMENT_API_RESOURCE } },
    createClient: (http) => new LogtoClient(http),
    probe: (client) => client.listFactories(),
    sandbox: new URL('./sandbox/start.js', import.meta.url),
  },
  typeOf: logtoTypeOf,
  createLoaders: createLogtoLoaders,
  walk: walkLoginConnectors,
  load: (ctx, _type, [id]) => logto(ctx).loaders.connectorById.load(id),
  patchable: loginConnectorPatchable,
  delete: async (ctx, _type, [id]) => {
    await deleteLoginConnector(ctx, id);
  },
  settings: (connector) => loginConnectorSettings(connector as LogtoConnectorWire),
  forms: loginConnectorForms,
} satisfies ConnectorSource<LogtoClient, LogtoLoaders>;
