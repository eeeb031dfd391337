/**
 * Resolvers of the SailPoint source: script connectors, their files, and the mutations that change them.
 * Parents are wire objects (codegen mappers); only reshaped fields have a resolver. Internal module.
 */
import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import type { Resolvers, ScriptConnectorFileKind } from '../../__generated__/resolvers-types.js';
import type { GatewayContext } from '../../context.js';
import { BadUserInputError } from '../../errors/classes.js';
import { GatewayErrorCode } from '../../errors/codes.js';
import { checkPageSize, decodeCursor, encodeCursor, malformedCursor } from '../../graph/cursor.js';
import { applyJsonPatch } from '../../graph/jsonPatch.js';
import { connectorLockKey } from '../../graph/writeLocks.js';
import { nullIfNotFound } from '../../errors/notFound.js';
import { withUpload } from '../../graph/uploads.js';
import { isDetail, type SailPointXmlFilePath } from './client.js';
import { checkProperties, checkXml, decodeUtf8, type CheckResult } from './fileChecks.js';
import { toCreateConnectorWire, toLocale, toPatchOperations, toScriptName, type JsonPatchOperationArgs } from './inputs.js';
import { scriptConnectorDescription, scriptConnectorId, settingsFromSourceConfig, type ScriptConnectorRecord } from './mappers.js';
import { restorePatchSecrets, restoreUploadSecrets, shownDetail, shownXml, sourceConfigOf } from './xmlFields.js';
import { SAILPOINT_PATCHABLE_FIELDS, type SailPointConnectorDetailWire, type SailPointPatchableField } from './types.js';

/** SailPoint's page size limit. */
export const SAILPOINT_MAX_PAGE = 250;
const CURSOR_KIND = 'sp';

/** The connector's detail: the parent itself when it is one, else one GET per connector and request. */
function detailOf(connector: ScriptConnectorRecord, ctx: GatewayContext): Promise<SailPointConnectorDetailWire> | SailPointConnectorDetailWire {
  if (isDetail(connector)) return connector;
  return ctx.loaders.sailpoint.connectorByScriptName.load(connector.scriptName!);
}

/** Reads an XML field of the detail, secrets masked, fetching the detail only when the parent is a list item. */
function detailXml(field: string, read: (detail: SailPointConnectorDetailWire) => string | undefined) {
  return async (connector: ScriptConnectorRecord, _args: unknown, ctx: GatewayContext) => shownXml(read(await detailOf(connector, ctx)), field, connector.scriptName, ctx);
}

/** The file endpoint and the check of each upload kind. */
const FILE_KINDS: Record<ScriptConnectorFileKind, { path: SailPointXmlFilePath | 'translations'; check: (text: string) => CheckResult; ext: string; mime: string }> = {
  SOURCE_CONFIG: { path: 'source-config', check: checkXml, ext: 'xml', mime: 'application/xml' },
  CORRELATION_CONFIG: { path: 'correlation-config', check: checkXml, ext: 'xml', mime: 'application/xml' },
  SOURCE_TEMPLATE: { path: 'source-template', check: checkXml, ext: 'xml', mime: 'application/xml' },
  TRANSLATIONS: { path: 'translations', check: checkProperties, ext: 'properties', mime: 'text/plain; charset=utf-8' },
};

/** A file name safe to forward: the client's base name, or one derived from the kind. */
function forwardedFilename(upload: FileUpload, scriptName: string, ext: string): string {
  const base = (upload.filename ?? '').split(/[\\/]/).pop()?.replace(/[^\w.-]/g, '_') ?? '';
  return base !== '' && base !== '.' && base !== '..' ? base : `${scriptName}.${ext}`;
}

/** Deletes a script connector; returns its global id. */
export async function deleteScript(ctx: GatewayContext, scriptName: string): Promise<string> {
  await ctx.services.sailpoint.deleteConnector(scriptName, ctx.requestId);
  ctx.loaders.sailpoint.connectorByScriptName.clear(scriptName);
  return scriptConnectorId(scriptName);
}

/** The part of a detail that SailPoint's patch changes: what the gateway checks a patch against. */
function patchableDocument(detail: SailPointConnectorDetailWire): Partial<Record<SailPointPatchableField, unknown>> {
  const document: Partial<Record<SailPointPatchableField, unknown>> = {};
  for (const field of SAILPOINT_PATCHABLE_FIELDS) if (detail[field] !== undefined) document[field] = detail[field];
  return document;
}

/**
 * Checks and sends a JSON Patch to a script connector; returns the patched detail. SailPoint applies the patch
 * itself, but the gateway first applies it to the current connector (one GET), holding the connector's write lock
 * until SailPoint answers: a failed `test` is CONFLICT and a result over `config.patch` BAD_USER_INPUT, and nothing
 * is sent. A patch of only `remove`s can neither fail a test nor grow the connector: it is sent without the GET.
 */
export async function patchScript(ctx: GatewayContext, scriptName: string, operations: readonly JsonPatchOperationArgs[]): Promise<SailPointConnectorDetailWire> {
  const limits = ctx.services.config.patch;
  const wire = toPatchOperations(operations, limits);
  return ctx.services.writeLocks.run(connectorLockKey('SAILPOINT', scriptName), async () => {
    if (wire.some((o) => o.op !== 'remove')) {
      // The connector as it is now, not what this request read before the lock.
      const current = await ctx.loaders.sailpoint.connectorByScriptName.clear(scriptName).load(scriptName);
      // Checked against the connector as reads show it (XML secrets masked); then masked XML values sent back get
      // their stored secrets again (xmlFields.ts).
      applyJsonPatch(patchableDocument(shownDetail(current, ctx)), wire, limits);
      restorePatchSecrets(wire, current);
    }
    const detail = await ctx.services.sailpoint.patchConnector(scriptName, wire, ctx.requestId);
    // Later reads in this request see the patched connector.
    ctx.loaders.sailpoint.connectorByScriptName.clear(scriptName).prime(scriptName, detail);
    return detail;
  });
}

