import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { SOURCES } from '../../src/sources/index.js';

describe('loadConfig', () => {
  it('has defaults for everything and leaves unconfigured sources to the sandbox', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', host: '127.0.0.1', port: 4000, introspection: true, uploads: { maxFileSize: 1048576, maxFiles: 4 } });
    expect(config.sources.SAILPOINT!).toEqual({ settings: {}, upstream: expect.any(Object) });
    expect(config.sources.LOGTO!.settings).toEqual({ RESOURCE: 'https://default.logto.app/api' });
    expect(config.sources.SAILPOINT!.upstream).toEqual({
      timeoutMs: 10_000,
      connectTimeoutMs: 5_000,
      deadlineMs: 15_000,
      connections: 32,
      retries: 2,
      retryBaseMs: 100,
      retryMaxMs: 2_000,
      breaker: { failures: 5, halfOpenMs: 10_000 },
      rate: null,
      dedupe: true,
      cacheTtlMs: 30_000,
    });
    expect(config.sources.CONDUCTORONE!.upstream.cacheTtlMs).toBe(2_000);
    expect(config.responseCache).toEqual({ enabled: false, maxBytes: 32 * 1024 * 1024 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('turns introspection off in production unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production', GATEWAY_SANDBOX: 'on' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GATEWAY_SANDBOX: 'on', GATEWAY_INTROSPECTION: 'true' }).introspection).toBe(true);
  });

  it('serves the console outside production unless switched off, and in production only when switched on', () => {
    expect(loadConfig({}).console).toBe(true);
    expect(loadConfig({ GATEWAY_CONSOLE: 'off' }).console).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GATEWAY_SANDBOX: 'on' }).console).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GATEWAY_SANDBOX: 'on', GATEWAY_CONSOLE: 'on' }).console).toBe(true);
    expect(() => loadConfig({ GATEWAY_CONSOLE: 'yes' })).toThrow(/GATEWAY_CONSOLE/);
  });

  it('refuses to start in production with a source whose URL is unset, naming the variable, unless the sandboxes are asked for', () => {
    const tenant = { SAILPOINT_URL: 'https://acme.api.identitynow.com/v3', SAILPOINT_CLIENT_ID: 'id', SAILPOINT_CLIENT_SECRET: 's' };
    const refusal = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('loadConfig accepted it');
    };
    expect(refusal({ NODE_ENV: 'production' })).toMatch(/\bCONDUCTORONE_URL, LOGTO_URL, SAILPOINT_URL are not set\b.*\bGATEWAY_SANDBOX=on\b/);
    const one = refusal({ NODE_ENV: 'production', ...tenant, LOGTO_URL: 'https://t1.logto.app', LOGTO_CLIENT_ID: 'i', LOGTO_CLIENT_SECRET: 's' });
    expect(one).toMatch(/^Invalid configuration: CONDUCTORONE_URL is not set, and NODE_ENV=production never serves/);
    expect(one).not.toMatch(/SAILPOINT_URL|LOGTO_URL/);
    for (const sentence of one.replace(/^Invalid configuration: /, '').split(/(?<=\.) /)) expect(sentence).toMatch(/^[A-Z].*[^.]\.$/);
    // Asked for explicitly: the sandbox, as in development (the gateway logs a warning at start).
    expect(loadConfig({ NODE_ENV: 'production', ...tenant, GATEWAY_SANDBOX: 'on' }).sources.LOGTO!.url).toBeUndefined();
    // Development and test keep the sandboxes by default; GATEWAY_SANDBOX=off refuses them there too.
    expect(loadConfig({ NODE_ENV: 'test' }).sources.SAILPOINT!.url).toBeUndefined();
    expect(refusal({ ...tenant, GATEWAY_SANDBOX: 'off' })).toMatch(/LOGTO_URL.*GATEWAY_SANDBOX=off never serves/);
    expect(() => loadConfig({ GATEWAY_SANDBOX: 'yes' })).toThrow(/GATEWAY_SANDBOX/);
  });

  it('has a shutdown grace time and a readiness max age, each validated', () => {
    expect(loadConfig({})).toMatchObject({ shutdownGraceMs: 10_000, readinessMaxAgeMs: 5_000 });
    expect(loadConfig({ GATEWAY_SHUTDOWN_GRACE_MS: '0', GATEWAY_READINESS_MAX_AGE_MS: '250' })).toMatchObject({ shutdownGraceMs: 0, readinessMaxAgeMs: 250 });
    expect(() => loadConfig({ GATEWAY_SHUTDOWN_GRACE_MS: '-1' })).toThrow(/GATEWAY_SHUTDOWN_GRACE_MS/);
    expect(() => loadConfig({ GATEWAY_READINESS_MAX_AGE_MS: '10' })).toThrow(/GATEWAY_READINESS_MAX_AGE_MS/);
  });

  it('names the bad setting', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ SAILPOINT_URL: 'ftp://x' })).toThrow(/SAILPOINT_URL/);
    expect(() => loadConfig({ UPLOAD_MAX_FILE_SIZE: '0' })).toThrow(ConfigError);
  });

  it('requires credentials with a configured tenant and strips the trailing slash', () => {
    expect(() => loadConfig({ SAILPOINT_URL: 'https://acme.api.identitynow.com/v3' })).toThrow(/SAILPOINT_CLIENT_ID/);
    const config = loadConfig({ SAILPOINT_URL: 'https://acme.api.identitynow.com/v3/', SAILPOINT_CLIENT_ID: 'id', SAILPOINT_CLIENT_SECRET: 's' });
    expect(config.sources.SAILPOINT!).toMatchObject({ url: 'https://acme.api.identitynow.com/v3', clientId: 'id', clientSecret: 's' });
  });

  it("gives a configured SailPoint tenant the vendor's rate, and takes per-source settings over global ones", () => {
    const config = loadConfig({
      SAILPOINT_URL: 'https://acme.api.identitynow.com/v3',
      SAILPOINT_CLIENT_ID: 'id',
      SAILPOINT_CLIENT_SECRET: 's',
      UPSTREAM_RETRIES: '4',
      LOGTO_RETRIES: '0',
      UPSTREAM_BREAKER: '3/500ms',
      CONDUCTORONE_RATE_LIMIT: '60/1m',
    });
    expect(config.sources.SAILPOINT!.upstream).toMatchObject({ rate: { requests: 100, perMs: 10_000 }, retries: 4, breaker: { failures: 3, halfOpenMs: 500 } });
    expect(config.sources.LOGTO!.upstream).toMatchObject({ rate: null, retries: 0 });
    expect(config.sources.CONDUCTORONE!.upstream.rate).toEqual({ requests: 60, perMs: 60_000 });
    expect(
      loadConfig({ SAILPOINT_URL: 'https://a.b/v3', SAILPOINT_CLIENT_ID: 'i', SAILPOINT_CLIENT_SECRET: 's', SAILPOINT_RATE_LIMIT: 'off' }).sources.SAILPOINT!
        .upstream.rate,
    ).toBeNull();
    expect(() => loadConfig({ SAILPOINT_RATE_LIMIT: 'fast' })).toThrow(/SAILPOINT_RATE_LIMIT/);
    expect(() => loadConfig({ UPSTREAM_BREAKER: '0/1s' })).toThrow(/UPSTREAM_BREAKER/);
  });
});

