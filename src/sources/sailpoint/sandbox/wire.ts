/**
 * Wire shapes of the SailPoint sandbox's answers: stored connectors as `ConnectorDto` (list) and `ConnectorDetail`
 * (in a locale), and the `UpdateDetail` of a file update.
 *
 * Internal module of the SailPoint sandbox.
 */
import type { SailPointConnectorDetailWire, SailPointConnectorWire, SailPointLocale, SailPointUpdateDetailWire } from '../types.js';
import { localizeSourceConfig } from './locale.js';
import type { SailPointSandboxConnector } from './seed.js';

/** A connector as `GET /v3/connectors` lists it (`ConnectorDto`). */
export function toConnectorDto(c: SailPointSandboxConnector): SailPointConnectorWire {
  return {
    name: c.name,
    type: c.type,
    scriptName: c.scriptName,
    className: c.className,
    features: c.features === null ? null : [...c.features],
    directConnect: c.directConnect,
    connectorMetadata: structuredClone(c.connectorMetadata),
    status: c.status,
  };
}

/**
 * A connector as its own resource answers it (`ConnectorDetail`): `sourceConfigXml` is the stored form, and
 * `sourceConfig` the same form with its texts in `locale` (see `locale.ts`).
 */
export function toConnectorDetail(c: SailPointSandboxConnector, locale: SailPointLocale = 'en'): SailPointConnectorDetailWire {
  return {
    name: c.name,
    type: c.type,
    // ConnectorDetail's className is not nullable: a connector without one leaves the field out.
    ...(c.className === null ? {} : { className: c.className }),
    scriptName: c.scriptName,
    applicationXml: c.applicationXml,
    correlationConfigXml: c.correlationConfigXml,
    sourceConfigXml: c.sourceConfigXml,
    sourceConfig: localizeSourceConfig(c.sourceConfigXml, c.translations, locale),
    sourceConfigFrom: c.sourceConfigFrom,
    s3Location: c.s3Location,
    uploadedFiles: c.uploadedFiles === null ? null : [...c.uploadedFiles],
    fileUpload: c.fileUpload,
    directConnect: c.directConnect,
    translationProperties: { ...c.translations },
    connectorMetadata: structuredClone(c.connectorMetadata),
    status: c.status,
  };
}

/** The answer of a file update (`UpdateDetail`). */
export function toUpdateDetail(
  connector: SailPointSandboxConnector,
  status: NonNullable<SailPointUpdateDetailWire['status']>,
  message: string,
  updatedFiles: string[],
): SailPointUpdateDetailWire {
  return { message, scriptName: connector.scriptName, updatedFiles, status };
}
