/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** An entitlement of an App, by the App's id and its own (ConductorOne's AppEntitlementRef). */
export type AppEntitlementRefInput = {
  /** The App's id. */
  appId: string;
  /** The entitlement's id. */
  id: string;
};

/** A resource of an App (ConductorOne's AppManagedStateBindingRef). */
export type AppManagedStateBindingRefInput = {
  /** The App's id. */
  appId: string;
  /** The resource's id. */
  resourceId: string;
  /** The resource type's id. */
  resourceTypeId: string;
};

/** What to keep in a list of connectors. */
export type ConnectorFilter = {
  /**
   * Free text matched against `displayName`, ignoring case (a substring). Pushed down to SailPoint as a `name co`
   * filter; matched by the gateway for Logto and ConductorOne.
   */
  search?: string | null | undefined;
};

/** The backend platform a connector lives on. */
export type ConnectorSource =
  /** ConductorOne: app connectors that sync objects into an App. */
  | 'CONDUCTORONE'
  /** Logto Management API: sign-in connectors (email, SMS, social). */
  | 'LOGTO'
  /** SailPoint Identity Security Cloud v3: custom script connectors. */
  | 'SAILPOINT';

/** How a connector test was made. */
export type ConnectorTestMethod =
  /**
   * The source has no test for this connector: the gateway checked the values against the form and what the source
   * requires (SailPoint: the connector's XML files; ConductorOne: the config message of its catalog entry). No
   * connection to the target system was made.
   */
  | 'FORM_CHECK'
  /** The source's own test ran (e.g. Logto's factory test sent a message through the provider). */
  | 'SOURCE_TEST';

/**
 * A new app connector, created from a catalog entry. With `config`, ConductorOne's configured create
 * (`/connectors/create`); without it, ConductorOne's delegated create (`POST /connectors`): a connector that waits
 * for its config (`config` null), the only create that takes `appEntitlementOwnerRefs` and
 * `appManagedStateBindingRef`. Neither create takes `profileAllowList`, `profileIgnoreList` or
 * `disableCheckBadSync` (nor the configured create `displayName`): those are set by one update right after the
 * create, and if that update fails the new connector is deleted again and the error returned.
 */
export type CreateAppConnectorInput = {
  /** Entitlements of the App whose owners are set (ConductorOne: "Sets entitlement owners on the app"). Delegated create only. */
  appEntitlementOwnerRefs?: Array<AppEntitlementRefInput> | null | undefined;
  /** The App to create it in. */
  appId: string;
  /** A resource of another App that manages this App's state (ConductorOne's managed-state binding). Delegated create only. */
  appManagedStateBindingRef?: AppManagedStateBindingRefInput | null | undefined;
  /** The catalog entry (connector kind): an `AppConnectorCatalogEntry.id` or any id ConductorOne knows. */
  catalogId: string;
  /**
   * The typed config: its values and `@type`. Without `@type`, the `configType` of the catalog entry is taken
   * (`connectorCatalog`); when the tenant has no configured connector of that entry to take it from, the create is
   * refused (BAD_USER_INPUT) rather than guessed. Leave `config` out for a delegated create.
   */
  config?: Record<string, unknown> | null | undefined;
  /** A description. */
  description?: string | null | undefined;
  /** Disables (true) ConductorOne's bad-sync check for this connector (set by the update after the create). */
  disableCheckBadSync?: boolean | null | undefined;
  /** A display name (default: ConductorOne names it after its catalog entry). */
  displayName?: string | null | undefined;
  /** Only these profile attributes are synced (set by the update after the create). */
  profileAllowList?: Array<string> | null | undefined;
  /** These profile attributes are not synced (set by the update after the create). */
  profileIgnoreList?: Array<string> | null | undefined;
  /** The owners (ConductorOne user ids). */
  userIds?: Array<string> | null | undefined;
};

/** A new login connector, created from a factory. */
export type CreateLoginConnectorInput = {
  /** The configuration; checked against the factory's form items before anything is sent. */
  config?: Record<string, unknown> | null | undefined;
  /** The factory id. */
  connectorId: string;
  /** Store the identity provider's tokens (social connectors whose factory supports it; Logto's default: false). */
  enableTokenStorage?: boolean | null | undefined;
  /** The connector id to use (1 to 128 characters); Logto generates one when omitted. */
  id?: string | null | undefined;
  /** Display metadata that overrides the factory's. */
  metadata?: Record<string, unknown> | null | undefined;
  /** Sync the user profile from the identity provider at every sign-in (true) or only when the user is created (false, Logto's default); true only for social connectors. */
  syncProfile?: boolean | null | undefined;
};

