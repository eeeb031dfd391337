/**
 * Deterministic seed data of the Logto sandbox: a catalogue of connector factories (email and SMS senders, social
 * identity providers, standard OIDC/SAML) with realistic configuration forms, and a few connectors created from them.
 * Factories are generated from compact per-factory records, so logos, read-mes and config templates share one
 * structure. No randomness, no clock.
 */
import type {
  LogtoConfigurableMetadataWire,
  LogtoConnectorFactoryWire,
  LogtoConnectorPlatform,
  LogtoConnectorType,
  LogtoFormItemBaseWire,
  LogtoFormItemWire,
  LogtoI18nPhrasesWire,
} from '../types.js';

/** One connector as the sandbox stores it: Logto's `connectors` row without the tenant and the timestamp. */
export interface LogtoSandboxConnector {
  id: string;
  /** The factory id. */
  connectorId: string;
  config: Record<string, unknown>;
  /** Overrides of the factory metadata (only standard connectors have any). */
  metadata: LogtoConfigurableMetadataWire;
  syncProfile: boolean;
  enableTokenStorage: boolean;
}

/** The whole seed: factories in list order, connectors in list order. */
export interface LogtoSeed {
  factories: LogtoConnectorFactoryWire[];
  connectors: LogtoSandboxConnector[];
}

