/**
 * Resolvers of the SailPoint source: script connectors, their files, and the mutations that change them.
 * Parents are wire objects (codegen mappers); only reshaped fields have a resolver. Internal module.
 */
import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import type { Resolvers, ScriptConnectorFileKind } from '../../__generated__/resolvers-types.js';
import { BadUserInputError } from '../../errors/classes.js';
import { asSentenceEnd } from '../../errors/reasons.js';
import { nullIfNotFound } from '../../errors/notFound.js';
import { checkOffset, checkPageSize, decodeCursor, encodeCursor } from '../../graph/cursor.js';
import type { JsonPatchOperation } from '../../graph/jsonPatch.js';
import { applyConnectorPatch } from '../../graph/patchEngine.js';
import { withUpload } from '../../graph/uploads.js';
import { connectorLockKey } from '../../graph/writeLocks.js';
import type { SourceContext } from '../port.js';
import type { SailPointXmlFilePath } from './client.js';
import { SAILPOINT, sailpoint } from './context.js';
import { checkProperties, checkXml, decodeUtf8, type CheckResult } from './fileChecks.js';
import { deleteScriptConnector, detailOf, SAILPOINT_MAX_PAGE, scriptConnectorPatchable } from './graph.js';
import { toCreateConnectorWire, toLocale, toScriptName } from './inputs.js';
import { scriptConnectorDescription, scriptConnectorId, type ScriptConnectorRecord } from './mappers.js';
import { shownMetadata } from './metadata.js';
import { restoreUploadSecrets, shownXml, sourceConfigOf } from './xmlFields.js';
import { SAILPOINT_LOCALE_VALUES, type SailPointConnectorDetailWire } from './types.js';

const CURSOR_KIND = 'sp';

/** Reads an XML field of the detail, secrets masked, fetching the detail only when the parent is a list item. */
function detailXml(field: string, read: (detail: SailPointConnectorDetailWire) => string | undefined) {
  return async (connector: ScriptConnectorRecord, _args: unknown, ctx: SourceContext) =>
    shownXml(read(await detailOf(connector, ctx)), field, connector.scriptName, ctx);
}

/** The file endpoint and the check of each upload kind. */
const FILE_KINDS: Record<
  ScriptConnectorFileKind,
  { path: SailPointXmlFilePath | 'translations'; check: (text: string) => CheckResult; ext: string; mime: string }
> = {
  SOURCE_CONFIG: { path: 'source-config', check: checkXml, ext: 'xml', mime: 'application/xml' },
  CORRELATION_CONFIG: { path: 'correlation-config', check: checkXml, ext: 'xml', mime: 'application/xml' },
  SOURCE_TEMPLATE: { path: 'source-template', check: checkXml, ext: 'xml', mime: 'application/xml' },
  TRANSLATIONS: { path: 'translations', check: checkProperties, ext: 'properties', mime: 'text/plain; charset=utf-8' },
};

/** A file name safe to forward: the client's base name, or one derived from the kind. */
function forwardedFilename(upload: FileUpload, scriptName: string, ext: string): string {
  const base =
    (upload.filename ?? '')
      .split(/[\\/]/)
      .pop()
      ?.replace(/[^\w.-]/g, '_') ?? '';
  return base !== '' && base !== '.' && base !== '..' ? base : `${scriptName}.${ext}`;
}

