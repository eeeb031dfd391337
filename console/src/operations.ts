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
