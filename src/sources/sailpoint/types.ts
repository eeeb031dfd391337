/**
 * SailPoint Identity Security Cloud v3: the REST wire shapes of the custom-connector operations, exactly as the
 * API sends them (field names are the vendor's). Shared by the client, the mappers and the sandbox.
 * Internal module: not part of the gateway's GraphQL contract.
 */

/** Lifecycle status of a connector as SailPoint reports it. */
export type SailPointConnectorStatus = 'DEPRECATED' | 'DEVELOPMENT' | 'DEMO' | 'RELEASED';

/** One item of `GET /connectors` (`V3ConnectorDto`); also the answer of `POST /connectors`. */
export interface SailPointConnectorWire {
  name?: string;
  type?: string;
  scriptName?: string;
  className?: string | null;
  features?: string[] | null;
  directConnect?: boolean;
  connectorMetadata?: Record<string, unknown>;
  status?: SailPointConnectorStatus;
}

/** `GET /connectors/{scriptName}` and the answer of `PATCH /connectors/{scriptName}` (`ConnectorDetail`). */
export interface SailPointConnectorDetailWire {
  name?: string;
  type?: string;
  className?: string;
  scriptName?: string;
  applicationXml?: string;
  correlationConfigXml?: string;
  sourceConfigXml?: string;
  sourceConfig?: string;
  sourceConfigFrom?: string;
  s3Location?: string;
  uploadedFiles?: string[] | null;
  fileUpload?: boolean;
  directConnect?: boolean;
  translationProperties?: Record<string, unknown>;
  connectorMetadata?: Record<string, unknown>;
  status?: SailPointConnectorStatus;
}

/** Body of `POST /connectors` (`V3CreateConnectorDto`). */
export interface SailPointCreateConnectorWire {
  name: string;
  className: string;
  type?: string;
  directConnect?: boolean;
  status?: Exclude<SailPointConnectorStatus, 'DEPRECATED'>;
}

/** Answer of the multipart `PUT` file operations (`UpdateDetail`). */
export interface SailPointUpdateDetailWire {
  message?: string;
  scriptName?: string;
  updatedFiles?: string[] | null;
  status?: 'ERROR' | 'UPDATED' | 'UNCHANGED' | 'SKIPPED';
}

/** One RFC 6902 operation as `PATCH /connectors/{scriptName}` takes it (`JsonPatchOperation`). */
export interface SailPointJsonPatchOperationWire {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

/** One message of an error body (`ErrorMessageDto`). */
interface SailPointErrorMessageWire {
  locale?: string | null;
  localeOrigin?: 'DEFAULT' | 'REQUEST' | null;
  text?: string;
}

/** Error body of 400/403/404/500 answers (`ErrorResponseDto`). 401 and 429 carry `{ error }` / `{ message }`. */
export interface SailPointErrorResponseWire {
  detailCode?: string;
  trackingId?: string;
  messages?: SailPointErrorMessageWire[];
  causes?: SailPointErrorMessageWire[];
}

/** Answer of `POST /oauth/token` (client credentials). */
export interface SailPointTokenWire {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope?: string;
  [extra: string]: unknown;
}

/** The four files of a script connector that `PUT` replaces, each at its own path segment. */
export type SailPointFilePath = 'source-config' | 'correlation-config' | 'source-template' | 'translations';

/** The paths `PATCH /connectors/{scriptName}` accepts (the vendor's list of patchable fields). */
export const SAILPOINT_PATCHABLE_FIELDS = ['connectorMetadata', 'applicationXml', 'correlationConfigXml', 'sourceConfigXml'] as const;
export type SailPointPatchableField = (typeof SAILPOINT_PATCHABLE_FIELDS)[number];

/** The locales that the translation and `locale` parameters accept. */
export const SAILPOINT_LOCALES = [
  'de',
  'no',
  'fi',
  'sv',
  'ru',
  'pt',
  'ko',
  'zh-TW',
  'en',
  'it',
  'fr',
  'zh-CN',
  'hu',
  'es',
  'cs',
  'ja',
  'pl',
  'da',
  'nl',
] as const;
export type SailPointLocale = (typeof SAILPOINT_LOCALES)[number];

/**
 * The GraphQL name of each locale (`SailPointLocale`: upper case, `-` as `_`, since enum values cannot hold `-`),
 * mapped to SailPoint's code: the enum's internal values, so resolvers and the port get `zh-TW`, never `ZH_TW`.
 */
export const SAILPOINT_LOCALE_VALUES: Readonly<Record<string, SailPointLocale>> = Object.fromEntries(
  SAILPOINT_LOCALES.map((locale) => [locale.toUpperCase().replace('-', '_'), locale]),
);
