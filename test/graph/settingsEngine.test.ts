/**
 * The settings engine (src/graph/settingsEngine.ts) over a source of this test's own (no HTTP: its forms and patchable
 * representation are in memory), for what the Acme tests cannot make a source do: a source that forgets to mark a
 * secret operation, or whose test echoes a secret, still answers with no secret; a source without forms, a change
 * over the patch bounds, an id that is no connector, a bad template id; the write runs inside the write lock.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../../src/context.js';
import { fullAccess, permissionsOf } from '../../src/auth/roles.js';
import { GatewayError } from '../../src/errors/classes.js';
import { encodeGlobalId } from '../../src/graph/globalId.js';
import { DEFAULT_PATCH_LIMITS } from '../../src/graph/jsonPatch.js';
import { testConnector, testNewConnector, updateConnectorSettings } from '../../src/graph/settingsEngine.js';
import { LocalWriteLocks } from '../../src/graph/writeLocks.js';
import type { ConnectorSource, PatchChange, SettingsForms } from '../../src/sources/port.js';
import { SourceList } from '../../src/sources/sourceList.js';

interface Stored {
  host: string;
  password: string;
}

const RULE = { maxLength: 20, pattern: /^[a-z0-9]+$/, shape: 'letters and digits' };

/** A source whose forms plan the password in the clear, unmarked, and whose test echoes it. */
function leakySource(store: Map<string, Stored>, writes: PatchChange<Stored>[], held: { now: boolean; runs: number }, withForms = true): ConnectorSource {
  const forms: SettingsForms<Stored> = {
    valueKind: 'STORED',
    fields: (read) => [
      { section: 'GENERAL', key: 'host', label: 'Host', type: 'Text', required: true, value: read.stored.host },
      { section: 'GENERAL', key: 'password', label: 'Password', type: 'Text', required: true, isSet: read.stored.password !== '' },
      { section: 'GENERAL', key: 'blob', label: 'Blob', type: 'Json' },
    ],
    // The password unmarked, and inside another value too: the engine must hide both.
    operations: (_read, values) =>
      [...values].map(([key, value]) => ({ operation: { op: 'replace' as const, path: `/${key === 'password' ? 'password' : key}`, value } })),
    templateFields: (_ctx, id) =>
      Promise.resolve(id === 'basic' ? [{ section: 'GENERAL' as const, key: 'password', type: 'Text', required: true }] : undefined),
    test: (_ctx, _subject, values) =>
      Promise.resolve({
        ok: false,
        message: `Login with ${String(values.get('password'))} failed.`,
        problems: [{ key: 'password', code: 'INVALID' as const, message: `${String(values.get('password'))} is wrong` }],
        method: 'SOURCE_TEST' as const,
      }),
  };
  return {
    name: 'LEAKY',
    typeDefs: [],
    resolvers: {},
    nodeTypes: { LeakyConnector: { key: [RULE], connector: true }, LeakyThing: { key: [RULE], connector: false } },
    connection: {} as ConnectorSource['connection'],
    typeOf: () => undefined,
    createLoaders: () => ({}),
    walk: () => Promise.resolve({ found: [], more: false }),
    load: (_ctx, _type, [id]) => Promise.resolve({ id, ...store.get(id) }),
    delete: () => Promise.resolve(),
    settings: () => ({ valueKind: 'STORED', sections: [] }),
    patchable: {
      fields: ['host', 'password', 'blob'],
      read: (_ctx, _type, [id]) => {
        const stored = store.get(id)!;
        return Promise.resolve({ document: { host: stored.host, password: null, blob: null }, stored });
      },
      write: (_ctx, _type, [id], change: PatchChange<Stored>) => {
        expect(held.now).toBe(true);
        writes.push(change);
        return Promise.resolve({ id, written: true });
      },
    },
    ...(withForms ? { forms: forms } : {}),
  };
}

function contextFor(source: ConnectorSource, held: { now: boolean; runs: number }, permissions = fullAccess([source.name])): GatewayContext {
  const locks = new LocalWriteLocks();
  return {
    requestId: 'r1',
    caller: { kind: 'api-key', subject: 'test', permissions },
    logger: pino({ level: 'silent' }),
    services: {
      config: { patch: { ...DEFAULT_PATCH_LIMITS, maxBytes: 2000 } },
      sources: new SourceList([source]),
      writeLocks: {
        run: <T>(key: string, fn: () => Promise<T>) =>
          locks.run(key, async () => {
            held.runs += 1;
            held.now = true;
            try {
              return await fn();
            } finally {
              held.now = false;
            }
          }),
      },
    },
    sources: { get: () => ({ client: undefined, loaders: {} }) },
    partialErrors: [],
  } as unknown as GatewayContext;
}

const SECRET = 'hunter2-very-secret';
const id = encodeGlobalId('LeakyConnector', 'c1');