/** The fields of a new script connector. */
export type CreateScriptConnectorInput = {
  /** The implementing class; `sailpoint.connector.OpenConnectorAdapter` for OpenConnector connectors. */
  className: string;
  /** Whether sources connect directly; SailPoint defaults it to true. */
  directConnect?: boolean | null | undefined;
  /** Unique per tenant; SailPoint derives the scriptName from it. */
  name: string;
  /** The lifecycle status; SailPoint's create takes DEVELOPMENT, DEMO or RELEASED. */
  status?: ScriptConnectorCreateStatus | null | undefined;
  /** The connector type; SailPoint defaults it to `custom <name>`. */
  type?: string | null | undefined;
};

/** The kind of input a form field takes. */
export type FormFieldType =
  /** A file, uploaded on its own (not writable through `updateConnectorSettings`). */
  | 'FILE'
  /** Any JSON value (an object or a list as the source expects). */
  | 'JSON'
  /** A list of texts. */
  | 'LIST'
  /** Several lines of text. */
  | 'MULTILINE_TEXT'
  /** Any number of `options` (a list of their `value`s). */
  | 'MULTI_SELECT'
  /** A number (JSON number). */
  | 'NUMBER'
  /** A write-only secret (password, key, token): never read back. */
  | 'SECRET'
  /** One of `options` (its `value`). */
  | 'SELECT'
  /** On or off (JSON boolean). */
  | 'SWITCH'
  /** One line of text. */
  | 'TEXT'
  /** An absolute http(s) URL. */
  | 'URL'
  /** An XML text. */
  | 'XML';

/** A JSON Patch (RFC 6902) operation kind. */
export type JsonPatchOp =
  /** Add a value at `path` (an array index or `-` inserts). */
  | 'add'
  /** Copy the value at `from` to `path`. */
  | 'copy'
  /** Move the value at `from` to `path`. */
  | 'move'
  /** Remove the value at `path`. */
  | 'remove'
  /** Replace the value at `path`; it must exist. */
  | 'replace'
  /** Check that the value at `path` equals `value`; if not, the whole patch is refused with CONFLICT. */
  | 'test';

/** Where a Logto social connector signs people in (Logto's `Universal`, `Web` and `Native`). */
export type LoginConnectorPlatform =
  /** Native iOS and Android apps only (the provider's app SDK). */
  | 'NATIVE'
  /** Every platform: web browsers and native apps. */
  | 'UNIVERSAL'
  /** Web browsers only (e.g. WeChat's QR code sign-in on desktop). */
  | 'WEB';

/** The kind of a Logto sign-in connector. */
export type LoginConnectorType =
  /** Sends sign-in codes by email. */
  | 'EMAIL'
  /** Sends sign-in codes by SMS. */
  | 'SMS'
  /** Signs in through another identity provider (Google, GitHub, …). */
  | 'SOCIAL';

/**
 * A locale of SailPoint's connector texts. The GraphQL names are upper case with `_` (enum values cannot hold `-`);
 * each stands for SailPoint's own code, named in its description, which is what SailPoint is sent.
 */
export type SailPointLocale =
  /** `cs`: Czech. */
  | 'CS'
  /** `da`: Danish. */
  | 'DA'
  /** `de`: German. */
  | 'DE'
  /** `en`: English, SailPoint's fallback. */
  | 'EN'
  /** `es`: Spanish. */
  | 'ES'
  /** `fi`: Finnish. */
  | 'FI'
  /** `fr`: French. */
  | 'FR'
  /** `hu`: Hungarian. */
  | 'HU'
  /** `it`: Italian. */
  | 'IT'
  /** `ja`: Japanese. */
  | 'JA'
  /** `ko`: Korean. */
  | 'KO'
  /** `nl`: Dutch. */
  | 'NL'
  /** `no`: Norwegian. */
  | 'NO'
  /** `pl`: Polish. */
  | 'PL'
  /** `pt`: Portuguese. */
  | 'PT'
  /** `ru`: Russian. */
  | 'RU'
  /** `sv`: Swedish. */
  | 'SV'
  /** `zh-CN`: Chinese (China, simplified). */
  | 'ZH_CN'
  /** `zh-TW`: Chinese (Taiwan, traditional). */
  | 'ZH_TW';

/** The status a new script connector may be created with: SailPoint's create takes these three (not DEPRECATED). */
export type ScriptConnectorCreateStatus =
  /** A demo connector. */
  | 'DEMO'
  /** In development (kept out of the RELEASED list). */
  | 'DEVELOPMENT'
  /** Released. */
  | 'RELEASED';

