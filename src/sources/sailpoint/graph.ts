/**
 * What the unified graph asks of SailPoint (through the port): its part of the `connectors` list, a script
 * connector by scriptName, its patchable representation (SailPoint applies JSON Patch itself), delete and
 * settings. The root mutations of `resolvers.ts` use the same functions. Internal module.
 */
import { GatewayErrorCode } from '../../errors/codes.js';
import { checkOffset, positionObject } from '../../graph/cursor.js';
import type { Settings } from '../../graph/settings.js';
import type { Patchable, SourceContext, WalkResult, WalkStep } from '../port.js';
import { isConnectorDetail, type SailPointConnectorDetail } from './client.js';
import { SAILPOINT, sailpoint } from './context.js';
import { toPatchOperations } from './inputs.js';
import { nameContainsFilter, scriptConnectorId, settingsFromSourceConfig, type ScriptConnectorRecord } from './mappers.js';
import { SAILPOINT_PATCHABLE_FIELDS, type SailPointConnectorDetailWire, type SailPointPatchableField } from './types.js';
import { restorePatchSecrets, shownDetail, sourceConfigOf } from './xmlFields.js';

/** SailPoint's page size limit. */
export const SAILPOINT_MAX_PAGE = 250;

/** The type of an object this source's resolvers return: a script connector has a `scriptName`. */
export function sailpointTypeOf(obj: object): string | undefined {
  return 'scriptName' in obj ? 'ScriptConnector' : undefined;
}

/** The connector's detail: the parent itself when it is one, else one GET per connector and request. */
export function detailOf(connector: ScriptConnectorRecord, ctx: SourceContext): Promise<SailPointConnectorDetail> | SailPointConnectorDetail {
  if (isConnectorDetail(connector)) return connector;
  return sailpoint(ctx).loaders.connectorByScriptName.load(connector.scriptName);
}

/**
 * SailPoint's part of `connectors`: offset paging (position `{ o }`, the offset after the connector); the search is
 * pushed down as `name co "…"` (quotes and backslashes escaped).
 */
export async function walkScriptConnectors(ctx: SourceContext, want: number, position: unknown, search: string | undefined): Promise<WalkResult> {
  let offset = position === undefined ? 0 : checkOffset(positionObject(position).o);
  const filters = search === undefined ? undefined : nameContainsFilter(search);
  const { loaders } = sailpoint(ctx);
  const found: WalkStep[] = [];
  for (;;) {
    const limit = Math.min(SAILPOINT_MAX_PAGE, want - found.length);
    const page = await loaders.connectorPageByParams.load({ limit, offset, filters });
    for (const [i, item] of page.items.entries()) {
      found.push({ node: item, position: { o: offset + i + 1 } });
      if (found.length === want) {
        const after = offset + i + 1;
        return { found, more: page.total !== undefined ? after < page.total : true };
      }
    }
    offset += page.items.length;
    const end = page.total !== undefined ? offset >= page.total : page.items.length < limit;
    if (end || page.items.length === 0) return { found, more: false };
  }
}

/** Deletes a script connector; returns its global id. */
export async function deleteScriptConnector(ctx: SourceContext, scriptName: string): Promise<string> {
  const { client, loaders } = sailpoint(ctx);
  await client.deleteConnector(scriptName, ctx.requestId);
  loaders.connectorByScriptName.clear(scriptName);
  return scriptConnectorId(scriptName);
}

/** The part of a detail that SailPoint's patch changes: what the gateway checks a patch against. */
function patchableDocument(detail: SailPointConnectorDetailWire): Partial<Record<SailPointPatchableField, unknown>> {
  const document: Partial<Record<SailPointPatchableField, unknown>> = {};
  for (const field of SAILPOINT_PATCHABLE_FIELDS) if (detail[field] !== undefined) document[field] = detail[field];
  return document;
}

/**
 * A script connector's JSON Patch. SailPoint applies the patch itself, but the gateway first applies it to the
 * current connector as reads show it (XML secrets masked; one GET), inside the connector's write lock: a failed
 * `test` is CONFLICT and a result over `config.patch` BAD_USER_INPUT, and nothing is sent. Then masked XML values
 * sent back get their stored secrets again (xmlFields.ts) and the operations go to SailPoint. A patch of only
 * `remove`s can neither fail a test nor grow the connector: it is sent without the GET.
 */
export const scriptConnectorPatchable: Patchable<SailPointConnectorDetail, SailPointConnectorDetail> = {
  fields: SAILPOINT_PATCHABLE_FIELDS,
  check: (operations, limits) => toPatchOperations(operations, limits),
  needsRead: (operations) => operations.some((o) => o.op !== 'remove'),
  async read(ctx, _type, [scriptName]) {
    // The connector as it is now, not what this request read before the lock.
    const current = await sailpoint(ctx).loaders.connectorByScriptName.clear(scriptName).load(scriptName);
    return { document: patchableDocument(shownDetail(current, ctx)), stored: current };
  },
  async write(ctx, _type, [scriptName], { operations, read }) {
    const wire = operations as ReturnType<typeof toPatchOperations>;
    if (read) restorePatchSecrets(wire, read.stored);
    const { client, loaders } = sailpoint(ctx);
    const detail = await client.patchConnector(scriptName, wire, ctx.requestId);
    // Later reads in this request see the patched connector.
    loaders.connectorByScriptName.clear(scriptName).prime(scriptName, detail);
    return detail;
  },
};

/** A script connector's settings: the fields of its source configuration form (the detail's). */
export async function scriptConnectorSettings(connector: ScriptConnectorRecord, ctx: SourceContext): Promise<Settings> {
  const detail = await detailOf(connector, ctx);
  const settings = settingsFromSourceConfig(sourceConfigOf(detail));
  if (settings) return settings;
  ctx.logger.warn({ requestId: ctx.requestId, source: SAILPOINT, scriptName: connector.scriptName, code: GatewayErrorCode.UPSTREAM_BAD_RESPONSE }, 'source config is not well-formed XML; no settings shown');
  return { sections: [] };
}
