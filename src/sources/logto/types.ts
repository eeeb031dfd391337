/**
 * Logto Management API: the REST wire shapes of the connector and connector-factory operations, exactly as Logto
 * sends and accepts them (field names are the vendor's; the shapes follow the zod guards that Logto's OpenAPI
 * document is generated from). Shared by the client, the mappers and the sandbox.
 * Internal module: not part of the gateway's GraphQL contract.
 */

/** The resource indicator of the Management API of an OSS tenant (`default`); Cloud uses `https://<tenant>.logto.app/api`. */
export const LOGTO_DEFAULT_MANAGEMENT_API_RESOURCE = 'https://default.logto.app/api';

/** The scope a machine-to-machine token needs for every Management API operation. */
export const LOGTO_MANAGEMENT_API_SCOPE = 'all';

/** Kinds of connectors: passwordless senders (`Email`, `Sms`) and social sign-in (`Social`). */
export type LogtoConnectorType = 'Email' | 'Sms' | 'Social';

/** Where a social connector works; `null` for Email/SMS connectors. */
export type LogtoConnectorPlatform = 'Native' | 'Universal' | 'Web';

/** A localised text: `en` is always present, other keys are language tags (`de`, `zh-CN`, …). */
export type LogtoI18nPhrasesWire = { en: string } & Record<string, string>;

/** Shows a form item only while the item `targetKey` holds `expectValue`. */
interface LogtoFormItemShowConditionWire {
  targetKey: string;
  expectValue?: unknown;
}

/** Fields every form item has, whatever its type. */
export interface LogtoFormItemBaseWire {
  /** The config key the item edits. */
  key: string;
  label: string;
  placeholder?: string;
  required?: boolean;
  defaultValue?: unknown;
  /** All conditions must hold for the item to be shown (and, when required, to be required). */
  showConditions?: LogtoFormItemShowConditionWire[];
  description?: string;
  tooltip?: string;
  /** The value is a secret (client secret, API key, private key…); Logto still returns it in plain text. */
  isConfidential?: boolean;
  isDevFeature?: boolean;
}

/** A single choice among `selectItems`. */
interface LogtoSelectFormItemWire extends LogtoFormItemBaseWire {
  type: 'Select';
  selectItems: { value: string; title: string }[];
}

/** Several choices among `selectItems` (the value is an array of strings). */
interface LogtoMultiSelectFormItemWire extends LogtoFormItemBaseWire {
  type: 'MultiSelect';
  selectItems: { value: string }[];
}

/** A free input: text, number, multi-line text, switch (boolean) or JSON (object or array). */
interface LogtoPlainFormItemWire extends LogtoFormItemBaseWire {
  type: 'Text' | 'Number' | 'MultilineText' | 'Switch' | 'Json';
}

/** One item of a connector's configuration form (`formItems`), discriminated by `type`. */
export type LogtoFormItemWire = LogtoSelectFormItemWire | LogtoMultiSelectFormItemWire | LogtoPlainFormItemWire;

/**
 * The metadata a connector may override (stored per connector, `metadata` in requests and answers). Only standard
 * connectors (OIDC, OAuth 2, SAML) accept it on create and update.
 */
export interface LogtoConfigurableMetadataWire {
  target?: string;
  name?: LogtoI18nPhrasesWire;
  logo?: string;
  logoDark?: string | null;
}

/** `GET /api/connector-factories` items and `GET /api/connector-factories/{id}`: a template to create connectors from. */
export interface LogtoConnectorFactoryWire {
  type: LogtoConnectorType;
  isDemo?: boolean;
  /** The factory id (what a connector's `connectorId` refers to), e.g. `google-universal`. */
  id: string;
  /** The identity provider or service, e.g. `google`; for social connectors unique per platform. */
  target: string;
  name: LogtoI18nPhrasesWire;
  description: LogtoI18nPhrasesWire;
  /** An image URL or a `data:` URI. */
  logo: string;
  logoDark: string | null;
  /** Set-up guide in Markdown. */
  readme: string;
  /** An example configuration, as JSON text. */
  configTemplate?: string;
  formItems?: LogtoFormItemWire[];
  customData?: Record<string, unknown>;
  /** @deprecated by the vendor in favour of `customData`. */
  fromEmail?: string;
  platform: LogtoConnectorPlatform | null;
  /** A connector following a standard protocol (OIDC, OAuth 2, SAML): several instances, each with its own target. */
  isStandard?: boolean;
  isTokenStorageSupported?: boolean;
}

