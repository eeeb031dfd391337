/**
 * What the unified graph asks of SailPoint (through the port): its part of the `connectors` list, a script
 * connector by scriptName, its patchable representation, delete and settings. The root mutations of `resolvers.ts` use the same functions. Internal module.
 */
import { isDeepStrictEqual } from 'node:util';
import { BadUserInputError } from '../../errors/classes.js';
import { asSentenceEnd } from '../../errors/reasons.js';
import { GatewayErrorCode } from '../../errors/codes.js';
import { checkOffset, positionObject } from '../../graph/cursor.js';
import { parsePointer, type JsonPatchOperation } from '../../graph/jsonPatch.js';
import type { Settings } from '../../graph/settings.js';
import { connectorLockKey } from '../../graph/writeLocks.js';
import type { Patchable, SourceContext, WalkResult, WalkStep } from '../port.js';
import { isConnectorDetail, type SailPointConnectorDetail } from './client.js';
import { SAILPOINT, sailpoint } from './context.js';
import { checkXml } from './fileChecks.js';
import { toLocale, toPatchOperations } from './inputs.js';
import { nameContainsFilter, scriptConnectorId, settingsFromSourceConfig, type FormTexts, type ScriptConnectorRecord } from './mappers.js';
import { restoreMetadata, shownMetadata } from './metadata.js';
import {
  SAILPOINT_PATCHABLE_FIELDS,
  type SailPointConnectorDetailWire,
  type SailPointJsonPatchOperationWire,
  type SailPointLocale,
  type SailPointPatchableField,
} from './types.js';
import { restoreXml, shownXml, sourceConfigOf } from './xmlFields.js';

type SailPointXmlField = Exclude<SailPointPatchableField, 'connectorMetadata'>;

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

/** Deletes a script connector, holding its write lock (not in the middle of a patch of it); returns its global id. */
export async function deleteScriptConnector(ctx: SourceContext, scriptName: string): Promise<string> {
  const { client, loaders } = sailpoint(ctx);
  await ctx.services.writeLocks.run(connectorLockKey(SAILPOINT, scriptName), () => client.deleteConnector(scriptName, ctx.requestId));
  loaders.connectorByScriptName.clear(scriptName);
  loaders.connectorInLocale.clearAll();
  return scriptConnectorId(scriptName);
}

/** The stored text of each XML field a patch writes. */
const STORED_XML: Readonly<Record<SailPointXmlField, (detail: SailPointConnectorDetailWire) => string | undefined>> = {
  applicationXml: (d) => d.applicationXml,
  correlationConfigXml: (d) => d.correlationConfigXml,
  sourceConfigXml: sourceConfigOf,
};

/** The patchable fields of a detail as reads show them (XML and metadata masked): what a patch applies to. */
function patchableDocument(detail: SailPointConnectorDetailWire, ctx: SourceContext): Partial<Record<SailPointPatchableField, unknown>> {
  const document: Partial<Record<SailPointPatchableField, unknown>> = {};
  for (const field of SAILPOINT_PATCHABLE_FIELDS) {
    const value = detail[field];
    if (value === undefined) continue;
    document[field] = field === 'connectorMetadata' ? shownMetadata(detail.connectorMetadata) : shownXml(value as string | null, field, detail.scriptName, ctx);
  }
  return document;
}

/** The operation that left `place` as it is: the last one that put a value at, above or below it (for a refusal's name). */
function writerOf(operations: readonly JsonPatchOperation[], place: readonly string[]): string {
  for (const [i, { op, path }] of [...operations.entries()].reverse()) {
    if (op === 'test' || op === 'remove') continue;
    const tokens = parsePointer(path) ?? [];
    const n = Math.min(tokens.length, place.length);
    if (tokens.slice(0, n).every((t, k) => t === place[k])) return `operations[${i}]${op === 'copy' || op === 'move' ? '.from' : '.value'}`;
  }
  return 'operations';
}

/** Refuses a field of the patched document, naming the operation that put it there. */
function refused(operations: readonly JsonPatchOperation[], place: readonly string[], problem: string): BadUserInputError {
  const argumentName = writerOf(operations, place);
  const at = argumentName.replace(/\.(value|from)$/, '');
  return new BadUserInputError(`${at}: ${place.join('/').slice(0, 200)} is refused: ${asSentenceEnd(problem)}`, { argumentName });
}

