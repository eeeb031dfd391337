/**
 * The file operations of the SailPoint sandbox (`/v3/connectors/{scriptName}/…`): translations per locale and the
 * XML files (source config, source template, correlation config), read as text and replaced by multipart upload.
 *
 * Internal module of the SailPoint sandbox.
 */
import type { SandboxContext } from '../../../sandbox/app.js';
import { sendJson, sendText } from '../../../sandbox/http.js';
import { SAILPOINT_LOCALES, type SailPointFilePath, type SailPointLocale } from '../types.js';
import { readMultipart, requireFilePart, requireMediaType, uploadedText } from './bodies.js';
import { badRequest } from './errors.js';
import type { SailPointConnectorStore } from './store.js';
import { toUpdateDetail } from './wire.js';
import { validateXmlKind, type XmlKind } from './xml.js';

/** Which stored file each `PUT`/`GET` file path addresses (translations are per locale). */
export const XML_FILE_KINDS: Record<Exclude<SailPointFilePath, 'translations'>, { field: XmlKind; file: string }> = {
  'source-config': { field: 'sourceConfigXml', file: 'source-config.xml' },
  'source-template': { field: 'sourceTemplateXml', file: 'source-template.xml' },
  'correlation-config': { field: 'correlationConfigXml', file: 'correlation-config.xml' },
};

const isLocale = (value: string): value is SailPointLocale => (SAILPOINT_LOCALES as readonly string[]).includes(value);

function requireLocale(params: Record<string, string>): SailPointLocale {
  const locale = params.locale ?? '';
  if (!isLocale(locale)) throw badRequest(`'${locale}' is not a supported locale; use one of ${SAILPOINT_LOCALES.join(', ')}.`);
  return locale;
}

/** `GET …/translations/{locale}`: the locale's properties text. */
export function getTranslations(ctx: SandboxContext, params: Record<string, string>, store: SailPointConnectorStore): void {
  const locale = requireLocale(params);
  const connector = store.find(params);
  // A locale without a file answers an empty properties text rather than 404: "no translated keys" is a normal
  // state, and 404 then always means "no such connector".
  sendText(ctx.res, 200, connector.translations[locale] ?? '', 'text/plain; charset=utf-8');
}

/** `PUT …/translations/{locale}`: replaces the locale's properties text with the uploaded file. */
export async function putTranslations(ctx: SandboxContext, params: Record<string, string>, store: SailPointConnectorStore): Promise<void> {
  const locale = requireLocale(params);
  requireMediaType(ctx, 'multipart/form-data');
  const connector = store.find(params);
  const text = uploadedText(requireFilePart(await readMultipart(ctx.req)));
  const path = `${connector.s3Location}/translations/${locale}.properties`;
  if (connector.translations[locale] === text) {
    sendJson(ctx.res, 200, toUpdateDetail(connector, 'UNCHANGED', `${locale} translations are unchanged`, []));
    return;
  }
  connector.translations[locale] = text;
  sendJson(ctx.res, 200, toUpdateDetail(connector, 'UPDATED', `${locale} translations updated`, [path]));
}

/** `GET …/{source-config|source-template|correlation-config}`: the stored XML file. */
export function getXmlFile(ctx: SandboxContext, params: Record<string, string>, store: SailPointConnectorStore, field: XmlKind): void {
  sendText(ctx.res, 200, store.find(params)[field], 'application/xml; charset=utf-8');
}

/** `PUT …/{source-config|source-template|correlation-config}`: replaces the XML file with the upload when it is of its kind. */
export async function putXmlFile(
  ctx: SandboxContext,
  params: Record<string, string>,
  store: SailPointConnectorStore,
  field: XmlKind,
  file: string,
): Promise<void> {
  requireMediaType(ctx, 'multipart/form-data');
  const connector = store.find(params);
  const text = uploadedText(requireFilePart(await readMultipart(ctx.req)));
  const problem = validateXmlKind(field, text);
  // Well-formed XML of the wrong kind is reported the way the vendor reports file problems: 200 with ERROR.
  if (problem) {
    sendJson(ctx.res, 200, toUpdateDetail(connector, 'ERROR', problem, []));
    return;
  }
  if (connector[field] === text) {
    sendJson(ctx.res, 200, toUpdateDetail(connector, 'UNCHANGED', `${file} is unchanged`, []));
    return;
  }
  connector[field] = text;
  sendJson(ctx.res, 200, toUpdateDetail(connector, 'UPDATED', `${file} updated`, [`${connector.s3Location}/${file}`]));
}
