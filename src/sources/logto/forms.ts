/**
 * Logto's login connectors as forms (the port's SettingsForms): the fields of a connector from a patch read, the
 * JSON Patch operations on its patchable representation (`{ syncProfile, metadata, config }`) that give fields new
 * values, the form of a factory (a connector not created yet), and the test: Logto's own factory test for email and
 * SMS factories, a form check for social ones (Logto has no test for them). `testLoginConnector` runs the same test.
 * Internal module.
 */
import { isDeepStrictEqual } from 'node:util';
import { BadUserInputError, UpstreamError } from '../../errors/classes.js';
import { asSentenceEnd } from '../../errors/reasons.js';
import { isNotFound } from '../../errors/notFound.js';
import { maskSecrets, MIN_KNOWN_SECRET, SECRET_MASK } from '../../graph/settings.js';
import type { PatchRead, PlannedOperation, SettingsForms, SettingsProblem, SourceContext, TestOutcome } from '../port.js';
import { logto } from './context.js';
import { configProblems, toLogtoId, valueProblem } from './inputs.js';
import { factoryFormFields, loginConnectorFields, logtoSecretTest, phrase } from './mappers.js';
import type { LogtoConnectorFactoryWire, LogtoConnectorWire, LogtoFormItemWire } from './types.js';

/** A JSON Pointer (RFC 6901) reference token: `~` as `~0`, `/` as `~1`. */
export function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The operations on `document` (`{ …, config }`, secrets read as null) that give the config keys these values (null
 * clears): `add` for a key the config does not have, `replace` for one it has, `remove` to clear; a value equal to
 * the one read is left out. A locked key's value (confidential, or a key that names a secret) is `secret`; a value
 * holding secrets below it (a headers object) is `secret` and shown with them masked.
 */
export function configOperations(
  document: Readonly<Record<string, unknown>>,
  values: ReadonlyMap<string, unknown>,
  isSecret: (key: string) => boolean,
): PlannedOperation[] {
  const config = isObject(document.config) ? document.config : {};
  const planned: PlannedOperation[] = [];
  for (const [key, value] of values) {
    const path = `/config/${pointerToken(key)}`;
    const has = Object.hasOwn(config, key);
    const locked = isSecret(key);
    if (value === null || value === undefined) {
      if (has) planned.push({ operation: { op: 'remove', path }, ...(locked ? { secret: true } : {}) });
      continue;
    }
    // A secret reads as null: a value given to it always replaces; any other value only when it differs.
    if (!locked && has && isDeepStrictEqual(config[key], value)) continue;
    const operation = { op: has ? ('replace' as const) : ('add' as const), path, value };
    if (locked) {
      planned.push({ operation, secret: true });
      continue;
    }
    const shown = maskSecrets(value, isSecret);
    planned.push(isDeepStrictEqual(shown, value) ? { operation } : { operation, secret: true, shown });
  }
  return planned;
}

// Logto codes that mean "the configuration or the request is invalid" rather than "the provider refused the test".
const INVALID_INPUT_CODES = new Set(['connector.invalid_config', 'guard.invalid_input', 'connector.unexpected_type']);
/** The patterns Logto's test guard holds `phone` and `email` to (its API document). */
const PHONE = /^\d+$/;
const EMAIL = /^\S+@\S+\.\S+$/;

/**
 * The provider's reason from a refusal of Logto's factory test: Logto's `data.errorDescription`, else its
 * `message`, from the error body as the log holds it (scrubbed); undefined when the body says neither.
 */
export function refusalReason(error: UpstreamError): string | undefined {
  const body = error.detail?.body;
  if (body === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (!isObject(parsed)) return undefined;
    const described = isObject(parsed.data) ? parsed.data.errorDescription : undefined;
    if (typeof described === 'string' && described.trim() !== '') return described.trim();
    return typeof parsed.message === 'string' && parsed.message.trim() !== '' ? parsed.message.trim() : undefined;
  } catch {
    return undefined; // a body cut for the log, or not JSON: no reason to show
  }
}

