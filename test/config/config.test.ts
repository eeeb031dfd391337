import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';

describe('loadConfig', () => {
  it('has defaults for everything and leaves unconfigured sources to the sandbox', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', host: '127.0.0.1', port: 4000, introspection: true, uploads: { maxFileSize: 1048576, maxFiles: 4 } });
    expect(config.sources.sailpoint).toEqual({});
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('turns introspection off in production unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GATEWAY_INTROSPECTION: 'true' }).introspection).toBe(true);
  });

  it('names the bad setting', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ SAILPOINT_URL: 'ftp://x' })).toThrow(/SAILPOINT_URL/);
    expect(() => loadConfig({ UPLOAD_MAX_FILE_SIZE: '0' })).toThrow(ConfigError);
  });

  it('requires credentials with a configured tenant and strips the trailing slash', () => {
    expect(() => loadConfig({ SAILPOINT_URL: 'https://acme.api.identitynow.com/v3' })).toThrow(/SAILPOINT_CLIENT_ID/);
    const config = loadConfig({ SAILPOINT_URL: 'https://acme.api.identitynow.com/v3/', SAILPOINT_CLIENT_ID: 'id', SAILPOINT_CLIENT_SECRET: 's' });
    expect(config.sources.sailpoint).toEqual({ url: 'https://acme.api.identitynow.com/v3', clientId: 'id', clientSecret: 's' });
  });
});