export const sailpointResolvers: Resolvers = {
  Query: {
    scriptConnector: (_root, { scriptName }, ctx) => nullIfNotFound(ctx.loaders.sailpoint.connectorByScriptName.load(toScriptName(scriptName))),

    async scriptConnectors(_root, { filters, first, after }, ctx) {
      const limit = checkPageSize(first, 50, SAILPOINT_MAX_PAGE);
      const offset = after == null ? 0 : cursorOffset(after);
      const page = await ctx.loaders.sailpoint.connectorPageByParams.load({ limit, offset, filters: filters ?? undefined });
      const edges = page.items.map((node, i) => new OffsetEdge(node, offset + i + 1));
      // X-Total-Count says exactly where the list ends; without it, a full page may have a successor.
      const end = offset + page.items.length;
      const hasNextPage = page.total !== undefined ? end < page.total : page.items.length === limit && limit > 0;
      return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
    },
  },

  Mutation: {
    async createScriptConnector(_root, { input }, ctx) {
      const body = toCreateConnectorWire(input);
      return ctx.services.sailpoint.createConnector(body, ctx.requestId);
    },

    deleteScriptConnector: (_root, { scriptName }, ctx) => deleteScript(ctx, toScriptName(scriptName)),

    patchScriptConnector: (_root, { scriptName, operations }, ctx) => patchScript(ctx, toScriptName(scriptName), operations),

    async uploadScriptConnectorFile(_root, { scriptName, kind, file, locale }, ctx) {
      toScriptName(scriptName);
      const spec = FILE_KINDS[kind];
      if (locale != null && kind !== 'TRANSLATIONS') {
        throw new BadUserInputError('locale is only for TRANSLATIONS.', { argumentName: 'locale' });
      }
      const target = spec.path === 'translations' ? (`translations/${toLocale(locale, 'locale')}` as const) : spec.path;
      return withUpload(file, ctx.services.config.uploads.maxFileSize, async (upload, bytes) => {
        const text = decodeUtf8(bytes);
        if (text === undefined) throw new BadUserInputError('The file is not UTF-8 text.', { argumentName: 'file' });
        const checked = spec.check(text);
        if (!checked.ok) throw new BadUserInputError(`The ${kind} file is refused: ${checked.problem}.`, { argumentName: 'file' });
        const body = spec.path === 'translations' ? bytes : await restoreUploadSecrets(ctx, scriptName, spec.path, kind, text, bytes);
        const result = await ctx.services.sailpoint.putFile(
          scriptName,
          target,
          { filename: forwardedFilename(upload, scriptName, spec.ext), contentType: spec.mime, bytes: body },
          ctx.requestId,
        );
        ctx.loaders.sailpoint.connectorByScriptName.clear(scriptName);
        return result;
      });
    },
  },

  ScriptConnector: {
    id: (c) => scriptConnectorId(c.scriptName!),
    source: () => 'SAILPOINT',
    nativeId: (c) => c.scriptName!,
    // `scriptName`, `type`, `className`, `status`, `directConnect`, `connectorMetadata` and `features` are the wire's
    // own fields: no resolver, so the jit executor reads them inline (a resolver costs a call and a resolve-info
    // object per connector). `features` is absent from the vendor's ConnectorDetail: a connector read by scriptName
    // shows null.
    displayName: (c) => c.name ?? c.scriptName!,
    name: (c) => c.name ?? c.scriptName!,
    description: (c) => scriptConnectorDescription(c),
    // The XML files are shown with their secrets masked, as `settings` locks them (xmlSecrets.ts).
    sourceConfig: detailXml('sourceConfig', sourceConfigOf),
    correlationConfig: detailXml('correlationConfig', (d) => d.correlationConfigXml),
    applicationXml: detailXml('applicationXml', (d) => d.applicationXml),
    sourceTemplate: async (c, _args, ctx) =>
      shownXml(await nullIfNotFound(ctx.loaders.sailpoint.xmlFileByScriptName.load({ scriptName: c.scriptName!, file: 'source-template' })), 'sourceTemplate', c.scriptName, ctx),
    translations: async (c, { locale }, ctx) => {
      const checked = toLocale(locale, 'locale');
      const text = await nullIfNotFound(ctx.loaders.sailpoint.translationsByScriptName.load({ scriptName: c.scriptName!, locale: checked }));
      // SailPoint answers an empty body for a locale the connector has no file for.
      return text === '' ? null : text;
    },
    settings: async (c, _args, ctx) => {
      const detail = await detailOf(c, ctx);
      const settings = settingsFromSourceConfig(sourceConfigOf(detail));
      if (settings) return settings;
      ctx.logger.warn({ requestId: ctx.requestId, source: 'SAILPOINT', scriptName: c.scriptName, code: GatewayErrorCode.UPSTREAM_BAD_RESPONSE }, 'source config is not well-formed XML; no settings shown');
      return { sections: [] };
    },
  },
};

/** An edge whose cursor (the offset after its node) is encoded only when a client selects it. */
class OffsetEdge {
  constructor(
    readonly node: ScriptConnectorRecord,
    private readonly next: number,
  ) {}

  get cursor(): string {
    return encodeCursor(CURSOR_KIND, { o: this.next });
  }
}

function cursorOffset(after: string): number {
  const { o } = decodeCursor(CURSOR_KIND, after);
  if (typeof o !== 'number' || !Number.isInteger(o) || o < 0) {
    throw malformedCursor();
  }
  return o;
}
