/* eslint-disable */
import * as types from './graphql.js';

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
  '\n  fragment ConsoleForm on ConnectorSettings {\n    valueKind\n    sections {\n      section\n      fields {\n        key\n        label\n        kind\n        description\n        placeholder\n        required\n        locked\n        isSet\n        value\n        defaultValue\n        options {\n          value\n          label\n        }\n        showIf {\n          key\n          equals\n        }\n      }\n    }\n  }\n': typeof types.ConsoleFormFragmentDoc;
  '\n  fragment ConsoleRow on Connector {\n    __typename\n    id\n    source\n    nativeId\n    displayName\n    description\n    updatedAt\n    ... on AppConnector {\n      appId\n      catalogId\n      syncDisabledReason\n      connectorStatus {\n        status\n        completedAt\n        lastError\n      }\n    }\n    ... on LoginConnector {\n      type\n      platform\n      connectorId\n    }\n    ... on ScriptConnector {\n      scriptName\n      status\n    }\n  }\n': typeof types.ConsoleRowFragmentDoc;
  '\n  query ConsoleConnectors($first: Int!, $after: String, $sources: [ConnectorSource!], $filter: ConnectorFilter) {\n    connectors(first: $first, after: $after, sources: $sources, filter: $filter) {\n      edges {\n        node {\n          ...ConsoleRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n': typeof types.ConsoleConnectorsDocument;
  '\n  query ConsoleConnector($id: ID!) {\n    connector(id: $id) {\n      ...ConsoleRow\n      settings {\n        ...ConsoleForm\n      }\n    }\n  }\n': typeof types.ConsoleConnectorDocument;
  '\n  mutation ConsoleSaveSettings($id: ID!, $values: [SettingValueInput!]!, $dryRun: Boolean) {\n    updateConnectorSettings(id: $id, values: $values, dryRun: $dryRun) {\n      ok\n      dryRun\n      problems {\n        key\n        message\n        code\n      }\n      changes {\n        op\n        path\n        value\n        secret\n      }\n      connector {\n        id\n        settings {\n          ...ConsoleForm\n        }\n      }\n    }\n  }\n': typeof types.ConsoleSaveSettingsDocument;
  '\n  mutation ConsoleTestConnector($id: ID!, $values: [SettingValueInput!]!, $sendTo: TestRecipientInput) {\n    testConnector(id: $id, values: $values, sendTo: $sendTo) {\n      ok\n      message\n      method\n      problems {\n        key\n        message\n        code\n      }\n    }\n  }\n': typeof types.ConsoleTestConnectorDocument;
};
const documents: Documents = {
  '\n  fragment ConsoleForm on ConnectorSettings {\n    valueKind\n    sections {\n      section\n      fields {\n        key\n        label\n        kind\n        description\n        placeholder\n        required\n        locked\n        isSet\n        value\n        defaultValue\n        options {\n          value\n          label\n        }\n        showIf {\n          key\n          equals\n        }\n      }\n    }\n  }\n':
    types.ConsoleFormFragmentDoc,
  '\n  fragment ConsoleRow on Connector {\n    __typename\n    id\n    source\n    nativeId\n    displayName\n    description\n    updatedAt\n    ... on AppConnector {\n      appId\n      catalogId\n      syncDisabledReason\n      connectorStatus {\n        status\n        completedAt\n        lastError\n      }\n    }\n    ... on LoginConnector {\n      type\n      platform\n      connectorId\n    }\n    ... on ScriptConnector {\n      scriptName\n      status\n    }\n  }\n':
    types.ConsoleRowFragmentDoc,
  '\n  query ConsoleConnectors($first: Int!, $after: String, $sources: [ConnectorSource!], $filter: ConnectorFilter) {\n    connectors(first: $first, after: $after, sources: $sources, filter: $filter) {\n      edges {\n        node {\n          ...ConsoleRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n':
    types.ConsoleConnectorsDocument,
  '\n  query ConsoleConnector($id: ID!) {\n    connector(id: $id) {\n      ...ConsoleRow\n      settings {\n        ...ConsoleForm\n      }\n    }\n  }\n':
    types.ConsoleConnectorDocument,
  '\n  mutation ConsoleSaveSettings($id: ID!, $values: [SettingValueInput!]!, $dryRun: Boolean) {\n    updateConnectorSettings(id: $id, values: $values, dryRun: $dryRun) {\n      ok\n      dryRun\n      problems {\n        key\n        message\n        code\n      }\n      changes {\n        op\n        path\n        value\n        secret\n      }\n      connector {\n        id\n        settings {\n          ...ConsoleForm\n        }\n      }\n    }\n  }\n':
    types.ConsoleSaveSettingsDocument,
  '\n  mutation ConsoleTestConnector($id: ID!, $values: [SettingValueInput!]!, $sendTo: TestRecipientInput) {\n    testConnector(id: $id, values: $values, sendTo: $sendTo) {\n      ok\n      message\n      method\n      problems {\n        key\n        message\n        code\n      }\n    }\n  }\n':
    types.ConsoleTestConnectorDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment ConsoleForm on ConnectorSettings {\n    valueKind\n    sections {\n      section\n      fields {\n        key\n        label\n        kind\n        description\n        placeholder\n        required\n        locked\n        isSet\n        value\n        defaultValue\n        options {\n          value\n          label\n        }\n        showIf {\n          key\n          equals\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleFormFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment ConsoleRow on Connector {\n    __typename\n    id\n    source\n    nativeId\n    displayName\n    description\n    updatedAt\n    ... on AppConnector {\n      appId\n      catalogId\n      syncDisabledReason\n      connectorStatus {\n        status\n        completedAt\n        lastError\n      }\n    }\n    ... on LoginConnector {\n      type\n      platform\n      connectorId\n    }\n    ... on ScriptConnector {\n      scriptName\n      status\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ConsoleConnectors($first: Int!, $after: String, $sources: [ConnectorSource!], $filter: ConnectorFilter) {\n    connectors(first: $first, after: $after, sources: $sources, filter: $filter) {\n      edges {\n        node {\n          ...ConsoleRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleConnectorsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ConsoleConnector($id: ID!) {\n    connector(id: $id) {\n      ...ConsoleRow\n      settings {\n        ...ConsoleForm\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleConnectorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleSaveSettings($id: ID!, $values: [SettingValueInput!]!, $dryRun: Boolean) {\n    updateConnectorSettings(id: $id, values: $values, dryRun: $dryRun) {\n      ok\n      dryRun\n      problems {\n        key\n        message\n        code\n      }\n      changes {\n        op\n        path\n        value\n        secret\n      }\n      connector {\n        id\n        settings {\n          ...ConsoleForm\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleSaveSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleTestConnector($id: ID!, $values: [SettingValueInput!]!, $sendTo: TestRecipientInput) {\n    testConnector(id: $id, values: $values, sendTo: $sendTo) {\n      ok\n      message\n      method\n      problems {\n        key\n        message\n        code\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleTestConnectorDocument;

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
