/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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

/** What a settings update does to one field. */
export type FieldChangeStatus =
  /** A new value replaces the stored one. */
  | 'CHANGED'
  /** The value is removed. */
  | 'CLEARED'
  /** A locked field gets a new value (never shown). */
  | 'SET'
  /** The value given is the value stored (for a locked field: no value given, the stored one is kept). */
  | 'UNCHANGED';

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

/** One JSON Patch (RFC 6902) operation. */
export type JsonPatchOperationInput = {
  /** The source location, for `move` and `copy`. */
  from?: string | null | undefined;
  /** The operation. */
  op: JsonPatchOp;
  /** A JSON Pointer (RFC 6901) to the target location, e.g. `/connectorMetadata/shortDesc`. */
  path: string;
  /** The value, for `add`, `replace` and `test`. */
  value?: unknown;
};

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

export type SettingsFieldsFragment = {
  sections: Array<{ section: SettingsSection; fields: Array<{ key: string; locked: boolean; value: unknown; isSet: boolean }> }>;
};

export type ListConnectorsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;

export type ListConnectorsQuery = {
  connectors: {
    edges: Array<{
      node:
        | { id: string; source: ConnectorSource; nativeId: string; displayName: string }
        | { id: string; source: ConnectorSource; nativeId: string; displayName: string }
        | { id: string; source: ConnectorSource; nativeId: string; displayName: string };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

export type ReadConnectorQueryVariables = Exact<{
  id: string | number;
}>;

export type ReadConnectorQuery = {
  connector:
    | {
        __typename: 'AppConnector';
        id: string;
        source: ConnectorSource;
        displayName: string;
        settings: { sections: Array<{ section: SettingsSection; fields: Array<{ key: string; locked: boolean; value: unknown; isSet: boolean }> }> };
      }
    | {
        __typename: 'LoginConnector';
        syncProfile: boolean;
        metadata: Record<string, unknown> | null;
        id: string;
        source: ConnectorSource;
        displayName: string;
        settings: { sections: Array<{ section: SettingsSection; fields: Array<{ key: string; locked: boolean; value: unknown; isSet: boolean }> }> };
      }
    | {
        __typename: 'ScriptConnector';
        scriptName: string;
        sourceConfig: string | null;
        id: string;
        source: ConnectorSource;
        displayName: string;
        settings: { sections: Array<{ section: SettingsSection; fields: Array<{ key: string; locked: boolean; value: unknown; isSet: boolean }> }> };
      }
    | null;
};

export type CreateLoginConnectorMutationVariables = Exact<{
  input: CreateLoginConnectorInput;
}>;

export type CreateLoginConnectorMutation = {
  createLoginConnector: {
    id: string;
    nativeId: string;
    displayName: string;
    connectorId: string;
    syncProfile: boolean;
    settings: { sections: Array<{ section: SettingsSection; fields: Array<{ key: string; locked: boolean; value: unknown; isSet: boolean }> }> };
  };
};

export type PatchConnectorMutationVariables = Exact<{
  id: string | number;
  operations: Array<JsonPatchOperationInput> | JsonPatchOperationInput;
}>;

export type PatchConnectorMutation = {
  patchConnector:
    | {
        __typename: 'AppConnector';
        id: string;
        displayName: string;
        settings: { sections: Array<{ section: SettingsSection; fields: Array<{ key: string; locked: boolean; value: unknown; isSet: boolean }> }> };
      }
    | {
        __typename: 'LoginConnector';
        syncProfile: boolean;
        id: string;
        displayName: string;
        settings: { sections: Array<{ section: SettingsSection; fields: Array<{ key: string; locked: boolean; value: unknown; isSet: boolean }> }> };
      }
    | {
        __typename: 'ScriptConnector';
        id: string;
        displayName: string;
        settings: { sections: Array<{ section: SettingsSection; fields: Array<{ key: string; locked: boolean; value: unknown; isSet: boolean }> }> };
      };
};

export type CreateScriptConnectorMutationVariables = Exact<{
  input: CreateScriptConnectorInput;
}>;

export type CreateScriptConnectorMutation = { createScriptConnector: { id: string; scriptName: string; name: string; status: ScriptConnectorStatus | null } };

export type UploadScriptConnectorFileMutationVariables = Exact<{
  scriptName: string;
  kind: ScriptConnectorFileKind;
  file: Blob;
}>;

export type UploadScriptConnectorFileMutation = {
  uploadScriptConnectorFile: { status: UpdateDetailStatus | null; message: string | null; updatedFiles: Array<string> | null };
};

export type DeleteConnectorMutationVariables = Exact<{
  id: string | number;
}>;

export type DeleteConnectorMutation = { deleteConnector: string };

export type FormFieldsFragment = {
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

export type ConnectorFormQueryVariables = Exact<{
  id: string | number;
}>;

export type ConnectorFormQuery = {
  connector:
    | {
        id: string;
        source: ConnectorSource;
        displayName: string;
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
        source: ConnectorSource;
        displayName: string;
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
        source: ConnectorSource;
        displayName: string;
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

export type UpdateConnectorSettingsMutationVariables = Exact<{
  id: string | number;
  values: Array<SettingValueInput> | SettingValueInput;
  dryRun?: boolean | null | undefined;
}>;

export type UpdateConnectorSettingsMutation = {
  updateConnectorSettings: {
    ok: boolean;
    dryRun: boolean;
    problems: Array<{ key: string | null; message: string; code: SettingsProblemCode }>;
    fields: Array<{ key: string; locked: boolean; status: FieldChangeStatus }>;
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

export type TestConnectorMutationVariables = Exact<{
  id: string | number;
  values: Array<SettingValueInput> | SettingValueInput;
  sendTo?: TestRecipientInput | null | undefined;
}>;

export type TestConnectorMutation = {
  testConnector: {
    ok: boolean;
    message: string | null;
    method: ConnectorTestMethod;
    problems: Array<{ key: string | null; message: string; code: SettingsProblemCode }>;
  };
};

export type ConnectorCatalogQueryVariables = Exact<{ [key: string]: never }>;

export type ConnectorCatalogQuery = {
  connectorCatalog: Array<{
    id: string;
    name: string;
    configType: string | null;
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
};

export type FirstAppConnectorQueryVariables = Exact<{ [key: string]: never }>;

export type FirstAppConnectorQuery = {
  connectors: {
    edges: Array<{
      node:
        | { __typename: 'AppConnector'; appId: string; catalogId: string | null; id: string; nativeId: string }
        | { __typename: 'LoginConnector'; id: string; nativeId: string }
        | { __typename: 'ScriptConnector'; id: string; nativeId: string };
    }>;
  };
};

export type CreateAppConnectorMutationVariables = Exact<{
  input: CreateAppConnectorInput;
}>;

export type CreateAppConnectorMutation = { createAppConnector: { id: string; displayName: string; catalogId: string | null } };

export type SyncAppConnectorMutationVariables = Exact<{
  appId: string;
  id: string;
}>;

export type SyncAppConnectorMutation = {
  syncAppConnector: { id: string; displayName: string; connectorStatus: { status: SyncStatus | null; startedAt: string | null } | null };
};

export type ConnectorStatusChangedSubscriptionVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;

export type ConnectorStatusChangedSubscription = {
  connectorStatusChanged:
    | {
        __typename: 'AppConnector';
        id: string;
        displayName: string;
        connectorStatus: { status: SyncStatus | null; startedAt: string | null; completedAt: string | null; lastError: string | null } | null;
      }
    | { __typename: 'LoginConnector'; id: string; displayName: string }
    | { __typename: 'ScriptConnector'; id: string; displayName: string };
};

export const SettingsFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'SettingsFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ConnectorSettings' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'sections' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'section' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'fields' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'key' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'locked' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'isSet' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SettingsFieldsFragment, unknown>;
export const FormFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'FormFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ConnectorSettings' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'valueKind' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'sections' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'section' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'fields' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'key' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'label' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'placeholder' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'required' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'locked' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'isSet' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'defaultValue' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'options' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'label' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'showIf' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'key' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'equals' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<FormFieldsFragment, unknown>;
export const ListConnectorsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ListConnectors' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'connectors' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'first' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'after' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'nativeId' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ListConnectorsQuery, ListConnectorsQueryVariables>;
export const ReadConnectorDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ReadConnector' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'connector' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } }],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'settings' },
                  selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'SettingsFields' } }] },
                },
                {
                  kind: 'InlineFragment',
                  typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'LoginConnector' } },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'syncProfile' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'metadata' } },
                    ],
                  },
                },
                {
                  kind: 'InlineFragment',
                  typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ScriptConnector' } },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'scriptName' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'sourceConfig' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'SettingsFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ConnectorSettings' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'sections' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'section' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'fields' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'key' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'locked' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'isSet' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ReadConnectorQuery, ReadConnectorQueryVariables>;
export const CreateLoginConnectorDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CreateLoginConnector' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreateLoginConnectorInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createLoginConnector' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'input' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } } }],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'nativeId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
                { kind: 'Field', name: { kind: 'Name', value: 'connectorId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'syncProfile' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'settings' },
                  selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'SettingsFields' } }] },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'SettingsFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ConnectorSettings' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'sections' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'section' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'fields' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'key' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'locked' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'isSet' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CreateLoginConnectorMutation, CreateLoginConnectorMutationVariables>;
