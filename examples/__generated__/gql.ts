/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  fragment SettingsFields on ConnectorSettings {\n    sections {\n      section\n      fields {\n        key\n        locked\n        value\n        isSet\n      }\n    }\n  }\n': typeof types.SettingsFieldsFragmentDoc;
  '\n  query ListConnectors($first: Int!, $after: String) {\n    connectors(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          source\n          nativeId\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n': typeof types.ListConnectorsDocument;
  '\n  query ReadConnector($id: ID!) {\n    connector(id: $id) {\n      __typename\n      id\n      source\n      displayName\n      settings {\n        ...SettingsFields\n      }\n      ... on LoginConnector {\n        syncProfile\n        metadata\n      }\n      ... on ScriptConnector {\n        scriptName\n        sourceConfig\n      }\n    }\n  }\n': typeof types.ReadConnectorDocument;
  '\n  mutation CreateLoginConnector($input: CreateLoginConnectorInput!) {\n    createLoginConnector(input: $input) {\n      id\n      nativeId\n      displayName\n      connectorId\n      syncProfile\n      settings {\n        ...SettingsFields\n      }\n    }\n  }\n': typeof types.CreateLoginConnectorDocument;
  '\n  mutation PatchConnector($id: ID!, $operations: [JsonPatchOperationInput!]!) {\n    patchConnector(id: $id, operations: $operations) {\n      __typename\n      id\n      displayName\n      settings {\n        ...SettingsFields\n      }\n      ... on LoginConnector {\n        syncProfile\n      }\n    }\n  }\n': typeof types.PatchConnectorDocument;
  '\n  mutation CreateScriptConnector($input: CreateScriptConnectorInput!) {\n    createScriptConnector(input: $input) {\n      id\n      scriptName\n      name\n      status\n    }\n  }\n': typeof types.CreateScriptConnectorDocument;
  '\n  mutation UploadScriptConnectorFile($scriptName: String!, $kind: ScriptConnectorFileKind!, $file: Upload!) {\n    uploadScriptConnectorFile(scriptName: $scriptName, kind: $kind, file: $file) {\n      status\n      message\n      updatedFiles\n    }\n  }\n': typeof types.UploadScriptConnectorFileDocument;
  '\n  mutation DeleteConnector($id: ID!) {\n    deleteConnector(id: $id)\n  }\n': typeof types.DeleteConnectorDocument;
  '\n  fragment FormFields on ConnectorSettings {\n    valueKind\n    sections {\n      section\n      fields {\n        key\n        label\n        kind\n        description\n        placeholder\n        required\n        locked\n        isSet\n        value\n        defaultValue\n        options {\n          value\n          label\n        }\n        showIf {\n          key\n          equals\n        }\n      }\n    }\n  }\n': typeof types.FormFieldsFragmentDoc;
  '\n  query ConnectorForm($id: ID!) {\n    connector(id: $id) {\n      id\n      source\n      displayName\n      settings {\n        ...FormFields\n      }\n    }\n  }\n': typeof types.ConnectorFormDocument;
  '\n  mutation UpdateConnectorSettings($id: ID!, $values: [SettingValueInput!]!, $dryRun: Boolean) {\n    updateConnectorSettings(id: $id, values: $values, dryRun: $dryRun) {\n      ok\n      dryRun\n      problems {\n        key\n        message\n        code\n      }\n      fields {\n        key\n        locked\n        status\n      }\n      changes {\n        op\n        path\n        value\n        secret\n      }\n      connector {\n        id\n        settings {\n          ...FormFields\n        }\n      }\n    }\n  }\n': typeof types.UpdateConnectorSettingsDocument;
  '\n  mutation TestConnector($id: ID!, $values: [SettingValueInput!]!, $sendTo: TestRecipientInput) {\n    testConnector(id: $id, values: $values, sendTo: $sendTo) {\n      ok\n      message\n      method\n      problems {\n        key\n        message\n        code\n      }\n    }\n  }\n': typeof types.TestConnectorDocument;
  '\n  query ConnectorCatalog {\n    connectorCatalog {\n      id\n      name\n      configType\n      form {\n        ...FormFields\n      }\n    }\n  }\n': typeof types.ConnectorCatalogDocument;
  '\n  query FirstAppConnector {\n    connectors(sources: [CONDUCTORONE], first: 1) {\n      edges {\n        node {\n          __typename\n          id\n          nativeId\n          ... on AppConnector {\n            appId\n            catalogId\n          }\n        }\n      }\n    }\n  }\n': typeof types.FirstAppConnectorDocument;
  '\n  mutation CreateAppConnector($input: CreateAppConnectorInput!) {\n    createAppConnector(input: $input) {\n      id\n      displayName\n      catalogId\n    }\n  }\n': typeof types.CreateAppConnectorDocument;
  '\n  mutation SyncAppConnector($appId: String!, $id: String!) {\n    syncAppConnector(appId: $appId, id: $id) {\n      id\n      displayName\n      connectorStatus {\n        status\n        startedAt\n      }\n    }\n  }\n': typeof types.SyncAppConnectorDocument;
  '\n  subscription ConnectorStatusChanged($ids: [ID!]!) {\n    connectorStatusChanged(ids: $ids) {\n      __typename\n      id\n      displayName\n      ... on AppConnector {\n        connectorStatus {\n          status\n          startedAt\n          completedAt\n          lastError\n        }\n      }\n    }\n  }\n': typeof types.ConnectorStatusChangedDocument;
};
const documents: Documents = {
  '\n  fragment SettingsFields on ConnectorSettings {\n    sections {\n      section\n      fields {\n        key\n        locked\n        value\n        isSet\n      }\n    }\n  }\n':
    types.SettingsFieldsFragmentDoc,
  '\n  query ListConnectors($first: Int!, $after: String) {\n    connectors(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          source\n          nativeId\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n':
    types.ListConnectorsDocument,
  '\n  query ReadConnector($id: ID!) {\n    connector(id: $id) {\n      __typename\n      id\n      source\n      displayName\n      settings {\n        ...SettingsFields\n      }\n      ... on LoginConnector {\n        syncProfile\n        metadata\n      }\n      ... on ScriptConnector {\n        scriptName\n        sourceConfig\n      }\n    }\n  }\n':
    types.ReadConnectorDocument,
  '\n  mutation CreateLoginConnector($input: CreateLoginConnectorInput!) {\n    createLoginConnector(input: $input) {\n      id\n      nativeId\n      displayName\n      connectorId\n      syncProfile\n      settings {\n        ...SettingsFields\n      }\n    }\n  }\n':
    types.CreateLoginConnectorDocument,
  '\n  mutation PatchConnector($id: ID!, $operations: [JsonPatchOperationInput!]!) {\n    patchConnector(id: $id, operations: $operations) {\n      __typename\n      id\n      displayName\n      settings {\n        ...SettingsFields\n      }\n      ... on LoginConnector {\n        syncProfile\n      }\n    }\n  }\n':
    types.PatchConnectorDocument,
  '\n  mutation CreateScriptConnector($input: CreateScriptConnectorInput!) {\n    createScriptConnector(input: $input) {\n      id\n      scriptName\n      name\n      status\n    }\n  }\n':
    types.CreateScriptConnectorDocument,
  '\n  mutation UploadScriptConnectorFile($scriptName: String!, $kind: ScriptConnectorFileKind!, $file: Upload!) {\n    uploadScriptConnectorFile(scriptName: $scriptName, kind: $kind, file: $file) {\n      status\n      message\n      updatedFiles\n    }\n  }\n':
    types.UploadScriptConnectorFileDocument,
  '\n  mutation DeleteConnector($id: ID!) {\n    deleteConnector(id: $id)\n  }\n': types.DeleteConnectorDocument,
  '\n  fragment FormFields on ConnectorSettings {\n    valueKind\n    sections {\n      section\n      fields {\n        key\n        label\n        kind\n        description\n        placeholder\n        required\n        locked\n        isSet\n        value\n        defaultValue\n        options {\n          value\n          label\n        }\n        showIf {\n          key\n          equals\n        }\n      }\n    }\n  }\n':
    types.FormFieldsFragmentDoc,
  '\n  query ConnectorForm($id: ID!) {\n    connector(id: $id) {\n      id\n      source\n      displayName\n      settings {\n        ...FormFields\n      }\n    }\n  }\n':
    types.ConnectorFormDocument,
  '\n  mutation UpdateConnectorSettings($id: ID!, $values: [SettingValueInput!]!, $dryRun: Boolean) {\n    updateConnectorSettings(id: $id, values: $values, dryRun: $dryRun) {\n      ok\n      dryRun\n      problems {\n        key\n        message\n        code\n      }\n      fields {\n        key\n        locked\n        status\n      }\n      changes {\n        op\n        path\n        value\n        secret\n      }\n      connector {\n        id\n        settings {\n          ...FormFields\n        }\n      }\n    }\n  }\n':
    types.UpdateConnectorSettingsDocument,
  '\n  mutation TestConnector($id: ID!, $values: [SettingValueInput!]!, $sendTo: TestRecipientInput) {\n    testConnector(id: $id, values: $values, sendTo: $sendTo) {\n      ok\n      message\n      method\n      problems {\n        key\n        message\n        code\n      }\n    }\n  }\n':
    types.TestConnectorDocument,
  '\n  query ConnectorCatalog {\n    connectorCatalog {\n      id\n      name\n      configType\n      form {\n        ...FormFields\n      }\n    }\n  }\n':
    types.ConnectorCatalogDocument,
  '\n  query FirstAppConnector {\n    connectors(sources: [CONDUCTORONE], first: 1) {\n      edges {\n        node {\n          __typename\n          id\n          nativeId\n          ... on AppConnector {\n            appId\n            catalogId\n          }\n        }\n      }\n    }\n  }\n':
    types.FirstAppConnectorDocument,
  '\n  mutation CreateAppConnector($input: CreateAppConnectorInput!) {\n    createAppConnector(input: $input) {\n      id\n      displayName\n      catalogId\n    }\n  }\n':
    types.CreateAppConnectorDocument,
  '\n  mutation SyncAppConnector($appId: String!, $id: String!) {\n    syncAppConnector(appId: $appId, id: $id) {\n      id\n      displayName\n      connectorStatus {\n        status\n        startedAt\n      }\n    }\n  }\n':
    types.SyncAppConnectorDocument,
  '\n  subscription ConnectorStatusChanged($ids: [ID!]!) {\n    connectorStatusChanged(ids: $ids) {\n      __typename\n      id\n      displayName\n      ... on AppConnector {\n        connectorStatus {\n          status\n          startedAt\n          completedAt\n          lastError\n        }\n      }\n    }\n  }\n':
    types.ConnectorStatusChangedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment SettingsFields on ConnectorSettings {\n    sections {\n      section\n      fields {\n        key\n        locked\n        value\n        isSet\n      }\n    }\n  }\n',
): (typeof documents)['\n  fragment SettingsFields on ConnectorSettings {\n    sections {\n      section\n      fields {\n        key\n        locked\n        value\n        isSet\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ListConnectors($first: Int!, $after: String) {\n    connectors(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          source\n          nativeId\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ListConnectors($first: Int!, $after: String) {\n    connectors(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          source\n          nativeId\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ReadConnector($id: ID!) {\n    connector(id: $id) {\n      __typename\n      id\n      source\n      displayName\n      settings {\n        ...SettingsFields\n      }\n      ... on LoginConnector {\n        syncProfile\n        metadata\n      }\n      ... on ScriptConnector {\n        scriptName\n        sourceConfig\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ReadConnector($id: ID!) {\n    connector(id: $id) {\n      __typename\n      id\n      source\n      displayName\n      settings {\n        ...SettingsFields\n      }\n      ... on LoginConnector {\n        syncProfile\n        metadata\n      }\n      ... on ScriptConnector {\n        scriptName\n        sourceConfig\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CreateLoginConnector($input: CreateLoginConnectorInput!) {\n    createLoginConnector(input: $input) {\n      id\n      nativeId\n      displayName\n      connectorId\n      syncProfile\n      settings {\n        ...SettingsFields\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation CreateLoginConnector($input: CreateLoginConnectorInput!) {\n    createLoginConnector(input: $input) {\n      id\n      nativeId\n      displayName\n      connectorId\n      syncProfile\n      settings {\n        ...SettingsFields\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation PatchConnector($id: ID!, $operations: [JsonPatchOperationInput!]!) {\n    patchConnector(id: $id, operations: $operations) {\n      __typename\n      id\n      displayName\n      settings {\n        ...SettingsFields\n      }\n      ... on LoginConnector {\n        syncProfile\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation PatchConnector($id: ID!, $operations: [JsonPatchOperationInput!]!) {\n    patchConnector(id: $id, operations: $operations) {\n      __typename\n      id\n      displayName\n      settings {\n        ...SettingsFields\n      }\n      ... on LoginConnector {\n        syncProfile\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CreateScriptConnector($input: CreateScriptConnectorInput!) {\n    createScriptConnector(input: $input) {\n      id\n      scriptName\n      name\n      status\n    }\n  }\n',
): (typeof documents)['\n  mutation CreateScriptConnector($input: CreateScriptConnectorInput!) {\n    createScriptConnector(input: $input) {\n      id\n      scriptName\n      name\n      status\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation UploadScriptConnectorFile($scriptName: String!, $kind: ScriptConnectorFileKind!, $file: Upload!) {\n    uploadScriptConnectorFile(scriptName: $scriptName, kind: $kind, file: $file) {\n      status\n      message\n      updatedFiles\n    }\n  }\n',
): (typeof documents)['\n  mutation UploadScriptConnectorFile($scriptName: String!, $kind: ScriptConnectorFileKind!, $file: Upload!) {\n    uploadScriptConnectorFile(scriptName: $scriptName, kind: $kind, file: $file) {\n      status\n      message\n      updatedFiles\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation DeleteConnector($id: ID!) {\n    deleteConnector(id: $id)\n  }\n',
): (typeof documents)['\n  mutation DeleteConnector($id: ID!) {\n    deleteConnector(id: $id)\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment FormFields on ConnectorSettings {\n    valueKind\n    sections {\n      section\n      fields {\n        key\n        label\n        kind\n        description\n        placeholder\n        required\n        locked\n        isSet\n        value\n        defaultValue\n        options {\n          value\n          label\n        }\n        showIf {\n          key\n          equals\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  fragment FormFields on ConnectorSettings {\n    valueKind\n    sections {\n      section\n      fields {\n        key\n        label\n        kind\n        description\n        placeholder\n        required\n        locked\n        isSet\n        value\n        defaultValue\n        options {\n          value\n          label\n        }\n        showIf {\n          key\n          equals\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ConnectorForm($id: ID!) {\n    connector(id: $id) {\n      id\n      source\n      displayName\n      settings {\n        ...FormFields\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ConnectorForm($id: ID!) {\n    connector(id: $id) {\n      id\n      source\n      displayName\n      settings {\n        ...FormFields\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation UpdateConnectorSettings($id: ID!, $values: [SettingValueInput!]!, $dryRun: Boolean) {\n    updateConnectorSettings(id: $id, values: $values, dryRun: $dryRun) {\n      ok\n      dryRun\n      problems {\n        key\n        message\n        code\n      }\n      fields {\n        key\n        locked\n        status\n      }\n      changes {\n        op\n        path\n        value\n        secret\n      }\n      connector {\n        id\n        settings {\n          ...FormFields\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation UpdateConnectorSettings($id: ID!, $values: [SettingValueInput!]!, $dryRun: Boolean) {\n    updateConnectorSettings(id: $id, values: $values, dryRun: $dryRun) {\n      ok\n      dryRun\n      problems {\n        key\n        message\n        code\n      }\n      fields {\n        key\n        locked\n        status\n      }\n      changes {\n        op\n        path\n        value\n        secret\n      }\n      connector {\n        id\n        settings {\n          ...FormFields\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation TestConnector($id: ID!, $values: [SettingValueInput!]!, $sendTo: TestRecipientInput) {\n    testConnector(id: $id, values: $values, sendTo: $sendTo) {\n      ok\n      message\n      method\n      problems {\n        key\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation TestConnector($id: ID!, $values: [SettingValueInput!]!, $sendTo: TestRecipientInput) {\n    testConnector(id: $id, values: $values, sendTo: $sendTo) {\n      ok\n      message\n      method\n      problems {\n        key\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ConnectorCatalog {\n    connectorCatalog {\n      id\n      name\n      configType\n      form {\n        ...FormFields\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ConnectorCatalog {\n    connectorCatalog {\n      id\n      name\n      configType\n      form {\n        ...FormFields\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query FirstAppConnector {\n    connectors(sources: [CONDUCTORONE], first: 1) {\n      edges {\n        node {\n          __typename\n          id\n          nativeId\n          ... on AppConnector {\n            appId\n            catalogId\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query FirstAppConnector {\n    connectors(sources: [CONDUCTORONE], first: 1) {\n      edges {\n        node {\n          __typename\n          id\n          nativeId\n          ... on AppConnector {\n            appId\n            catalogId\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CreateAppConnector($input: CreateAppConnectorInput!) {\n    createAppConnector(input: $input) {\n      id\n      displayName\n      catalogId\n    }\n  }\n',
): (typeof documents)['\n  mutation CreateAppConnector($input: CreateAppConnectorInput!) {\n    createAppConnector(input: $input) {\n      id\n      displayName\n      catalogId\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SyncAppConnector($appId: String!, $id: String!) {\n    syncAppConnector(appId: $appId, id: $id) {\n      id\n      displayName\n      connectorStatus {\n        status\n        startedAt\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation SyncAppConnector($appId: String!, $id: String!) {\n    syncAppConnector(appId: $appId, id: $id) {\n      id\n      displayName\n      connectorStatus {\n        status\n        startedAt\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  subscription ConnectorStatusChanged($ids: [ID!]!) {\n    connectorStatusChanged(ids: $ids) {\n      __typename\n      id\n      displayName\n      ... on AppConnector {\n        connectorStatus {\n          status\n          startedAt\n          completedAt\n          lastError\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  subscription ConnectorStatusChanged($ids: [ID!]!) {\n    connectorStatusChanged(ids: $ids) {\n      __typename\n      id\n      displayName\n      ... on AppConnector {\n        connectorStatus {\n          status\n          startedAt\n          completedAt\n          lastError\n        }\n      }\n    }\n  }\n'];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;
