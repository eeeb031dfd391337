/**
 * Deterministic seed data of the ConductorOne sandbox: a small connector catalog, eight apps and 27 connectors in
 * every sync state, generated from compact per-record data. Ids are KSUIDs (C1's id format: 27 base62 characters
 * that sort by creation time) built from the record's fixed creation date and a hash of its key, so they are the
 * same on every run. Secret-looking config values are obviously fake (`sbx-…`) and never resemble real credentials.
 * No randomness, no clock.
 */
import { createHash } from 'node:crypto';
import { C1_TYPE_URL_PREFIX, type C1AnyWire, type C1AppWire, type C1ConnectorStatusWire, type C1ConnectorWire, type C1SyncStatus } from '../types.js';

/** An app as the sandbox stores it: every field of {@link C1AppWire} present (unset timestamps are `null`). */
export type C1SandboxApp = Required<C1AppWire>;

/** A connector's status as stored: every field present, `lastError` `''` when none. */
export type C1SandboxConnectorStatus = Required<C1ConnectorStatusWire> & { status: C1SyncStatus; lastError: string };

/**
 * A connector as the sandbox stores it: every field of {@link C1ConnectorWire} present, unset messages and
 * timestamps `null`, lists `[]`; `parallelSyncWorkerCount` is `null` when never set (and then left out of answers).
 */
export interface C1SandboxConnector extends Omit<Required<C1ConnectorWire>, 'status' | 'userIds' | 'profileAllowList' | 'profileIgnoreList'> {
  status: C1SandboxConnectorStatus;
  userIds: string[];
  profileAllowList: string[];
  profileIgnoreList: string[];
}

/** A catalog entry: a kind of connector and the config message its instances take. */
export interface C1SandboxCatalogEntry {
  id: string;
  /** A readable key, e.g. `github-app` (sandbox only; C1 knows entries by id). */
  slug: string;
  displayName: string;
  /** The `@type` of the config (`type.googleapis.com/…`). The message names are the sandbox's own. */
  configType: string;
}

/** The whole seed: catalog, apps and connectors, each in id (= creation) order. */
export interface ConductorOneSeed {
  catalog: C1SandboxCatalogEntry[];
  apps: C1SandboxApp[];
  connectors: C1SandboxConnector[];
  /** C1 user ids that own connectors (`userIds`). */
  userIds: string[];
}

/** A fresh copy of the seed (nothing is shared between calls). */
export function createConductorOneSeed(): ConductorOneSeed {
  const catalog = CATALOG_SPECS.map(buildCatalogEntry);
  const apps = APP_SPECS.map(buildApp);
  const appIds = new Map(APP_SPECS.map((spec, index) => [spec.slug, apps[index]?.id ?? '']));
  const catalogBySlug = new Map(catalog.map((entry) => [entry.slug, entry]));
  const connectors = CONNECTOR_SPECS.map((spec) => buildConnector(spec, appIds, catalogBySlug));
  const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { catalog: catalog.sort(byId), apps: apps.sort(byId), connectors: connectors.sort(byId), userIds: USERS.map((user) => user.id) };
}

// ---------------------------------------------------------------------------------------------------------------------
// Ids and timestamps
// ---------------------------------------------------------------------------------------------------------------------

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** KSUID epoch: 2014-05-13T16:53:20Z. */
const KSUID_EPOCH_SECONDS = 1_400_000_000;
const KSUID_LENGTH = 27;

/**
 * A KSUID: 4 bytes of seconds since the KSUID epoch and 16 payload bytes, base62-encoded and zero-padded to 27
 * characters. The base62 alphabet is in ASCII order, so ids compare like their creation times.
 */