export const PatchConnectorDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'PatchConnector' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'operations' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'ListType', type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'JsonPatchOperationInput' } } } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'patchConnector' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'operations' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'operations' } } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'settings' },
                  selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'SettingsFields' } }] },
                },
                {
                  kind: 'InlineFragment',
                  typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'LoginConnector' } },
                  selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'syncProfile' } }] },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'SettingsFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ConnectorSettings' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'sections' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'section' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'fields' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'key' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'locked' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'isSet' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<PatchConnectorMutation, PatchConnectorMutationVariables>;
export const CreateScriptConnectorDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CreateScriptConnector' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreateScriptConnectorInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createScriptConnector' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'input' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } } }],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'scriptName' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CreateScriptConnectorMutation, CreateScriptConnectorMutationVariables>;
export const UploadScriptConnectorFileDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'UploadScriptConnectorFile' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'scriptName' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'kind' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ScriptConnectorFileKind' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'file' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Upload' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'uploadScriptConnectorFile' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'scriptName' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'scriptName' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'kind' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'kind' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'file' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'file' } } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'message' } },
                { kind: 'Field', name: { kind: 'Name', value: 'updatedFiles' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UploadScriptConnectorFileMutation, UploadScriptConnectorFileMutationVariables>;
export const DeleteConnectorDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'DeleteConnector' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deleteConnector' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } }],
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeleteConnectorMutation, DeleteConnectorMutationVariables>;
export const ConnectorFormDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ConnectorForm' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'connector' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } }],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'settings' },
                  selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'FormFields' } }] },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'FormFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ConnectorSettings' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'valueKind' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'sections' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'section' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'fields' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'key' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'label' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'placeholder' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'required' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'locked' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'isSet' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'defaultValue' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'options' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'label' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'showIf' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'key' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'equals' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ConnectorFormQuery, ConnectorFormQueryVariables>;
