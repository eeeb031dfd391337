/**
 * Every operation the console sends, as graphql() documents: `npm run codegen` turns each into a typed document
 * (result and variables typed from schema.graphql) in ./__generated__, so an operation that no longer fits the
 * schema fails the typecheck. The console has no other query text.
 */
import { graphql } from './__generated__/gql.js';

/** A form as the console renders it: sections of fields, each with what rendering and checking it needs. */
graphql(`
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
`);

/** A row of the connector list. */
graphql(`
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
`);

/** One page of connectors across the selected sources. */
export const connectorsQuery = graphql(`
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
`);

/** One connector with its form. */
export const connectorQuery = graphql(`
  query ConsoleConnector($id: ID!) {
    connector(id: $id) {
      ...ConsoleRow
      settings {
        ...ConsoleForm
      }
    }
  }
`);

/** Writes settings by field key; with dryRun only checks them and shows the change. */
export const saveSettingsMutation = graphql(`
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
`);

/** Tests a saved connector with the values given (locked ones entered again). */
export const testConnectorMutation = graphql(`
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
`);

/** A script connector's files (XML masked by the gateway) and its translations in one locale. */
export const scriptFilesQuery = graphql(`
  query ConsoleScriptFiles($scriptName: String!, $locale: SailPointLocale) {
    scriptConnector(scriptName: $scriptName) {
      scriptName
      sourceConfig
      correlationConfig
      sourceTemplate
      translations(locale: $locale)
    }
  }
`);

/** Replaces one file of a script connector (multipart: `file` is a part); `locale` only for TRANSLATIONS. */
export const uploadScriptFileMutation = graphql(`
  mutation ConsoleUploadScriptFile($scriptName: String!, $kind: ScriptConnectorFileKind!, $file: Upload!, $locale: SailPointLocale) {
    uploadScriptConnectorFile(scriptName: $scriptName, kind: $kind, file: $file, locale: $locale) {
      status
      message
      updatedFiles
    }
  }
`);

/** Logto's connector factories with the form a new connector fills. */
export const connectorFactoriesQuery = graphql(`
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
`);

/** ConductorOne's catalog entries (with their forms) and the Apps of the tenant's connectors to create one in. */
export const connectorCatalogQuery = graphql(`
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
`);

/** Tests the values of a connector not created yet against its template (factory, catalog entry or scriptName). */
export const testNewConnectorMutation = graphql(`
  mutation ConsoleTestNewConnector($source: ConnectorSource!, $templateId: String!, $values: [SettingValueInput!]!, $sendTo: TestRecipientInput) {
    testNewConnector(source: $source, templateId: $templateId, values: $values, sendTo: $sendTo) {
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
`);

/** A Logto login connector from a factory. */
export const createLoginConnectorMutation = graphql(`
  mutation ConsoleCreateLoginConnector($input: CreateLoginConnectorInput!) {
    createLoginConnector(input: $input) {
      id
      displayName
    }
  }
`);

/** A ConductorOne app connector from a catalog entry, in an App. */
export const createAppConnectorMutation = graphql(`
  mutation ConsoleCreateAppConnector($input: CreateAppConnectorInput!) {
    createAppConnector(input: $input) {
      id
      displayName
    }
  }
`);

/** A SailPoint script connector. */
export const createScriptConnectorMutation = graphql(`
  mutation ConsoleCreateScriptConnector($input: CreateScriptConnectorInput!) {
    createScriptConnector(input: $input) {
      id
      displayName
    }
  }
`);

/** Starts a sync of an app connector now (ConductorOne's ForceSync); the connector as read right after. */
export const syncAppConnectorMutation = graphql(`
  mutation ConsoleSyncAppConnector($appId: String!, $id: String!) {
    syncAppConnector(appId: $appId, id: $id) {
      ...ConsoleRow
    }
  }
`);

/** An app connector's row each time its sync status changes (live, over SSE). */
export const statusChangedSubscription = graphql(`
  subscription ConsoleStatusChanged($ids: [ID!]!) {
    connectorStatusChanged(ids: $ids) {
      ...ConsoleRow
    }
  }
`);
