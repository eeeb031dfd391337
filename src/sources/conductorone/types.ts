/**
 * ConductorOne (C1) API: the REST wire shapes of the app-connector operations (`c1.api.app.v1.ConnectorService`),
 * the app reads the gateway needs (`AppService.Get`/`List`, `AppSearch.Search`), the token endpoint and the error
 * body, exactly as C1 sends and accepts them. C1 serves its gRPC API over HTTP with grpc-gateway, so every JSON name
 * is the lowerCamelCase name of a proto field, timestamps are RFC 3339 strings, `int64` values are decimal strings,
 * and an unset message field is `null`. Shared by the client, the mappers and the sandbox.
 *
 * Fields are optional (and often nullable) because proto3 makes every field optional: a client must treat a missing
 * field like its zero value. Internal module: not part of the gateway's GraphQL contract.
 */

// ---------------------------------------------------------------------------------------------------------------------
// Common messages
// ---------------------------------------------------------------------------------------------------------------------

/**
 * A `google.protobuf.Any` in JSON: `@type` names the packed message (`type.googleapis.com/<full.message.Name>`),
 * the other keys are that message's fields. Connector configs travel in this form.
 */
export interface C1AnyWire {
  '@type': string;
  [field: string]: unknown;
}

/** The prefix of every `@type` URL C1 writes. */
export const C1_TYPE_URL_PREFIX = 'type.googleapis.com/';

/** The `@type` of an App packed into an `expanded` array. */
export const C1_APP_TYPE_URL = 'type.googleapis.com/c1.api.app.v1.App';

/** State of a connector's sync (`c1.api.app.v1.ConnectorStatus.SyncStatus`). */
export type C1SyncStatus = 'SYNC_STATUS_UNSPECIFIED' | 'SYNC_STATUS_RUNNING' | 'SYNC_STATUS_DONE' | 'SYNC_STATUS_ERROR' | 'SYNC_STATUS_DISABLED';

/** Every {@link C1SyncStatus}, in the vendor's enum order. C1 may add values: treat unknown ones like UNSPECIFIED. */
export const C1_SYNC_STATUSES = [
  'SYNC_STATUS_UNSPECIFIED',
  'SYNC_STATUS_RUNNING',
  'SYNC_STATUS_DONE',
  'SYNC_STATUS_ERROR',
  'SYNC_STATUS_DISABLED',
] as const satisfies readonly C1SyncStatus[];

// ---------------------------------------------------------------------------------------------------------------------
// Connector
// ---------------------------------------------------------------------------------------------------------------------

/** `c1.api.app.v1.ConnectorStatus`: the state of the connector's sync and when it last started, finished or changed. */
export interface C1ConnectorStatusWire {
  status?: C1SyncStatus | null;
  /** When the current (RUNNING) or last sync started. */
  startedAt?: string | null;
  /** When the last sync finished. */
  completedAt?: string | null;
  /** The last sync error; `''` when none. */
  lastError?: string | null;
  /** When this status last changed. */
  updatedAt?: string | null;
}

/** `c1.api.app.v1.OAuth2AuthorizedAs`: who authorized an OAuth-based connector, and when (read-only). */
export interface C1OAuth2AuthorizedAsWire {
  authEmail?: string | null;
  authorizedAt?: string | null;
}

/** `c1.api.app.v1.SyncConfig`: which resource types the connector syncs (empty: all of them). */
export interface C1SyncConfigWire {
  syncResourceTypeIds?: string[] | null;
}

/** `c1.api.app.v1.ConnectorSyncCronSchedule`: a cron schedule for syncs. */
export interface C1ConnectorSyncCronScheduleWire {
  /** Five-field cron expression, e.g. `0 *\/6 * * *`. */
  cronSpec?: string | null;
  /** IANA time zone the cron expression is read in. */
  timezone?: string | null;
  /** When the schedule takes effect. */
  start?: string | null;
}

/**
 * `c1.api.app.v1.Connector`: a connector that syncs objects (users, groups, entitlements…) into an App. The
 * `config` holds the catalog-specific settings as a `google.protobuf.Any`, secrets included as stored.
 */
