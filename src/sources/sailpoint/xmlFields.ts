/**
 * The XML files of a script connector as the resolvers serve and take them: shown with their secrets masked, and
 * a masked file sent back (patch, upload) given its stored secrets again (the rules are in xmlSecrets.ts). A stored
 * file is walked once per request, however many fields, aliases, patch operations or restores read it, and its walk
 * is kept across requests by its text in the walk cache (xmlWalkCache.ts). Internal module.
 */
import { BadUserInputError } from '../../errors/classes.js';
import { asSentenceEnd } from '../../errors/reasons.js';
import { GatewayErrorCode } from '../../errors/codes.js';
import { SECRET_MASK } from '../../graph/settings.js';
import type { SourceContext } from '../port.js';
import type { SailPointXmlFilePath } from './client.js';
import { SAILPOINT, sailpoint } from './context.js';
import type { SailPointLoaders } from './loaders.js';
import type { SailPointConnectorDetailWire } from './types.js';
import { restoreXmlSecrets, type RestoreResult, type StoredXml } from './xmlSecrets.js';
import { xmlWalks } from './xmlWalkCache.js';

/** The detail's source config (SailPoint reports it as `sourceConfigXml` and as `sourceConfig`). */
export function sourceConfigOf(detail: SailPointConnectorDetailWire): string | undefined {
  return detail.sourceConfigXml ?? detail.sourceConfig;
}

// Per request (its loaders), each stored file's walk by its text; null: not well-formed. Kept per request as well as
// in the walk cache, since a file too large for that cache is still walked once per request.
const walked = new WeakMap<SailPointLoaders, Map<string, StoredXml | null>>();

/**
 * A stored XML file walked (readXmlSecrets) once per request, the walk itself kept across requests by its text
 * (xmlWalkCache.ts); undefined when it is not well-formed.
 */
function storedXml(ctx: SourceContext, xml: string): StoredXml | undefined {
  const { loaders } = sailpoint(ctx);
  let files = walked.get(loaders);
  if (!files) walked.set(loaders, (files = new Map<string, StoredXml | null>()));
  let found = files.get(xml);
  if (found === undefined) files.set(xml, (found = xmlWalks.walk(xml) ?? null));
  return found ?? undefined;
}

/** An XML file as clients read it: secrets masked; null, with a warning, when it is not well-formed XML. */
export function shownXml(xml: string | null | undefined, field: string, scriptName: string | undefined, ctx: SourceContext): string | null {
  if (xml == null) return null;
  const read = storedXml(ctx, xml);
  if (read !== undefined) return read.shown;
  ctx.logger.warn(
    { requestId: ctx.requestId, source: SAILPOINT, scriptName, field, code: GatewayErrorCode.UPSTREAM_BAD_RESPONSE },
    'XML file is not well-formed; shown as null',
  );
  return null;
}

/** Gives an XML a client sent (a patch's result, an upload) the stored file's secrets back (the stored file's walk from the walk cache). */
export function restoreXml(ctx: SourceContext, next: string, stored: string | undefined): RestoreResult {
  if (!next.includes(SECRET_MASK)) return { ok: true, xml: next };
  return restoreXmlSecrets(next, stored === undefined ? undefined : storedXml(ctx, stored));
}

/**
 * An uploaded XML file with the stored secrets given back where it holds the mask (read masked, uploaded again);
 * a mask where nothing is stored is BAD_USER_INPUT naming `file`. A file without the mask costs no call.
 */
export async function restoreUploadSecrets(
  ctx: SourceContext,
  scriptName: string,
  file: SailPointXmlFilePath,
  kind: string,
  text: string,
  bytes: Uint8Array,
): Promise<Uint8Array> {
  if (!text.includes(SECRET_MASK)) return bytes;
  const stored =
    file === 'source-template'
      ? await sailpoint(ctx).loaders.xmlFileByScriptName.load({ scriptName, file })
      : await sailpoint(ctx)
          .loaders.connectorByScriptName.load(scriptName)
          .then((d) => (file === 'source-config' ? sourceConfigOf(d) : d.correlationConfigXml));
  const restored = restoreXml(ctx, text, stored);
  if (!restored.ok) throw new BadUserInputError(`The ${kind} file is refused: ${asSentenceEnd(restored.problem)}`, { argumentName: 'file' });
  return restored.xml === text ? bytes : Buffer.from(restored.xml, 'utf8');
}