function setup(withForms = true) {
  const store = new Map([['c1', { host: 'db.example', password: 'stored-password' }]]);
  const writes: PatchChange<Stored>[] = [];
  const held = { now: false, runs: 0 };
  const source = leakySource(store, writes, held, withForms);
  return { store, writes, held, source, ctx: contextFor(source, held) };
}

async function refusal(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return { message: (error as GatewayError).message, ...(error as GatewayError).extensions };
}

describe('updateConnectorSettings', () => {
  it('hides a secret the source did not mark, in its own operation and inside another value; writes inside the lock', async () => {
    const { ctx, writes } = setup();
    const result = await updateConnectorSettings(
      ctx,
      id,
      [
        { key: 'password', value: SECRET },
        { key: 'blob', value: { note: `copy of ${SECRET}` } },
      ],
      false,
    );
    expect(result).toMatchObject({ ok: true, dryRun: false, problems: [], connector: { id: 'c1', written: true } });
    expect(result.changes).toEqual([
      { op: 'replace', path: '/password', value: null, secret: true },
      { op: 'replace', path: '/blob', value: null, secret: true },
    ]);
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.read!.after).toEqual({ host: 'db.example', password: SECRET, blob: { note: `copy of ${SECRET}` } });
  });

  it('a dry run plans and applies but does not write, and takes no lock', async () => {
    const { ctx, writes, held } = setup();
    const result = await updateConnectorSettings(ctx, id, [{ key: 'host', value: 'db2.example' }], true);
    expect(result).toEqual({
      ok: true,
      dryRun: true,
      problems: [],
      fields: [{ key: 'host', locked: false, status: 'CHANGED' }],
      changes: [{ op: 'replace', path: '/host', value: 'db2.example', secret: false }],
      connector: null,
    });
    expect(writes).toHaveLength(0);
    expect(held.runs).toBe(0);
    await updateConnectorSettings(ctx, id, [{ key: 'host', value: 'db2.example' }], false);
    expect(held.runs).toBe(1);
    expect(writes).toHaveLength(1);
  });

  it('nothing to change: no write, the connector loaded', async () => {
    const { ctx, writes } = setup();
    const result = await updateConnectorSettings(ctx, id, [{ key: 'host', value: 'db.example' }], false);
    expect(result).toMatchObject({ ok: true, changes: [], connector: { id: 'c1', host: 'db.example' } });
    expect(writes).toHaveLength(0);
  });

  it('a change over the patch bounds is BAD_USER_INPUT naming values, and nothing is written', async () => {
    const { ctx, writes } = setup();
    expect(await refusal(updateConnectorSettings(ctx, id, [{ key: 'blob', value: 'x'.repeat(5000) }], false))).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'values',
      message: expect.stringMatching(/^The change these values make cannot be applied: /),
    });
    expect(writes).toHaveLength(0);
  });

  it('refuses a source without forms, an id that is no connector, and a caller who may not change the source', async () => {
    expect(await refusal(updateConnectorSettings(setup(false).ctx, id, [], true))).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'id',
      message: 'LEAKY connectors have no writable settings.',
    });
    const { ctx, source, held } = setup();
    expect(await refusal(updateConnectorSettings(ctx, encodeGlobalId('LeakyThing', 'c1'), [], true))).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'id',
    });
    const viewer = contextFor(source, held, permissionsOf([{ level: 'viewer' }], ['LEAKY']));
    expect(await refusal(updateConnectorSettings(viewer, id, [], true))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(testConnector(viewer, id, []))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(testNewConnector(viewer, 'LEAKY', 'basic', []))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('testConnector and testNewConnector', () => {
  it("a source's answer that echoes a given secret reaches the caller masked", async () => {
    const { ctx } = setup();
    const outcome = await testConnector(ctx, id, [{ key: 'password', value: SECRET }]);
    expect(outcome).toEqual({
      ok: false,
      message: 'Login with ******** failed.',
      problems: [{ key: 'password', code: 'INVALID', message: '******** is wrong' }],
      method: 'SOURCE_TEST',
    });
    const fresh = await testNewConnector(ctx, 'LEAKY', 'basic', [{ key: 'password', value: SECRET }], { email: null });
    expect(JSON.stringify(fresh)).not.toContain(SECRET);
  });

  it('testNewConnector: an empty or long template id is BAD_USER_INPUT, an unknown one NOT_FOUND', async () => {
    const { ctx } = setup();
    expect(await refusal(testNewConnector(ctx, 'LEAKY', '', []))).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'templateId' });
    expect(await refusal(testNewConnector(ctx, 'LEAKY', 'x'.repeat(201), []))).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'templateId' });
    expect(await refusal(testNewConnector(ctx, 'LEAKY', '__proto__', []))).toMatchObject({
      code: 'NOT_FOUND',
      source: 'LEAKY',
      message: 'LEAKY has no template "__proto__".',
    });
    expect(await refusal(testNewConnector(setup(false).ctx, 'LEAKY', 'basic', []))).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'source' });
  });
});