export interface C1ConnectorWire {
  /** The app the connector belongs to. */
  appId?: string;
  canResumeSync?: boolean;
  /** Which catalog entry (Okta, GitHub, …) the connector is an instance of; shared by all connectors of that kind. */
  catalogId?: string;
  /** Catalog-specific configuration; `null` while a delegated connector still waits for it. */
  config?: C1AnyWire | null;
  /** Read-only. */
  configUpdatedAt?: string | null;
  /** Read-only (`uint32`). */
  connectorApiVersion?: number;
  connectorSyncCronSchedule?: C1ConnectorSyncCronScheduleWire | null;
  /** Read-only. */
  createdAt?: string | null;
  /** Read-only. */
  deletedAt?: string | null;
  description?: string;
  disableCheckBadSync?: boolean;
  displayName?: string;
  /** Read-only: for connectors created from an uploaded spreadsheet, where to download it; `''` otherwise. */
  downloadUrl?: string;
  /** The connector id, unique within its app. */
  id?: string;
  oauthAuthorizedAs?: C1OAuth2AuthorizedAsWire | null;
  /** Parallel sync workers (0 = off; the public API allows up to 4). Absent when never set. */
  parallelSyncWorkerCount?: number | null;
  /** When set, only these profile attributes are synced. */
  profileAllowList?: string[] | null;
  /** Profile attributes never synced. */
  profileIgnoreList?: string[] | null;
  status?: C1ConnectorStatusWire | null;
  syncConfig?: C1SyncConfigWire | null;
  /** Read-only. */
  syncDisabledAt?: string | null;
  syncDisabledCategory?: string;
  syncDisabledReason?: string;
  /** Read-only. */
  updatedAt?: string | null;
  /** The integration owners (C1 user ids). */
  userIds?: string[] | null;
}

/**
 * `c1.api.app.v1.ConnectorView`: a connector plus JSONPath expressions (e.g. `expanded[0]`) that point into the
 * response's `expanded` array at related objects; a path is `''` when that object was not expanded.
 */
export interface C1ConnectorViewWire {
  connector?: C1ConnectorWire | null;
  appPath?: string;
  capabilitiesPath?: string;
  usersPath?: string;
}

/** `c1.api.app.v1.ConnectorExpandMask`: related objects to expand; paths are `app_id` or `*`. */
interface C1ConnectorExpandMaskWire {
  paths?: string[] | null;
}

// ---------------------------------------------------------------------------------------------------------------------
// ConnectorService requests and answers
// ---------------------------------------------------------------------------------------------------------------------

/** Answer of `GET /api/v1/apps/{app_id}/connectors`. `nextPageToken` is `''` on the last page. */
export interface C1ConnectorServiceListResponse {
  list?: C1ConnectorViewWire[] | null;
  nextPageToken?: string;
  /** Related objects the views point into. */
  expanded?: C1AnyWire[] | null;
}

/** Answer of `GET /api/v1/apps/{app_id}/connectors/{id}` (`ConnectorService.Get`). */
export interface C1ConnectorServiceGetResponse {
  connectorView?: C1ConnectorViewWire | null;
  expanded?: C1AnyWire[] | null;
}

/**
 * Body of `POST /api/v1/apps/{app_id}/connectors/create` (`ConnectorService.Create`): a configured connector.
 * The message has no display name: C1 names the connector after its catalog entry (rename it with an update).
 */
export interface C1ConnectorServiceCreateRequestInput {
  catalogId?: string;
  config?: C1AnyWire | null;
  description?: string;
  expandMask?: C1ConnectorExpandMaskWire | null;
  userIds?: string[] | null;
}

/** `c1.api.app.v1.AppEntitlementRef`: an entitlement of an app. */
interface C1AppEntitlementRefWire {
  appId?: string;
  id?: string;
}

/** `c1.api.app.v1.AppManagedStateBindingRef`: a resource (of another app) bound to the app's managed state. */
interface C1AppManagedStateBindingRefWire {
  appId?: string;
  resourceId?: string;
  resourceTypeId?: string;
}

/**
 * Body of `POST /api/v1/apps/{app_id}/connectors` (`ConnectorService.CreateDelegated`): a connector without a
 * config, which waits for one. The only create that takes a display name and the app's entitlement owners.
 */
export interface C1ConnectorServiceCreateDelegatedRequestInput {
  catalogId?: string;
  displayName?: string;
  description?: string;
  userIds?: string[] | null;
  /** Sets entitlement owners on the app. */
  appEntitlementOwnerRefs?: C1AppEntitlementRefWire[] | null;
  appManagedStateBindingRef?: C1AppManagedStateBindingRefWire | null;
  expandMask?: C1ConnectorExpandMaskWire | null;
}

/** Answer of both create operations. */
export interface C1ConnectorServiceCreateResponse {
  connectorView?: C1ConnectorViewWire | null;
  expanded?: C1AnyWire[] | null;
}

/** Answer of `POST /api/v1/apps/{app_id}/connectors/{id}`. */
export interface C1ConnectorServiceUpdateResponse {
  connectorView?: C1ConnectorViewWire | null;
  expanded?: C1AnyWire[] | null;
}

/** Answer of `DELETE /api/v1/apps/{app_id}/connectors/{id}`: `{}`; the status code tells success. */
export type C1ConnectorServiceDeleteResponse = Record<string, never>;

