/** What the unified graph asks of Acme: its part of `connectors`, load, the patchable representation, delete, settings. */
import { isDeepStrictEqual } from 'node:util';
import { BadUserInputError } from '../../../src/errors/classes.js';
import { checkOffset, positionObject } from '../../../src/graph/cursor.js';
import { buildSettings, type Settings } from '../../../src/graph/settings.js';
import type { Patchable, SourceContext, WalkResult, WalkStep } from '../../../src/sources/port.js';
import { acme } from './context.js';
import type { AcmeConnectorWire } from './types.js';

const PAGE = 2;

/** Offset paging, two at a time (so that a page of the cross-source list spans several Acme pages); position `{ o }`. */
export async function walkAcmeConnectors(ctx: SourceContext, want: number, position: unknown, search: string | undefined): Promise<WalkResult> {
  let offset = position === undefined ? 0 : checkOffset(positionObject(position).o);
  const found: WalkStep[] = [];
  for (;;) {
    const page = await acme(ctx).loaders.page.load({ offset, limit: PAGE });
    for (const [i, item] of page.items.entries()) {
      if (search !== undefined && !item.name.toLowerCase().includes(search)) continue;
      found.push({ node: item, position: { o: offset + i + 1 } });
      if (found.length === want) return { found, more: offset + i + 1 < page.total };
    }
    offset += page.items.length;
    if (offset >= page.total || page.items.length === 0) return { found, more: false };
  }
}

/** The representation `patchConnector` patches: `{ name, region, apiToken }`, the token read as null. */
export const acmePatchable: Patchable<AcmeConnectorWire, AcmeConnectorWire> = {
  fields: ['name', 'region', 'apiToken'],
  async read(ctx, _type, [id]) {
    const current = await acme(ctx).loaders.connectorById.clear(id).load(id);
    return { document: { name: current.name, region: current.region, apiToken: null }, stored: current };
  },
  async write(ctx, _type, [id], { read }) {
    const { document: before, after, stored } = read!;
    const changes: Partial<AcmeConnectorWire> = {};
    for (const field of ['name', 'region', 'apiToken'] as const) {
      if (isDeepStrictEqual(after[field], before[field])) continue;
      if (typeof after[field] !== 'string' || after[field] === '')
        throw new BadUserInputError(`After the patch, ${field} must be a non-empty string.`, { argumentName: 'operations' });
      changes[field] = after[field];
    }
    if (Object.keys(changes).length === 0) return stored;
    const { client, loaders } = acme(ctx);
    const updated = await client.updateConnector(id, changes, ctx.requestId);
    loaders.connectorById.clear(id).prime(id, updated);
    return updated;
  },
};

export async function deleteAcmeConnector(ctx: SourceContext, id: string): Promise<void> {
  const { client, loaders } = acme(ctx);
  await client.deleteConnector(id, ctx.requestId);
  loaders.connectorById.clear(id);
  loaders.page.clearAll();
}

export function acmeSettings(connector: AcmeConnectorWire): Settings {
  return buildSettings([
    { section: 'GENERAL', key: 'region', label: 'Region', type: 'Text', required: true, value: connector.region },
    { section: 'GENERAL', key: 'apiToken', label: 'API token', type: 'Text', required: true, value: connector.apiToken },
  ]);
}
