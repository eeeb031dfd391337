/**
 * Acme, a fourth source that only the port tests register: the folder holds everything (SDL, client, loaders,
 * resolvers, its part of the cross-source features, a sandbox); nothing outside it names Acme.
 */
import { sdlFile } from '../../../src/sources/sdl.js';
import type { ConnectorSource } from '../../../src/sources/port.js';
import { AcmeClient } from './client.js';
import { ACME, acme } from './context.js';
import { acmeForms, acmePatchable, acmeSettings, deleteAcmeConnector, walkAcmeConnectors } from './graph.js';
import { createAcmeLoaders, type AcmeLoaders } from './loaders.js';
import { acmeResolvers } from './resolvers.js';
import type { AcmeConnectorWire } from './types.js';

/** Acme ids: letters, digits and '-'. */
const ACME_ID = { maxLength: 64, pattern: /^[a-z0-9][a-z0-9-]*$/, shape: "lower-case letters, digits and '-'" };

export const acmeSource = {
  name: ACME,
  typeDefs: [sdlFile(import.meta.url, 'acme.graphql')],
  resolvers: acmeResolvers,
  nodeTypes: { AcmeConnector: { key: [ACME_ID], connector: true } },
  connection: {
    tokenUrl: (api) => `${api.origin}/oauth/token`,
    defaultRate: null,
    cacheTtlMs: 30_000,
    createClient: (http) => new AcmeClient(http),
    probe: (client) => client.listConnectors(0, 1),
    sandbox: new URL('./sandbox.js', import.meta.url),
  },
  typeOf: (obj) => ('acmeId' in obj ? 'AcmeConnector' : undefined),
  createLoaders: createAcmeLoaders,
  walk: walkAcmeConnectors,
  load: (ctx, _type, [id]) => acme(ctx).loaders.connectorById.load(id),
  patchable: acmePatchable,
  delete: (ctx, _type, [id]) => deleteAcmeConnector(ctx, id),
  settings: (connector) => acmeSettings(connector as AcmeConnectorWire),
  forms: acmeForms,
} satisfies ConnectorSource<AcmeClient, AcmeLoaders>;