export function c1Ksuid(at: Date | string, payload: Uint8Array): string {
  if (payload.length < 16) throw new RangeError('a KSUID payload needs 16 bytes');
  const seconds = Math.floor(new Date(at).getTime() / 1000) - KSUID_EPOCH_SECONDS;
  if (!(seconds >= 0 && seconds <= 0xffffffff)) throw new RangeError(`time out of KSUID range: ${String(at)}`);
  let value = BigInt(seconds);
  for (const byte of payload.subarray(0, 16)) value = (value << 8n) | BigInt(byte);
  let text = '';
  while (value > 0n) {
    text = BASE62.charAt(Number(value % 62n)) + text;
    value /= 62n;
  }
  return text.padStart(KSUID_LENGTH, '0');
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** A deterministic KSUID for a seed record. */
const seedId = (kind: string, key: string, at: string): string => c1Ksuid(at, digest(`c1-sandbox:${kind}:${key}`));

/** An RFC 3339 timestamp as protojson writes it: UTC, fractional seconds only when not zero. */
export function rfc3339(at: Date | number): string {
  return new Date(at).toISOString().replace('.000Z', 'Z');
}

/** `at` plus some minutes, as RFC 3339. */
const plusMinutes = (at: string, minutes: number): string => rfc3339(new Date(at).getTime() + minutes * 60_000);

// ---------------------------------------------------------------------------------------------------------------------
// Users and policies
// ---------------------------------------------------------------------------------------------------------------------

const USERS = ['avery.lin', 'bruno.keller', 'chen.wu', 'dana.okafor', 'eli.moreau', 'farah.haddad'].map((name, index) => ({
  name,
  id: seedId('user', name, `2023-11-0${index + 1}T08:00:00Z`),
}));

/** C1 user ids by index into the seed users (owner lists stay short in the records below). */
const owners = (...indexes: number[]): string[] => indexes.map((index) => USERS[index]?.id ?? '');

const POLICY_IDS = {
  grant: seedId('policy', 'grant-manager-approval', '2023-10-02T10:00:00Z'),
  grantSelf: seedId('policy', 'grant-self-service', '2023-10-02T10:05:00Z'),
  revoke: seedId('policy', 'revoke-app-owner', '2023-10-02T10:10:00Z'),
  certify: seedId('policy', 'certify-quarterly', '2023-10-02T10:15:00Z'),
};

// ---------------------------------------------------------------------------------------------------------------------
// Catalog
// ---------------------------------------------------------------------------------------------------------------------

type CatalogSlug = 'okta' | 'github' | 'github-app' | 'aws' | 'google-workspace' | 'salesforce' | 'slack' | 'jira' | 'snowflake' | 'file-upload';

interface CatalogSpec {
  slug: CatalogSlug;
  displayName: string;
  /** The config message name, below `c1.connector.v1.`. */
  message: string;
}

const CATALOG_SPECS: CatalogSpec[] = [
  { slug: 'okta', displayName: 'Okta', message: 'OktaConfig' },
  { slug: 'github', displayName: 'GitHub', message: 'GithubConfig' },
  { slug: 'github-app', displayName: 'GitHub (GitHub App)', message: 'GithubAppConfig' },
  { slug: 'aws', displayName: 'AWS', message: 'AwsConfig' },
  { slug: 'google-workspace', displayName: 'Google Workspace', message: 'GoogleWorkspaceConfig' },
  { slug: 'salesforce', displayName: 'Salesforce', message: 'SalesforceConfig' },
  { slug: 'slack', displayName: 'Slack', message: 'SlackConfig' },
  { slug: 'jira', displayName: 'Jira Cloud', message: 'JiraConfig' },
  { slug: 'snowflake', displayName: 'Snowflake', message: 'SnowflakeConfig' },
  { slug: 'file-upload', displayName: 'Spreadsheet upload', message: 'FileUploadConfig' },
];

function buildCatalogEntry(spec: CatalogSpec, index: number): C1SandboxCatalogEntry {
  return {
    id: seedId('catalog', spec.slug, rfc3339(Date.UTC(2023, 4, 1, 12, index))),
    slug: spec.slug,
    displayName: spec.displayName,
    configType: `${C1_TYPE_URL_PREFIX}c1.connector.v1.${spec.message}`,
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Apps
// ---------------------------------------------------------------------------------------------------------------------

type AppSlug = 'okta' | 'github' | 'aws' | 'google-workspace' | 'salesforce' | 'slack' | 'jira' | 'snowflake';

interface AppSpec {
  slug: AppSlug;
  displayName: string;
  description: string;
  created: string;
  updated: string;
  monthlyCostUsd: number;
  userCount: number;
  directory?: boolean;
  account: [id: string, name: string];
  /** Self-service grant policy instead of manager approval. */
  selfService?: boolean;
}

const APP_SPECS: AppSpec[] = [
  {
    slug: 'okta',
    displayName: 'Okta',
    description: 'Workforce directory and single sign-on for every employee.',
    created: '2024-01-08T09:12:00Z',
    updated: '2025-03-02T11:40:00Z',
    monthlyCostUsd: 6,
    userCount: 1240,
    directory: true,
    account: ['00o5sbxacme', 'acme'],
  },
  {
    slug: 'github',
    displayName: 'GitHub',
    description: 'Source code hosting: organizations, teams and repository access.',
    created: '2024-01-15T14:03:00Z',
    updated: '2025-04-18T08:21:00Z',
    monthlyCostUsd: 21,
    userCount: 486,
    account: ['91827364', 'acme'],
  },
  {
    slug: 'aws',
    displayName: 'AWS',
    description: 'Cloud accounts of the organization: IAM Identity Center and account roles.',
    created: '2024-02-01T10:30:00Z',
    updated: '2025-05-06T16:45:00Z',
    monthlyCostUsd: 0,
    userCount: 312,
    account: ['210987654321', 'acme-management'],
  },
  {
    slug: 'google-workspace',
    displayName: 'Google Workspace',
    description: 'Mail, calendar and documents; also the source of group membership.',
    created: '2024-02-12T08:00:00Z',
    updated: '2025-01-20T09:10:00Z',
    monthlyCostUsd: 14,
    userCount: 1198,
    directory: true,
    account: ['C03sbx9k2', 'acme.example'],
  },
  {
    slug: 'salesforce',
    displayName: 'Salesforce',
    description: 'CRM for sales and support; profiles and permission sets.',
    created: '2024-03-04T13:25:00Z',
    updated: '2025-02-27T15:00:00Z',
    monthlyCostUsd: 165,
    userCount: 204,
    account: ['00D5g000004SbxA', 'acme-prod'],
  },
  {
    slug: 'slack',
    displayName: 'Slack',
    description: 'Team chat: workspaces, channels and user groups.',
    created: '2024-03-18T07:45:00Z',
    updated: '2024-11-30T12:00:00Z',
    monthlyCostUsd: 8,
    userCount: 1175,
    account: ['E05SBXGRID', 'acme-grid'],
    selfService: true,
  },
  {
    slug: 'jira',
    displayName: 'Jira',
    description: 'Issue tracking and service desk projects.',
    created: '2024-04-02T11:00:00Z',
    updated: '2025-05-30T10:05:00Z',
    monthlyCostUsd: 8,
    userCount: 731,
    account: ['a1b2c3d4-sbx', 'acme.atlassian.net'],
    selfService: true,
  },
  {
    slug: 'snowflake',
    displayName: 'Snowflake',
    description: 'Data warehouse; not connected yet.',
    created: '2025-06-10T09:00:00Z',
    updated: '2025-06-10T09:00:00Z',
    monthlyCostUsd: 0,
    userCount: 0,
    account: ['', ''],
  },
];

function buildApp(spec: AppSpec): C1SandboxApp {
  return {
    id: seedId('app', spec.slug, spec.created),
    displayName: spec.displayName,
    description: spec.description,
    iconUrl: `https://sandbox.conductor.one/static/app-icons/${spec.slug}.svg`,
    logoUri: `https://sandbox.conductor.one/static/app-logos/${spec.slug}.png`,
    monthlyCostUsd: spec.monthlyCostUsd,
    userCount: String(spec.userCount),
    isDirectory: spec.directory ?? false,
    identityMatching: 'APP_USER_IDENTITY_MATCHING_STRICT',
    appAccountId: spec.account[0],
    appAccountName: spec.account[1],
    parentAppId: '',
    grantPolicyId: spec.selfService ? POLICY_IDS.grantSelf : POLICY_IDS.grant,
    revokePolicyId: POLICY_IDS.revoke,
    certifyPolicyId: POLICY_IDS.certify,
    createdAt: spec.created,
    updatedAt: spec.updated,
    deletedAt: null,
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Connector configs
// ---------------------------------------------------------------------------------------------------------------------

/** A fake secret, unique per connector and field: `sbx-<catalog>-<field>-<12 hex>`. */
const fakeSecret = (catalog: string, field: string, key: string): string =>
  `sbx-${catalog}-${field}-${digest(`secret:${key}:${field}`).toString('hex').slice(0, 12)}`;

/** A multi-line, PEM-shaped fake key (its armour names no real key type, so secret scanners leave it alone). */
const fakePem = (key: string): string => {
  const body = digest(`pem:${key}`).toString('base64');
  return `-----BEGIN SANDBOX TEST KEY-----\n${body.slice(0, 32)}\n${body.slice(32)}\n-----END SANDBOX TEST KEY-----\n`;
};

/** Config builders per catalog entry; `key` is the connector's seed key (for unique fake secrets). */
const configs = {
  okta: (key: string, subdomain: string): Record<string, unknown> => ({
    domain: `${subdomain}.okta.com`,
    apiKey: fakeSecret('okta', 'apiKey', key),
    syncInactiveApps: false,
    ciam: false,
  }),
  github: (key: string, orgs: string[], instanceUrl = ''): Record<string, unknown> => ({
    orgs,
    instanceUrl,
    accessToken: fakeSecret('github', 'accessToken', key),
  }),
  githubApp: (key: string, appId: number, orgs: string[]): Record<string, unknown> => ({
    appId: String(appId),
    orgs,
    privateKey: fakePem(key),
  }),
  aws: (account: string, role: string, orgsEnabled = false): Record<string, unknown> => ({
    useAssumeRole: true,
    roleArn: `arn:aws:iam::${account}:role/${role}`,
    externalId: `c1-sbx-${account.slice(-4)}`,
    globalRegion: 'us-east-1',
    orgsEnabled,
  }),
  awsKeys: (key: string, account: string): Record<string, unknown> => ({
    useAssumeRole: false,
    accessKeyId: `SBXKEYID${digest(`akid:${key}`).toString('hex').slice(0, 12).toUpperCase()}`,
    secretAccessKey: fakeSecret('aws', 'secretAccessKey', key),
    globalRegion: 'eu-west-1',
    orgsEnabled: false,
    accountId: account,
  }),
  googleWorkspace: (key: string, domain: string, customerId: string): Record<string, unknown> => ({
    customerId,
    domain,
    administratorEmail: `it-admin@${domain}`,
    // A service-account key, nested as in Google's JSON key file: the secret is one level down.
    credentials: {
      clientEmail: `c1-sync@${domain.replace(/\./g, '-')}.iam.gserviceaccount.com`,
      privateKeyId: digest(`kid:${key}`).toString('hex').slice(0, 40),
      privateKey: fakePem(key),
    },
  }),
  salesforce: (key: string, instance: string): Record<string, unknown> => ({
    instanceUrl: `https://${instance}.my.salesforce.com`,
    clientId: `3MVG9sbx${digest(`cid:${key}`).toString('hex').slice(0, 16)}`,
    clientSecret: fakeSecret('salesforce', 'clientSecret', key),
    syncConnectedApps: true,
    usernameForEmail: false,
  }),
  slack: (key: string, enterpriseId: string): Record<string, unknown> => ({
    enterpriseId,
    ssoEnabled: true,
    accessToken: fakeSecret('slack', 'accessToken', key),
  }),
  jira: (key: string, site: string, email: string): Record<string, unknown> => ({
    domain: `${site}.atlassian.net`,
    email,
    apiToken: fakeSecret('jira', 'apiToken', key),
    skipProjectParticipants: false,
  }),
  fileUpload: (fileName: string): Record<string, unknown> => ({ fileName, hasHeaderRow: true }),
};

// ---------------------------------------------------------------------------------------------------------------------
// Sync states
// ---------------------------------------------------------------------------------------------------------------------

/** How a connector's sync stands, in the compact form the records use. */
type SyncSpec =
  | { state: 'done'; started: string; minutes: number }
  | { state: 'running'; started: string; lastCompleted?: string }
  | { state: 'error'; started: string; minutes: number; error: string }
  | { state: 'disabled'; at: string; category: string; reason: string; lastCompleted?: string }
  | { state: 'never' };

const done = (started: string, minutes: number): SyncSpec => ({ state: 'done', started, minutes });
const running = (started: string, lastCompleted?: string): SyncSpec => ({ state: 'running', started, ...(lastCompleted ? { lastCompleted } : {}) });
const failed = (started: string, minutes: number, error: string): SyncSpec => ({ state: 'error', started, minutes, error });
const disabled = (at: string, category: string, reason: string, lastCompleted?: string): SyncSpec => ({
  state: 'disabled',
  at,
  category,
  reason,
  ...(lastCompleted ? { lastCompleted } : {}),
});
const NEVER: SyncSpec = { state: 'never' };

function buildStatus(sync: SyncSpec): C1SandboxConnectorStatus {
  switch (sync.state) {
    case 'done': {
      const completedAt = plusMinutes(sync.started, sync.minutes);
      return { status: 'SYNC_STATUS_DONE', startedAt: sync.started, completedAt, lastError: '', updatedAt: completedAt };
    }
    case 'running':
      return { status: 'SYNC_STATUS_RUNNING', startedAt: sync.started, completedAt: sync.lastCompleted ?? null, lastError: '', updatedAt: sync.started };
    case 'error': {
      const completedAt = plusMinutes(sync.started, sync.minutes);
      return { status: 'SYNC_STATUS_ERROR', startedAt: sync.started, completedAt, lastError: sync.error, updatedAt: completedAt };
    }
    case 'disabled':
      return { status: 'SYNC_STATUS_DISABLED', startedAt: null, completedAt: sync.lastCompleted ?? null, lastError: '', updatedAt: sync.at };
    case 'never':
      return { status: 'SYNC_STATUS_UNSPECIFIED', startedAt: null, completedAt: null, lastError: '', updatedAt: null };
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Connector records
// ---------------------------------------------------------------------------------------------------------------------

interface ConnectorSpec {
  /** Seed key: the basis of the id and of fake secrets. */
  key: string;
  app: AppSlug;
  catalog: CatalogSlug;
  name: string;
  description?: string;
  created: string;
  /** Last change of the connector itself (default: `created`). */
  updated?: string;
  sync: SyncSpec;
  /** Config fields without `@type`; absent for a delegated connector that still waits for its config. */
  config?: Record<string, unknown>;
  owners?: string[];
  allow?: string[];
  ignore?: string[];
  noBadSyncCheck?: boolean;
  resumable?: boolean;
  workers?: number;
  oauth?: [email: string, at: string];
  cron?: [spec: string, timezone: string];
  resourceTypes?: string[];
  /** The connector protocol version (default 2; legacy connectors 1). */
  apiVersion?: number;
  downloadUrl?: string;
}

const PROFILE_ALLOW = ['department', 'title', 'employeeNumber', 'manager'];
const SBX = 'https://sandbox.conductor.one';

const CONNECTOR_SPECS: ConnectorSpec[] = [
  // Okta: one connector.
  {
    key: 'okta-prod',
    app: 'okta',
    catalog: 'okta',
    name: 'Okta',
    description: 'Production Okta org; the directory of record.',
    created: '2024-01-08T09:20:00Z',
    updated: '2025-02-11T10:00:00Z',
    sync: done('2025-06-20T06:00:00Z', 14),
    config: configs.okta('okta-prod', 'acme'),
    owners: owners(0, 3),
    allow: PROFILE_ALLOW,
    cron: ['0 */6 * * *', 'UTC'],
    workers: 2,
  },
  // GitHub: eight connectors over two catalog entries.
  {
    key: 'gh-acme',
    app: 'github',
    catalog: 'github',
    name: 'GitHub – acme',
    description: 'Main organization.',
    created: '2024-01-15T14:10:00Z',
    sync: done('2025-06-20T05:00:00Z', 9),
    config: configs.github('gh-acme', ['acme']),
    owners: owners(1, 2),
    resourceTypes: ['org', 'team', 'repository'],
  },
  {
    key: 'gh-acme-labs',
    app: 'github',
    catalog: 'github',
    name: 'GitHub – acme-labs',
    created: '2024-02-20T09:00:00Z',
    sync: running('2025-06-20T07:55:00Z', '2025-06-19T08:02:00Z'),
    config: configs.github('gh-acme-labs', ['acme-labs']),
    owners: owners(1),
    resumable: true,
    workers: 4,
  },
  {
    key: 'gh-app-platform',
    app: 'github',
    catalog: 'github-app',
    name: 'GitHub App – platform',
    description: 'Installed as a GitHub App on the platform orgs.',
    created: '2024-04-11T16:30:00Z',
    updated: '2025-01-09T12:00:00Z',
    sync: done('2025-06-20T04:30:00Z', 22),
    config: configs.githubApp('gh-app-platform', 402117, ['acme-platform', 'acme-infra']),
    owners: owners(2),
    cron: ['30 4 * * *', 'Europe/Berlin'],
  },
  {
    key: 'gh-app-oss',
    app: 'github',
    catalog: 'github-app',
    name: 'GitHub App – acme-oss',
    created: '2024-05-02T10:15:00Z',
    sync: failed('2025-06-20T03:00:00Z', 1, 'github: 401 Bad credentials: the app installation was suspended'),
    config: configs.githubApp('gh-app-oss', 402118, ['acme-oss']),
    owners: owners(2, 4),
    resumable: true,
  },
  {
    key: 'gh-archive',
    app: 'github',
    catalog: 'github',
    name: 'GitHub – acme-archive',
    description: 'Read-only archive organization.',
    created: '2024-06-18T13:45:00Z',
    updated: '2025-03-14T09:30:00Z',
    sync: disabled('2025-03-14T09:30:00Z', 'manual', 'Organization archived; sync paused by the app owner.', '2025-03-13T05:06:00Z'),
    config: configs.github('gh-archive', ['acme-archive']),
    owners: owners(1),
    apiVersion: 1,
  },
  {
    key: 'gh-acquisitions',
    app: 'github',
    catalog: 'github',
    name: 'GitHub – acquisitions',
    description: 'Waiting for the acquired org’s admin to connect it.',
    created: '2025-05-27T15:00:00Z',
    sync: NEVER,
    owners: owners(5),
  },
  {
    key: 'gh-enterprise',
    app: 'github',
    catalog: 'github',
    name: 'GitHub Enterprise Server',
    created: '2024-09-03T08:40:00Z',
    updated: '2025-04-01T10:00:00Z',
    sync: done('2025-06-19T23:00:00Z', 41),
    config: configs.github('gh-enterprise', ['engineering', 'firmware'], 'https://github.acme.example'),
    owners: owners(1, 2),
    noBadSyncCheck: true,
    allow: ['login', 'email'],
  },
  {
    key: 'gh-sandbox',
    app: 'github',
    catalog: 'github',
    name: 'GitHub – sandbox org',
    created: '2024-11-21T11:11:00Z',
    sync: failed('2025-06-20T06:30:00Z', 3, 'github: 403 API rate limit exceeded for installation; retry after 2025-06-20T07:00:00Z'),
    config: configs.github('gh-sandbox', ['acme-sandbox']),
    owners: owners(4),
  },
  // AWS: seven connectors.
  {
    key: 'aws-org-root',
    app: 'aws',
    catalog: 'aws',
    name: 'AWS Organization (management account)',
    description: 'Discovers member accounts through AWS Organizations.',
    created: '2024-02-01T10:45:00Z',
    updated: '2024-12-02T14:00:00Z',
    sync: done('2025-06-20T02:00:00Z', 33),
    config: configs.aws('210987654321', 'ConductorOneOrgReader', true),
    owners: owners(3),
    workers: 4,
    resourceTypes: ['account', 'permission_set', 'group'],
  },
  {
    key: 'aws-prod',
    app: 'aws',
    catalog: 'aws',
    name: 'AWS – production',
    created: '2024-02-05T09:00:00Z',
    sync: done('2025-06-20T02:40:00Z', 12),
    config: configs.aws('111122223333', 'ConductorOneReadOnly'),
    owners: owners(3, 0),
  },
  {
    key: 'aws-staging',
    app: 'aws',
    catalog: 'aws',
    name: 'AWS – staging',
    created: '2024-02-05T09:05:00Z',
    sync: running('2025-06-20T07:40:00Z', '2025-06-20T01:52:00Z'),
    config: configs.aws('444455556666', 'ConductorOneReadOnly'),
    owners: owners(3),
    resumable: true,
  },
  {
    key: 'aws-dev',
    app: 'aws',
    catalog: 'aws',
    name: 'AWS – development',
    description: 'Sandbox accounts; frequent churn, so the bad-sync check is off.',
    created: '2024-02-05T09:10:00Z',
    sync: done('2025-06-20T03:10:00Z', 8),
    config: configs.aws('777788889999', 'ConductorOneReadOnly'),
    owners: owners(4),
    noBadSyncCheck: true,
  },
  {
    key: 'aws-legacy-keys',
    app: 'aws',
    catalog: 'aws',
    name: 'AWS – legacy (access keys)',
    description: 'Pre-role account still using an IAM user.',
    created: '2024-02-07T17:30:00Z',
    sync: failed('2025-06-20T02:15:00Z', 0, 'aws: InvalidClientTokenId: the security token included in the request is invalid'),
    config: configs.awsKeys('aws-legacy-keys', '123412341234'),
    owners: owners(3),
    apiVersion: 1,
  },
  {
    key: 'aws-security',
    app: 'aws',
    catalog: 'aws',
    name: 'AWS – security tooling',
    created: '2024-08-14T12:00:00Z',
    updated: '2025-05-06T16:45:00Z',
    sync: disabled(
      '2025-05-06T16:45:00Z',
      'bad_sync_detected',
      'The last sync would have removed 92% of grants; review it before syncing again.',
      '2025-05-05T02:12:00Z',
    ),
    config: configs.aws('101010101010', 'ConductorOneReadOnly'),
    owners: owners(0),
  },
  {
    key: 'aws-data',
    app: 'aws',
    catalog: 'aws',
    name: 'AWS – data platform',
    description: 'Configured; first sync not run yet.',
    created: '2025-06-18T10:00:00Z',
    sync: NEVER,
    config: configs.aws('202020202020', 'ConductorOneReadOnly'),
    owners: owners(5),
    cron: ['0 3 * * 1-5', 'America/New_York'],
  },
  // Google Workspace: two connectors.
  {
    key: 'gws-acme',
    app: 'google-workspace',
    catalog: 'google-workspace',
    name: 'Google Workspace – acme.example',
    created: '2024-02-12T08:10:00Z',
    updated: '2025-01-20T09:10:00Z',
    sync: done('2025-06-20T05:30:00Z', 18),
    config: configs.googleWorkspace('gws-acme', 'acme.example', 'C03sbx9k2'),
    owners: owners(0),
    allow: PROFILE_ALLOW,
    ignore: ['phoneNumbers', 'addresses'],
  },
  {
    key: 'gws-subsidiary',
    app: 'google-workspace',
    catalog: 'google-workspace',
    name: 'Google Workspace – acme-subsidiary.example',
    created: '2024-10-07T13:00:00Z',
    sync: running('2025-06-20T07:58:00Z'),
    config: configs.googleWorkspace('gws-subsidiary', 'acme-subsidiary.example', 'C01sbx4f7'),
    owners: owners(0, 5),
    ignore: ['phoneNumbers'],
  },
  // Salesforce: three connectors, two of them authorized with OAuth.
  {
    key: 'sf-prod',
    app: 'salesforce',
    catalog: 'salesforce',
    name: 'Salesforce – production',
    created: '2024-03-04T13:40:00Z',
    updated: '2025-02-27T15:00:00Z',
    sync: done('2025-06-20T04:00:00Z', 27),
    config: configs.salesforce('sf-prod', 'acme'),
    owners: owners(4),
    oauth: ['bruno.keller@acme.example', '2025-02-27T15:00:00Z'],
  },
  {
    key: 'sf-fullcopy',
    app: 'salesforce',
    catalog: 'salesforce',
    name: 'Salesforce – full-copy sandbox',
    created: '2024-07-22T09:30:00Z',
    sync: failed('2025-06-20T04:10:00Z', 2, 'salesforce: invalid_grant: expired access/refresh token'),
    config: configs.salesforce('sf-fullcopy', 'acme--fullcopy.sandbox'),
    owners: owners(4),
    oauth: ['eli.moreau@acme.example', '2024-07-22T09:35:00Z'],
  },
  {
    key: 'sf-licences',
    app: 'salesforce',
    catalog: 'file-upload',
    name: 'Salesforce licences (spreadsheet)',
    description: 'Licence assignments exported by finance.',
    created: '2025-01-31T16:20:00Z',
    sync: done('2025-01-31T16:21:00Z', 1),
    config: configs.fileUpload('salesforce-licences-2025-01.xlsx'),
    owners: owners(5),
    apiVersion: 1,
    downloadUrl: `${SBX}/api/v1/uploads/sf-licences/salesforce-licences-2025-01.xlsx`,
  },
  // Slack: one connector.
  {
    key: 'slack-grid',
    app: 'slack',
    catalog: 'slack',
    name: 'Slack Enterprise Grid',
    created: '2024-03-18T08:00:00Z',
    updated: '2024-11-30T12:00:00Z',
    sync: running('2025-06-20T07:30:00Z', '2025-06-20T01:31:00Z'),
    config: configs.slack('slack-grid', 'E05SBXGRID'),
    owners: owners(2),
    oauth: ['chen.wu@acme.example', '2024-11-30T12:00:00Z'],
    ignore: ['phone', 'skype'],
    resumable: true,
    workers: 0,
  },
  // Jira: five connectors.
  {
    key: 'jira-cloud',
    app: 'jira',
    catalog: 'jira',
    name: 'Jira Cloud',
    description: 'Engineering and product projects.',
    created: '2024-04-02T11:15:00Z',
    sync: done('2025-06-20T01:00:00Z', 6),
    config: configs.jira('jira-cloud', 'acme', 'jira-bot@acme.example'),
    owners: owners(1, 5),
  },
  {
    key: 'jira-jsm',
    app: 'jira',
    catalog: 'jira',
    name: 'Jira Service Management',
    created: '2024-04-09T10:00:00Z',
    sync: done('2025-06-20T01:20:00Z', 4),
    config: configs.jira('jira-jsm', 'acme-support', 'jira-bot@acme.example'),
    owners: owners(5),
    resourceTypes: ['project', 'group'],
  },
  {
    key: 'jira-legacy',
    app: 'jira',
    catalog: 'jira',
    name: 'Jira – legacy site',
    created: '2024-04-20T14:00:00Z',
    updated: '2025-04-30T08:00:00Z',
    sync: disabled('2025-04-30T08:00:00Z', 'credentials_invalid', 'The API token was revoked; sync stopped after repeated authentication failures.'),
    config: configs.jira('jira-legacy', 'acme-legacy', 'old-bot@acme.example'),
    owners: owners(1),
    apiVersion: 1,
  },
  {
    key: 'jira-eu',
    app: 'jira',
    catalog: 'jira',
    name: 'Jira – EU site',
    created: '2024-12-09T09:45:00Z',
    sync: failed('2025-06-20T00:30:00Z', 12, 'jira: 503 Service Unavailable from acme-eu.atlassian.net'),
    config: configs.jira('jira-eu', 'acme-eu', 'jira-bot@acme.example'),
    owners: owners(1),
    noBadSyncCheck: true,
  },
  {
    key: 'jira-new-site',
    app: 'jira',
    catalog: 'jira',
    name: 'Jira – new site',
    created: '2025-05-30T10:05:00Z',
    sync: NEVER,
    owners: owners(1, 3),
  },
  // Snowflake: no connector yet.
];

function buildConnector(spec: ConnectorSpec, appIds: Map<string, string>, catalog: Map<string, C1SandboxCatalogEntry>): C1SandboxConnector {
  const entry = catalog.get(spec.catalog);
  const config: C1AnyWire | null = spec.config ? { '@type': entry?.configType ?? '', ...structuredClone(spec.config) } : null;
  const status = buildStatus(spec.sync);
  const disabledSync = spec.sync.state === 'disabled' ? spec.sync : undefined;
  return {
    appId: appIds.get(spec.app) ?? '',
    canResumeSync: spec.resumable ?? false,
    catalogId: entry?.id ?? '',
    config,
    configUpdatedAt: config ? (spec.updated ?? spec.created) : null,
    connectorApiVersion: spec.apiVersion ?? 2,
    connectorSyncCronSchedule: spec.cron ? { cronSpec: spec.cron[0], timezone: spec.cron[1], start: spec.created } : null,
    createdAt: spec.created,
    deletedAt: null,
    description: spec.description ?? '',
    disableCheckBadSync: spec.noBadSyncCheck ?? false,
    displayName: spec.name,
    downloadUrl: spec.downloadUrl ?? '',
    id: seedId('connector', spec.key, spec.created),
    oauthAuthorizedAs: spec.oauth ? { authEmail: spec.oauth[0], authorizedAt: spec.oauth[1] } : null,
    parallelSyncWorkerCount: spec.workers ?? null,
    profileAllowList: [...(spec.allow ?? [])],
    profileIgnoreList: [...(spec.ignore ?? [])],
    status,
    syncConfig: spec.resourceTypes ? { syncResourceTypeIds: [...spec.resourceTypes] } : null,
    syncDisabledAt: disabledSync?.at ?? null,
    syncDisabledCategory: disabledSync?.category ?? '',
    syncDisabledReason: disabledSync?.reason ?? '',
    updatedAt: spec.updated ?? spec.created,
    userIds: [...(spec.owners ?? [])],
  };
}