export const UpdateConnectorSettingsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'UpdateConnectorSettings' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'values' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'ListType', type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'SettingValueInput' } } } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'dryRun' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Boolean' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'updateConnectorSettings' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'values' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'values' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'dryRun' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'dryRun' } } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ok' } },
                { kind: 'Field', name: { kind: 'Name', value: 'dryRun' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'problems' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'key' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'message' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'fields' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'key' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'locked' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'changes' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'op' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'path' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'secret' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'connector' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'settings' },
                        selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'FormFields' } }] },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'FormFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ConnectorSettings' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'valueKind' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'sections' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'section' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'fields' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'key' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'label' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'placeholder' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'required' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'locked' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'isSet' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'defaultValue' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'options' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'label' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'showIf' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'key' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'equals' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UpdateConnectorSettingsMutation, UpdateConnectorSettingsMutationVariables>;
export const TestConnectorDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'TestConnector' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'values' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'ListType', type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'SettingValueInput' } } } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'sendTo' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'TestRecipientInput' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'testConnector' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'values' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'values' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'sendTo' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'sendTo' } } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ok' } },
                { kind: 'Field', name: { kind: 'Name', value: 'message' } },
                { kind: 'Field', name: { kind: 'Name', value: 'method' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'problems' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'key' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'message' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TestConnectorMutation, TestConnectorMutationVariables>;
export const ConnectorCatalogDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ConnectorCatalog' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'connectorCatalog' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'configType' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'form' },
                  selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'FormFields' } }] },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'FormFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ConnectorSettings' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'valueKind' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'sections' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'section' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'fields' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'key' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'label' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'placeholder' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'required' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'locked' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'isSet' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'defaultValue' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'options' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'label' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'showIf' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'key' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'equals' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ConnectorCatalogQuery, ConnectorCatalogQueryVariables>;
export const FirstAppConnectorDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'FirstAppConnector' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'connectors' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'sources' },
                value: { kind: 'ListValue', values: [{ kind: 'EnumValue', value: 'CONDUCTORONE' }] },
              },
              { kind: 'Argument', name: { kind: 'Name', value: 'first' }, value: { kind: 'IntValue', value: '1' } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'nativeId' } },
                            {
                              kind: 'InlineFragment',
                              typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'AppConnector' } },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'appId' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'catalogId' } },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<FirstAppConnectorQuery, FirstAppConnectorQueryVariables>;
export const CreateAppConnectorDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CreateAppConnector' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreateAppConnectorInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createAppConnector' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'input' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } } }],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
                { kind: 'Field', name: { kind: 'Name', value: 'catalogId' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CreateAppConnectorMutation, CreateAppConnectorMutationVariables>;
export const SyncAppConnectorDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'SyncAppConnector' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'appId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'syncAppConnector' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'appId' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'appId' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'connectorStatus' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SyncAppConnectorMutation, SyncAppConnectorMutationVariables>;
export const ConnectorStatusChangedDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'ConnectorStatusChanged' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'ids' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'ListType', type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'connectorStatusChanged' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'ids' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'ids' } } }],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
                {
                  kind: 'InlineFragment',
                  typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'AppConnector' } },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'connectorStatus' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'completedAt' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'lastError' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ConnectorStatusChangedSubscription, ConnectorStatusChangedSubscriptionVariables>;