/** Every text of `config` under a secret key, at any depth (what a provider's reason must not echo). */
export function secretTexts(config: unknown, isSecret: (key: string) => boolean): string[] {
  const found = new Set<string>();
  const stack: { value: unknown; secret: boolean }[] = [{ value: config, secret: false }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, secret } = next;
    if (typeof value === 'string') {
      if (secret && value.length >= MIN_KNOWN_SECRET) found.add(value);
    } else if (Array.isArray(value)) {
      for (const item of value as unknown[]) stack.push({ value: item, secret });
    } else if (isObject(value)) {
      for (const [key, item] of Object.entries(value)) stack.push({ value: item, secret: secret || isSecret(key) });
    }
  }
  // Longest first, so that a secret holding another is masked whole.
  return [...found].sort((a, b) => b.length - a.length);
}

/** `text` with each of `secrets` replaced by SECRET_MASK. */
function scrubSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, secret) => t.split(secret).join(SECRET_MASK), text);
}

/** A problem with the test's recipient (`sendTo`): the form as a whole, not one of its fields. */
const recipientProblem = (code: SettingsProblem['code'], message: string): TestOutcome => ({
  ok: false,
  message,
  problems: [{ key: null, code, message }],
  // Nothing was sent: the source's test did not run.
  method: 'FORM_CHECK',
});

/**
 * Runs Logto's factory test of `config` (`POST /api/connectors/{factoryId}/test`): an email factory sends to
 * `sendTo.email`, an SMS factory to `sendTo.phone` (a missing or malformed one is a problem naming it; nothing is
 * sent). A social factory has no test: the outcome is a FORM_CHECK saying so. The provider's refusal is `ok: false`
 * with its reason; Logto refusing the request itself (an invalid config) stays an error with Logto's reason.
 */
export async function runFactoryTest(
  ctx: SourceContext,
  factory: LogtoConnectorFactoryWire,
  config: Record<string, unknown>,
  sendTo: { email?: string; phone?: string },
): Promise<TestOutcome> {
  const name = phrase(factory.name) ?? factory.id;
  if (factory.type === 'Social') {
    return {
      ok: true,
      message: `The values fit the form of ${name}. Logto has no test for social connectors: no connection to the identity provider was made.`,
      problems: [],
      method: 'FORM_CHECK',
    };
  }
  let recipient: { email: string } | { phone: string };
  if (factory.type === 'Email') {
    if (!sendTo.email) return recipientProblem('REQUIRED', `sendTo.email is required: the test of ${name} sends an email to it.`);
    if (!EMAIL.test(sendTo.email)) return recipientProblem('INVALID', 'sendTo.email must be an email address (name@domain.tld).');
    recipient = { email: sendTo.email };
  } else {
    if (!sendTo.phone) return recipientProblem('REQUIRED', `sendTo.phone is required: the test of ${name} sends a text message to it.`);
    if (!PHONE.test(sendTo.phone)) return recipientProblem('INVALID', 'sendTo.phone must be digits only, the country code first (e.g. 4915112345678).');
    recipient = { phone: sendTo.phone };
  }
  const where = 'email' in recipient ? recipient.email : recipient.phone;
  try {
    await logto(ctx).client.testConnector(factory.id, { config, ...recipient }, ctx.requestId);
    return { ok: true, message: `Logto sent a test message through ${name} to ${where}.`, problems: [], method: 'SOURCE_TEST' };
  } catch (error) {
    // A 400 that is not about the request is the provider refusing the test: a result, not an error.
    if (error instanceof UpstreamError && error.status === 400 && error.vendorCode !== undefined && !INVALID_INPUT_CODES.has(error.vendorCode)) {
      // The provider's words may echo what it was sent: the config's secrets are masked out of them.
      const found = refusalReason(error);
      const reason = found === undefined ? undefined : scrubSecrets(found, secretTexts(config, logtoSecretTest(factory.formItems)));
      const message = `The provider refused the test${reason === undefined ? '' : `: ${asSentenceEnd(reason).slice(0, -1)}`} (Logto: ${error.vendorCode}).`;
      return { ok: false, message, problems: [], method: 'SOURCE_TEST' };
    }
    throw error;
  }
}

