/**
 * Resolvers of the Logto source: login connectors, connector factories, and the mutations that change them.
 * Parents are wire objects (codegen mappers); only reshaped fields have a resolver. Internal module.
 */
import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { BadUserInputError, UpstreamError } from '../../errors/classes.js';
import { isNotFound } from '../../errors/notFound.js';
import { mergeObject } from '../../graph/merge.js';
import { connectorLockKey } from '../../graph/writeLocks.js';
import type { SourceContext } from '../port.js';
import { LOGTO, logto } from './context.js';
import { deleteLoginConnector, rememberLoginConnector } from './graph.js';
import { checkConfig, toLogtoId } from './inputs.js';
import { ALL } from './loaders.js';
import { loginConnectorId, loginConnectorType, logtoConnectorType, logtoSecretTest, phrase } from './mappers.js';
import type { LogtoConnectorFactoryWire, LogtoUpdateConnectorWire } from './types.js';

/** The factory of `factoryId`; an unknown one is the caller's mistake (BAD_USER_INPUT naming `argumentName`). */
async function connectorFactoryFor(factoryId: string, argumentName: string, ctx: SourceContext): Promise<LogtoConnectorFactoryWire> {
  try {
    return await logto(ctx).loaders.factoryById.load(factoryId);
  } catch (error) {
    if (isNotFound(error)) throw new BadUserInputError(`There is no Logto connector factory "${factoryId.slice(0, 100)}".`, { argumentName });
    throw error;
  }
}

// Logto codes that mean "the configuration is invalid" rather than "the provider refused the test".
const INVALID_INPUT_CODES = new Set(['connector.invalid_config', 'guard.invalid_input', 'connector.unexpected_type']);

export const logtoResolvers: Resolvers = {
  Query: {
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
      const created = await logto(ctx).client.createConnector(
        {
          connectorId: input.connectorId,
          config,
          ...(input.metadata != null ? { metadata: input.metadata } : {}),
          ...(input.syncProfile != null ? { syncProfile: input.syncProfile } : {}),
          ...(input.id != null ? { id: input.id } : {}),
        },
        ctx.requestId,
      );
      return rememberLoginConnector(ctx, created);
    },

    async updateLoginConnector(_root, { id, input }, ctx) {
      toLogtoId(id, 'id');
      if (input.config == null && input.metadata == null && input.syncProfile == null) {
        throw new BadUserInputError('input changes nothing: give config, metadata or syncProfile.', { argumentName: 'input' });
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
          if (input.metadata != null) body.metadata = mergeObject(current.metadata as Record<string, unknown>, input.metadata);
        }
        if (input.syncProfile != null) body.syncProfile = input.syncProfile;
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
      try {
        await logto(ctx).client.testConnector(factoryId, { config, ...recipient }, ctx.requestId);
        return { ok: true, message: null, problems: [], method: 'SOURCE_TEST' as const };
      } catch (error) {
        // A 400 that is not about the input is the provider refusing the test: a result, not an error.
        if (error instanceof UpstreamError && error.status === 400 && error.vendorCode && !INVALID_INPUT_CODES.has(error.vendorCode)) {
          return { ok: false, message: `The provider refused the test (Logto: ${error.vendorCode}).`, problems: [], method: 'SOURCE_TEST' as const };
        }
        throw error;
      }
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
    // `platform`, `target` and `metadata` are the wire's own fields: no resolver (the jit executor reads them inline;
    // absent reads as null).
    syncProfile: (c) => c.syncProfile,
  },

  ConnectorFactory: {
    type: (f) => loginConnectorType(f.type),
    name: (f) => phrase(f.name) ?? f.id,
    description: (f) => phrase(f.description),
    // `platform`, `target` and `formItems` are the wire's own fields: no resolver.
  },
};
