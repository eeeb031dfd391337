/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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
  connectorStatus: { status: SyncStatus | null; completedAt: string | null; lastError: string | null } | null;
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
            connectorStatus: { status: SyncStatus | null; completedAt: string | null; lastError: string | null } | null;
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
        connectorStatus: { status: SyncStatus | null; completedAt: string | null; lastError: string | null } | null;
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