/** The factory of `factoryId` through the request's factory list; undefined when Logto has none. */
export async function findFactory(ctx: SourceContext, factoryId: string): Promise<LogtoConnectorFactoryWire | undefined> {
  try {
    return await logto(ctx).loaders.factoryById.load(factoryId);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The factory a saved connector was created from, as its read carries it (Logto merges its type, name and form items in). */
function factoryOfConnector(connector: LogtoConnectorWire): LogtoConnectorFactoryWire {
  return { ...connector, id: connector.connectorId };
}

/**
 * Refuses values that the engine's kinds let through but Logto's form does not (a Json item holds an object or a
 * list, never a text or a number): BAD_USER_INPUT naming `values`, before anything is sent.
 */
function checkLogtoValues(formItems: readonly LogtoFormItemWire[] | undefined, values: ReadonlyMap<string, unknown>): void {
  const problems: string[] = [];
  for (const item of formItems ?? []) {
    const value = values.get(item.key);
    if (value === undefined || value === null) continue;
    const problem = valueProblem(item, value);
    if (problem !== undefined) problems.push(`${item.key} ${problem}`);
  }
  if (problems.length > 0)
    throw new BadUserInputError(`The values do not fit the connector's form: ${problems.join('; ')}.`, { argumentName: 'values', problems });
}

/**
 * The problems Logto's form finds with a complete config (beyond the engine's checks: a Json item's value must be an
 * object or a list), as a FORM_CHECK that sends nothing; undefined when it fits.
 */
function formOutcome(factory: LogtoConnectorFactoryWire, config: Record<string, unknown>): TestOutcome | undefined {
  const found = configProblems(factory.formItems, config);
  if (found.length === 0) return undefined;
  const problems: SettingsProblem[] = found.map((p) => ({ key: p.key, code: p.missing ? 'REQUIRED' : 'WRONG_TYPE', message: `${p.message}.` }));
  return {
    ok: false,
    message: `The values do not fit the form of Logto's factory: ${found.map((p) => p.message).join('; ')}.`,
    problems,
    method: 'FORM_CHECK',
  };
}

/** Values as a config object (own properties only, whatever the keys). */
function configOf(values: ReadonlyMap<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(values);
}

/**
 * Login connectors as forms. The values are the connector's own config (STORED); a read's `stored` is the connector
 * as Logto returned it (its form items, and its secrets, which only `write` and the set/unset state use).
 */
export const loginConnectorForms: SettingsForms<LogtoConnectorWire> = {
  valueKind: 'STORED',
  fields: (read: PatchRead<LogtoConnectorWire>) => loginConnectorFields(read.stored),
  operations(read, values) {
    checkLogtoValues(read.stored.formItems, values);
    return configOperations(read.document, values, logtoSecretTest(read.stored.formItems));
  },
  async templateFields(ctx, templateId) {
    const factory = await findFactory(ctx, toLogtoId(templateId, 'templateId'));
    return factory === undefined ? undefined : factoryFormFields(factory);
  },
  async test(ctx, subject, values, sendTo) {
    const factory = subject.read === undefined ? await findFactory(ctx, subject.templateId) : factoryOfConnector(subject.read.stored);
    // The engine asks for a test only of a template whose form it read.
    if (factory === undefined) throw new Error(`The Logto factory "${subject.templateId ?? ''}" disappeared during the test.`);
    const config = configOf(values);
    return formOutcome(factory, config) ?? runFactoryTest(ctx, factory, config, sendTo);
  },
};
