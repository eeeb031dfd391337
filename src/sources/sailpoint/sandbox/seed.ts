/**
 * Deterministic seed data of the SailPoint sandbox: a catalogue of script connectors with their files
 * (application XML, correlation config, source config form, source template, translations), generated from compact
 * per-connector records so that every file has the same realistic structure. No randomness, no clock.
 */
import type { SailPointConnectorStatus, SailPointLocale } from '../types.js';

/** One connector as the sandbox stores it: the wire fields, its files, and a few extras only filters see. */
export interface SailPointSandboxConnector {
  name: string;
  type: string;
  scriptName: string;
  className: string | null;
  features: string[] | null;
  directConnect: boolean;
  status: SailPointConnectorStatus;
  connectorMetadata: Record<string, unknown>;
  /** Filterable with `category eq`; not part of V3ConnectorDto. */
  category: string;
  /** Filterable with `labels ca`; not part of V3ConnectorDto. */
  labels: string[];
  fileUpload: boolean;
  uploadedFiles: string[] | null;
  sourceConfigFrom: string;
  s3Location: string;
  applicationXml: string;
  correlationConfigXml: string;
  /** The source config form; ConnectorDetail reports it as both `sourceConfigXml` and `sourceConfig`. */
  sourceConfigXml: string;
  sourceTemplateXml: string;
  /** Java `.properties` text per locale; only locales that have a file. */
  translations: Partial<Record<SailPointLocale, string>>;
}

/** A fresh copy of the seed catalogue (seed order is the list order). */
export function createSailPointSeed(): SailPointSandboxConnector[] {
  return CONNECTOR_SPECS.map(buildConnector);
}

// ---------------------------------------------------------------------------------------------------------------------
// Compact connector records
// ---------------------------------------------------------------------------------------------------------------------

type FieldType = 'text' | 'url' | 'secret' | 'password' | 'number' | 'checkbox' | 'textarea' | 'list' | 'select';

interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  value?: string;
  options?: string[];
  /** Help text (English): the form names it by `helpKey="help_<name>"`, the translations hold it. */
  help?: string;
  /** An example value: the translations' `placeHolder_<name>` entry, as SailPoint's connectors carry it. */
  placeholder?: string;
}

/** A field with its help text and example value. */
const described = (def: FieldDef, help: string, placeholder?: string): FieldDef =>
  placeholder === undefined ? { ...def, help } : { ...def, help, placeholder };

type SchemaKind = 'directory' | 'hr' | 'saas' | 'db' | 'cloud' | 'mainframe' | 'file' | 'unix';

interface ConnectorSpec {
  name: string;
  type?: string;
  script: string;
  className: string | null;
  status?: SailPointConnectorStatus;
  direct?: boolean;
  features: string[] | null;
  ui: 'ANGULAR' | 'EXTJS';
  platform: 'ccg' | 'sp-connect';
  desc: string;
  category: string;
  labels?: string[];
  connection: FieldDef[];
  aggregation?: FieldDef[];
  advanced?: FieldDef[];
  relay?: boolean;
  schema: SchemaKind;
  locales?: SailPointLocale[];
  fileUpload?: boolean;
  uploadedFiles?: string[];
}

const f = {
  text: (name: string, label: string, required = true, value?: string): FieldDef => field(name, label, 'text', required, value),
  url: (name: string, label: string, required = true, value?: string): FieldDef => field(name, label, 'url', required, value),
  secret: (name: string, label: string, required = true, value?: string): FieldDef => field(name, label, 'secret', required, value),
  password: (name: string, label: string, required = true, value?: string): FieldDef => field(name, label, 'password', required, value),
  number: (name: string, label: string, value?: string): FieldDef => field(name, label, 'number', false, value),
  checkbox: (name: string, label: string, value: boolean): FieldDef => field(name, label, 'checkbox', false, String(value)),
  textarea: (name: string, label: string, required = false, value?: string): FieldDef => field(name, label, 'textarea', required, value),
  list: (name: string, label: string, value?: string): FieldDef => field(name, label, 'list', false, value),
  select: (name: string, label: string, options: string[], value?: string): FieldDef => ({
    ...field(name, label, 'select', true, value),
    options,
  }),
};

function field(name: string, label: string, type: FieldType, required: boolean, value?: string): FieldDef {
  return value === undefined ? { name, label, type, required } : { name, label, type, required, value };
}

// Shared field sets, so the per-connector records only say what differs.
const timeout = described(f.number('timeout', 'Connection Timeout', '60'), 'How long to wait for the system to answer, in seconds.');
const baseUrl = (label = 'Base URL', value?: string): FieldDef =>
  described(f.url('baseUrl', label, true, value), 'The root URL of the API, with its scheme.', 'https://api.example.com');
const clientId = (label = 'Client ID', value?: string): FieldDef =>
  described(f.text('clientId', label, true, value), 'The OAuth client the connector signs in as.');
const clientSecret = (value?: string): FieldDef => described(f.secret('clientSecret', 'Client Secret', true, value), "The OAuth client's secret.");
const username = (label = 'Username', value?: string): FieldDef => f.text('username', label, true, value);
const password = (required = true, value?: string): FieldDef => f.password('password', 'Password', required, value);
const apiToken = (required = true): FieldDef => f.secret('apiToken', 'API Token', required);
const jdbcUrl = (value: string): FieldDef => f.text('jdbcUrl', 'JDBC Connection URL', true, value);
const host = f.text('host', 'Host');

const defaultAggregation = (pageSize = '100', groups = true): FieldDef[] => [
  described(f.number('pageSize', 'Page Size', pageSize), 'How many accounts to read in one page.'),
  described(f.text('accountFilter', 'Account Filter', false), 'Only accounts that match this filter are read.', 'userName sw "S"'),
  ...(groups ? [f.text('groupFilter', 'Group Filter', false)] : []),
  f.checkbox('deltaAggregation', 'Enable Delta Aggregation', false),
];
const defaultAdvanced: FieldDef[] = [
  f.number('maxRetries', 'Max Retry Count', '3'),
  f.number('retryWaitSeconds', 'Retry Wait (seconds)', '5'),
  f.url('proxyUrl', 'Proxy URL', false),
  f.checkbox('debugLogging', 'Enable Debug Logging', false),
];
// Connectors behind a virtual appliance get a shorter advanced menu: the relay takes the place of a proxy.
const relayAdvanced: FieldDef[] = [f.number('maxRetries', 'Max Retry Count', '3'), f.checkbox('debugLogging', 'Enable Debug Logging', false)];
const relayFields: FieldDef[] = [f.text('vaCluster', 'Virtual Appliance Cluster', true, 'sandbox-va-cluster'), f.number('relayPort', 'Relay Port', '8443')];

const SNOWFLAKE_SANDBOX_KEY = '-----BEGIN PRIVATE KEY-----\nU0FOREJPWC1GQUtFLUtFWS1OT1QtQS1SRUFMLUtFWQ==\n-----END PRIVATE KEY-----';

const OPEN = 'sailpoint.connector.OpenConnectorAdapter';
const STD = ['PROVISIONING', 'SEARCH'];

