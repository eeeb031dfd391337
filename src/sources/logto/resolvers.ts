/**
 * Resolvers of the Logto source: login connectors, connector factories, and the mutations that change them.
 * Parents are wire objects (codegen mappers); only reshaped fields have a resolver. Internal module.
 */
import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { BadUserInputError } from '../../errors/classes.js';
import { nullIfNotFound } from '../../errors/notFound.js';
import { mergeObject } from '../../graph/merge.js';
import { connectorLockKey } from '../../graph/writeLocks.js';
import type { SourceContext } from '../port.js';
import { LOGTO, logto } from './context.js';
import { findFactory, runFactoryTest } from './forms.js';
import { deleteLoginConnector, rememberLoginConnector } from './graph.js';
import { checkConfig, checkMetadata, toLogtoId } from './inputs.js';
import { ALL } from './loaders.js';
import { factoryForm, loginConnectorId, loginConnectorPlatform, loginConnectorType, logtoConnectorType, logtoSecretTest, phrase } from './mappers.js';
import type { LogtoConnectorFactoryWire, LogtoUpdateConnectorWire } from './types.js';

/** The factory of `factoryId`; an unknown one is the caller's mistake (BAD_USER_INPUT naming `argumentName`). */
async function connectorFactoryFor(factoryId: string, argumentName: string, ctx: SourceContext): Promise<LogtoConnectorFactoryWire> {
  const factory = await findFactory(ctx, factoryId);
  if (factory === undefined) throw new BadUserInputError(`There is no Logto connector factory "${factoryId.slice(0, 100)}".`, { argumentName });
  return factory;
}

export const logtoResolvers: Resolvers = {
  Query: {
    loginConnector: (_root, { id }, ctx) => nullIfNotFound(logto(ctx).loaders.connectorById.load(toLogtoId(id, 'id'))),
    connectorFactory: (_root, { id }, ctx) => nullIfNotFound(logto(ctx).loaders.factoryById.load(toLogtoId(id, 'id'))),
    async loginConnectors(_root, { type }, ctx) {
      const connectors = await logto(ctx).loaders.connectorList.load(ALL);
      return type == null ? connectors : connectors.filter((c) => c.type === logtoConnectorType(type));
    },
    async connectorFactories(_root, { type }, ctx) {
      const factories = await logto(ctx).loaders.factoryList.load(ALL);
      return type == null ? factories : factories.filter((f) => f.type === logtoConnectorType(type));
    },
  },

  Mutation: {
    async createLoginConnector(_root, { input }, ctx) {
      toLogtoId(input.connectorId, 'input.connectorId');
      if (input.id != null) toLogtoId(input.id, 'input.id');
      const factory = await connectorFactoryFor(input.connectorId, 'input.connectorId', ctx);
      const config = input.config ?? {};
      checkConfig(factory.formItems, config, 'input.config');
      if (input.metadata != null) checkMetadata(input.metadata, 'input.metadata');
      const created = await logto(ctx).client.createConnector(
        {
          connectorId: input.connectorId,
          config,
          ...(input.metadata != null ? { metadata: input.metadata } : {}),
          ...(input.syncProfile != null ? { syncProfile: input.syncProfile } : {}),
          ...(input.id != null ? { id: input.id } : {}),
          ...(input.enableTokenStorage != null ? { enableTokenStorage: input.enableTokenStorage } : {}),
        },
        ctx.requestId,
      );
      return rememberLoginConnector(ctx, created);
    },

    async updateLoginConnector(_root, { id, input }, ctx) {
      toLogtoId(id, 'id');
      if (input.config == null && input.metadata == null && input.syncProfile == null && input.enableTokenStorage == null) {
        throw new BadUserInputError('input changes nothing: give config, metadata, syncProfile or enableTokenStorage.', { argumentName: 'input' });
      }
      // Read, merge and write holding the connector's write lock, as a patch does: neither overwrites the other.
      return ctx.services.writeLocks.run(connectorLockKey(LOGTO, id), async () => {
        const body: LogtoUpdateConnectorWire = {};
        if (input.config != null || input.metadata != null) {
          // Logto replaces config and metadata whole: merge the given keys onto what is stored now (not what this
          // request read before the lock).
          const current = await logto(ctx).loaders.connectorById.clear(id).load(id);
          if (input.config != null) {
            body.config = mergeObject(current.config, input.config, logtoSecretTest(current.formItems));
            checkConfig(current.formItems, body.config, 'input.config');
          }
          if (input.metadata != null) {
            body.metadata = mergeObject(current.metadata as Record<string, unknown>, input.metadata);
            checkMetadata(body.metadata as Record<string, unknown>, 'input.metadata');
          }
        }
        if (input.syncProfile != null) body.syncProfile = input.syncProfile;
        if (input.enableTokenStorage != null) body.enableTokenStorage = input.enableTokenStorage;
        return rememberLoginConnector(ctx, await logto(ctx).client.updateConnector(id, body, ctx.requestId));
      });
    },

    deleteLoginConnector: (_root, { id }, ctx) => deleteLoginConnector(ctx, toLogtoId(id, 'id')),

    async testLoginConnector(_root, { factoryId, config, email, phone }, ctx) {
      toLogtoId(factoryId, 'factoryId');
      const factory = await connectorFactoryFor(factoryId, 'factoryId', ctx);
      if (factory.type === 'Social') throw new BadUserInputError('Logto tests email and SMS factories only.', { argumentName: 'factoryId' });
      let recipient: { email: string } | { phone: string };
      if (factory.type === 'Email') {
        if (!email) throw new BadUserInputError('An email factory is tested by sending to `email`.', { argumentName: 'email' });
        recipient = { email };
      } else {
        if (!phone) throw new BadUserInputError('An SMS factory is tested by sending to `phone`.', { argumentName: 'phone' });
        recipient = { phone };
      }
      if (phone != null && !/^\d{4,20}$/.test(phone)) throw new BadUserInputError('phone must be digits only (country code first).', { argumentName: 'phone' });
      checkConfig(factory.formItems, config, 'config');
      // The same test as testNewConnector's (forms.ts), after this mutation's own argument checks.
      return runFactoryTest(ctx, factory, config, recipient);
    },
  },

  LoginConnector: {
    id: (c) => loginConnectorId(c.id),
    source: () => LOGTO,
    nativeId: (c) => c.id,
    displayName: (c) => phrase(c.name) ?? c.id,
    description: (c) => phrase(c.description),
    // `settings` comes from the port (index.ts).
    factory: (c, _args, ctx) => logto(ctx).loaders.factoryById.load(c.connectorId),
    type: (c) => loginConnectorType(c.type),
    platform: (c) => loginConnectorPlatform(c.platform),
    // `target` and `metadata` are the wire's own fields: no resolver (the jit executor reads them inline; absent
    // reads as null).
    syncProfile: (c) => c.syncProfile,
    enableTokenStorage: (c) => c.enableTokenStorage,
  },

  ConnectorFactory: {
    type: (f) => loginConnectorType(f.type),
    name: (f) => phrase(f.name) ?? f.id,
    description: (f) => phrase(f.description),
    platform: (f) => loginConnectorPlatform(f.platform),
    form: (f) => factoryForm(f),
    isStandard: (f) => f.isStandard === true,
    isTokenStorageSupported: (f) => f.isTokenStorageSupported === true,
    // `target` and `formItems` are the wire's own fields: no resolver.
  },
};