/** What a changed field of the patched document is written as: its stored secrets back where it still shows them as read. */
function writtenValue(
  ctx: SourceContext,
  field: SailPointPatchableField,
  value: unknown,
  stored: SailPointConnectorDetailWire,
  operations: readonly JsonPatchOperation[],
): unknown {
  if (field === 'connectorMetadata') {
    const restored = restoreMetadata(value, stored.connectorMetadata);
    if (!restored.ok) throw refused(operations, [field, ...restored.at], restored.problem);
    return restored.value;
  }
  if (typeof value !== 'string') throw refused(operations, [field], 'it must be a string of XML');
  // A value that an add or replace gave was checked with the operations; one copied or moved from the metadata was not.
  const checked = checkXml(value);
  if (!checked.ok) throw refused(operations, [field], checked.problem);
  const restored = restoreXml(ctx, value, STORED_XML[field](stored));
  if (!restored.ok) throw refused(operations, [field], restored.problem);
  return restored.xml;
}

/**
 * A script connector's JSON Patch. Inside the connector's write lock, the gateway reads the connector (one GET) and
 * applies the patch to its patchable fields as reads show them (XML secrets masked, `connectorMetadata` masked:
 * metadata.ts): a failed `test` is CONFLICT and a result over `config.patch` BAD_USER_INPUT, and nothing is sent.
 * What SailPoint gets is that result, not the operations: each field that changed, replaced whole, with its stored
 * secrets back wherever it still shows them as read at the same place (xmlSecrets.ts, metadata.ts), so a patch
 * can only write what a read of its result shows; nothing is sent when nothing changed. A patch of only `remove`s
 * moves no value and can neither fail a test nor grow the connector: it is sent as it is, without the GET.
 */
export const scriptConnectorPatchable: Patchable<SailPointConnectorDetail, SailPointConnectorDetail> = {
  fields: SAILPOINT_PATCHABLE_FIELDS,
  check: (operations, limits) => toPatchOperations(operations, limits),
  needsRead: (operations) => operations.some((o) => o.op !== 'remove'),
  async read(ctx, _type, [scriptName]) {
    // The connector as it is now, not what this request read before the lock.
    const current = await sailpoint(ctx).loaders.connectorByScriptName.clear(scriptName).load(scriptName);
    return { document: patchableDocument(current, ctx), stored: current };
  },
  async write(ctx, _type, [scriptName], { operations, read }) {
    let wire: SailPointJsonPatchOperationWire[] = operations;
    if (read) {
      const { document: before, after, stored } = read;
      wire = [];
      for (const field of SAILPOINT_PATCHABLE_FIELDS) {
        if (isDeepStrictEqual(after[field], before[field])) continue;
        if (after[field] === undefined) wire.push({ op: 'remove', path: `/${field}` });
        else
          wire.push({
            op: before[field] === undefined ? 'add' : 'replace',
            path: `/${field}`,
            value: writtenValue(ctx, field, after[field], stored, operations),
          });
      }
      if (wire.length === 0) return stored; // nothing changed: nothing to send
    }
    const { client, loaders } = sailpoint(ctx);
    const detail = await client.patchConnector(scriptName, wire, ctx.requestId);
    // Later reads in this request see the patched connector.
    loaders.connectorByScriptName.clear(scriptName).prime(scriptName, detail);
    loaders.connectorInLocale.clearAll();
    return detail;
  },
};

// Each detail's settings, read once however many aliases select them (a detail in another locale is another object).
const settingsOfDetail = new WeakMap<SailPointConnectorDetailWire, Settings>();

/** The connector's detail in `locale`: the detail itself for `en` (SailPoint's default), else one GET with `?locale=`. */
function detailInLocale(connector: ScriptConnectorRecord, ctx: SourceContext, locale: SailPointLocale) {
  if (locale === 'en') return detailOf(connector, ctx);
  return sailpoint(ctx).loaders.connectorInLocale.load({ scriptName: connector.scriptName, locale });
}

/** The texts of a detail's form: the form as SailPoint translated it (`sourceConfig`) and the connector's translations. */
export function formTexts(detail: SailPointConnectorDetailWire, locale: SailPointLocale): FormTexts {
  return { localized: detail.sourceConfig, translations: detail.translationProperties, locale };
}

/** A script connector's settings: the fields of its source configuration form, their texts in `locale` (default `en`). */
export async function scriptConnectorSettings(connector: ScriptConnectorRecord, ctx: SourceContext, locale: string | undefined): Promise<Settings> {
  const checked = toLocale(locale, 'locale');
  const detail = await detailInLocale(connector, ctx, checked);
  const known = settingsOfDetail.get(detail);
  if (known) return known;
  let settings = settingsFromSourceConfig(sourceConfigOf(detail), formTexts(detail, checked));
  if (!settings) {
    ctx.logger.warn(
      { requestId: ctx.requestId, source: SAILPOINT, scriptName: connector.scriptName, code: GatewayErrorCode.UPSTREAM_BAD_RESPONSE },
      'source config is not well-formed XML; no settings shown',
    );
    settings = { valueKind: 'FORM_DEFAULTS', sections: [] };
  }
  settingsOfDetail.set(detail, settings);
  return settings;
}