/**
 * Body of `POST /api/v1/apps/{app_id}/connectors/{connector_id}/force_sync` (`ConnectorService.ForceSync`, in the
 * full vendor document only): `{}`, the ids are in the URL. It asks for a sync; C1 queues it (not necessarily at once).
 */
export type C1ForceSyncRequestInput = Record<string, never>;

/** Answer of ForceSync: `{}`; the status code tells success, the connector's `status` tells how the sync goes. */
export type C1ForceSyncResponse = Record<string, never>;

// ---------------------------------------------------------------------------------------------------------------------
// Apps (not in the trimmed spec)
// ---------------------------------------------------------------------------------------------------------------------

/** `c1.api.app.v1.App.identityMatching`: how app users are matched to C1 identities. */
type C1IdentityMatching = 'APP_USER_IDENTITY_MATCHING_UNSPECIFIED' | 'APP_USER_IDENTITY_MATCHING_STRICT' | 'APP_USER_IDENTITY_MATCHING_DISPLAY_NAME';

/**
 * `c1.api.app.v1.App`, a subset: the trimmed OpenAPI document has no App schema, so this models the fields of the
 * real API's App message that describe an app and its policies (names as in C1's SDKs); owners (`appOwners`) and
 * the write-only `fieldMask` are left out. `userCount` is an `int64`, hence a decimal string.
 */
export interface C1AppWire {
  id?: string;
  displayName?: string;
  description?: string;
  iconUrl?: string;
  logoUri?: string;
  /** Cost per seat and month, whole US dollars (`int32`). */
  monthlyCostUsd?: number;
  /** Users with grants to the app (`int64` as a string). */
  userCount?: string;
  /** Whether the app is a directory (a source of identities). */
  isDirectory?: boolean;
  identityMatching?: C1IdentityMatching;
  /** The account the app stands for (AWS account id, GitHub org, Okta subdomain…). */
  appAccountId?: string;
  appAccountName?: string;
  /** The app that created this one; `''` when none. */
  parentAppId?: string;
  grantPolicyId?: string;
  revokePolicyId?: string;
  certifyPolicyId?: string;
  createdAt?: string | null;
  updatedAt?: string | null;
  deletedAt?: string | null;
}

/** Answer of `GET /api/v1/apps/{id}` (`AppService.Get`). */
export interface C1AppServiceGetResponse {
  app?: C1AppWire | null;
}

/** Answer of `GET /api/v1/apps?page_size=&page_token=` (`AppService.List`). `nextPageToken` is `''` on the last page. */
export interface C1AppServiceListResponse {
  list?: C1AppWire[] | null;
  nextPageToken?: string;
}

/** Answer of `POST /api/v1/search/apps`. `nextPageToken` is `''` on the last page. */
export interface C1AppSearchResponseWire {
  list?: C1AppWire[] | null;
  nextPageToken?: string;
}

// ---------------------------------------------------------------------------------------------------------------------
// Errors and tokens
// ---------------------------------------------------------------------------------------------------------------------

/** gRPC status codes (`google.rpc.Code`) C1 answers with. */
export const C1_GRPC_CODES = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

/** A numeric gRPC status code. */
export type C1GrpcCode = (typeof C1_GRPC_CODES)[keyof typeof C1_GRPC_CODES];

/**
 * The HTTP status grpc-gateway answers for each gRPC code (`runtime.HTTPStatusFromCode`), e.g. INVALID_ARGUMENT
 * 400, UNAUTHENTICATED 401, PERMISSION_DENIED 403, NOT_FOUND 404, RESOURCE_EXHAUSTED 429, INTERNAL 500.
 */
export const C1_HTTP_STATUS_BY_CODE: Readonly<Record<C1GrpcCode, number>> = {
  0: 200,
  1: 499,
  2: 500,
  3: 400,
  4: 504,
  5: 404,
  6: 409,
  7: 403,
  8: 429,
  9: 400,
  10: 409,
  11: 400,
  12: 501,
  13: 500,
  14: 503,
  15: 500,
  16: 401,
};

/**
 * Error body of every `/api/…` operation: a `google.rpc.Status` as grpc-gateway renders it. `details` holds
 * `google.protobuf.Any` messages (often empty).
 */
export interface C1ErrorWire {
  /** A gRPC code: one of C1GrpcCode, as far as ConductorOne documents them. */
  code: number;
  message: string;
  details: C1AnyWire[];
}

/** The `client_assertion_type` of a JWT client assertion (RFC 7523). */
export const C1_JWT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Answer of `POST /auth/v1/token` for the client-credentials grant. */
export interface C1TokenWire {
  access_token: string;
  token_type: 'Bearer';
  /** Seconds. */
  expires_in: number;
}

/** Error body of `POST /auth/v1/token` (RFC 6749 §5.2). */
export interface C1OAuthErrorWire {
  error: string;
  error_description?: string;
}
