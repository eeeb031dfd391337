/**
 * The XML files of a script connector as the resolvers serve and take them: shown with their secrets masked, and
 * a masked file sent back (patch, upload) given its stored secrets again (the rules are in xmlSecrets.ts). Internal
 * module.
 */
import { BadUserInputError } from '../../errors/classes.js';
import { GatewayErrorCode } from '../../errors/codes.js';
import { SECRET_MASK } from '../../graph/settings.js';
import type { SourceContext } from '../port.js';
import type { SailPointXmlFilePath } from './client.js';
import { SAILPOINT, sailpoint } from './context.js';
import type { SailPointConnectorDetailWire, SailPointJsonPatchOperationWire } from './types.js';
import { maskXmlSecrets, restoreXmlSecrets } from './xmlSecrets.js';

/** The detail's source config (SailPoint reports it as `sourceConfigXml` and as `sourceConfig`). */
export function sourceConfigOf(detail: SailPointConnectorDetailWire): string | undefined {
  return detail.sourceConfigXml ?? detail.sourceConfig;
}

/** An XML file as clients read it: secrets masked; null, with a warning, when it is not well-formed XML. */
export function shownXml(xml: string | null | undefined, field: string, scriptName: string | undefined, ctx: SourceContext): string | null {
  if (xml == null) return null;
  const masked = maskXmlSecrets(xml);
  if (masked !== undefined) return masked;
  ctx.logger.warn({ requestId: ctx.requestId, source: SAILPOINT, scriptName, field, code: GatewayErrorCode.UPSTREAM_BAD_RESPONSE }, 'XML file is not well-formed; shown as null');
  return null;
}

const DETAIL_XML_FIELDS = ['applicationXml', 'correlationConfigXml', 'sourceConfigXml', 'sourceConfig'] as const;

/** The detail as clients read it, every XML field masked: what a patch (its `test`s) is checked against. */
export function shownDetail(detail: SailPointConnectorDetailWire, ctx: SourceContext): SailPointConnectorDetailWire {
  const shown: SailPointConnectorDetailWire = { ...detail };
  for (const key of DETAIL_XML_FIELDS) {
    const xml = detail[key];
    if (xml !== undefined) (shown as Record<string, unknown>)[key] = shownXml(xml, key, detail.scriptName, ctx);
  }
  return shown;
}

/** The stored XML a patch path replaces. */
const STORED_AT: Readonly<Record<string, (detail: SailPointConnectorDetailWire) => string | undefined>> = {
  '/applicationXml': (d) => d.applicationXml,
  '/correlationConfigXml': (d) => d.correlationConfigXml,
  '/sourceConfigXml': sourceConfigOf,
};

/**
 * Gives the XML values of a patch their stored secrets back, in place: a file read masked and sent back keeps its
 * secrets, and a `test` of one compares with the stored text. A mask where nothing is stored is BAD_USER_INPUT
 * naming the operation's value (a `test` is left as it is: the check against the shown detail decided it).
 */
export function restorePatchSecrets(wire: SailPointJsonPatchOperationWire[], current: SailPointConnectorDetailWire): void {
  wire.forEach((operation, i) => {
    const stored = STORED_AT[operation.path];
    if (!stored || typeof operation.value !== 'string' || !operation.value.includes(SECRET_MASK)) return;
    const restored = restoreXmlSecrets(operation.value, stored(current));
    if (restored.ok) operation.value = restored.xml;
    else if (operation.op !== 'test') {
      throw new BadUserInputError(`operations[${i}]: ${operation.path.slice(1)} is refused: ${restored.problem}.`, { argumentName: `operations[${i}].value` });
    }
  });
}

/**
 * An uploaded XML file with the stored secrets given back where it holds the mask (read masked, uploaded again);
 * a mask where nothing is stored is BAD_USER_INPUT naming `file`. A file without the mask costs no call.
 */
export async function restoreUploadSecrets(ctx: SourceContext, scriptName: string, file: SailPointXmlFilePath, kind: string, text: string, bytes: Uint8Array): Promise<Uint8Array> {
  if (!text.includes(SECRET_MASK)) return bytes;
  const stored =
    file === 'source-template'
      ? await sailpoint(ctx).loaders.xmlFileByScriptName.load({ scriptName, file })
      : await sailpoint(ctx).loaders.connectorByScriptName.load(scriptName).then((d) => (file === 'source-config' ? sourceConfigOf(d) : d.correlationConfigXml));
  const restored = restoreXmlSecrets(text, stored);
  if (!restored.ok) throw new BadUserInputError(`The ${kind} file is refused: ${restored.problem}.`, { argumentName: 'file' });
  return restored.xml === text ? bytes : Buffer.from(restored.xml, 'utf8');
}