describe('loadConfig over the sources', () => {
  it("reads each source's variables from its name, its own settings included", () => {
    const acme = {
      name: 'ACME',
      connection: {
        defaultRate: { requests: 5, perMs: 1000 },
        cacheTtlMs: 1000,
        settings: { REGION: { kind: 'text' as const }, HOME: { kind: 'url' as const, default: 'https://acme.example' } },
      },
    };
    const config = loadConfig(
      {
        ACME_URL: 'https://api.acme.example/',
        ACME_CLIENT_ID: 'i',
        ACME_CLIENT_SECRET: 's',
        ACME_REGION: 'eu',
        ACME_RETRIES: '1',
        SAILPOINT_TOKEN_URL: 'https://login.example/oauth/token',
      },
      [...SOURCES, acme],
    );
    expect(config.sources.ACME).toMatchObject({ url: 'https://api.acme.example', clientId: 'i', settings: { REGION: 'eu', HOME: 'https://acme.example' } });
    expect(config.sources.ACME!.upstream).toMatchObject({ rate: { requests: 5, perMs: 1000 }, retries: 1 });
    expect(config.sources.SAILPOINT!.settings).toEqual({ TOKEN_URL: 'https://login.example/oauth/token' });
    expect(() => loadConfig({ ACME_URL: 'https://api.acme.example' }, [acme])).toThrow(/ACME_CLIENT_ID is required when ACME_URL is set/);
    expect(() => loadConfig({ ACME_HOME: 'not a url' }, [acme])).toThrow(/ACME_HOME/);
    expect(() => loadConfig({ GATEWAY_API_KEYS: `viewer@acme:${'0'.repeat(64)}` })).toThrow(/GATEWAY_API_KEYS: entry 1/);
    expect(loadConfig({ GATEWAY_API_KEYS: `viewer@acme:${'0'.repeat(64)}` }, [acme]).auth.apiKeys[0]!.role).toEqual({ level: 'viewer', source: 'ACME' });
    // Sources the list leaves out have no variables.
    expect(Object.keys(loadConfig({}, [acme]).sources)).toEqual(['ACME']);
  });
});

describe('the README configuration table', () => {
  it('documents every environment variable the gateway reads', async () => {
    const { readFileSync } = await import('node:fs');
    const { ENV_VARIABLES } = await import('../../src/config/index.js');
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5));
    const rows = table.split('\n').filter((l) => l.startsWith('| `'));
    // `SAILPOINT_…`, `LOGTO_…`, `CONDUCTORONE_…` + the resilience suffixes: one row for the per-source forms.
    const perSource = rows.find((r) => r.includes('`SAILPOINT_…`'))!;
    const missing = ENV_VARIABLES.filter((name) => {
      const m = /^(SAILPOINT|LOGTO|CONDUCTORONE)_(TIMEOUT_MS|CONNECT_TIMEOUT_MS|DEADLINE_MS|CONNECTIONS|RETRIES|BREAKER|RATE_LIMIT|CACHE_TTL_MS)$/.exec(name);
      if (m) return !perSource.includes(`\`${m[2]}\``);
      return !rows.some((r) => r.split('|')[1]!.includes(`\`${name}\``));
    });
    expect(missing).toEqual([]);
    expect(ENV_VARIABLES.length).toBeGreaterThan(40);
  });
});