export const sailpointResolvers: Resolvers = {
  // The GraphQL names (ZH_TW) stand for SailPoint's codes (zh-TW): resolvers and the port get the codes.
  SailPointLocale: SAILPOINT_LOCALE_VALUES,

  Query: {
    scriptConnector: (_root, { scriptName }, ctx) => nullIfNotFound(sailpoint(ctx).loaders.connectorByScriptName.load(toScriptName(scriptName))),

    async scriptConnectors(_root, { filters, first, after }, ctx) {
      const limit = checkPageSize(first, 50, SAILPOINT_MAX_PAGE);
      const offset = after == null ? 0 : cursorOffset(after);
      const page = await sailpoint(ctx).loaders.connectorPageByParams.load({ limit, offset, filters: filters ?? undefined });
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
      return sailpoint(ctx).client.createConnector(body, ctx.requestId);
    },

    deleteScriptConnector: (_root, { scriptName }, ctx) => deleteScriptConnector(ctx, toScriptName(scriptName)),

    patchScriptConnector: (_root, { scriptName, operations }, ctx) =>
      applyConnectorPatch(ctx, SAILPOINT, scriptConnectorPatchable, 'ScriptConnector', [toScriptName(scriptName)], operations as JsonPatchOperation[]),

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
        if (!checked.ok) throw new BadUserInputError(`The ${kind} file is refused: ${asSentenceEnd(checked.problem)}`, { argumentName: 'file' });
        const { client, loaders } = sailpoint(ctx);
        // The file is in memory: the connector's write lock covers only the read of its stored secrets and the write.
        return ctx.services.writeLocks.run(connectorLockKey(SAILPOINT, scriptName), async () => {
          loaders.connectorByScriptName.clear(scriptName);
          loaders.xmlFileByScriptName.clear({ scriptName, file: 'source-template' });
          const body = spec.path === 'translations' ? bytes : await restoreUploadSecrets(ctx, scriptName, spec.path, kind, text, bytes);
          const result = await client.putFile(
            scriptName,
            target,
            { filename: forwardedFilename(upload, scriptName, spec.ext), contentType: spec.mime, bytes: body },
            ctx.requestId,
          );
          // Later reads in this request see the new file.
          loaders.connectorByScriptName.clear(scriptName);
          loaders.xmlFileByScriptName.clear({ scriptName, file: 'source-template' });
          loaders.translationsByScriptName.clearAll();
          loaders.connectorInLocale.clearAll();
          return result;
        });
      });
    },
  },

  ScriptConnector: {
    id: (c) => scriptConnectorId(c.scriptName),
    source: () => SAILPOINT,
    nativeId: (c) => c.scriptName,
    // `scriptName`, `type`, `className`, `status`, `directConnect` and `features` are the wire's own fields: no
    // resolver, so the jit executor reads them inline (a resolver costs a call and a resolve-info object per
    // connector). `features` is absent from the vendor's ConnectorDetail: a connector read by scriptName shows null.
    displayName: (c) => c.name ?? c.scriptName,
    name: (c) => c.name ?? c.scriptName,
    // The metadata reads masked as `settings` and the XML fields are (metadata.ts): secret-named values, private
    // keys, XML secrets; `description` is its `shortDesc`, as masked.
    description: (c) => scriptConnectorDescription({ connectorMetadata: shownMetadata(c.connectorMetadata) ?? undefined }),
    connectorMetadata: (c) => shownMetadata(c.connectorMetadata),
    // The XML files are shown with their secrets masked, as `settings` locks them (xmlSecrets.ts).
    sourceConfig: detailXml('sourceConfig', sourceConfigOf),
    correlationConfig: detailXml('correlationConfig', (d) => d.correlationConfigXml),
    applicationXml: detailXml('applicationXml', (d) => d.applicationXml),
    sourceTemplate: async (c, _args, ctx) =>
      shownXml(
        await nullIfNotFound(sailpoint(ctx).loaders.xmlFileByScriptName.load({ scriptName: c.scriptName, file: 'source-template' })),
        'sourceTemplate',
        c.scriptName,
        ctx,
      ),
    translations: async (c, { locale }, ctx) => {
      const checked = toLocale(locale, 'locale');
      const text = await nullIfNotFound(sailpoint(ctx).loaders.translationsByScriptName.load({ scriptName: c.scriptName, locale: checked }));
      // SailPoint answers an empty body for a locale the connector has no file for.
      return text === '' ? null : text;
    },
    // `settings` comes from the port (index.ts).
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
  return checkOffset(decodeCursor(CURSOR_KIND, after).o);
}
