/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The backend platform a connector lives on. */
export type ConnectorSource =
  /** ConductorOne: app connectors that sync objects into an App. */
  | 'CONDUCTORONE'
  /** Logto Management API: sign-in connectors (email, SMS, social). */
  | 'LOGTO'
  /** SailPoint Identity Security Cloud v3: custom script connectors. */
  | 'SAILPOINT';

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