/** A fresh copy of the seed (nothing is shared between calls). */
export function createLogtoSeed(): LogtoSeed {
  return {
    factories: FACTORY_SPECS.map(buildFactory),
    connectors: CONNECTOR_SPECS.map(buildConnector),
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Form items
// ---------------------------------------------------------------------------------------------------------------------

type ItemOptions = Omit<LogtoFormItemBaseWire, 'key' | 'label'>;

/** The key order of Logto's form item guard, so generated items serialise like the vendor's. */
const ITEM_OPTION_ORDER = [
  'placeholder',
  'required',
  'defaultValue',
  'showConditions',
  'description',
  'tooltip',
  'isConfidential',
  'isDevFeature',
] as const satisfies readonly (keyof ItemOptions)[];

function orderedOptions(options: ItemOptions): ItemOptions {
  const ordered: Record<string, unknown> = {};
  for (const key of ITEM_OPTION_ORDER) if (options[key] !== undefined) ordered[key] = options[key];
  return ordered;
}

const item = {
  text: (key: string, label: string, options: ItemOptions = {}): LogtoFormItemWire => ({ type: 'Text', key, label, ...orderedOptions(options) }),
  /** A required confidential text (secret, API key, token, password). */
  secret: (key: string, label: string, options: ItemOptions = {}): LogtoFormItemWire => ({
    type: 'Text',
    key,
    label,
    ...orderedOptions({ required: true, isConfidential: true, ...options }),
  }),
  multiline: (key: string, label: string, options: ItemOptions = {}): LogtoFormItemWire => ({
    type: 'MultilineText',
    key,
    label,
    ...orderedOptions(options),
  }),
  number: (key: string, label: string, options: ItemOptions = {}): LogtoFormItemWire => ({ type: 'Number', key, label, ...orderedOptions(options) }),
  switch: (key: string, label: string, defaultValue: boolean, options: ItemOptions = {}): LogtoFormItemWire => ({
    type: 'Switch',
    key,
    label,
    ...orderedOptions({ defaultValue, ...options }),
  }),
  json: (key: string, label: string, options: ItemOptions = {}): LogtoFormItemWire => ({ type: 'Json', key, label, ...orderedOptions(options) }),
  select: (key: string, label: string, choices: [value: string, title: string][], options: ItemOptions = {}): LogtoFormItemWire => ({
    type: 'Select',
    selectItems: choices.map(([value, title]) => ({ value, title })),
    key,
    label,
    ...orderedOptions(options),
  }),
  multiSelect: (key: string, label: string, values: string[], options: ItemOptions = {}): LogtoFormItemWire => ({
    type: 'MultiSelect',
    selectItems: values.map((value) => ({ value })),
    key,
    label,
    ...orderedOptions(options),
  }),
};

// Shared items, so the per-factory records only say what differs.
const clientId = (label = 'Client ID', placeholder = '<client-id>'): LogtoFormItemWire => item.text('clientId', label, { placeholder, required: true });
const clientSecret = (label = 'Client Secret'): LogtoFormItemWire => item.secret('clientSecret', label, { placeholder: '<client-secret>' });
const scope = (placeholder: string, description: string): LogtoFormItemWire => item.text('scope', 'Scope', { placeholder, description });

const USAGE_TYPES = ['SignIn', 'Register', 'ForgotPassword', 'Generic'] as const;
type UsageType = (typeof USAGE_TYPES)[number];

const USAGE_WORDS: Record<UsageType, string> = {
  SignIn: 'sign in',
  Register: 'create your account',
  ForgotPassword: 'reset your password',
  Generic: 'continue',
};

/** Message templates per usage type in the shape a sender expects (`fields` builds the provider-specific part). */
function templates(fields: (usage: UsageType, text: string) => Record<string, unknown>): Record<string, unknown>[] {
  return USAGE_TYPES.map((usageType) => ({ usageType, ...fields(usageType, `Your code to ${USAGE_WORDS[usageType]} is {{code}}. It expires in 10 minutes.`) }));
}

const emailTemplates = (extra: Record<string, unknown> = {}): Record<string, unknown>[] =>
  templates((usage, text) => ({ ...extra, subject: `Sandbox verification code (${usage})`, content: text }));
const smsTemplates = (): Record<string, unknown>[] => templates((_usage, text) => ({ content: text }));
const templatesItem = (example: unknown): LogtoFormItemWire =>
  item.json('templates', 'Templates', {
    required: true,
    defaultValue: example,
    description: 'One template per usage type: SignIn, Register, ForgotPassword and Generic.',
  });

// ---------------------------------------------------------------------------------------------------------------------
// Factory records
// ---------------------------------------------------------------------------------------------------------------------

interface FactorySpec {
  id: string;
  target: string;
  type: LogtoConnectorType;
  /** Social connectors only; Email/SMS factories have `platform: null`. */
  platform?: LogtoConnectorPlatform;
  /** English name, or a locale map with `en`. */
  name: string | LogtoI18nPhrasesWire;
  description: string | LogtoI18nPhrasesWire;
  /** Logo: a short mark on a brand-like colour; `dark` adds a `logoDark` variant. */
  mark: string;
  color: string;
  dark?: string;
  standard?: boolean;
  tokenStorage?: boolean;
  /** Where the provider's credentials come from (for the read-me). */
  console: string;
  items: LogtoFormItemWire[];
}

const FACTORY_SPECS: FactorySpec[] = [
  {
    id: 'sendgrid-email-service',
    target: 'sendgrid-email',
    type: 'Email',
    name: { en: 'SendGrid Email', de: 'SendGrid E-Mail', 'zh-CN': 'SendGrid 邮件' },
    description: 'Sends verification e-mails through the SendGrid Mail Send API.',
    mark: 'SG',
    color: '#1A82E2',
    console: 'https://app.sendgrid.com/settings/api_keys',
    items: [
      item.secret('apiKey', 'API Key', { placeholder: 'SG.xxxxxxxx' }),
      item.text('fromEmail', 'From Email', { placeholder: 'no-reply@example.com', required: true }),
      item.text('fromName', 'From Name', { placeholder: 'Example Inc.' }),
      templatesItem(emailTemplates({ type: 'text/plain' })),
    ],
  },
  {
    id: 'simple-mail-transfer-protocol',
    target: 'smtp',
    type: 'Email',
    name: { en: 'SMTP', fr: 'SMTP' },
    description: { en: 'Sends verification e-mails through any SMTP relay.', fr: 'Envoie les e-mails de vérification via un relais SMTP.' },
    mark: '@',
    color: '#5D34F2',
    console: 'your mail provider’s SMTP settings',
    items: [
      item.text('host', 'Host', { placeholder: 'smtp.example.com', required: true }),
      item.number('port', 'Port', { placeholder: '587', required: true, defaultValue: 587 }),
      item.switch('secure', 'Use implicit TLS', false, { tooltip: 'Turn on for port 465; STARTTLS is negotiated otherwise.' }),
      item.select(
        'authType',
        'Authentication',
        [
          ['login', 'Username and password'],
          ['oauth2', 'OAuth 2.0 access token'],
        ],
        { required: true, defaultValue: 'login' },
      ),
      item.text('username', 'Username', { required: true }),
      item.secret('password', 'Password', { showConditions: [{ targetKey: 'authType', expectValue: 'login' }] }),
      item.secret('accessToken', 'Access Token', { showConditions: [{ targetKey: 'authType', expectValue: 'oauth2' }] }),
      item.text('fromEmail', 'From Email', { placeholder: 'Example <no-reply@example.com>', required: true }),
      item.text('replyTo', 'Reply-To', { placeholder: 'support@example.com' }),
      templatesItem(emailTemplates({ contentType: 'text/plain' })),
      item.json('customHeaders', 'Custom Headers', { placeholder: '{"X-Mailer": "Logto"}' }),
    ],
  },
  {
    id: 'aliyun-direct-mail',
    target: 'aliyun-dm',
    type: 'Email',
    name: { en: 'Aliyun Direct Mail', 'zh-CN': '阿里云邮件推送' },
    description: { en: 'Sends verification e-mails with Alibaba Cloud Direct Mail.', 'zh-CN': '使用阿里云邮件推送发送验证邮件。' },
    mark: 'DM',
    color: '#FF6A00',
    console: 'https://dm.console.aliyun.com',
    items: [
      item.text('accessKeyId', 'Access Key ID', { required: true }),
      item.secret('accessKeySecret', 'Access Key Secret'),
      item.text('accountName', 'Sender Address', { placeholder: 'no-reply@mail.example.com', required: true }),
      item.text('fromAlias', 'Sender Alias'),
      item.select(
        'regionId',
        'Region',
        [
          ['cn-hangzhou', 'China (Hangzhou)'],
          ['ap-southeast-1', 'Singapore'],
          ['ap-southeast-2', 'Australia (Sydney)'],
        ],
        { required: true, defaultValue: 'cn-hangzhou' },
      ),
      templatesItem(emailTemplates()),
    ],
  },
  {
    id: 'twilio-short-message-service',
    target: 'twilio-sms',
    type: 'Sms',
    name: { en: 'Twilio SMS', de: 'Twilio SMS' },
    description: 'Sends verification codes by text message with Twilio Programmable Messaging.',
    mark: 'Tw',
    color: '#F22F46',
    console: 'https://console.twilio.com',
    items: [
      item.text('accountSID', 'Account SID', { placeholder: 'ACxxxxxxxx', required: true }),
      item.secret('authToken', 'Auth Token'),
      item.text('fromMessagingServiceSID', 'Sender (phone number or Messaging Service SID)', { placeholder: 'MGxxxxxxxx', required: true }),
      templatesItem(smsTemplates()),
    ],
  },
  {
    id: 'aliyun-short-message-service',
    target: 'aliyun-sms',
    type: 'Sms',
    name: { en: 'Aliyun SMS', 'zh-CN': '阿里云短信服务' },
    description: 'Sends verification codes with Alibaba Cloud Short Message Service.',
    mark: 'SMS',
    color: '#FF6A00',
    console: 'https://dysms.console.aliyun.com',
    items: [
      item.text('accessKeyId', 'Access Key ID', { required: true }),
      item.secret('accessKeySecret', 'Access Key Secret'),
      item.text('signName', 'Signature', { required: true }),
      item.select(
        'endpoint',
        'Endpoint',
        [
          ['dysmsapi.aliyuncs.com', 'Chinese mainland'],
          ['dysmsapi.ap-southeast-1.aliyuncs.com', 'International (Singapore)'],
        ],
        { required: true, defaultValue: 'dysmsapi.aliyuncs.com' },
      ),
      templatesItem(templates(() => ({ templateCode: 'SMS_000000001' }))),
    ],
  },
  {
    id: 'google-universal',
    target: 'google',
    type: 'Social',
    platform: 'Universal',
    name: { en: 'Google', de: 'Google', fr: 'Google', 'zh-CN': '谷歌' },
    description: { en: 'Sign in with a Google account (OAuth 2.0 / OpenID Connect).', de: 'Anmeldung mit einem Google-Konto.' },
    mark: 'G',
    color: '#4285F4',
    tokenStorage: true,
    console: 'https://console.cloud.google.com/apis/credentials',
    items: [
      clientId('Client ID', '<client-id>.apps.googleusercontent.com'),
      clientSecret(),
      scope('openid profile email', 'Space-separated scopes; openid, profile and email are always requested.'),
      item.multiSelect('prompts', 'Prompts', ['none', 'consent', 'select_account'], {
        description: 'How Google asks the user to re-authenticate and consent.',
      }),
      item.switch('offlineAccess', 'Offline access', false, { tooltip: 'Ask for a refresh token (access_type=offline).' }),
    ],
  },
  {
    id: 'github-universal',
    target: 'github',
    type: 'Social',
    platform: 'Universal',
    name: 'GitHub',
    description: { en: 'Sign in with a GitHub account through a GitHub OAuth App.', 'zh-CN': '使用 GitHub 账号登录。' },
    mark: 'GH',
    color: '#24292F',
    dark: '#FFFFFF',
    tokenStorage: true,
    console: 'https://github.com/settings/developers',
    items: [clientId(), clientSecret(), scope('read:user', 'Space-separated GitHub OAuth scopes.')],
  },
  {
    id: 'azure-ad',
    target: 'azuread',
    type: 'Social',
    platform: 'Universal',
    name: { en: 'Microsoft Entra ID', de: 'Microsoft Entra ID' },
    description: 'Sign in with a work or school account of a Microsoft Entra ID (Azure AD) tenant.',
    mark: 'E',
    color: '#0078D4',
    console: 'https://entra.microsoft.com',
    items: [
      clientId('Application (client) ID', '00000000-0000-0000-0000-000000000000'),
      clientSecret('Client Secret Value'),
      item.text('tenantId', 'Directory (tenant) ID', { placeholder: 'common, organizations or a tenant GUID', required: true }),
      item.select(
        'cloudInstance',
        'Cloud Instance',
        [
          ['https://login.microsoftonline.com', 'Microsoft Azure (global)'],
          ['https://login.microsoftonline.us', 'Azure US Government'],
          ['https://login.chinacloudapi.cn', 'Azure operated by 21Vianet'],
        ],
        { required: true, defaultValue: 'https://login.microsoftonline.com' },
      ),
    ],
  },
  {
    id: 'apple-universal',
    target: 'apple',
    type: 'Social',
    platform: 'Universal',
    name: 'Apple',
    description: { en: 'Sign in with Apple on the web and on Apple devices.', fr: 'Connexion avec Apple.' },
    mark: '',
    color: '#000000',
    dark: '#FFFFFF',
    console: 'https://developer.apple.com/account/resources/identifiers',
    items: [
      item.text('clientId', 'Services ID', { placeholder: 'com.example.signin', required: true }),
      item.text('teamId', 'Team ID', { required: true }),
      item.text('keyId', 'Key ID', { required: true }),
      item.multiline('privateKey', 'Private Key (.p8)', { placeholder: '-----BEGIN PRIVATE KEY-----', required: true, isConfidential: true }),
      scope('name email', 'Space-separated; Apple only knows name and email.'),
    ],
  },
  {
    id: 'facebook-universal',
    target: 'facebook',
    type: 'Social',
    platform: 'Universal',
    name: 'Facebook',
    description: 'Sign in with a Facebook account through Facebook Login.',
    mark: 'f',
    color: '#0866FF',
    console: 'https://developers.facebook.com/apps',
    items: [clientId('App ID', '<app-id>'), clientSecret('App Secret'), scope('email,public_profile', 'Comma-separated Facebook permissions.')],
  },
  {
    id: 'wechat-web',
    target: 'wechat',
    type: 'Social',
    platform: 'Web',
    name: { en: 'WeChat (Web)', 'zh-CN': '微信（网页）' },
    description: 'Sign in by scanning a QR code with WeChat on desktop browsers.',
    mark: 'W',
    color: '#07C160',
    console: 'https://open.weixin.qq.com',
    items: [item.text('appId', 'App ID', { required: true }), item.secret('appSecret', 'App Secret')],
  },
  {
    id: 'wechat-native',
    target: 'wechat',
    type: 'Social',
    platform: 'Native',
    name: { en: 'WeChat (Native)', 'zh-CN': '微信（原生）' },
    description: 'Sign in with the WeChat app from native iOS and Android apps.',
    mark: 'W',
    color: '#07C160',
    console: 'https://open.weixin.qq.com',
    items: [
      item.text('appId', 'App ID', { required: true }),
      item.secret('appSecret', 'App Secret'),
      item.text('universalLinks', 'Universal Links', { placeholder: 'https://example.com/wechat/', description: 'Needed by the iOS SDK.' }),
    ],
  },
  {
    id: 'oidc',
    target: 'oidc',
    type: 'Social',
    platform: 'Universal',
    standard: true,
    tokenStorage: true,
    name: 'OIDC',
    description: 'Any OpenID Connect provider; each instance gets its own target, name and logo.',
    mark: 'ID',
    color: '#F26B1D',
    console: 'your identity provider’s client registration',
    items: [
      item.text('authorizationEndpoint', 'Authorization Endpoint', { placeholder: 'https://idp.example.com/oauth2/authorize', required: true }),
      item.text('tokenEndpoint', 'Token Endpoint', { placeholder: 'https://idp.example.com/oauth2/token', required: true }),
      clientId(),
      clientSecret(),
      item.select(
        'tokenEndpointAuthMethod',
        'Token Endpoint Auth Method',
        [
          ['client_secret_post', 'client_secret_post'],
          ['client_secret_basic', 'client_secret_basic'],
        ],
        {
          required: true,
          defaultValue: 'client_secret_post',
        },
      ),
      item.text('scope', 'Scope', { placeholder: 'openid profile email', required: true, defaultValue: 'openid' }),
      item.json('idTokenVerificationConfig', 'ID Token Verification', { placeholder: '{"jwksUri": "https://idp.example.com/jwks"}', required: true }),
      item.json('authRequestOptionalConfig', 'Extra Authorization Parameters'),
    ],
  },
  {
    id: 'saml',
    target: 'saml',
    type: 'Social',
    platform: 'Universal',
    standard: true,
    name: 'SAML',
    description: 'Any SAML 2.0 identity provider, as a social sign-in option.',
    mark: 'S',
    color: '#3A7D44',
    console: 'your identity provider’s SAML application settings',
    items: [
      item.text('entityID', 'IdP Entity ID', { required: true }),
      item.text('signInEndpoint', 'IdP Single Sign-On URL', { required: true }),
      item.multiline('x509Certificate', 'IdP Signing Certificate', { placeholder: '-----BEGIN CERTIFICATE-----', required: true }),
      item.select(
        'nameIDFormat',
        'Name ID Format',
        [
          ['urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified', 'Unspecified'],
          ['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', 'Email address'],
          ['urn:oasis:names:tc:SAML:2.0:nameid-format:persistent', 'Persistent'],
        ],
        { required: true, defaultValue: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified' },
      ),
      item.number('timeout', 'Clock Tolerance (ms)', { defaultValue: 5000 }),
      item.switch('signAuthnRequest', 'Sign AuthnRequest', false),
      item.multiline('privateKey', 'SP Private Key', {
        required: true,
        isConfidential: true,
        showConditions: [{ targetKey: 'signAuthnRequest', expectValue: true }],
      }),
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------------
// Factory generation
// ---------------------------------------------------------------------------------------------------------------------

const phrases = (value: string | LogtoI18nPhrasesWire): LogtoI18nPhrasesWire => (typeof value === 'string' ? { en: value } : { ...value });

/** A small SVG badge as a `data:` URI (Logto inlines bundled logos the same way). */
function logoDataUri(mark: string, background: string, foreground = '#FFFFFF'): string {
  const text = mark
    ? `<text x="32" y="41" font-family="Helvetica,Arial,sans-serif" font-size="${mark.length > 2 ? 18 : 26}" font-weight="700" text-anchor="middle" fill="${foreground}">${mark}</text>`
    : `<circle cx="32" cy="32" r="12" fill="${foreground}"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="${background}"/>${text}</svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/** An example value for a form item, as the config template shows it. */
function exampleValue(formItem: LogtoFormItemWire): unknown {
  if (formItem.defaultValue !== undefined) return formItem.defaultValue;
  switch (formItem.type) {
    case 'Number':
      return Number(formItem.placeholder ?? 0) || 0;
    case 'Switch':
      return false;
    case 'Json':
      return formItem.placeholder ? (JSON.parse(formItem.placeholder) as unknown) : {};
    case 'Select':
      return formItem.selectItems[0]?.value ?? '';
    case 'MultiSelect':
      return [];
    default:
      return formItem.placeholder ?? `<${formItem.key}>`;
  }
}

function configTemplate(items: LogtoFormItemWire[]): string {
  return JSON.stringify(Object.fromEntries(items.map((formItem) => [formItem.key, exampleValue(formItem)])), null, 2);
}

function readme(spec: FactorySpec, name: string, description: string): string {
  const rows = spec.items.map((formItem) => {
    const notes = [formItem.required ? 'required' : 'optional', formItem.isConfidential ? 'secret' : '', formItem.showConditions ? 'conditional' : '']
      .filter(Boolean)
      .join(', ');
    return `| \`${formItem.key}\` | ${formItem.type} | ${notes} | ${formItem.label} |`;
  });
  const kind = spec.type === 'Social' ? 'a sign-in option' : `the ${spec.type === 'Email' ? 'e-mail' : 'SMS'} sender for verification codes`;
  return [
    `# ${name}`,
    '',
    description,
    '',
    '## Set up',
    '',
    `1. Create credentials in ${spec.console}.`,
    `2. Fill in the form below and save; the connector becomes ${kind}.`,
    '',
    '## Configuration',
    '',
    '| Key | Type | Notes | Label |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

function buildFactory(spec: FactorySpec): LogtoConnectorFactoryWire {
  const name = phrases(spec.name);
  const description = phrases(spec.description);
  // Key order follows Logto's connector factory response guard.
  const factory: LogtoConnectorFactoryWire = {
    type: spec.type,
    isDemo: false,
    id: spec.id,
    target: spec.target,
    name,
    description,
    logo: logoDataUri(spec.mark, spec.color),
    logoDark: spec.dark ? logoDataUri(spec.mark, spec.dark, spec.color) : null,
    readme: readme(spec, name.en, description.en),
    configTemplate: configTemplate(spec.items),
    formItems: structuredClone(spec.items),
    platform: spec.platform ?? null,
  };
  if (spec.standard) factory.isStandard = true;
  if (spec.tokenStorage) factory.isTokenStorageSupported = true;
  return factory;
}

// ---------------------------------------------------------------------------------------------------------------------
// Connectors
// ---------------------------------------------------------------------------------------------------------------------

type ConnectorSpec = Pick<LogtoSandboxConnector, 'id' | 'connectorId' | 'config'> & Partial<Omit<LogtoSandboxConnector, 'id' | 'connectorId' | 'config'>>;

// Secret values are fake but shaped like the providers' own, and stored in plain text as Logto stores them.
const CONNECTOR_SPECS: ConnectorSpec[] = [
  {
    id: 'kq3v8zt1w6pn',
    connectorId: 'google-universal',
    syncProfile: true,
    enableTokenStorage: true,
    config: {
      clientId: '418275069311-s4ndb0xg00g1e.apps.googleusercontent.com',
      clientSecret: 'GOCSPX-sandbox-Zq81LmVt4RkE2wYc',
      scope: 'openid profile email',
      prompts: ['select_account'],
      offlineAccess: false,
    },
  },
  {
    id: 'h2m9c4r7x1ed',
    connectorId: 'github-universal',
    config: { clientId: 'Iv1.5c2e9a7b0d4f8e61', clientSecret: 'sandbox0github0d41f7c2b9e63a80f5c7d2e1b4a9', scope: 'read:user user:email' },
  },
  {
    id: 'b8w1n5q0s3za',
    connectorId: 'azure-ad',
    config: {
      clientId: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
      clientSecret: 'Qx8~sandbox.AzureSecret_3kQ9mZ2vL7',
      tenantId: '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d',
      cloudInstance: 'https://login.microsoftonline.com',
    },
  },
  {
    id: 'e4t7y2u9i0ol',
    connectorId: 'sendgrid-email-service',
    config: {
      apiKey: 'SG.sandbox_k3yId0001.s4ndb0x-SendGrid-secret-value-0001',
      fromEmail: 'no-reply@sandbox.example.com',
      fromName: 'Sandbox Identity',
      templates: emailTemplates({ type: 'text/plain' }),
    },
  },
  {
    id: 's1d6f3g8h5jk',
    connectorId: 'twilio-short-message-service',
    config: {
      accountSID: 'AC5a9d8c7b6e5f4a3b2c1d0e9f8a7b6c5d',
      authToken: 'sandbox0twilio0auth0token0c0ffee',
      fromMessagingServiceSID: 'MG0f1e2d3c4b5a69788796a5b4c3d2e1f0',
      templates: smsTemplates(),
    },
  },
  {
    id: 'o9p2l7k4j1hm',
    connectorId: 'oidc',
    metadata: { target: 'acme-workforce', name: { en: 'Acme Workforce SSO', de: 'Acme Mitarbeiter-SSO' }, logo: logoDataUri('A', '#7A1FA2'), logoDark: null },
    config: {
      authorizationEndpoint: 'https://sso.acme.example/oauth2/v1/authorize',
      tokenEndpoint: 'https://sso.acme.example/oauth2/v1/token',
      clientId: '0oa1sandboxacme5d7',
      clientSecret: 'acme-sandbox-oidc-secret-9Jx2Kq7Lw4',
      tokenEndpointAuthMethod: 'client_secret_basic',
      scope: 'openid profile email',
      idTokenVerificationConfig: { jwksUri: 'https://sso.acme.example/oauth2/v1/keys' },
    },
  },
];

function buildConnector(spec: ConnectorSpec): LogtoSandboxConnector {
  return {
    id: spec.id,
    connectorId: spec.connectorId,
    config: structuredClone(spec.config),
    metadata: structuredClone(spec.metadata ?? {}),
    syncProfile: spec.syncProfile ?? false,
    enableTokenStorage: spec.enableTokenStorage ?? false,
  };
}
