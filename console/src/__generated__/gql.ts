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
  '\n  fragment ConsoleRow on Connector {\n    __typename\n    id\n    source\n    nativeId\n    displayName\n    description\n    updatedAt\n    ... on AppConnector {\n      appId\n      catalogId\n      syncDisabledReason\n      connectorStatus {\n        status\n        startedAt\n        completedAt\n        lastError\n      }\n    }\n    ... on LoginConnector {\n      type\n      platform\n      connectorId\n    }\n    ... on ScriptConnector {\n      scriptName\n      status\n    }\n  }\n': typeof types.ConsoleRowFragmentDoc;
  '\n  query ConsoleConnectors($first: Int!, $after: String, $sources: [ConnectorSource!], $filter: ConnectorFilter) {\n    connectors(first: $first, after: $after, sources: $sources, filter: $filter) {\n      edges {\n        node {\n          ...ConsoleRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n': typeof types.ConsoleConnectorsDocument;
  '\n  query ConsoleConnector($id: ID!) {\n    connector(id: $id) {\n      ...ConsoleRow\n      settings {\n        ...ConsoleForm\n      }\n    }\n  }\n': typeof types.ConsoleConnectorDocument;
  '\n  mutation ConsoleSaveSettings($id: ID!, $values: [SettingValueInput!]!, $dryRun: Boolean) {\n    updateConnectorSettings(id: $id, values: $values, dryRun: $dryRun) {\n      ok\n      dryRun\n      problems {\n        key\n        message\n        code\n      }\n      changes {\n        op\n        path\n        value\n        secret\n      }\n      connector {\n        id\n        settings {\n          ...ConsoleForm\n        }\n      }\n    }\n  }\n': typeof types.ConsoleSaveSettingsDocument;
  '\n  mutation ConsoleTestConnector($id: ID!, $values: [SettingValueInput!]!, $sendTo: TestRecipientInput) {\n    testConnector(id: $id, values: $values, sendTo: $sendTo) {\n      ok\n      message\n      method\n      problems {\n        key\n        message\n        code\n      }\n    }\n  }\n': typeof types.ConsoleTestConnectorDocument;
  '\n  query ConsoleScriptFiles($scriptName: String!, $locale: SailPointLocale) {\n    scriptConnector(scriptName: $scriptName) {\n      scriptName\n      sourceConfig\n      correlationConfig\n      sourceTemplate\n      translations(locale: $locale)\n    }\n  }\n': typeof types.ConsoleScriptFilesDocument;
  '\n  mutation ConsoleUploadScriptFile($scriptName: String!, $kind: ScriptConnectorFileKind!, $file: Upload!, $locale: SailPointLocale) {\n    uploadScriptConnectorFile(scriptName: $scriptName, kind: $kind, file: $file, locale: $locale) {\n      status\n      message\n      updatedFiles\n    }\n  }\n': typeof types.ConsoleUploadScriptFileDocument;
  '\n  query ConsoleConnectorFactories {\n    connectorFactories {\n      id\n      type\n      name\n      description\n      platform\n      target\n      isStandard\n      form {\n        ...ConsoleForm\n      }\n    }\n  }\n': typeof types.ConsoleConnectorFactoriesDocument;
  '\n  query ConsoleConnectorCatalog($first: Int!) {\n    connectorCatalog {\n      id\n      name\n      configType\n      connectorCount\n      form {\n        ...ConsoleForm\n      }\n    }\n    connectors(sources: [CONDUCTORONE], first: $first) {\n      edges {\n        node {\n          ... on AppConnector {\n            appId\n            app {\n              displayName\n            }\n          }\n        }\n      }\n    }\n  }\n': typeof types.ConsoleConnectorCatalogDocument;
  '\n  mutation ConsoleTestNewConnector($source: ConnectorSource!, $templateId: String!, $values: [SettingValueInput!]!, $sendTo: TestRecipientInput) {\n    testNewConnector(source: $source, templateId: $templateId, values: $values, sendTo: $sendTo) {\n      ok\n      message\n      method\n      problems {\n        key\n        message\n        code\n      }\n    }\n  }\n': typeof types.ConsoleTestNewConnectorDocument;
  '\n  mutation ConsoleCreateLoginConnector($input: CreateLoginConnectorInput!) {\n    createLoginConnector(input: $input) {\n      id\n      displayName\n    }\n  }\n': typeof types.ConsoleCreateLoginConnectorDocument;
  '\n  mutation ConsoleCreateAppConnector($input: CreateAppConnectorInput!) {\n    createAppConnector(input: $input) {\n      id\n      displayName\n    }\n  }\n': typeof types.ConsoleCreateAppConnectorDocument;
  '\n  mutation ConsoleCreateScriptConnector($input: CreateScriptConnectorInput!) {\n    createScriptConnector(input: $input) {\n      id\n      displayName\n    }\n  }\n': typeof types.ConsoleCreateScriptConnectorDocument;
  '\n  mutation ConsoleSyncAppConnector($appId: String!, $id: String!) {\n    syncAppConnector(appId: $appId, id: $id) {\n      ...ConsoleRow\n    }\n  }\n': typeof types.ConsoleSyncAppConnectorDocument;
  '\n  subscription ConsoleStatusChanged($ids: [ID!]!) {\n    connectorStatusChanged(ids: $ids) {\n      ...ConsoleRow\n    }\n  }\n': typeof types.ConsoleStatusChangedDocument;
};
const documents: Documents = {
  '\n  fragment ConsoleForm on ConnectorSettings {\n    valueKind\n    sections {\n      section\n      fields {\n        key\n        label\n        kind\n        description\n        placeholder\n        required\n        locked\n        isSet\n        value\n        defaultValue\n        options {\n          value\n          label\n        }\n        showIf {\n          key\n          equals\n        }\n      }\n    }\n  }\n':
    types.ConsoleFormFragmentDoc,
  '\n  fragment ConsoleRow on Connector {\n    __typename\n    id\n    source\n    nativeId\n    displayName\n    description\n    updatedAt\n    ... on AppConnector {\n      appId\n      catalogId\n      syncDisabledReason\n      connectorStatus {\n        status\n        startedAt\n        completedAt\n        lastError\n      }\n    }\n    ... on LoginConnector {\n      type\n      platform\n      connectorId\n    }\n    ... on ScriptConnector {\n      scriptName\n      status\n    }\n  }\n':
    types.ConsoleRowFragmentDoc,
  '\n  query ConsoleConnectors($first: Int!, $after: String, $sources: [ConnectorSource!], $filter: ConnectorFilter) {\n    connectors(first: $first, after: $after, sources: $sources, filter: $filter) {\n      edges {\n        node {\n          ...ConsoleRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n':
    types.ConsoleConnectorsDocument,
  '\n  query ConsoleConnector($id: ID!) {\n    connector(id: $id) {\n      ...ConsoleRow\n      settings {\n        ...ConsoleForm\n      }\n    }\n  }\n':
    types.ConsoleConnectorDocument,
  '\n  mutation ConsoleSaveSettings($id: ID!, $values: [SettingValueInput!]!, $dryRun: Boolean) {\n    updateConnectorSettings(id: $id, values: $values, dryRun: $dryRun) {\n      ok\n      dryRun\n      problems {\n        key\n        message\n        code\n      }\n      changes {\n        op\n        path\n        value\n        secret\n      }\n      connector {\n        id\n        settings {\n          ...ConsoleForm\n        }\n      }\n    }\n  }\n':
    types.ConsoleSaveSettingsDocument,
  '\n  mutation ConsoleTestConnector($id: ID!, $values: [SettingValueInput!]!, $sendTo: TestRecipientInput) {\n    testConnector(id: $id, values: $values, sendTo: $sendTo) {\n      ok\n      message\n      method\n      problems {\n        key\n        message\n        code\n      }\n    }\n  }\n':
    types.ConsoleTestConnectorDocument,
  '\n  query ConsoleScriptFiles($scriptName: String!, $locale: SailPointLocale) {\n    scriptConnector(scriptName: $scriptName) {\n      scriptName\n      sourceConfig\n      correlationConfig\n      sourceTemplate\n      translations(locale: $locale)\n    }\n  }\n':
    types.ConsoleScriptFilesDocument,
  '\n  mutation ConsoleUploadScriptFile($scriptName: String!, $kind: ScriptConnectorFileKind!, $file: Upload!, $locale: SailPointLocale) {\n    uploadScriptConnectorFile(scriptName: $scriptName, kind: $kind, file: $file, locale: $locale) {\n      status\n      message\n      updatedFiles\n    }\n  }\n':
    types.ConsoleUploadScriptFileDocument,
  '\n  query ConsoleConnectorFactories {\n    connectorFactories {\n      id\n      type\n      name\n      description\n      platform\n      target\n      isStandard\n      form {\n        ...ConsoleForm\n      }\n    }\n  }\n':
    types.ConsoleConnectorFactoriesDocument,
  '\n  query ConsoleConnectorCatalog($first: Int!) {\n    connectorCatalog {\n      id\n      name\n      configType\n      connectorCount\n      form {\n        ...ConsoleForm\n      }\n    }\n    connectors(sources: [CONDUCTORONE], first: $first) {\n      edges {\n        node {\n          ... on AppConnector {\n            appId\n            app {\n              displayName\n            }\n          }\n        }\n      }\n    }\n  }\n':
    types.ConsoleConnectorCatalogDocument,
  '\n  mutation ConsoleTestNewConnector($source: ConnectorSource!, $templateId: String!, $values: [SettingValueInput!]!, $sendTo: TestRecipientInput) {\n    testNewConnector(source: $source, templateId: $templateId, values: $values, sendTo: $sendTo) {\n      ok\n      message\n      method\n      problems {\n        key\n        message\n        code\n      }\n    }\n  }\n':
    types.ConsoleTestNewConnectorDocument,
  '\n  mutation ConsoleCreateLoginConnector($input: CreateLoginConnectorInput!) {\n    createLoginConnector(input: $input) {\n      id\n      displayName\n    }\n  }\n':
    types.ConsoleCreateLoginConnectorDocument,
  '\n  mutation ConsoleCreateAppConnector($input: CreateAppConnectorInput!) {\n    createAppConnector(input: $input) {\n      id\n      displayName\n    }\n  }\n':
    types.ConsoleCreateAppConnectorDocument,
  '\n  mutation ConsoleCreateScriptConnector($input: CreateScriptConnectorInput!) {\n    createScriptConnector(input: $input) {\n      id\n      displayName\n    }\n  }\n':
    types.ConsoleCreateScriptConnectorDocument,
  '\n  mutation ConsoleSyncAppConnector($appId: String!, $id: String!) {\n    syncAppConnector(appId: $appId, id: $id) {\n      ...ConsoleRow\n    }\n  }\n':
    types.ConsoleSyncAppConnectorDocument,
  '\n  subscription ConsoleStatusChanged($ids: [ID!]!) {\n    connectorStatusChanged(ids: $ids) {\n      ...ConsoleRow\n    }\n  }\n':
    types.ConsoleStatusChangedDocument,
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
  source: '\n  fragment ConsoleRow on Connector {\n    __typename\n    id\n    source\n    nativeId\n    displayName\n    description\n    updatedAt\n    ... on AppConnector {\n      appId\n      catalogId\n      syncDisabledReason\n      connectorStatus {\n        status\n        startedAt\n        completedAt\n        lastError\n      }\n    }\n    ... on LoginConnector {\n      type\n      platform\n      connectorId\n    }\n    ... on ScriptConnector {\n      scriptName\n      status\n    }\n  }\n',
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ConsoleScriptFiles($scriptName: String!, $locale: SailPointLocale) {\n    scriptConnector(scriptName: $scriptName) {\n      scriptName\n      sourceConfig\n      correlationConfig\n      sourceTemplate\n      translations(locale: $locale)\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleScriptFilesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleUploadScriptFile($scriptName: String!, $kind: ScriptConnectorFileKind!, $file: Upload!, $locale: SailPointLocale) {\n    uploadScriptConnectorFile(scriptName: $scriptName, kind: $kind, file: $file, locale: $locale) {\n      status\n      message\n      updatedFiles\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleUploadScriptFileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ConsoleConnectorFactories {\n    connectorFactories {\n      id\n      type\n      name\n      description\n      platform\n      target\n      isStandard\n      form {\n        ...ConsoleForm\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleConnectorFactoriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ConsoleConnectorCatalog($first: Int!) {\n    connectorCatalog {\n      id\n      name\n      configType\n      connectorCount\n      form {\n        ...ConsoleForm\n      }\n    }\n    connectors(sources: [CONDUCTORONE], first: $first) {\n      edges {\n        node {\n          ... on AppConnector {\n            appId\n            app {\n              displayName\n            }\n          }\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleConnectorCatalogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleTestNewConnector($source: ConnectorSource!, $templateId: String!, $values: [SettingValueInput!]!, $sendTo: TestRecipientInput) {\n    testNewConnector(source: $source, templateId: $templateId, values: $values, sendTo: $sendTo) {\n      ok\n      message\n      method\n      problems {\n        key\n        message\n        code\n      }\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleTestNewConnectorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleCreateLoginConnector($input: CreateLoginConnectorInput!) {\n    createLoginConnector(input: $input) {\n      id\n      displayName\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleCreateLoginConnectorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleCreateAppConnector($input: CreateAppConnectorInput!) {\n    createAppConnector(input: $input) {\n      id\n      displayName\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleCreateAppConnectorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleCreateScriptConnector($input: CreateScriptConnectorInput!) {\n    createScriptConnector(input: $input) {\n      id\n      displayName\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleCreateScriptConnectorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConsoleSyncAppConnector($appId: String!, $id: String!) {\n    syncAppConnector(appId: $appId, id: $id) {\n      ...ConsoleRow\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleSyncAppConnectorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  subscription ConsoleStatusChanged($ids: [ID!]!) {\n    connectorStatusChanged(ids: $ids) {\n      ...ConsoleRow\n    }\n  }\n',
): typeof import('./graphql.js').ConsoleStatusChangedDocument;

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
