/** What the sources' live capabilities compare: ConductorOne's connectorStatus (active while a sync runs) and SailPoint's status. */
import { describe, expect, it } from 'vitest';
import { SOURCES } from '../../src/sources/index.js';
import type { ConnectorSource } from '../../src/sources/port.js';

const live = (name: string) => (SOURCES as readonly ConnectorSource[]).find((s) => s.name === name)!.live;

describe('live capabilities', () => {
  it('ConductorOne: the connectorStatus, active while RUNNING', () => {
    const c1 = live('CONDUCTORONE')!;
    const running = { appId: 'a', id: 'c', status: { status: 'SYNC_STATUS_RUNNING', startedAt: '2026-01-01T00:00:00Z' } };
    const done = { appId: 'a', id: 'c', status: { status: 'SYNC_STATUS_DONE', startedAt: '2026-01-01T00:00:00Z', completedAt: '2026-01-01T00:01:00Z' } };
    expect(c1.active(running)).toBe(true);
    expect(c1.active(done)).toBe(false);
    expect(c1.active({ appId: 'a', id: 'c' })).toBe(false);
    expect(c1.status(running)).not.toEqual(c1.status(done));
    // Another field of the connector is not its status.
    expect(c1.status({ ...done, displayName: 'renamed' })).toEqual(c1.status(done));
    expect(c1.status({ appId: 'a', id: 'c' })).toBeNull();
  });

  it('SailPoint: the lifecycle status, never active', () => {
    const sp = live('SAILPOINT')!;
    expect(sp.status({ scriptName: 's', status: 'RELEASED' })).toBe('RELEASED');
    expect(sp.status({ scriptName: 's' })).toBeNull();
    expect(sp.active({ scriptName: 's', status: 'RELEASED' })).toBe(false);
  });

  it('Logto has none (no status to watch)', () => {
    expect(live('LOGTO')).toBeUndefined();
  });
});
