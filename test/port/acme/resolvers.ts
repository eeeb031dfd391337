/** Acme's resolvers: its root fields and AcmeConnector's reshaped fields (`settings` comes from the port). */
import { encodeGlobalId } from '../../../src/graph/globalId.js';
import type { SourceContext } from '../../../src/sources/port.js';
import { ACME, acme } from './context.js';
import type { AcmeConnectorWire } from './types.js';

export const acmeResolvers = {
  Query: {
    acmeConnectors: async (_root: unknown, _args: unknown, ctx: SourceContext) => (await acme(ctx).loaders.page.load({ offset: 0, limit: 1000 })).items,
  },
  Mutation: {
    createAcmeConnector: (_root: unknown, { name }: { name: string }, ctx: SourceContext) => acme(ctx).client.createConnector(name, ctx.requestId),
  },
  AcmeConnector: {
    id: (c: AcmeConnectorWire) => encodeGlobalId('AcmeConnector', c.acmeId),
    source: () => ACME,
    nativeId: (c: AcmeConnectorWire) => c.acmeId,
    displayName: (c: AcmeConnectorWire) => c.name,
    description: () => null,
    createdAt: () => null,
    updatedAt: () => null,
  },
};