/** The files of a script connector that `uploadScriptConnectorFile` replaces. */
export type ScriptConnectorFileKind =
  /** The account correlation configuration (XML, a SailPoint `CorrelationConfig`). */
  | 'CORRELATION_CONFIG'
  /** The source configuration form (XML, a SailPoint `Form`). */
  | 'SOURCE_CONFIG'
  /** The source template (XML, a SailPoint `Application`). */
  | 'SOURCE_TEMPLATE'
  /** The UI texts of one locale (a Java `.properties` text); `locale` picks which, default `en`. */
  | 'TRANSLATIONS';

/** Lifecycle status of a script connector (SailPoint's `status`). */
export type ScriptConnectorStatus =
  /** A demo connector. */
  | 'DEMO'
  /** Deprecated. */
  | 'DEPRECATED'
  /** In development. */
  | 'DEVELOPMENT'
  /** Released: listed for every tenant (the list shows only RELEASED connectors). */
  | 'RELEASED';

/** A value for one field of a connector's settings, by the field's key. */
export type SettingValueInput = {
  /** The field's key (`ConnectorSettingsField.key`). */
  key: string;
  /** The new value in the field's kind (a number for NUMBER, a boolean for SWITCH, …); null clears it. */
  value?: unknown;
};

/** Why a value cannot be used. */
export type SettingsProblemCode =
  /** The key is given twice. */
  | 'DUPLICATE'
  /** The field is not shown (its `showIf` does not hold) and takes no value. */
  | 'HIDDEN'
  /** The value breaks a rule of the source (its own words in `message`). */
  | 'INVALID'
  /** The value is not one of the field's options. */
  | 'NOT_AN_OPTION'
  /** The field cannot be written this way (a FILE field). */
  | 'READ_ONLY'
  /** The field is required and has no value. */
  | 'REQUIRED'
  /** A locked value must be entered again for a test (saved secrets are never used for one). */
  | 'RE_ENTER_SECRET'
  /** The form has no field with this key. */
  | 'UNKNOWN_FIELD'
  /** The value is not of the field's kind. */
  | 'WRONG_TYPE';

/** Where a configuration field is shown. */
export type SettingsSection =
  /** Further options: aggregation, filters, mappings, messages. */
  | 'ADDITIONAL'
  /** Advanced options: tuning, timeouts, file uploads and other expert settings. */
  | 'ADVANCED'
  /** Connection and credentials: what is needed to reach the system at all. */
  | 'GENERAL'
  /** Relay: proxies, virtual appliances, clusters and other intermediaries between the source and the target. */
  | 'RELAY';

/** What the values of a connector's settings are. */
export type SettingsValueKind =
  /**
   * The defaults of a form that other objects fill (SailPoint script connectors: the source config is the form each
   * source of the connector fills; a value here is the default a new source starts with).
   */
  | 'FORM_DEFAULTS'
  /** The connector's own stored configuration (Logto login connectors, ConductorOne app connectors). */
  | 'STORED';

/** The state of a connector's syncs. */
export type SyncStatus =
  /** Syncing is disabled. */
  | 'DISABLED'
  /** The last sync finished. */
  | 'DONE'
  /** The last sync failed. */
  | 'ERROR'
  /** A sync is running. */
  | 'RUNNING'
  /** ConductorOne reported no state. */
  | 'SYNC_STATUS_UNSPECIFIED';

/** Where a connector test sends its test message. */
export type TestRecipientInput = {
  /** An email address (email connectors). */
  email?: string | null | undefined;
  /** A phone number (SMS connectors). */
  phone?: string | null | undefined;
};

/** What a file upload did (SailPoint's `UpdateDetail.status`). */
export type UpdateDetailStatus =
  /** The file was refused; `message` says why. */
  | 'ERROR'
  /** Nothing was done. */
  | 'SKIPPED'
  /** The file was the same as the stored one. */
  | 'UNCHANGED'
  /** The file was stored. */
  | 'UPDATED';

export type ConsoleFormFragment = {
  valueKind: SettingsValueKind;
  sections: Array<{
    section: SettingsSection;
    fields: Array<{
      key: string;
      label: string | null;
      kind: FormFieldType;
      description: string | null;
      placeholder: string | null;
      required: boolean;
      locked: boolean;
      isSet: boolean;
      value: unknown;
      defaultValue: unknown;
      options: Array<{ value: string; label: string }> | null;
      showIf: Array<{ key: string; equals: unknown }>;
    }>;
  }>;
};

type ConsoleRow_AppConnector_Fragment = {
  __typename: 'AppConnector';
  appId: string;
  catalogId: string | null;
  syncDisabledReason: string | null;
  id: string;
  source: ConnectorSource;
  nativeId: string;
  displayName: string;
  description: string | null;
  updatedAt: string | null;
  connectorStatus: { status: SyncStatus | null; startedAt: string | null; completedAt: string | null; lastError: string | null } | null;
};