const CONNECTOR_SPECS: ConnectorSpec[] = [
  {
    name: 'Active Directory',
    type: 'Active Directory - Direct',
    script: 'active-directory',
    className: 'sailpoint.connector.ADLDAPConnector',
    features: ['PROVISIONING', 'SYNC_PROVISIONING', 'SEARCH', 'UNSTRUCTURED_TARGETS', 'AUTHENTICATE', 'PASSWORD', 'ENABLE', 'UNLOCK', 'MANAGER_LOOKUP'],
    ui: 'EXTJS',
    platform: 'ccg',
    category: 'directory',
    labels: ['on-premises', 'directory'],
    relay: true,
    schema: 'directory',
    desc: 'Governs Active Directory users, groups & memberships across one or more forests.',
    locales: ['en', 'de', 'fr', 'es', 'ja'],
    connection: [
      f.text('forestName', 'Forest Name'),
      f.text('domainName', 'Domain Name'),
      f.text('serviceAccountDn', 'Service Account'),
      f.password('serviceAccountPassword', 'Service Account Password'),
      f.select('authorizationType', 'Authorization Type', ['simple', 'strong'], 'simple'),
      f.checkbox('useTls', 'Use TLS', true),
    ],
    aggregation: [f.text('searchDn', 'Search DN'), ...defaultAggregation('500')],
  },
  {
    name: 'OpenLDAP',
    type: 'LDAP',
    script: 'openldap',
    className: 'sailpoint.connector.LDAPConnector',
    features: ['PROVISIONING', 'SEARCH', 'AUTHENTICATE', 'PASSWORD', 'ENABLE'],
    ui: 'EXTJS',
    platform: 'ccg',
    category: 'directory',
    labels: ['on-premises', 'directory'],
    relay: true,
    schema: 'directory',
    desc: 'Reads and provisions entries of any LDAP v3 directory server.',
    connection: [
      host,
      f.number('port', 'Port', '389'),
      f.text('bindDn', 'Bind DN'),
      f.password('bindPassword', 'Bind Password'),
      f.checkbox('useSsl', 'Use SSL', false),
    ],
    aggregation: [f.text('searchDn', 'Search DN'), ...defaultAggregation('500')],
  },
  {
    name: 'ServiceNow',
    script: 'servicenow-angularsc',
    className: OPEN,
    features: ['PROVISIONING', 'SYNC_PROVISIONING', 'SEARCH', 'ENABLE', 'PASSWORD'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'itsm',
    labels: ['saas', 'itsm'],
    schema: 'saas',
    desc: 'Manages ServiceNow users, groups and roles through the Table API.',
    locales: ['en', 'de', 'fr', 'nl'],
    connection: [
      baseUrl('Instance URL'),
      f.select('authType', 'Authentication Type', ['Basic Authentication', 'OAuth 2.0'], 'OAuth 2.0'),
      username(),
      password(false),
      clientId(),
      clientSecret(),
      timeout,
    ],
    aggregation: defaultAggregation('200'),
  },
  {
    name: 'Workday',
    script: 'workday',
    className: 'sailpoint.connector.WorkdayConnector',
    features: ['SEARCH', 'SYNC_PROVISIONING'],
    ui: 'EXTJS',
    platform: 'ccg',
    category: 'hr',
    labels: ['saas', 'authoritative'],
    schema: 'hr',
    desc: 'Authoritative HR source: workers, positions and organisations from Workday.',
    connection: [
      baseUrl('Web Services URL'),
      f.text('tenant', 'Tenant Name'),
      username('Integration User'),
      f.password('password', 'Integration User Password'),
      f.text('apiVersion', 'API Version', true, 'v40.1'),
      timeout,
    ],
    aggregation: [
      f.number('pageSize', 'Page Size', '100'),
      f.checkbox('includeFutureHires', 'Include Future Hires', false),
      f.number('futureHireDays', 'Future Hire Window (days)', '30'),
      f.checkbox('deltaAggregation', 'Enable Delta Aggregation', true),
    ],
  },
  {
    name: 'Salesforce',
    script: 'salesforce',
    className: 'sailpoint.connector.SalesforceConnector',
    features: ['PROVISIONING', 'SYNC_PROVISIONING', 'SEARCH', 'ENABLE', 'PASSWORD', 'UNLOCK'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'crm',
    labels: ['saas', 'crm'],
    schema: 'saas',
    desc: 'Provisions Salesforce users, profiles and permission sets.',
    connection: [
      baseUrl('Instance URL', 'https://login.salesforce.com'),
      f.select('authType', 'Authentication Type', ['OAuth 2.0 JWT Bearer', 'OAuth 2.0 Client Credentials'], 'OAuth 2.0 JWT Bearer'),
      clientId('Consumer Key'),
      username(),
      f.secret('privateKey', 'Private Key'),
      timeout,
    ],
    aggregation: defaultAggregation('200'),
  },
  {
    name: 'SCIM 2.0',
    script: 'scim-2-0',
    className: OPEN,
    features: ['PROVISIONING', 'SYNC_PROVISIONING', 'SEARCH', 'ENABLE'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'generic',
    labels: ['saas', 'standard'],
    schema: 'saas',
    desc: 'Connects any service provider that speaks SCIM 2.0 (RFC 7643/7644).',
    connection: [
      baseUrl(),
      f.select(
        'authType',
        'Authentication Type',
        ['No Authentication', 'Basic Authentication', 'API Token', 'OAuth 2.0 Client Credentials'],
        'OAuth 2.0 Client Credentials',
      ),
      f.url('tokenUrl', 'Token URL', false),
      clientId(),
      clientSecret(),
      apiToken(false),
      timeout,
    ],
    aggregation: defaultAggregation('100'),
  },
  {
    name: 'JDBC',
    script: 'jdbc',
    className: 'sailpoint.connector.JDBCConnector',
    features: ['PROVISIONING', 'SEARCH', 'DIRECT_PERMISSIONS'],
    ui: 'EXTJS',
    platform: 'ccg',
    category: 'database',
    labels: ['on-premises', 'database'],
    relay: true,
    schema: 'db',
    desc: 'Aggregates accounts and entitlements from any JDBC database with custom SQL.',
    connection: [
      jdbcUrl('jdbc:postgresql://db.sandbox.internal:5432/apps'),
      f.select(
        'driverClass',
        'JDBC Driver',
        ['oracle.jdbc.OracleDriver', 'com.microsoft.sqlserver.jdbc.SQLServerDriver', 'org.postgresql.Driver', 'com.mysql.cj.jdbc.Driver'],
        'org.postgresql.Driver',
      ),
      username('User'),
      password(),
    ],
    aggregation: [
      f.textarea('accountQuery', 'Account SQL Query', true, "SELECT user_name, email FROM app_users WHERE created_at < CURRENT_DATE AND status <> 'X'"),
      f.textarea('groupQuery', 'Group SQL Query'),
      f.list('mergeColumns', 'Merge Columns', 'roles'),
    ],
  },
  {
    name: 'Okta',
    script: 'okta',
    className: 'sailpoint.connector.OktaConnector',
    features: ['PROVISIONING', 'SYNC_PROVISIONING', 'SEARCH', 'ENABLE', 'UNLOCK', 'PASSWORD', 'AUTHENTICATE'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'iam',
    labels: ['saas', 'identity-provider'],
    schema: 'saas',
    desc: 'Governs Okta users, groups and application assignments.',
    connection: [f.url('oktaUrl', 'Okta URL'), apiToken(), timeout],
    aggregation: [...defaultAggregation('200'), f.checkbox('includeDeactivated', 'Include Deactivated Users', false)],
  },
  {
    name: 'Microsoft Entra ID',
    type: 'Azure Active Directory',
    script: 'azure-active-directory',
    className: 'sailpoint.connector.AzureADConnector',
    features: ['PROVISIONING', 'SYNC_PROVISIONING', 'SEARCH', 'ENABLE', 'PASSWORD', 'MANAGER_LOOKUP'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'iam',
    labels: ['saas', 'directory', 'microsoft'],
    schema: 'directory',
    desc: 'Manages Entra ID users, groups, licences and directory roles via Microsoft Graph.',
    locales: ['en', 'de', 'fr', 'ja'],
    connection: [
      f.text('tenantDomain', 'Domain Name'),
      clientId(),
      clientSecret(),
      f.select('grantType', 'Grant Type', ['Client Credentials', 'Refresh Token'], 'Client Credentials'),
      f.select('cloudEnvironment', 'Cloud Environment', ['Global', 'US Government', 'China'], 'Global'),
    ],
    aggregation: defaultAggregation('999'),
  },
  {
    name: 'Google Workspace',
    type: 'Google Apps',
    script: 'google-workspace',
    className: 'sailpoint.connector.GoogleAppsConnector',
    features: ['PROVISIONING', 'SEARCH', 'ENABLE', 'PASSWORD'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'productivity',
    labels: ['saas', 'google'],
    schema: 'saas',
    desc: 'Provisions Google Workspace users, groups and organisational units.',
    connection: [
      f.text('domain', 'Domain'),
      f.text('adminEmail', 'Admin Email'),
      f.text('serviceAccountEmail', 'Service Account Email'),
      f.secret('privateKey', 'Service Account Private Key'),
    ],
    aggregation: [
      f.number('pageSize', 'Page Size', '200'),
      f.list('orgUnits', 'Organizational Units'),
      f.checkbox('includeSuspended', 'Include Suspended Users', true),
    ],
  },
  {
    name: 'Jira Cloud',
    script: 'jira-cloud',
    className: OPEN,
    features: STD,
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'devtools',
    labels: ['saas', 'atlassian'],
    schema: 'saas',
    desc: 'Controls who can use Jira Cloud sites, projects and groups.',
    connection: [f.url('siteUrl', 'Site URL'), f.text('email', 'Admin Email'), apiToken()],
  },
  {
    name: 'GitHub',
    script: 'github',
    className: OPEN,
    features: ['PROVISIONING', 'SEARCH', 'ENABLE'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'devtools',
    labels: ['saas', 'source-control'],
    schema: 'saas',
    desc: 'Manages GitHub organisation members, teams and repository roles.',
    connection: [
      baseUrl('API URL', 'https://api.github.com'),
      f.text('organization', 'Organization'),
      f.secret('personalAccessToken', 'Personal Access Token'),
    ],
  },
  {
    name: 'Slack',
    script: 'slack',
    className: OPEN,
    features: ['PROVISIONING', 'SEARCH', 'ENABLE'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'collaboration',
    labels: ['saas', 'chat'],
    schema: 'saas',
    desc: 'Governs Slack workspace members and user groups.',
    locales: ['en', 'de'],
    connection: [f.secret('botToken', 'Bot Token'), f.text('workspaceId', 'Workspace ID')],
  },
  {
    name: 'SAP ERP',
    type: 'SAP - Direct',
    script: 'sap-erp',
    className: 'sailpoint.connector.SAPInternalConnector',
    features: ['PROVISIONING', 'SYNC_PROVISIONING', 'SEARCH', 'PASSWORD', 'ENABLE', 'UNLOCK'],
    ui: 'EXTJS',
    platform: 'ccg',
    category: 'erp',
    labels: ['on-premises', 'sap'],
    relay: true,
    schema: 'db',
    desc: 'Manages SAP ABAP users, roles and profiles through BAPI calls.',
    connection: [
      f.text('applicationServerHost', 'Application Server Host'),
      f.text('systemNumber', 'System Number', true, '00'),
      f.text('clientNumber', 'Client', true, '100'),
      username(),
      password(),
      f.select('language', 'Language', ['EN', 'DE', 'FR'], 'EN'),
      f.checkbox('useSnc', 'Use Secure Network Communication', false),
    ],
  },
  {
    name: 'Oracle E-Business Suite',
    script: 'oracle-ebs',
    className: 'sailpoint.connector.OracleEBSConnector',
    features: ['PROVISIONING', 'SEARCH', 'ENABLE', 'PASSWORD'],
    ui: 'EXTJS',
    platform: 'ccg',
    category: 'erp',
    labels: ['on-premises', 'oracle'],
    relay: true,
    schema: 'db',
    desc: 'Governs Oracle EBS users and responsibilities.',
    connection: [
      jdbcUrl('jdbc:oracle:thin:@ebs.sandbox.internal:1521/EBSPROD'),
      username('User'),
      password(),
      f.select('version', 'Version', ['12.1', '12.2'], '12.2'),
    ],
  },
  {
    name: 'Delimited File',
    type: 'DelimitedFile',
    script: 'delimited-file',
    className: 'sailpoint.connector.DelimitedFileConnector',
    features: null,
    direct: false,
    fileUpload: true,
    ui: 'EXTJS',
    platform: 'ccg',
    category: 'file',
    labels: ['file'],
    schema: 'file',
    desc: 'Loads accounts from an uploaded CSV or other delimited file.',
    connection: [
      f.text('delimiter', 'Delimiter', true, ','),
      f.checkbox('hasHeader', 'File Has Header', true),
      f.text('fileEncoding', 'File Encoding', true, 'UTF-8'),
    ],
    aggregation: [f.list('mergeColumns', 'Merge Columns', 'entitlements'), f.text('indexColumn', 'Index Column', true, 'identity')],
  },
  {
    name: 'Web Services',
    script: 'web-services',
    className: 'sailpoint.connector.webservices.WebServicesConnector',
    features: ['PROVISIONING', 'SYNC_PROVISIONING', 'SEARCH', 'ENABLE', 'UNLOCK', 'PASSWORD'],
    ui: 'EXTJS',
    platform: 'ccg',
    category: 'generic',
    labels: ['generic', 'rest'],
    schema: 'saas',
    desc: 'Generic REST/SOAP connector configured with HTTP operations & JSON paths.',
    connection: [
      baseUrl(),
      f.select('authMethod', 'Authentication Method', ['No Auth', 'Basic Authentication', 'API Token', 'OAuth 2.0'], 'Basic Authentication'),
      username('Username', 'svc-identity'),
      password(true, 'changeit'),
      apiToken(false),
      f.textarea('customHeaders', 'Custom Headers (JSON)', false, '{"Accept": "application/json"}'),
    ],
  },
  {
    name: 'RACF',
    type: 'Mainframe RACF',
    script: 'mainframe-racf',
    className: 'sailpoint.connector.RACFConnector',
    features: ['PROVISIONING', 'SEARCH', 'PASSWORD', 'ENABLE', 'UNLOCK'],
    direct: false,
    ui: 'EXTJS',
    platform: 'ccg',
    category: 'mainframe',
    labels: ['on-premises', 'mainframe'],
    relay: true,
    schema: 'mainframe',
    desc: 'Manages RACF user profiles and group connections through a mainframe agent.',
    connection: [
      host,
      f.number('port', 'Port', '6060'),
      f.text('adminUser', 'Administrator'),
      f.password('adminPassword', 'Administrator Password'),
      f.secret('encryptionKey', 'Agent Encryption Key'),
    ],
  },
  {
    name: 'PeopleSoft HCM',
    type: 'PeopleSoft HCM Database',
    script: 'peoplesoft-hcm',
    className: 'sailpoint.connector.PeopleSoftHRMSConnector',
    features: ['SEARCH', 'SYNC_PROVISIONING'],
    ui: 'EXTJS',
    platform: 'ccg',
    category: 'hr',
    labels: ['on-premises', 'authoritative', 'oracle'],
    relay: true,
    schema: 'hr',
    desc: 'Authoritative HR source reading PeopleSoft HCM tables.',
    connection: [
      jdbcUrl('jdbc:oracle:thin:@hcm.sandbox.internal:1521/HCMPRD'),
      username('User'),
      password(),
      f.text('schemaOwner', 'Schema Owner', true, 'SYSADM'),
    ],
  },
  {
    name: 'Box',
    script: 'box',
    className: OPEN,
    features: ['PROVISIONING', 'SEARCH', 'ENABLE', 'UNSTRUCTURED_TARGETS'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'collaboration',
    labels: ['saas', 'file-sharing'],
    schema: 'saas',
    desc: 'Governs Box users, groups and folder collaborations.',
    connection: [
      clientId(),
      clientSecret(),
      f.text('enterpriseId', 'Enterprise ID'),
      f.text('publicKeyId', 'Public Key ID'),
      f.secret('privateKey', 'Private Key'),
      f.secret('privateKeyPassphrase', 'Private Key Passphrase', false),
    ],
  },
  {
    name: 'Zoom',
    script: 'zoom',
    className: OPEN,
    features: ['PROVISIONING', 'SEARCH', 'ENABLE'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'collaboration',
    labels: ['saas', 'meetings'],
    schema: 'saas',
    desc: 'Manages Zoom users, licence types and roles.',
    connection: [f.text('accountId', 'Account ID'), clientId(), clientSecret()],
  },
  {
    name: 'Amazon Web Services',
    type: 'AWS IAM',
    script: 'aws-iam',
    className: 'sailpoint.connector.AWSConnector',
    features: ['PROVISIONING', 'SEARCH', 'ENABLE', 'PASSWORD', 'UNSTRUCTURED_TARGETS'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'cloud',
    labels: ['saas', 'cloud-infrastructure'],
    schema: 'cloud',
    desc: 'Governs IAM users, groups, roles and policies across AWS accounts.',
    connection: [
      f.text('accessKeyId', 'Access Key ID'),
      f.secret('secretAccessKey', 'Secret Access Key'),
      f.list('regions', 'Regions', 'us-east-1,eu-central-1'),
      f.text('assumeRoleName', 'Assume Role Name', false),
    ],
    aggregation: [f.checkbox('includeOrganizations', 'Include AWS Organizations', true), f.number('pageSize', 'Page Size', '100')],
  },
  {
    name: 'Microsoft SQL Server',
    script: 'microsoft-sql-server',
    className: 'sailpoint.connector.MSSQLServerConnector',
    features: ['PROVISIONING', 'SEARCH', 'DIRECT_PERMISSIONS', 'UNSTRUCTURED_TARGETS'],
    ui: 'EXTJS',
    platform: 'ccg',
    category: 'database',
    labels: ['on-premises', 'database', 'microsoft'],
    relay: true,
    schema: 'db',
    desc: 'Manages SQL Server logins, database users and roles.',
    connection: [
      jdbcUrl('jdbc:sqlserver://sql.sandbox.internal:1433;databaseName=master'),
      f.select('authType', 'Authentication Type', ['SQL Server Authentication', 'Windows Authentication'], 'SQL Server Authentication'),
      username('User'),
      password(),
    ],
  },
  {
    name: 'Oracle Database',
    script: 'oracle-database',
    className: 'sailpoint.connector.OracleDBConnector',
    features: ['PROVISIONING', 'SEARCH', 'PASSWORD', 'ENABLE', 'UNLOCK', 'DIRECT_PERMISSIONS'],
    ui: 'EXTJS',
    platform: 'ccg',
    category: 'database',
    labels: ['on-premises', 'database', 'oracle'],
    relay: true,
    schema: 'db',
    desc: 'Manages Oracle Database users, roles and system privileges.',
    connection: [jdbcUrl('jdbc:oracle:thin:@orcl.sandbox.internal:1521/ORCL'), username('User'), password()],
  },
  {
    name: 'SAP SuccessFactors',
    type: 'SuccessFactors',
    script: 'successfactors',
    className: 'sailpoint.connector.SuccessFactorsConnector',
    features: ['SEARCH', 'SYNC_PROVISIONING'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'hr',
    labels: ['saas', 'authoritative', 'sap'],
    schema: 'hr',
    desc: 'Authoritative HR source reading SuccessFactors Employee Central.',
    connection: [
      f.url('apiUrl', 'API Server URL'),
      f.text('companyId', 'Company ID'),
      clientId('API Key'),
      f.secret('privateKey', 'X.509 Private Key'),
      f.text('technicalUser', 'Technical User'),
    ],
  },
  {
    name: 'Duo Security',
    script: 'duo-security',
    className: OPEN,
    features: ['PROVISIONING', 'SEARCH', 'ENABLE', 'UNLOCK'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'security',
    labels: ['saas', 'mfa'],
    schema: 'saas',
    desc: 'Manages Duo users, phones and groups.',
    connection: [f.text('apiHostname', 'API Hostname'), f.text('integrationKey', 'Integration Key'), f.secret('secretKey', 'Secret Key')],
  },
  {
    name: 'Zendesk',
    script: 'zendesk',
    className: OPEN,
    features: ['PROVISIONING', 'SEARCH', 'ENABLE'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'itsm',
    labels: ['saas', 'support'],
    schema: 'saas',
    desc: 'Governs Zendesk agents, end users and groups.',
    connection: [f.url('zendeskUrl', 'Zendesk URL'), f.text('email', 'Agent Email'), apiToken()],
  },
  {
    name: 'Snowflake',
    script: 'snowflake',
    className: OPEN,
    features: ['PROVISIONING', 'SEARCH', 'ENABLE', 'PASSWORD'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'database',
    labels: ['saas', 'data-warehouse'],
    schema: 'db',
    desc: 'Manages Snowflake users and role grants.',
    connection: [
      f.text('accountIdentifier', 'Account Identifier'),
      username(),
      f.select('authType', 'Authentication Type', ['Key Pair', 'Password'], 'Key Pair'),
      f.secret('privateKey', 'Private Key', false, SNOWFLAKE_SANDBOX_KEY),
      password(false),
      f.text('warehouse', 'Warehouse', false, 'COMPUTE_WH'),
      f.text('role', 'Role', false, 'SECURITYADMIN'),
    ],
  },
  {
    name: 'Microsoft Dynamics 365',
    type: 'Dynamics 365 CRM',
    script: 'dynamics-365',
    className: OPEN,
    features: ['PROVISIONING', 'SEARCH', 'ENABLE'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'crm',
    labels: ['saas', 'crm', 'microsoft'],
    schema: 'saas',
    desc: 'Manages Dynamics 365 users, teams and security roles.',
    connection: [f.url('organizationUrl', 'Organization URL'), f.text('tenantId', 'Tenant ID'), clientId(), clientSecret()],
  },
  {
    name: 'Google Cloud Platform',
    type: 'Google Cloud IAM',
    script: 'gcp',
    className: 'sailpoint.connector.GCPConnector',
    features: ['PROVISIONING', 'SEARCH', 'UNSTRUCTURED_TARGETS'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'cloud',
    labels: ['saas', 'cloud-infrastructure', 'google'],
    schema: 'cloud',
    desc: 'Governs IAM bindings across Google Cloud organisations, folders and projects.',
    connection: [
      f.text('organizationId', 'Organization ID'),
      f.text('serviceAccountEmail', 'Service Account Email'),
      f.secret('serviceAccountKey', 'Service Account Key (JSON)'),
    ],
  },
  {
    name: 'Linux',
    type: 'Linux - Direct',
    script: 'linux',
    className: 'sailpoint.connector.LinuxConnector',
    features: ['PROVISIONING', 'SEARCH', 'PASSWORD', 'ENABLE', 'UNLOCK'],
    ui: 'EXTJS',
    platform: 'ccg',
    category: 'server',
    labels: ['on-premises', 'unix'],
    relay: true,
    schema: 'unix',
    desc: 'Manages local users and groups on Linux hosts over SSH.',
    connection: [
      host,
      f.number('sshPort', 'SSH Port', '22'),
      username(),
      f.select('authType', 'Authentication Type', ['Password', 'Public Key'], 'Public Key'),
      password(false),
      f.secret('privateKey', 'SSH Private Key', false),
      f.secret('passphrase', 'Private Key Passphrase', false),
    ],
  },
  {
    name: 'Non-Employee Records',
    type: 'Non-Employee',
    script: 'non-employee',
    className: null,
    features: ['SEARCH'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'hr',
    labels: ['authoritative'],
    schema: 'hr',
    desc: 'Holds contractors and partners that no HR system knows.',
    connection: [f.text('sourceOwner', 'Source Owner'), f.number('accountLimit', 'Account Limit', '50000')],
  },
  {
    name: 'IBM Lotus Domino',
    script: 'lotus-domino',
    className: 'sailpoint.connector.DominoConnector',
    status: 'DEPRECATED',
    direct: false,
    features: ['PROVISIONING', 'SEARCH', 'PASSWORD'],
    ui: 'EXTJS',
    platform: 'ccg',
    category: 'collaboration',
    labels: ['on-premises', 'legacy'],
    relay: true,
    schema: 'directory',
    desc: 'Legacy connector for Domino directories; superseded by newer messaging connectors.',
    connection: [f.text('server', 'Server'), f.text('userIdFile', 'User ID File Path'), f.password('idPassword', 'ID File Password')],
  },
  {
    name: 'Novell eDirectory',
    type: 'eDirectory',
    script: 'novell-edirectory',
    className: 'sailpoint.connector.EDirConnector',
    status: 'DEPRECATED',
    features: ['PROVISIONING', 'SEARCH', 'AUTHENTICATE', 'PASSWORD'],
    ui: 'EXTJS',
    platform: 'ccg',
    category: 'directory',
    labels: ['on-premises', 'legacy', 'directory'],
    schema: 'directory',
    desc: 'Legacy eDirectory connector kept for existing sources.',
    connection: [host, f.number('port', 'Port', '636'), f.text('bindDn', 'Bind DN'), f.password('bindPassword', 'Bind Password')],
  },
  {
    name: 'SCIM 1.1',
    script: 'scim-1-1',
    className: 'sailpoint.connector.SCIMConnector',
    status: 'DEPRECATED',
    features: STD,
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'generic',
    labels: ['legacy', 'standard'],
    schema: 'saas',
    desc: 'SCIM 1.1 client; use the SCIM 2.0 connector for new sources.',
    connection: [baseUrl(), username(), password()],
  },
  {
    name: 'Demo HR System',
    type: 'Demo HR',
    script: 'demo-hr',
    className: OPEN,
    status: 'DEMO',
    features: ['SEARCH'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'hr',
    labels: ['demo'],
    schema: 'hr',
    locales: ['en'],
    desc: 'Demonstration HR feed with a fixed population.',
    connection: [baseUrl('Base URL', 'https://demo-hr.example.com/api'), f.secret('apiKey', 'API Key', true, 'demo-hr-key-7f3a')],
  },
  {
    name: 'Demo CRM',
    script: 'demo-crm',
    className: OPEN,
    status: 'DEMO',
    features: STD,
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'crm',
    labels: ['demo'],
    schema: 'saas',
    locales: ['en', 'de'],
    desc: 'Demonstration CRM with sample users & roles.',
    connection: [baseUrl('Base URL', 'https://demo-crm.example.com'), username('Username', 'demo'), password(true, 'demo-password')],
  },
  {
    name: 'Acme Ticketing',
    type: 'custom Acme Ticketing',
    script: 'acme-ticketing',
    className: OPEN,
    status: 'DEVELOPMENT',
    features: ['PROVISIONING', 'SEARCH', 'ENABLE'],
    fileUpload: true,
    uploadedFiles: ['sandbox-pod/sandbox-org/connectorFiles/acme-ticketing/acme-ticketing-1.4.2.jar'],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'itsm',
    labels: ['custom'],
    schema: 'saas',
    locales: ['en'],
    desc: 'In-house ticketing connector under development.',
    connection: [baseUrl(), clientId('Client ID', 'acme-sandbox'), clientSecret('acme-dev-client-secret')],
  },
  {
    name: 'Contoso Learning Hub',
    type: 'custom Contoso Learning Hub',
    script: 'contoso-learning-hub',
    className: OPEN,
    status: 'DEVELOPMENT',
    features: null,
    fileUpload: true,
    uploadedFiles: [],
    ui: 'ANGULAR',
    platform: 'sp-connect',
    category: 'education',
    labels: ['custom'],
    schema: 'saas',
    locales: ['en', 'fr'],
    desc: 'Custom connector for the learning platform (work in progress).',
    connection: [baseUrl(), f.secret('apiKey', 'API Key')],
  },
];

// ---------------------------------------------------------------------------------------------------------------------
// Building a connector from its record
// ---------------------------------------------------------------------------------------------------------------------

interface MenuDef {
  key: string;
  translationKey: string;
  label: string;
  help: string;
  fields: FieldDef[];
}

function menusOf(spec: ConnectorSpec): MenuDef[] {
  const menus: MenuDef[] = [
    {
      key: 'connectionSettings',
      translationKey: 'ConnectionSettings',
      label: 'Connection Settings',
      help: `Where and how to reach ${spec.name}.`,
      fields: spec.connection,
    },
    {
      key: 'aggregationSettings',
      translationKey: 'AggregationSettings',
      label: 'Aggregation Settings',
      help: 'How accounts & groups are read.',
      fields: spec.aggregation ?? defaultAggregation('100', spec.schema !== 'hr'),
    },
    {
      key: 'advancedSettings',
      translationKey: 'AdvancedSettings',
      label: 'Advanced Settings',
      help: 'Retries, proxy and logging.',
      fields: spec.advanced ?? (spec.relay ? relayAdvanced : defaultAdvanced),
    },
  ];
  if (spec.relay) {
    menus.push({
      key: 'relaySettings',
      translationKey: 'RelaySettings',
      label: 'Relay / Virtual Appliance',
      help: 'Route traffic via a VA cluster.',
      fields: relayFields,
    });
  }
  return menus;
}

function buildConnector(spec: ConnectorSpec): SailPointSandboxConnector {
  const type = spec.type ?? spec.name;
  const status = spec.status ?? 'RELEASED';
  const directConnect = spec.direct ?? true;
  const fileUpload = spec.fileUpload ?? false;
  const menus = menusOf(spec);
  const metadata: Record<string, unknown> = { supportedUI: spec.ui, platform: spec.platform, shortDesc: spec.desc };
  if (status === 'DEPRECATED') metadata.deprecated = true;
  const files = { name: spec.name, type, className: spec.className, features: spec.features ?? [], directConnect, fileUpload, status };
  return {
    name: spec.name,
    type,
    scriptName: spec.script,
    className: spec.className,
    features: spec.features === null ? null : [...spec.features],
    directConnect,
    status,
    connectorMetadata: metadata,
    category: spec.category,
    labels: [...(spec.labels ?? [])],
    fileUpload,
    uploadedFiles: spec.uploadedFiles ? [...spec.uploadedFiles] : null,
    sourceConfigFrom: spec.platform === 'sp-connect' ? 'sp-connect' : 'connector-bundle',
    s3Location: `custom-connector/${spec.script}`,
    applicationXml: applicationXml(files, menus, spec.schema),
    correlationConfigXml: correlationXml(spec.name, spec.schema),
    sourceConfigXml: formXml(files, menus),
    sourceTemplateXml: templateXml(files, menus, spec.schema),
    translations: translationsOf(spec, menus),
  };
}

/** Inputs of a newly created custom connector (`POST /connectors`). */
export interface NewConnectorInput {
  name: string;
  type: string;
  scriptName: string;
  className: string;
  directConnect: boolean;
  status: SailPointConnectorStatus;
}

/**
 * A connector as `POST /connectors` creates it: minimal but valid files, an `en` translation, no features and no
 * metadata yet (the vendor leaves those to later updates), file upload on (custom connectors ship a bundle).
 */
export function createCustomConnector(input: NewConnectorInput): SailPointSandboxConnector {
  const files = { ...input, className: input.className, features: [], fileUpload: true };
  return {
    ...input,
    features: null,
    connectorMetadata: {},
    category: 'custom',
    labels: ['custom'],
    fileUpload: true,
    uploadedFiles: [],
    sourceConfigFrom: 'sp-connect',
    s3Location: `custom-connector/${input.scriptName}`,
    applicationXml: `${XML_PROLOG}\n${APPLICATION_DOCTYPE}\n<Application ${attrs({ connector: input.className, name: input.name, type: input.type })}/>\n`,
    correlationConfigXml: `${XML_PROLOG}\n${CORRELATION_DOCTYPE}\n<CorrelationConfig ${attrs({ name: `${input.name} Account Correlation Config` })}>\n  <AttributeAssignments/>\n</CorrelationConfig>\n`,
    sourceConfigXml: formXml(files, []),
    sourceTemplateXml: `${XML_PROLOG}\n${APPLICATION_DOCTYPE}\n<Application ${attrs({ connector: input.className, name: `${input.type} Template`, template: 'true', type: input.type })}/>\n`,
    translations: { en: toProperties([['ShortDesc', input.name]], `${input.name}: English labels`) },
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// XML
// ---------------------------------------------------------------------------------------------------------------------

const XML_PROLOG = "<?xml version='1.0' encoding='UTF-8'?>";
const APPLICATION_DOCTYPE = '<!DOCTYPE Application PUBLIC "sailpoint.dtd" "sailpoint.dtd">';
const CORRELATION_DOCTYPE = '<!DOCTYPE CorrelationConfig PUBLIC "sailpoint.dtd" "sailpoint.dtd">';
/** The namespace of source config forms. */
export const SAILPOINT_FORM_NAMESPACE = 'http://www.sailpoint.com/xsd/sailpoint_form_2_0.xsd';

/** Escapes a value for a double-quoted XML attribute (line breaks kept as character references). */
export function xmlAttr(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Renders attributes in the given order; undefined values are left out. */
function attrs(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}="${xmlAttr(value)}"`)
    .join(' ');
}

interface FileInputs {
  name: string;
  type: string;
  className: string | null;
  features: string[];
  directConnect: boolean;
  fileUpload: boolean;
  status: SailPointConnectorStatus;
}

function formXml(c: FileInputs, menus: MenuDef[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
    `<Form xmlns="${SAILPOINT_FORM_NAMESPACE}" ${attrs({
      connectorName: c.type,
      directConnect: String(c.directConnect),
      fileUpload: String(c.fileUpload),
      name: c.name,
      status: c.status.toLowerCase(),
      type: 'SourceConfig',
    })}>`,
    '  <BaseConfig>',
    '    <Field maxFiles="10" maxSize="300" name="fileUpload" supportedExtensions="jar" type="fileupload" validateJSON="false"/>',
    '  </BaseConfig>',
  ];
  if (menus.length > 0) {
    lines.push('  <Menu label="Configuration">');
    for (const menu of menus) {
      lines.push(`    <MenuItem ${attrs({ keyName: menu.key, label: menu.label })}>`);
      lines.push(`      <Section ${attrs({ label: menu.label, sectionHelpMessage: menu.help })}>`);
      for (const def of menu.fields) lines.push(...formField(def, '        '));
      lines.push('      </Section>', '    </MenuItem>');
    }
    lines.push('  </Menu>');
  }
  lines.push('</Form>');
  return `${lines.join('\n')}\n`;
}

function formField(def: FieldDef, indent: string): string[] {
  const helpKey = def.help === undefined ? undefined : `help_${def.name}`;
  const head = `${indent}<Field ${attrs({ name: def.name, displayName: def.label, type: def.type, required: String(def.required), value: def.value, helpKey })}`;
  if (!def.options) return [`${head}/>`];
  return [
    `${head}>`,
    `${indent}  <AllowedValues>`,
    ...def.options.map((option) => `${indent}    <Value>${xmlText(option)}</Value>`),
    `${indent}  </AllowedValues>`,
    `${indent}</Field>`,
  ];
}

interface SchemaDef {
  objectType: string;
  nativeObjectType: string;
  identity: string;
  display: string;
  /** name, type, and whether multi-valued entitlement */
  attributes: [string, string, boolean?][];
}

const SCHEMAS: Record<SchemaKind, SchemaDef[]> = {
  directory: [
    {
      objectType: 'account',
      nativeObjectType: 'user',
      identity: 'distinguishedName',
      display: 'sAMAccountName',
      attributes: [
        ['distinguishedName', 'string'],
        ['sAMAccountName', 'string'],
        ['mail', 'string'],
        ['givenName', 'string'],
        ['sn', 'string'],
        ['memberOf', 'string', true],
      ],
    },
    {
      objectType: 'group',
      nativeObjectType: 'group',
      identity: 'distinguishedName',
      display: 'cn',
      attributes: [
        ['distinguishedName', 'string'],
        ['cn', 'string'],
        ['description', 'string'],
      ],
    },
  ],
  hr: [
    {
      objectType: 'account',
      nativeObjectType: 'worker',
      identity: 'employeeId',
      display: 'fullName',
      attributes: [
        ['employeeId', 'string'],
        ['fullName', 'string'],
        ['email', 'string'],
        ['department', 'string'],
        ['manager', 'string'],
        ['hireDate', 'date'],
        ['active', 'boolean'],
      ],
    },
  ],
  saas: [
    {
      objectType: 'account',
      nativeObjectType: 'User',
      identity: 'id',
      display: 'userName',
      attributes: [
        ['id', 'string'],
        ['userName', 'string'],
        ['email', 'string'],
        ['displayName', 'string'],
        ['active', 'boolean'],
        ['groups', 'string', true],
      ],
    },
    {
      objectType: 'group',
      nativeObjectType: 'Group',
      identity: 'id',
      display: 'name',
      attributes: [
        ['id', 'string'],
        ['name', 'string'],
      ],
    },
  ],
  db: [
    {
      objectType: 'account',
      nativeObjectType: 'user',
      identity: 'USER_NAME',
      display: 'USER_NAME',
      attributes: [
        ['USER_NAME', 'string'],
        ['EMAIL', 'string'],
        ['ACCOUNT_STATUS', 'string'],
        ['CREATED', 'date'],
        ['ROLES', 'string', true],
      ],
    },
  ],
  cloud: [
    {
      objectType: 'account',
      nativeObjectType: 'user',
      identity: 'userId',
      display: 'userName',
      attributes: [
        ['userId', 'string'],
        ['userName', 'string'],
        ['createDate', 'date'],
        ['policies', 'string', true],
        ['groups', 'string', true],
      ],
    },
    {
      objectType: 'group',
      nativeObjectType: 'group',
      identity: 'groupId',
      display: 'groupName',
      attributes: [
        ['groupId', 'string'],
        ['groupName', 'string'],
      ],
    },
  ],
  mainframe: [
    {
      objectType: 'account',
      nativeObjectType: 'user',
      identity: 'USERID',
      display: 'USERID',
      attributes: [
        ['USERID', 'string'],
        ['NAME', 'string'],
        ['DEFAULT_GROUP', 'string'],
        ['REVOKED', 'boolean'],
        ['GROUPS', 'string', true],
      ],
    },
  ],
  file: [
    {
      objectType: 'account',
      nativeObjectType: 'account',
      identity: 'identity',
      display: 'name',
      attributes: [
        ['identity', 'string'],
        ['name', 'string'],
        ['email', 'string'],
        ['entitlements', 'string', true],
      ],
    },
  ],
  unix: [
    {
      objectType: 'account',
      nativeObjectType: 'user',
      identity: 'username',
      display: 'username',
      attributes: [
        ['username', 'string'],
        ['uid', 'int'],
        ['home', 'string'],
        ['shell', 'string'],
        ['groups', 'string', true],
      ],
    },
    {
      objectType: 'group',
      nativeObjectType: 'group',
      identity: 'name',
      display: 'name',
      attributes: [
        ['name', 'string'],
        ['gid', 'int'],
      ],
    },
  ],
};

const CORRELATIONS: Record<SchemaKind, [string, string][]> = {
  directory: [
    ['email', 'mail'],
    ['empId', 'employeeID'],
    ['uid', 'sAMAccountName'],
  ],
  hr: [
    ['empId', 'employeeId'],
    ['email', 'email'],
    ['displayName', 'fullName'],
  ],
  saas: [
    ['email', 'email'],
    ['uid', 'userName'],
    ['displayName', 'displayName'],
  ],
  db: [
    ['uid', 'USER_NAME'],
    ['email', 'EMAIL'],
    ['displayName', 'USER_NAME'],
  ],
  cloud: [
    ['uid', 'userName'],
    ['email', 'userName'],
    ['displayName', 'userName'],
  ],
  mainframe: [
    ['uid', 'USERID'],
    ['empId', 'USERID'],
    ['displayName', 'NAME'],
  ],
  file: [
    ['uid', 'identity'],
    ['email', 'email'],
    ['displayName', 'name'],
  ],
  unix: [
    ['uid', 'username'],
    ['displayName', 'username'],
    ['empId', 'uid'],
  ],
};

function secretNames(menus: MenuDef[]): string[] {
  return menus
    .flatMap((menu) => menu.fields)
    .filter((def) => def.type === 'secret' || def.type === 'password')
    .map((def) => def.name);
}

function schemasXml(kind: SchemaKind): string[] {
  const lines = ['  <Schemas>'];
  for (const schema of SCHEMAS[kind]) {
    lines.push(
      `    <Schema ${attrs({ displayAttribute: schema.display, identityAttribute: schema.identity, nativeObjectType: schema.nativeObjectType, objectType: schema.objectType })}>`,
    );
    for (const [name, type, multi] of schema.attributes) {
      const extra = multi ? { entitlement: 'true', managed: 'true', multi: 'true' } : {};
      lines.push(`      <AttributeDefinition ${attrs({ ...extra, name, type })}/>`);
    }
    lines.push('    </Schema>');
  }
  lines.push('  </Schemas>');
  return lines;
}

function applicationXml(c: FileInputs, menus: MenuDef[], kind: SchemaKind): string {
  // Non-secret defaults go into the attribute map; secrets are only named in `encrypted`, never stored in clear.
  const defaults = menus.flatMap((menu) => menu.fields).filter((def) => def.value !== undefined && def.type !== 'secret' && def.type !== 'password');
  const lines = [
    XML_PROLOG,
    APPLICATION_DOCTYPE,
    `<Application ${attrs({ connector: c.className ?? undefined, featuresString: c.features.join(', '), name: c.name, type: c.type })}>`,
    '  <Attributes>',
    '    <Map>',
    `      <entry key="connectorName" value="${xmlAttr(c.type)}"/>`,
    `      <entry key="encrypted" value="${xmlAttr(secretNames(menus).join(','))}"/>`,
    '      <entry key="healthCheckTimeout" value="60"/>',
    ...defaults.map((def) => `      <entry ${attrs({ key: def.name, value: def.value })}/>`),
    '    </Map>',
    '  </Attributes>',
    ...schemasXml(kind),
    '</Application>',
  ];
  return `${lines.join('\n')}\n`;
}

function correlationXml(name: string, kind: SchemaKind): string {
  const lines = [
    XML_PROLOG,
    `<!-- connector-gateway sandbox: identity correlation for ${xmlText(name).replace(/--/g, '- -')} accounts; the first matching assignment wins -->`,
    CORRELATION_DOCTYPE,
    `<CorrelationConfig ${attrs({ name: `${name} Account Correlation Config` })}>`,
    '  <AttributeAssignments>',
    ...CORRELATIONS[kind].map(([property, value]) => `    <Filter ${attrs({ operation: 'EQ', property, value })}/>`),
    '  </AttributeAssignments>',
    '</CorrelationConfig>',
  ];
  return `${lines.join('\n')}\n`;
}

function templateXml(c: FileInputs, menus: MenuDef[], kind: SchemaKind): string {
  const connection = menus[0]?.fields ?? [];
  const account = SCHEMAS[kind][0];
  const lines = [
    XML_PROLOG,
    APPLICATION_DOCTYPE,
    `<Application ${attrs({ connector: c.className ?? undefined, featuresString: c.features.join(', '), name: `${c.type} Template`, template: 'true', type: c.type })}>`,
    '  <Attributes>',
    '    <Map>',
    `      <entry key="templateApplication" value="${xmlAttr(`${c.type} Template`)}"/>`,
    `      <entry key="connectorName" value="${xmlAttr(c.type)}"/>`,
    '      <entry key="healthCheckTimeout" value="60"/>',
    ...connection
      .filter((def) => def.type !== 'secret' && def.type !== 'password')
      .map((def) => `      <entry ${attrs({ key: def.name, value: def.value ?? '' })}/>`),
    '    </Map>',
    '  </Attributes>',
  ];
  if (c.features.includes('PROVISIONING') && account) {
    lines.push('  <ProvisioningForms>', '    <Form name="Create Account" objectType="account" type="Create">');
    for (const [name, type] of account.attributes.slice(0, 3)) {
      lines.push(`      <Field ${attrs({ displayName: name, name, required: String(name === account.identity), type })}/>`);
    }
    lines.push('    </Form>', '  </ProvisioningForms>');
  }
  lines.push('</Application>');
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------------------
// Translations (Java .properties, ISO-8859-1 safe: everything outside ASCII as \uXXXX)
// ---------------------------------------------------------------------------------------------------------------------

const LOCALE_NAMES: Partial<Record<SailPointLocale, string>> = {
  en: 'English',
  de: 'German',
  fr: 'French',
  es: 'Spanish',
  ja: 'Japanese',
  nl: 'Dutch',
};

/** Label translations by English text; labels missing here stay English (as partially translated files do). */
const LABELS: Record<string, Partial<Record<SailPointLocale, string>>> = {
  'Connection Settings': {
    de: 'Verbindungseinstellungen',
    fr: 'Paramètres de connexion',
    es: 'Configuración de conexión',
    ja: '接続設定',
    nl: 'Verbindingsinstellingen',
  },
  'Aggregation Settings': {
    de: 'Aggregationseinstellungen',
    fr: "Paramètres d'agrégation",
    es: 'Configuración de agregación',
    ja: '集約設定',
    nl: 'Aggregatie-instellingen',
  },
  'Advanced Settings': {
    de: 'Erweiterte Einstellungen',
    fr: 'Paramètres avancés',
    es: 'Configuración avanzada',
    ja: '詳細設定',
    nl: 'Geavanceerde instellingen',
  },
  'Relay / Virtual Appliance': {
    de: 'Relay / Virtuelle Appliance',
    fr: 'Relais / Appliance virtuelle',
    es: 'Relé / Dispositivo virtual',
    ja: 'リレー / 仮想アプライアンス',
    nl: 'Relay / Virtuele appliance',
  },
  'Connection Timeout': {
    de: 'Zeitüberschreitung bei Verbindung',
    fr: 'Délai de connexion',
    es: 'Tiempo de espera de conexión',
    nl: 'Time-out van verbinding',
  },
  'Base URL': { de: 'Basis-URL', fr: 'URL de base', es: 'URL base', nl: 'Basis-URL' },
  'Instance URL': { de: 'Instanz-URL', fr: "URL de l'instance", nl: 'Instantie-URL' },
  'Web Services URL': { de: 'Webservice-URL', fr: 'URL des services web' },
  'API URL': { de: 'API-URL', fr: "URL de l'API" },
  'API Server URL': { de: 'API-Server-URL', fr: 'URL du serveur API' },
  'Site URL': { de: 'Website-URL', fr: 'URL du site' },
  'Okta URL': { de: 'Okta-URL', fr: 'URL Okta' },
  'Zendesk URL': { de: 'Zendesk-URL', fr: 'URL Zendesk' },
  'Organization URL': { de: 'Organisations-URL', fr: "URL de l'organisation" },
  'Token URL': { de: 'Token-URL', fr: 'URL du jeton' },
  'Proxy URL': { de: 'Proxy-URL', fr: 'URL du proxy' },
  'Client ID': { de: 'Client-ID', fr: 'ID client', es: 'ID de cliente', nl: 'Client-ID' },
  'Client Secret': { de: 'Client-Geheimnis', fr: 'Secret client', es: 'Secreto de cliente', nl: 'Clientgeheim' },
  Username: { de: 'Benutzername', fr: "Nom d'utilisateur", es: 'Nombre de usuario', nl: 'Gebruikersnaam' },
  User: { de: 'Benutzer', fr: 'Utilisateur' },
  Password: { de: 'Passwort', fr: 'Mot de passe', es: 'Contraseña', nl: 'Wachtwoord' },
  'API Token': { de: 'API-Token', fr: "Jeton d'API", es: 'Token de API', nl: 'API-token' },
  'API Key': { de: 'API-Schlüssel', fr: "Clé d'API" },
  'Authentication Type': { de: 'Authentifizierungstyp', fr: "Type d'authentification", nl: 'Verificatietype' },
  'Authentication Method': { de: 'Authentifizierungsmethode', fr: "Méthode d'authentification" },
  'Authorization Type': { de: 'Autorisierungstyp', fr: "Type d'autorisation", es: 'Tipo de autorización' },
  'Page Size': { de: 'Seitengröße', fr: 'Taille de page', es: 'Tamaño de página', nl: 'Paginagrootte' },
  'Account Filter': { de: 'Kontofilter', fr: 'Filtre des comptes', es: 'Filtro de cuentas', nl: 'Accountfilter' },
  'Group Filter': { de: 'Gruppenfilter', fr: 'Filtre des groupes', es: 'Filtro de grupos', nl: 'Groepsfilter' },
  'Enable Delta Aggregation': {
    de: 'Delta-Aggregation aktivieren',
    fr: "Activer l'agrégation delta",
    es: 'Habilitar agregación delta',
    nl: 'Delta-aggregatie inschakelen',
  },
  'Max Retry Count': { de: 'Maximale Wiederholungen', fr: 'Nombre maximal de tentatives', es: 'Número máximo de reintentos', nl: 'Maximaal aantal pogingen' },
  'Retry Wait (seconds)': {
    de: 'Wartezeit vor Wiederholung (Sekunden)',
    fr: 'Attente avant nouvelle tentative (secondes)',
    nl: 'Wachttijd tussen pogingen (seconden)',
  },
  'Enable Debug Logging': {
    de: 'Debug-Protokollierung aktivieren',
    fr: 'Activer la journalisation de débogage',
    es: 'Habilitar registro de depuración',
    nl: 'Debuglogboek inschakelen',
  },
  'Virtual Appliance Cluster': { de: 'Cluster der virtuellen Appliance', fr: "Cluster d'appliances virtuelles", es: 'Clúster de dispositivos virtuales' },
  'Relay Port': { de: 'Relay-Port', fr: 'Port du relais', es: 'Puerto del relé' },
  'Relay CA Certificate': { de: 'CA-Zertifikat des Relays', fr: "Certificat d'autorité du relais", es: 'Certificado CA del relé' },
  'Forest Name': { de: 'Gesamtstrukturname', fr: 'Nom de la forêt', es: 'Nombre del bosque', ja: 'フォレスト名' },
  'Domain Name': { de: 'Domänenname', fr: 'Nom de domaine', es: 'Nombre de dominio', ja: 'ドメイン名' },
  'Service Account': { de: 'Dienstkonto', fr: 'Compte de service', es: 'Cuenta de servicio' },
  'Service Account Password': { de: 'Passwort des Dienstkontos', fr: 'Mot de passe du compte de service', es: 'Contraseña de la cuenta de servicio' },
  'Use TLS': { de: 'TLS verwenden', fr: 'Utiliser TLS', es: 'Usar TLS' },
  'Use SSL': { de: 'SSL verwenden', fr: 'Utiliser SSL' },
  Port: { de: 'Port', fr: 'Port', es: 'Puerto' },
  Host: { de: 'Host', fr: 'Hôte' },
  'Search DN': { de: 'Such-DN', fr: 'DN de recherche', es: 'DN de búsqueda' },
  'Bind DN': { de: 'Bind-DN', fr: 'DN de liaison' },
  'Bind Password': { de: 'Bind-Passwort', fr: 'Mot de passe de liaison' },
  'Tenant Name': { de: 'Mandantenname', fr: 'Nom du locataire' },
  'Tenant ID': { de: 'Mandanten-ID', fr: 'ID du locataire' },
  'Integration User': { de: 'Integrationsbenutzer', fr: "Utilisateur d'intégration" },
  'Integration User Password': { de: 'Passwort des Integrationsbenutzers', fr: "Mot de passe de l'utilisateur d'intégration" },
  'API Version': { de: 'API-Version', fr: "Version de l'API" },
  'Include Future Hires': { de: 'Künftige Einstellungen einbeziehen', fr: 'Inclure les futures embauches' },
  'Future Hire Window (days)': { de: 'Zeitraum für künftige Einstellungen (Tage)', fr: 'Fenêtre des futures embauches (jours)' },
  'Consumer Key': { de: 'Consumer-Schlüssel', fr: 'Clé consommateur' },
  'Private Key': { de: 'Privater Schlüssel', fr: 'Clé privée' },
  'JDBC Connection URL': { de: 'JDBC-Verbindungs-URL', fr: 'URL de connexion JDBC' },
  'JDBC Driver': { de: 'JDBC-Treiber', fr: 'Pilote JDBC' },
  'Account SQL Query': { de: 'SQL-Abfrage für Konten', fr: 'Requête SQL des comptes' },
  'Group SQL Query': { de: 'SQL-Abfrage für Gruppen', fr: 'Requête SQL des groupes' },
  'Merge Columns': { de: 'Zusammenzuführende Spalten', fr: 'Colonnes à fusionner' },
  'Include Deactivated Users': { de: 'Deaktivierte Benutzer einbeziehen', fr: 'Inclure les utilisateurs désactivés' },
  'Grant Type': { de: 'Grant-Typ', fr: "Type d'octroi", ja: '付与タイプ' },
  'Cloud Environment': { de: 'Cloud-Umgebung', fr: 'Environnement cloud', ja: 'クラウド環境' },
  Domain: { de: 'Domäne', fr: 'Domaine' },
  'Admin Email': { de: 'Administrator-E-Mail', fr: "E-mail de l'administrateur" },
  'Service Account Email': { de: 'E-Mail des Dienstkontos', fr: 'E-mail du compte de service' },
  'Service Account Private Key': { de: 'Privater Schlüssel des Dienstkontos', fr: 'Clé privée du compte de service' },
  'Organizational Units': { de: 'Organisationseinheiten', fr: 'Unités organisationnelles' },
  'Include Suspended Users': { de: 'Gesperrte Benutzer einbeziehen', fr: 'Inclure les utilisateurs suspendus' },
  Organization: { de: 'Organisation', fr: 'Organisation' },
  'Organization ID': { de: 'Organisations-ID', fr: "ID de l'organisation" },
  'Personal Access Token': { de: 'Persönliches Zugriffstoken', fr: "Jeton d'accès personnel" },
  'Bot Token': { de: 'Bot-Token', fr: 'Jeton du bot' },
  'Workspace ID': { de: 'Workspace-ID', fr: "ID de l'espace de travail" },
  'Application Server Host': { de: 'Host des Anwendungsservers', fr: "Hôte du serveur d'applications" },
  'System Number': { de: 'Systemnummer', fr: 'Numéro de système' },
  Client: { de: 'Mandant', fr: 'Mandant' },
  Language: { de: 'Sprache', fr: 'Langue' },
  'Use Secure Network Communication': { de: 'Secure Network Communication verwenden', fr: 'Utiliser Secure Network Communication' },
  Version: { de: 'Version', fr: 'Version' },
  Delimiter: { de: 'Trennzeichen', fr: 'Délimiteur' },
  'File Has Header': { de: 'Datei hat Kopfzeile', fr: 'Le fichier a un en-tête' },
  'File Encoding': { de: 'Dateikodierung', fr: 'Encodage du fichier' },
  'Index Column': { de: 'Indexspalte', fr: "Colonne d'index" },
  'Custom Headers (JSON)': { de: 'Eigene Header (JSON)', fr: 'En-têtes personnalisés (JSON)' },
  Administrator: { de: 'Administrator', fr: 'Administrateur' },
  'Administrator Password': { de: 'Administratorpasswort', fr: "Mot de passe de l'administrateur" },
  'Agent Encryption Key': { de: 'Verschlüsselungsschlüssel des Agenten', fr: "Clé de chiffrement de l'agent" },
  'Schema Owner': { de: 'Schemaeigentümer', fr: 'Propriétaire du schéma' },
  'Enterprise ID': { de: 'Enterprise-ID', fr: "ID d'entreprise" },
  'Public Key ID': { de: 'ID des öffentlichen Schlüssels', fr: 'ID de la clé publique' },
  'Private Key Passphrase': { de: 'Passphrase des privaten Schlüssels', fr: 'Phrase secrète de la clé privée' },
  'Account ID': { de: 'Konto-ID', fr: 'ID du compte' },
  'Access Key ID': { de: 'Zugriffsschlüssel-ID', fr: "ID de clé d'accès" },
  'Secret Access Key': { de: 'Geheimer Zugriffsschlüssel', fr: "Clé d'accès secrète" },
  Regions: { de: 'Regionen', fr: 'Régions' },
  'Assume Role Name': { de: 'Name der zu übernehmenden Rolle', fr: 'Nom du rôle à assumer' },
  'Include AWS Organizations': { de: 'AWS Organizations einbeziehen', fr: 'Inclure AWS Organizations' },
  'Company ID': { de: 'Firmen-ID', fr: "ID de l'entreprise" },
  'X.509 Private Key': { de: 'Privater X.509-Schlüssel', fr: 'Clé privée X.509' },
  'Technical User': { de: 'Technischer Benutzer', fr: 'Utilisateur technique' },
  'API Hostname': { de: 'API-Hostname', fr: "Nom d'hôte de l'API" },
  'Integration Key': { de: 'Integrationsschlüssel', fr: "Clé d'intégration" },
  'Secret Key': { de: 'Geheimer Schlüssel', fr: 'Clé secrète' },
  'Agent Email': { de: 'E-Mail des Agenten', fr: "E-mail de l'agent" },
  'Account Identifier': { de: 'Kontokennung', fr: 'Identifiant du compte' },
  Warehouse: { de: 'Warehouse', fr: 'Entrepôt' },
  Role: { de: 'Rolle', fr: 'Rôle' },
  'Service Account Key (JSON)': { de: 'Dienstkontoschlüssel (JSON)', fr: 'Clé du compte de service (JSON)' },
  'SSH Port': { de: 'SSH-Port', fr: 'Port SSH' },
  'SSH Private Key': { de: 'Privater SSH-Schlüssel', fr: 'Clé privée SSH' },
  'Source Owner': { de: 'Quelleneigentümer', fr: 'Propriétaire de la source' },
  'Account Limit': { de: 'Kontolimit', fr: 'Limite de comptes' },
  Server: { de: 'Server', fr: 'Serveur' },
  'User ID File Path': { de: 'Pfad der Benutzer-ID-Datei', fr: "Chemin du fichier d'ID utilisateur" },
  'ID File Password': { de: 'Passwort der ID-Datei', fr: "Mot de passe du fichier d'ID" },
};

const HELP: Record<string, Partial<Record<SailPointLocale, string>>> = {
  ConnectionSettings: { de: 'Wo und wie die Quelle erreichbar ist.', fr: 'Où et comment joindre la source.' },
  AggregationSettings: { de: 'Wie Konten und Gruppen gelesen werden.', fr: 'Comment les comptes et les groupes sont lus.' },
  AdvancedSettings: { de: 'Wiederholungen, Proxy und Protokollierung.', fr: 'Nouvelles tentatives, proxy et journalisation.' },
  RelaySettings: { de: 'Datenverkehr über einen Cluster virtueller Appliances leiten.', fr: "Acheminer le trafic via un cluster d'appliances virtuelles." },
};

/** Field help translations by English text; help missing here stays English. */
const FIELD_HELP: Record<string, Partial<Record<SailPointLocale, string>>> = {
  'The root URL of the API, with its scheme.': { de: 'Die Stamm-URL der API, mit ihrem Schema.', fr: "L'URL racine de l'API, avec son schéma." },
  'How many accounts to read in one page.': { de: 'Wie viele Konten auf einer Seite gelesen werden.', fr: 'Combien de comptes lire par page.' },
};

const SHORT_DESC: Partial<Record<SailPointLocale, (name: string) => string>> = {
  de: (name) => `Konnektor für ${name}: Konten, Gruppen und Berechtigungen verwalten.`,
  fr: (name) => `Connecteur pour ${name} : gestion des comptes, groupes et droits.`,
  es: (name) => `Conector para ${name}: gestión de cuentas, grupos y permisos.`,
  ja: (name) => `${name} 用コネクタ: アカウント、グループ、権限を管理します。`,
  nl: (name) => `Connector voor ${name}: beheer van accounts, groepen en rechten.`,
};

function translate(locale: SailPointLocale, label: string): string {
  return locale === 'en' ? label : (LABELS[label]?.[locale] ?? label);
}

function translationsOf(spec: ConnectorSpec, menus: MenuDef[]): Partial<Record<SailPointLocale, string>> {
  const result: Partial<Record<SailPointLocale, string>> = {};
  for (const locale of spec.locales ?? ['en', 'de', 'fr']) {
    const pairs: [string, string][] = [];
    for (const menu of menus) {
      pairs.push([`menuLabel_${menu.translationKey}`, translate(locale, menu.label)]);
      pairs.push([`sectionInfo_${menu.translationKey}`, locale === 'en' ? menu.help : (HELP[menu.translationKey]?.[locale] ?? menu.help)]);
    }
    const seen = new Set<string>();
    for (const def of menus.flatMap((menu) => menu.fields)) {
      if (seen.has(def.name)) continue;
      seen.add(def.name);
      pairs.push([def.name, translate(locale, def.label)]);
      if (def.help !== undefined) pairs.push([`help_${def.name}`, locale === 'en' ? def.help : (FIELD_HELP[def.help]?.[locale] ?? def.help)]);
      if (def.placeholder !== undefined) pairs.push([`placeHolder_${def.name}`, def.placeholder]);
    }
    pairs.push(['ShortDesc', locale === 'en' ? spec.desc : (SHORT_DESC[locale]?.(spec.name) ?? spec.desc)]);
    result[locale] = toProperties(pairs, `${spec.name}: ${LOCALE_NAMES[locale] ?? locale} labels`);
  }
  return result;
}

/** Renders key/value pairs as a `.properties` file with a comment header. */
function toProperties(pairs: [string, string][], title: string): string {
  const header = [`# ${escapeProperties(title, false)}`, '# connector-gateway sandbox seed; generated, not edited by hand.'];
  return `${[...header, ...pairs.map(([key, value]) => `${escapeProperties(key, true)}=${escapeProperties(value, false)}`)].join('\n')}\n`;
}

/** Escapes `.properties` text: backslash escapes, and every non-ASCII UTF-16 unit as `\uXXXX`. */
export function escapeProperties(text: string, isKey: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    const code = text.charCodeAt(i);
    if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (isKey && (ch === '=' || ch === ':' || ch === ' ' || ch === '#' || ch === '!')) out += `\\${ch}`;
    else if (!isKey && i === 0 && ch === ' ') out += '\\ ';
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}
