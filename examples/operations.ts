/**
 * The operations of the example client. `npm run codegen` reads every graphql() call in examples/ and generates,
 * in examples/__generated__/, the typed document it returns (a TypedDocumentNode: result and variables typed from
 * schema.graphql), so an operation that no longer fits the schema fails the typecheck.
 */
import { graphql } from './__generated__/gql.js';

/** How a connector's settings are read (used by name in the operations below): secrets are locked, value null. */
graphql(`
  fragment SettingsFields on ConnectorSettings {
    sections {
      section
      fields {
        key
        locked
        value
        isSet
      }
    }
  }
`);

/** One page of connectors across the three sources. */
export const listConnectorsQuery = graphql(`
  query ListConnectors($first: Int!, $after: String) {
    connectors(first: $first, after: $after) {
      edges {
        node {
          id
          source
          nativeId
          displayName
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Any connector by its global id; null when it is gone. */
export const readConnectorQuery = graphql(`
  query ReadConnector($id: ID!) {
    connector(id: $id) {
      __typename
      id
      source
      displayName
      settings {
        ...SettingsFields
      }
      ... on LoginConnector {
        syncProfile
        metadata
      }
      ... on ScriptConnector {
        scriptName
        sourceConfig
      }
    }
  }
`);

/** A Logto login connector from a factory. */
export const createLoginConnectorMutation = graphql(`
  mutation CreateLoginConnector($input: CreateLoginConnectorInput!) {
    createLoginConnector(input: $input) {
      id
      nativeId
      displayName
      connectorId
      syncProfile
      settings {
        ...SettingsFields
      }
    }
  }
`);

/** One JSON Patch for a connector of any source. */
export const patchConnectorMutation = graphql(`
  mutation PatchConnector($id: ID!, $operations: [JsonPatchOperationInput!]!) {
    patchConnector(id: $id, operations: $operations) {
      __typename
      id
      displayName
      settings {
        ...SettingsFields
      }
      ... on LoginConnector {
        syncProfile
      }
    }
  }
`);

/** A SailPoint script connector. */
export const createScriptConnectorMutation = graphql(`
  mutation CreateScriptConnector($input: CreateScriptConnectorInput!) {
    createScriptConnector(input: $input) {
      id
      scriptName
      name
      status
    }
  }
`);

/** Replaces one file of a script connector: a multipart request (the `Upload` variable is a file part). */
export const uploadScriptConnectorFileMutation = graphql(`
  mutation UploadScriptConnectorFile($scriptName: String!, $kind: ScriptConnectorFileKind!, $file: Upload!) {
    uploadScriptConnectorFile(scriptName: $scriptName, kind: $kind, file: $file) {
      status
      message
      updatedFiles
    }
  }
`);

/** Deletes a connector of any source. */
export const deleteConnectorMutation = graphql(`
  mutation DeleteConnector($id: ID!) {
    deleteConnector(id: $id)
  }
`);

/** A connector's settings as a form: what a form needs to render and fill each field (kind, options, showIf, …). */
graphql(`
  fragment FormFields on ConnectorSettings {
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

/** Any connector's form by its global id. */
export const connectorFormQuery = graphql(`
  query ConnectorForm($id: ID!) {
    connector(id: $id) {
      id
      source
      displayName
      settings {
        ...FormFields
      }
    }
  }
`);

/** Writes a connector's settings by field key; with `dryRun` only checks and shows the change. */
export const updateConnectorSettingsMutation = graphql(`
  mutation UpdateConnectorSettings($id: ID!, $values: [SettingValueInput!]!, $dryRun: Boolean) {
    updateConnectorSettings(id: $id, values: $values, dryRun: $dryRun) {
      ok
      dryRun
      problems {
        key
        message
        code
      }
      fields {
        key
        locked
        status
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
          ...FormFields
        }
      }
    }
  }
`);

/** Tests a saved connector (locked values re-entered in `values`). */
export const testConnectorMutation = graphql(`
  mutation TestConnector($id: ID!, $values: [SettingValueInput!]!, $sendTo: TestRecipientInput) {
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

/** ConductorOne's connector catalog: the catalog ids a create takes, with their config type and form. */
export const connectorCatalogQuery = graphql(`
  query ConnectorCatalog {
    connectorCatalog {
      id
      name
      configType
      form {
        ...FormFields
      }
    }
  }
`);

/** The App of one ConductorOne connector, to create a connector beside it. */
export const firstAppConnectorQuery = graphql(`
  query FirstAppConnector {
    connectors(sources: [CONDUCTORONE], first: 1) {
      edges {
        node {
          __typename
          id
          nativeId
          ... on AppConnector {
            appId
            catalogId
          }
        }
      }
    }
  }
`);

/** A ConductorOne app connector from a catalog entry. */
export const createAppConnectorMutation = graphql(`
  mutation CreateAppConnector($input: CreateAppConnectorInput!) {
    createAppConnector(input: $input) {
      id
      displayName
      catalogId
    }
  }
`);

/** Starts a sync of an app connector now (ConductorOne's ForceSync). */
export const syncAppConnectorMutation = graphql(`
  mutation SyncAppConnector($appId: String!, $id: String!) {
    syncAppConnector(appId: $appId, id: $id) {
      id
      displayName
      connectorStatus {
        status
        startedAt
      }
    }
  }
`);

/** Connectors each time their status changes: a subscription, served over SSE (see watchStatus in client.ts). */
export const connectorStatusChangedSubscription = graphql(`
  subscription ConnectorStatusChanged($ids: [ID!]!) {
    connectorStatusChanged(ids: $ids) {
      __typename
      id
      displayName
      ... on AppConnector {
        connectorStatus {
          status
          startedAt
          completedAt
          lastError
        }
      }
    }
  }
`);