/**
 * `GET /api/connectors` items, `GET /api/connectors/{id}` and the answer of `POST`/`PATCH`: a configured connector,
 * i.e. the factory's metadata merged with the connector's own `metadata` overrides, plus its stored fields.
 */
export interface LogtoConnectorWire extends Omit<LogtoConnectorFactoryWire, 'id'> {
  /** The connector id (not the factory's). */
  id: string;
  syncProfile: boolean;
  enableTokenStorage: boolean;
  /** The configuration as stored, secrets included in plain text. */
  config: Record<string, unknown>;
  /** The connector's own metadata overrides (`{}` when none). */
  metadata: LogtoConfigurableMetadataWire;
  /** The id of the factory the connector was created from. */
  connectorId: string;
  extraInfo?: Record<string, unknown>;
  /** Messages sent so far (passwordless connectors that can count them). */
  usage?: number;
}

/** Body of `POST /api/connectors`. */
export interface LogtoCreateConnectorWire {
  /** The factory to create the connector from. */
  connectorId: string;
  config?: Record<string, unknown>;
  metadata?: LogtoConfigurableMetadataWire;
  syncProfile?: boolean;
  enableTokenStorage?: boolean;
  /** A proposed connector id (1–128 characters); Logto generates one when absent. */
  id?: string;
}

/** Body of `PATCH /api/connectors/{id}`: given fields replace the stored ones whole (`config` is not merged). */
export interface LogtoUpdateConnectorWire {
  config?: Record<string, unknown>;
  metadata?: LogtoConfigurableMetadataWire;
  syncProfile?: boolean;
  enableTokenStorage?: boolean;
}

/** Body of `POST /api/connectors/{factoryId}/test` (Email/SMS factories): sends a test message with `config`. */
export interface LogtoTestConnectorWire {
  config: Record<string, unknown>;
  /** Digits only; when set, the factory must be an SMS one and `email` is ignored. */
  phone?: string;
  email?: string;
  locale?: string;
}

/** Body of `POST /api/connectors/{connectorId}/authorization-uri` (social connectors). */
export interface LogtoAuthorizationUriRequestWire {
  state: string;
  redirectUri: string;
}

/** Answer of `POST /api/connectors/{connectorId}/authorization-uri`. */
export interface LogtoAuthorizationUriWire {
  /** Where to send the user to sign in at the identity provider. */
  redirectTo: string;
  redirectUri?: unknown;
}

/**
 * Error body of the Management API (`RequestErrorBody`): `code` is a stable key such as `entity.not_found`,
 * `data` carries context (for validation errors the zod error), `details` a readable list of validation issues.
 * An unexpected server error answers only `{ message }`.
 */
export interface LogtoErrorWire {
  message: string;
  code: string;
  data?: unknown;
  details?: string;
}

/** Error body of the OIDC token endpoint (RFC 6749 §5.2). */
export interface LogtoOAuthErrorWire {
  error: string;
  error_description?: string;
}

/** Answer of `POST /oidc/token` for the client-credentials grant. */
export interface LogtoTokenWire {
  access_token: string;
  /** Seconds; 3600 for Management API tokens. */
  expires_in: number;
  token_type: 'Bearer';
  /** `all` when requested; absent when the request named no scope (such a token is refused with 403). */
  scope?: string;
}

/** The error codes the connector operations answer with (a subset of Logto's `LogtoErrorCode`). */
export type LogtoConnectorErrorCode =
  | 'auth.authorization_header_missing'
  | 'auth.authorization_token_type_not_supported'
  | 'auth.unauthorized'
  | 'auth.forbidden'
  | 'guard.invalid_input'
  | 'entity.not_found'
  | 'entity.not_exists_with_id'
  | 'entity.unique_integrity_violation'
  | 'connector.not_found'
  | 'connector.not_found_with_connector_id'
  | 'connector.invalid_config'
  | 'connector.general'
  | 'connector.unexpected_type'
  | 'connector.not_implemented'
  | 'connector.should_specify_target'
  | 'connector.can_not_modify_target'
  | 'connector.cannot_overwrite_metadata_for_non_standard_connector'
  | 'connector.multiple_instances_not_supported'
  | 'connector.multiple_target_with_same_platform'
  | 'connector.invalid_type_for_syncing_profile'
  | 'session.insufficient_info'
  | 'request.general';
