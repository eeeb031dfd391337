/**
 * Usage reporting to Apollo GraphOS follows the gateway's config (APOLLO_KEY and APOLLO_GRAPH_REF, both), never
 * process.env behind its back. No network: the servers here are only built, or started with reporting off.
 */
import type { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { buildSchema } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import type { GatewayContext } from '../../src/context.js';
import { createLogger } from '../../src/logger.js';
import { createApollo } from '../../src/server/apollo.js';

const schema = buildSchema('type Query { ok: Boolean }');

/** Apollo Server's own view of its plugins and GraphOS settings (internal fields, pinned Apollo Server version). */
interface Internals {
  plugins: (ApolloServerPlugin & { __internal_plugin_id__?: string; __is_disabled_plugin__?: boolean })[];
  apolloConfig: { key?: string; graphRef?: string };
}

async function build(env: Record<string, string>): Promise<{ server: ApolloServer<GatewayContext>; internals: Internals }> {
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  const server = await createApollo(schema, config, createLogger('silent'), {});
  return { server, internals: (server as unknown as { internals: Internals }).internals };
}

/** The usage-reporting plugins installed: 'on', 'off' (the Disabled plugin), or none at all. */
function usageReporting(internals: Internals): string[] {
  return internals.plugins.filter((p) => p.__internal_plugin_id__ === 'UsageReporting').map((p) => (p.__is_disabled_plugin__ ? 'off' : 'on'));
}

describe('Apollo usage reporting', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is on, for the configured graph, when APOLLO_KEY and APOLLO_GRAPH_REF are both set', async () => {
    const { internals } = await build({ APOLLO_KEY: 'service:connector-gateway:test-key', APOLLO_GRAPH_REF: 'connector-gateway@current' });
    expect(usageReporting(internals)).toEqual(['on']);
    expect(internals.apolloConfig).toMatchObject({ key: 'service:connector-gateway:test-key', graphRef: 'connector-gateway@current' });
  });

  it.each([
    ['neither is set', {}],
    ['only APOLLO_KEY is set', { APOLLO_KEY: 'service:connector-gateway:test-key' }],
    ['only APOLLO_GRAPH_REF is set', { APOLLO_GRAPH_REF: 'connector-gateway@current' }],
  ])('is explicitly off when %s', async (_, env) => {
    expect(usageReporting((await build(env)).internals)).toEqual(['off']);
  });

  it('stays off when the variables are in process.env but not in the config (Apollo would otherwise install it)', async () => {
    vi.stubEnv('APOLLO_KEY', 'service:connector-gateway:test-key');
    vi.stubEnv('APOLLO_GRAPH_REF', 'connector-gateway@current');
    const { server, internals } = await build({});
    await server.start();
    try {
      expect(usageReporting(internals)).toEqual(['off']);
    } finally {
      await server.stop();
    }
  });

  it('refuses a malformed APOLLO_GRAPH_REF at start, without repeating the key', () => {
    const load = () => loadConfig({ APOLLO_KEY: 'service:g:very-secret-key', APOLLO_GRAPH_REF: 'no spaces allowed' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/APOLLO_GRAPH_REF/);
    expect(load).not.toThrow(/very-secret-key/);
  });
});