type ConsoleRow_LoginConnector_Fragment = {
  __typename: 'LoginConnector';
  type: LoginConnectorType;
  platform: LoginConnectorPlatform | null;
  connectorId: string;
  id: string;
  source: ConnectorSource;
  nativeId: string;
  displayName: string;
  description: string | null;
  updatedAt: string | null;
};

type ConsoleRow_ScriptConnector_Fragment = {
  __typename: 'ScriptConnector';
  scriptName: string;
  status: ScriptConnectorStatus | null;
  id: string;
  source: ConnectorSource;
  nativeId: string;
  displayName: string;
  description: string | null;
  updatedAt: string | null;
};

export type ConsoleRowFragment = ConsoleRow_AppConnector_Fragment | ConsoleRow_LoginConnector_Fragment | ConsoleRow_ScriptConnector_Fragment;

export type ConsoleConnectorsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  sources?: Array<ConnectorSource> | ConnectorSource | null | undefined;
  filter?: ConnectorFilter | null | undefined;
}>;

export type ConsoleConnectorsQuery = {
  connectors: {
    edges: Array<{
      node:
        | {
            __typename: 'AppConnector';
            appId: string;
            catalogId: string | null;
            syncDisabledReason: string | null;
            id: string;
            source: ConnectorSource;
            nativeId: string;
            displayName: string;
            description: string | null;
            updatedAt: string | null;
            connectorStatus: { status: SyncStatus | null; startedAt: string | null; completedAt: string | null; lastError: string | null } | null;
          }
        | {
            __typename: 'LoginConnector';
            type: LoginConnectorType;
            platform: LoginConnectorPlatform | null;
            connectorId: string;
            id: string;
            source: ConnectorSource;
            nativeId: string;
            displayName: string;
            description: string | null;
            updatedAt: string | null;
          }
        | {
            __typename: 'ScriptConnector';
            scriptName: string;
            status: ScriptConnectorStatus | null;
            id: string;
            source: ConnectorSource;
            nativeId: string;
            displayName: string;
            description: string | null;
            updatedAt: string | null;
          };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

export type ConsoleConnectorQueryVariables = Exact<{
  id: string | number;
}>;

export type ConsoleConnectorQuery = {
  connector:
    | {
        __typename: 'AppConnector';
        appId: string;
        catalogId: string | null;
        syncDisabledReason: string | null;
        id: string;
        source: ConnectorSource;
        nativeId: string;
        displayName: string;
        description: string | null;
        updatedAt: string | null;
        settings: {
          valueKind: SettingsValueKind;
          sections: Array<{
            section: SettingsSection;
            fields: Array<{
              key: string;
              label: string | null;
              kind: FormFieldType;
              description: string | null;
              placeholder: string | null;
              required: boolean;
              locked: boolean;
              isSet: boolean;
              value: unknown;
              defaultValue: unknown;
              options: Array<{ value: string; label: string }> | null;
              showIf: Array<{ key: string; equals: unknown }>;
            }>;
          }>;
        };
        connectorStatus: { status: SyncStatus | null; startedAt: string | null; completedAt: string | null; lastError: string | null } | null;
      }
    | {
        __typename: 'LoginConnector';
        type: LoginConnectorType;
        platform: LoginConnectorPlatform | null;
        connectorId: string;
        id: string;
        source: ConnectorSource;
        nativeId: string;
        displayName: string;
        description: string | null;
        updatedAt: string | null;
        settings: {
          valueKind: SettingsValueKind;
          sections: Array<{
            section: SettingsSection;
            fields: Array<{
              key: string;
              label: string | null;
              kind: FormFieldType;
              description: string | null;
              placeholder: string | null;
              required: boolean;
              locked: boolean;
              isSet: boolean;
              value: unknown;
              defaultValue: unknown;
              options: Array<{ value: string; label: string }> | null;
              showIf: Array<{ key: string; equals: unknown }>;
            }>;
          }>;
        };
      }
    | {
        __typename: 'ScriptConnector';
        scriptName: string;
        status: ScriptConnectorStatus | null;
        id: string;
        source: ConnectorSource;
        nativeId: string;
        displayName: string;
        description: string | null;
        updatedAt: string | null;
        settings: {
          valueKind: SettingsValueKind;
          sections: Array<{
            section: SettingsSection;
            fields: Array<{
              key: string;
              label: string | null;
              kind: FormFieldType;
              description: string | null;
              placeholder: string | null;
              required: boolean;
              locked: boolean;
              isSet: boolean;
              value: unknown;
              defaultValue: unknown;
              options: Array<{ value: string; label: string }> | null;
              showIf: Array<{ key: string; equals: unknown }>;
            }>;
          }>;
        };
      }
    | null;
};

export type ConsoleSaveSettingsMutationVariables = Exact<{
  id: string | number;
  values: Array<SettingValueInput> | SettingValueInput;
  dryRun?: boolean | null | undefined;
}>;

export type ConsoleSaveSettingsMutation = {
  updateConnectorSettings: {
    ok: boolean;
    dryRun: boolean;
    problems: Array<{ key: string | null; message: string; code: SettingsProblemCode }>;
    changes: Array<{ op: JsonPatchOp; path: string; value: unknown; secret: boolean }>;
    connector:
      | {
          id: string;
          settings: {
            valueKind: SettingsValueKind;
            sections: Array<{
              section: SettingsSection;
              fields: Array<{
                key: string;
                label: string | null;
                kind: FormFieldType;
                description: string | null;
                placeholder: string | null;
                required: boolean;
                locked: boolean;
                isSet: boolean;
                value: unknown;
                defaultValue: unknown;
                options: Array<{ value: string; label: string }> | null;
                showIf: Array<{ key: string; equals: unknown }>;
              }>;
            }>;
          };
        }
      | {
          id: string;
          settings: {
            valueKind: SettingsValueKind;
            sections: Array<{
              section: SettingsSection;
              fields: Array<{
                key: string;
                label: string | null;
                kind: FormFieldType;
                description: string | null;
                placeholder: string | null;
                required: boolean;
                locked: boolean;
                isSet: boolean;
                value: unknown;
                defaultValue: unknown;
                options: Array<{ value: string; label: string }> | null;
                showIf: Array<{ key: string; equals: unknown }>;
              }>;
            }>;
          };
        }
      | {
          id: string;
          settings: {
            valueKind: SettingsValueKind;
            sections: Array<{
              section: SettingsSection;
              fields: Array<{
                key: string;
                label: string | null;
                kind: FormFieldType;
                description: string | null;
                placeholder: string | null;
                required: boolean;
                locked: boolean;
                isSet: boolean;
                value: unknown;
                defaultValue: unknown;
                options: Array<{ value: string; label: string }> | null;
                showIf: Array<{ key: string; equals: unknown }>;
              }>;
            }>;
          };
        }
      | null;
  };
};

export type ConsoleTestConnectorMutationVariables = Exact<{
  id: string | number;
  values: Array<SettingValueInput> | SettingValueInput;
  sendTo?: TestRecipientInput | null | undefined;
}>;

export type ConsoleTestConnectorMutation = {
  testConnector: {
    ok: boolean;
    message: string | null;
    method: ConnectorTestMethod;
    problems: Array<{ key: string | null; message: string; code: SettingsProblemCode }>;
  };
};

export type ConsoleScriptFilesQueryVariables = Exact<{
  scriptName: string;
  locale?: SailPointLocale | null | undefined;
}>;

export type ConsoleScriptFilesQuery = {
  scriptConnector: {
    scriptName: string;
    sourceConfig: string | null;
    correlationConfig: string | null;
    sourceTemplate: string | null;
    translations: string | null;
  } | null;
};

export type ConsoleUploadScriptFileMutationVariables = Exact<{
  scriptName: string;
  kind: ScriptConnectorFileKind;
  file: File;
  locale?: SailPointLocale | null | undefined;
}>;

export type ConsoleUploadScriptFileMutation = {
  uploadScriptConnectorFile: { status: UpdateDetailStatus | null; message: string | null; updatedFiles: Array<string> | null };
};

export type ConsoleConnectorFactoriesQueryVariables = Exact<{ [key: string]: never }>;

export type ConsoleConnectorFactoriesQuery = {
  connectorFactories: Array<{
    id: string;
    type: LoginConnectorType;
    name: string;
    description: string | null;
    platform: LoginConnectorPlatform | null;
    target: string | null;
    isStandard: boolean;
    form: {
      valueKind: SettingsValueKind;
      sections: Array<{
        section: SettingsSection;
        fields: Array<{
          key: string;
          label: string | null;
          kind: FormFieldType;
          description: string | null;
          placeholder: string | null;
          required: boolean;
          locked: boolean;
          isSet: boolean;
          value: unknown;
          defaultValue: unknown;
          options: Array<{ value: string; label: string }> | null;
          showIf: Array<{ key: string; equals: unknown }>;
        }>;
      }>;
    };
  }>;
};

export type ConsoleConnectorCatalogQueryVariables = Exact<{
  first: number;
}>;

export type ConsoleConnectorCatalogQuery = {
  connectorCatalog: Array<{
    id: string;
    name: string;
    configType: string | null;
    connectorCount: number;
    form: {
      valueKind: SettingsValueKind;
      sections: Array<{
        section: SettingsSection;
        fields: Array<{
          key: string;
          label: string | null;
          kind: FormFieldType;
          description: string | null;
          placeholder: string | null;
          required: boolean;
          locked: boolean;
          isSet: boolean;
          value: unknown;
          defaultValue: unknown;
          options: Array<{ value: string; label: string }> | null;
          showIf: Array<{ key: string; equals: unknown }>;
        }>;
      }>;
    } | null;
  }>;
  connectors: { edges: Array<{ node: { appId: string; app: { displayName: string | null } | null } | Record<PropertyKey, never> }> };
};

export type ConsoleTestNewConnectorMutationVariables = Exact<{
  source: ConnectorSource;
  templateId: string;
  values: Array<SettingValueInput> | SettingValueInput;
  sendTo?: TestRecipientInput | null | undefined;
}>;

export type ConsoleTestNewConnectorMutation = {
  testNewConnector: {
    ok: boolean;
    message: string | null;
    method: ConnectorTestMethod;
    problems: Array<{ key: string | null; message: string; code: SettingsProblemCode }>;
  };
};

export type ConsoleCreateLoginConnectorMutationVariables = Exact<{
  input: CreateLoginConnectorInput;
}>;

export type ConsoleCreateLoginConnectorMutation = { createLoginConnector: { id: string; displayName: string } };

export type ConsoleCreateAppConnectorMutationVariables = Exact<{
  input: CreateAppConnectorInput;
}>;

export type ConsoleCreateAppConnectorMutation = { createAppConnector: { id: string; displayName: string } };

export type ConsoleCreateScriptConnectorMutationVariables = Exact<{
  input: CreateScriptConnectorInput;
}>;

export type ConsoleCreateScriptConnectorMutation = { createScriptConnector: { id: string; displayName: string } };

export type ConsoleSyncAppConnectorMutationVariables = Exact<{
  appId: string;
  id: string;
}>;

export type ConsoleSyncAppConnectorMutation = {
  syncAppConnector: {
    __typename: 'AppConnector';
    appId: string;
    catalogId: string | null;
    syncDisabledReason: string | null;
    id: string;
    source: ConnectorSource;
    nativeId: string;
    displayName: string;
    description: string | null;
    updatedAt: string | null;
    connectorStatus: { status: SyncStatus | null; startedAt: string | null; completedAt: string | null; lastError: string | null } | null;
  };
};

export type ConsoleStatusChangedSubscriptionVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;

export type ConsoleStatusChangedSubscription = {
  connectorStatusChanged:
    | {
        __typename: 'AppConnector';
        appId: string;
        catalogId: string | null;
        syncDisabledReason: string | null;
        id: string;
        source: ConnectorSource;
        nativeId: string;
        displayName: string;
        description: string | null;
        updatedAt: string | null;
        connectorStatus: { status: SyncStatus | null; startedAt: string | null; completedAt: string | null; lastError: string | null } | null;
      }
    | {
        __typename: 'LoginConnector';
        type: LoginConnectorType;
        platform: LoginConnectorPlatform | null;
        connectorId: string;
        id: string;
        source: ConnectorSource;
        nativeId: string;
        displayName: string;
        description: string | null;
        updatedAt: string | null;
      }
    | {
        __typename: 'ScriptConnector';
        scriptName: string;
        status: ScriptConnectorStatus | null;
        id: string;
        source: ConnectorSource;
        nativeId: string;
        displayName: string;
        description: string | null;
        updatedAt: string | null;
      };
};

export class TypedDocumentString<TResult, TVariables> extends String implements DocumentTypeDecoration<TResult, TVariables> {
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ConsoleFormFragmentDoc = new TypedDocumentString(
  `
    fragment ConsoleForm on ConnectorSettings {
  valueKind
  sections {
    section
    fields {
      key
      label
      kind
      description
      placeholder
      required
      locked
      isSet
      value
      defaultValue
      options {
        value
        label
      }
      showIf {
        key
        equals
      }
    }
  }
}
    `,
  { fragmentName: 'ConsoleForm' },
) as unknown as TypedDocumentString<ConsoleFormFragment, unknown>;
export const ConsoleRowFragmentDoc = new TypedDocumentString(
  `
    fragment ConsoleRow on Connector {
  __typename
  id
  source
  nativeId
  displayName
  description
  updatedAt
  ... on AppConnector {
    appId
    catalogId
    syncDisabledReason
    connectorStatus {
      status
      startedAt
      completedAt
      lastError
    }
  }
  ... on LoginConnector {
    type
    platform
    connectorId
  }
  ... on ScriptConnector {
    scriptName
    status
  }
}
    `,
  { fragmentName: 'ConsoleRow' },
) as unknown as TypedDocumentString<ConsoleRowFragment, unknown>;
export const ConsoleConnectorsDocument = new TypedDocumentString(`
    query ConsoleConnectors($first: Int!, $after: String, $sources: [ConnectorSource!], $filter: ConnectorFilter) {
  connectors(first: $first, after: $after, sources: $sources, filter: $filter) {
    edges {
      node {
        ...ConsoleRow
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ConsoleRow on Connector {
  __typename
  id
  source
  nativeId
  displayName
  description
  updatedAt
  ... on AppConnector {
    appId
    catalogId
    syncDisabledReason
    connectorStatus {
      status
      startedAt
      completedAt
      lastError
    }
  }
  ... on LoginConnector {
    type
    platform
    connectorId
  }
  ... on ScriptConnector {
    scriptName
    status
  }
}`) as unknown as TypedDocumentString<ConsoleConnectorsQuery, ConsoleConnectorsQueryVariables>;
export const ConsoleConnectorDocument = new TypedDocumentString(`
    query ConsoleConnector($id: ID!) {
  connector(id: $id) {
    ...ConsoleRow
    settings {
      ...ConsoleForm
    }
  }
}
    fragment ConsoleForm on ConnectorSettings {
  valueKind
  sections {
    section
    fields {
      key
      label
      kind
      description
      placeholder
      required
      locked
      isSet
      value
      defaultValue
      options {
        value
        label
      }
      showIf {
        key
        equals
      }
    }
  }
}
fragment ConsoleRow on Connector {
  __typename
  id
  source
  nativeId
  displayName
  description
  updatedAt
  ... on AppConnector {
    appId
    catalogId
    syncDisabledReason
    connectorStatus {
      status
      startedAt
      completedAt
      lastError
    }
  }
  ... on LoginConnector {
    type
    platform
    connectorId
  }
  ... on ScriptConnector {
    scriptName
    status
  }
}`) as unknown as TypedDocumentString<ConsoleConnectorQuery, ConsoleConnectorQueryVariables>;
export const ConsoleSaveSettingsDocument = new TypedDocumentString(`
    mutation ConsoleSaveSettings($id: ID!, $values: [SettingValueInput!]!, $dryRun: Boolean) {
  updateConnectorSettings(id: $id, values: $values, dryRun: $dryRun) {
    ok
    dryRun
    problems {
      key
      message
      code
    }
    changes {
      op
      path
      value
      secret
    }
    connector {
      id
      settings {
        ...ConsoleForm
      }
    }
  }
}
    fragment ConsoleForm on ConnectorSettings {
  valueKind
  sections {
    section
    fields {
      key
      label
      kind
      description
      placeholder
      required
      locked
      isSet
      value
      defaultValue
      options {
        value
        label
      }
      showIf {
        key
        equals
      }
    }
  }
}`) as unknown as TypedDocumentString<ConsoleSaveSettingsMutation, ConsoleSaveSettingsMutationVariables>;
export const ConsoleTestConnectorDocument = new TypedDocumentString(`
    mutation ConsoleTestConnector($id: ID!, $values: [SettingValueInput!]!, $sendTo: TestRecipientInput) {
  testConnector(id: $id, values: $values, sendTo: $sendTo) {
    ok
    message
    method
    problems {
      key
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleTestConnectorMutation, ConsoleTestConnectorMutationVariables>;
export const ConsoleScriptFilesDocument = new TypedDocumentString(`
    query ConsoleScriptFiles($scriptName: String!, $locale: SailPointLocale) {
  scriptConnector(scriptName: $scriptName) {
    scriptName
    sourceConfig
    correlationConfig
    sourceTemplate
    translations(locale: $locale)
  }
}
    `) as unknown as TypedDocumentString<ConsoleScriptFilesQuery, ConsoleScriptFilesQueryVariables>;
export const ConsoleUploadScriptFileDocument = new TypedDocumentString(`
    mutation ConsoleUploadScriptFile($scriptName: String!, $kind: ScriptConnectorFileKind!, $file: Upload!, $locale: SailPointLocale) {
  uploadScriptConnectorFile(
    scriptName: $scriptName
    kind: $kind
    file: $file
    locale: $locale
  ) {
    status
    message
    updatedFiles
  }
}
    `) as unknown as TypedDocumentString<ConsoleUploadScriptFileMutation, ConsoleUploadScriptFileMutationVariables>;
export const ConsoleConnectorFactoriesDocument = new TypedDocumentString(`
    query ConsoleConnectorFactories {
  connectorFactories {
    id
    type
    name
    description
    platform
    target
    isStandard
    form {
      ...ConsoleForm
    }
  }
}
    fragment ConsoleForm on ConnectorSettings {
  valueKind
  sections {
    section
    fields {
      key
      label
      kind
      description
      placeholder
      required
      locked
      isSet
      value
      defaultValue
      options {
        value
        label
      }
      showIf {
        key
        equals
      }
    }
  }
}`) as unknown as TypedDocumentString<ConsoleConnectorFactoriesQuery, ConsoleConnectorFactoriesQueryVariables>;
export const ConsoleConnectorCatalogDocument = new TypedDocumentString(`
    query ConsoleConnectorCatalog($first: Int!) {
  connectorCatalog {
    id
    name
    configType
    connectorCount
    form {
      ...ConsoleForm
    }
  }
  connectors(sources: [CONDUCTORONE], first: $first) {
    edges {
      node {
        ... on AppConnector {
          appId
          app {
            displayName
          }
        }
      }
    }
  }
}
    fragment ConsoleForm on ConnectorSettings {
  valueKind
  sections {
    section
    fields {
      key
      label
      kind
      description
      placeholder
      required
      locked
      isSet
      value
      defaultValue
      options {
        value
        label
      }
      showIf {
        key
        equals
      }
    }
  }
}`) as unknown as TypedDocumentString<ConsoleConnectorCatalogQuery, ConsoleConnectorCatalogQueryVariables>;
export const ConsoleTestNewConnectorDocument = new TypedDocumentString(`
    mutation ConsoleTestNewConnector($source: ConnectorSource!, $templateId: String!, $values: [SettingValueInput!]!, $sendTo: TestRecipientInput) {
  testNewConnector(
    source: $source
    templateId: $templateId
    values: $values
    sendTo: $sendTo
  ) {
    ok
    message
    method
    problems {
      key
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleTestNewConnectorMutation, ConsoleTestNewConnectorMutationVariables>;
export const ConsoleCreateLoginConnectorDocument = new TypedDocumentString(`
    mutation ConsoleCreateLoginConnector($input: CreateLoginConnectorInput!) {
  createLoginConnector(input: $input) {
    id
    displayName
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateLoginConnectorMutation, ConsoleCreateLoginConnectorMutationVariables>;
export const ConsoleCreateAppConnectorDocument = new TypedDocumentString(`
    mutation ConsoleCreateAppConnector($input: CreateAppConnectorInput!) {
  createAppConnector(input: $input) {
    id
    displayName
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateAppConnectorMutation, ConsoleCreateAppConnectorMutationVariables>;
export const ConsoleCreateScriptConnectorDocument = new TypedDocumentString(`
    mutation ConsoleCreateScriptConnector($input: CreateScriptConnectorInput!) {
  createScriptConnector(input: $input) {
    id
    displayName
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateScriptConnectorMutation, ConsoleCreateScriptConnectorMutationVariables>;
export const ConsoleSyncAppConnectorDocument = new TypedDocumentString(`
    mutation ConsoleSyncAppConnector($appId: String!, $id: String!) {
  syncAppConnector(appId: $appId, id: $id) {
    ...ConsoleRow
  }
}
    fragment ConsoleRow on Connector {
  __typename
  id
  source
  nativeId
  displayName
  description
  updatedAt
  ... on AppConnector {
    appId
    catalogId
    syncDisabledReason
    connectorStatus {
      status
      startedAt
      completedAt
      lastError
    }
  }
  ... on LoginConnector {
    type
    platform
    connectorId
  }
  ... on ScriptConnector {
    scriptName
    status
  }
}`) as unknown as TypedDocumentString<ConsoleSyncAppConnectorMutation, ConsoleSyncAppConnectorMutationVariables>;
export const ConsoleStatusChangedDocument = new TypedDocumentString(`
    subscription ConsoleStatusChanged($ids: [ID!]!) {
  connectorStatusChanged(ids: $ids) {
    ...ConsoleRow
  }
}
    fragment ConsoleRow on Connector {
  __typename
  id
  source
  nativeId
  displayName
  description
  updatedAt
  ... on AppConnector {
    appId
    catalogId
    syncDisabledReason
    connectorStatus {
      status
      startedAt
      completedAt
      lastError
    }
  }
  ... on LoginConnector {
    type
    platform
    connectorId
  }
  ... on ScriptConnector {
    scriptName
    status
  }
}`) as unknown as TypedDocumentString<ConsoleStatusChangedSubscription, ConsoleStatusChangedSubscriptionVariables>;
