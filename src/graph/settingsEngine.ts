/**
 * Connectors as forms, for every source with `forms` (sources/port.ts): `updateConnectorSettings`, `testConnector`
 * and `testNewConnector`. The values are checked against the connector's form (form.ts) before anything is sent;
 * problems come back as data, never as errors. A save then, holding the connector's write lock, reads the connector
 * afresh, has the source plan the operations on its patchable representation (only what changed), applies them
 * within `config.patch` and hands the result to the source's `write` (as a patch would). A dry run does all of that
 * but the write. A test gets the complete values (locked ones only when given again) and runs the source's test.
 * Secrets: the change shows a secret operation's value as the source's `shown` (null by default), and any value a
 * locked field was given is kept out of every answer (changes, messages). Internal module.
 */
import type { GatewayContext } from '../context.js';
import { assertCanWrite } from '../auth/roles.js';
import { BadUserInputError, GatewayError } from '../errors/classes.js';
import { GatewayErrorCode } from '../errors/codes.js';
import type { ConnectorSource, PatchRead, PlannedOperation, SettingsForms, SettingsProblem, TestOutcome } from '../sources/port.js';
import { checkForm, problemsMessage, type FieldChange, type FormCheck, type GivenValue } from './form.js';
import { applyJsonPatch, checkPatchValues, type JsonPatchOperation } from './jsonPatch.js';
import { notAConnector } from './patchConnector.js';
import { isLockedField, MIN_KNOWN_SECRET, SECRET_MASK, type RawSettingsField } from './settings.js';
import { connectorLockKey } from './writeLocks.js';

/** The most values one call takes, and the longest key. */
const MAX_VALUES = 200;
const MAX_KEY_LENGTH = 200;
/** The longest template id. */
const MAX_TEMPLATE_ID_LENGTH = 200;

/** `SettingsChange`. */
interface SettingsChangeResult {
  op: JsonPatchOperation['op'];
  path: string;
  value: unknown;
  secret: boolean;
}

/** `UpdateConnectorSettingsResult`. */
export interface UpdateSettingsResult {
  ok: boolean;
  dryRun: boolean;
  problems: SettingsProblem[];
  fields: FieldChange[];
  changes: SettingsChangeResult[];
  connector: object | null;
}

/** Where a test message goes (`TestRecipientInput`). */
export interface TestRecipient {
  email?: string | null;
  phone?: string | null;
}

/** Refuses more than MAX_VALUES values or a key over MAX_KEY_LENGTH characters (BAD_USER_INPUT naming `values`). */
function checkValuesInput(values: readonly GivenValue[]): void {
  if (values.length > MAX_VALUES) throw new BadUserInputError(`values may hold at most ${MAX_VALUES} values.`, { argumentName: 'values' });
  const long = values.findIndex((v) => v.key.length > MAX_KEY_LENGTH);
  if (long >= 0) throw new BadUserInputError(`values[${long}].key is longer than ${MAX_KEY_LENGTH} characters.`, { argumentName: `values[${long}].key` });
}

/** The source's forms and patchable representation; BAD_USER_INPUT naming `argumentName` when it has none. */
function formsOf(source: ConnectorSource, argumentName: string): { forms: SettingsForms; patchable: NonNullable<ConnectorSource['patchable']> } {
  if (!source.forms || !source.patchable) throw new BadUserInputError(`${source.name} connectors have no writable settings.`, { argumentName });
  return { forms: source.forms, patchable: source.patchable };
}

/** The connector a global id names, its source, forms and representation, if the caller may change its source. */
function writableForm(ctx: GatewayContext, globalId: string) {
  const id = ctx.services.sources.decodeGlobalId(globalId);
  assertCanWrite(ctx.caller.permissions, id.source);
  if (!ctx.services.sources.isConnector(id.type)) throw notAConnector(id.type);
  const source = ctx.services.sources.get(id.source);
  return { id, source, ...formsOf(source, 'id') };
}

/** The strings given to locked fields (long enough to look for), which no answer may hold. */
function givenSecrets(form: readonly RawSettingsField[], values: readonly GivenValue[]): string[] {
  const locked = new Set(form.filter((f) => isLockedField(f)).map((f) => f.key));
  const secrets = new Set<string>();
  for (const { key, value } of values) {
    if (!locked.has(key)) continue;
    for (const text of stringsIn(value)) if (text.length >= MIN_KNOWN_SECRET) secrets.add(text);
  }
  return [...secrets];
}

/** Every string in a JSON value (walked without recursion). */
function stringsIn(value: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) for (const item of v as readonly unknown[]) stack.push(item);
    else if (typeof v === 'object' && v !== null) for (const item of Object.values(v)) stack.push(item);
  }
  return out;
}

/** Whether `value` holds one of `secrets` anywhere. */
function holdsSecret(value: unknown, secrets: readonly string[]): boolean {
  return secrets.length > 0 && stringsIn(value).some((text) => secrets.some((s) => text.includes(s)));
}

/** `text` with every one of `secrets` masked. */
function scrub(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, s) => t.split(s).join(SECRET_MASK), text);
}

/** The change as the result shows it: a secret operation's value as the source shows it (null by default). */
function shownChanges(planned: readonly PlannedOperation[], secrets: readonly string[]): SettingsChangeResult[] {
  return planned.map(({ operation, secret, shown }) => {
    const value = operation.op === 'remove' ? null : (operation.value ?? null);
    // A value that holds a secret the caller gave is hidden even where the source did not mark it.
    const hidden = secret === true || holdsSecret(value, secrets);
    const shownValue = hidden ? (shown ?? null) : value;
    return { op: operation.op, path: operation.path, value: holdsSecret(shownValue, secrets) ? null : shownValue, secret: hidden };
  });
}

/** `applyJsonPatch` of the planned change; a refusal (over the patch bounds) is BAD_USER_INPUT naming `values`. */
function applyPlanned(ctx: GatewayContext, document: Record<string, unknown>, operations: JsonPatchOperation[]): Record<string, unknown> {
  const limits = ctx.services.config.patch;
  try {
    checkPatchValues(operations, limits);
    return applyJsonPatch(document, operations, limits);
  } catch (error) {
    if (error instanceof GatewayError && error.code === GatewayErrorCode.BAD_USER_INPUT) {
      throw new BadUserInputError(`The change these values make cannot be applied: ${error.message}`, { argumentName: 'values' });
    }
    throw error;
  }
}

/** `Mutation.updateConnectorSettings`. */
export async function updateConnectorSettings(
  ctx: GatewayContext,
  globalId: string,
  values: readonly GivenValue[],
  dryRun: boolean,
): Promise<UpdateSettingsResult> {
  const { id, source, forms, patchable } = writableForm(ctx, globalId);
  checkValuesInput(values);
  const work = async (): Promise<UpdateSettingsResult> => {
    const read = await patchable.read(ctx, id.type, id.key);
    const form = forms.fields(read);
    const check = checkForm(form, values, 'update');
    const secrets = givenSecrets(form, values);
    const result = { dryRun, problems: scrubProblems(check.problems, secrets), fields: check.fields };
    if (check.problems.length > 0) return { ...result, ok: false, changes: [], connector: null };
    const planned = forms.operations(read, check.changed);
    const operations = planned.map((p) => p.operation);
    const changes = shownChanges(planned, secrets);
    const after = applyPlanned(ctx, read.document, operations);
    if (dryRun) return { ...result, ok: true, changes, connector: null };
    if (operations.length === 0) return { ...result, ok: true, changes, connector: await source.load(ctx, id.type, id.key) };
    const connector = await patchable.write(ctx, id.type, id.key, { operations, read: { ...read, after } });
    return { ...result, ok: true, changes, connector };
  };
  // A dry run writes nothing: it need not wait for the writes in flight.
  return dryRun ? work() : ctx.services.writeLocks.run(connectorLockKey(source.name, ...id.key), work);
}

/** Problems with every given secret masked out of their messages (a source's words may echo one). */
function scrubProblems(problems: readonly SettingsProblem[], secrets: readonly string[]): SettingsProblem[] {
  return problems.map((p) => ({ ...p, message: scrub(p.message, secrets) }));
}

/** Checks `values` in test mode and runs the source's test with the complete values, or returns the problems. */
async function runTest(
  ctx: GatewayContext,
  forms: SettingsForms,
  subject: { read: PatchRead } | { templateId: string },
  form: readonly RawSettingsField[],
  values: readonly GivenValue[],
  sendTo: TestRecipient | null | undefined,
): Promise<TestOutcome> {
  const check: FormCheck = checkForm(form, values, 'test');
  const secrets = givenSecrets(form, values);
  if (check.problems.length > 0) {
    const problems = scrubProblems(check.problems, secrets);
    return { ok: false, message: problemsMessage(problems), problems, method: 'FORM_CHECK' };
  }
  const recipient: { email?: string; phone?: string } = {};
  if (sendTo?.email != null) recipient.email = sendTo.email;
  if (sendTo?.phone != null) recipient.phone = sendTo.phone;
  const outcome = await forms.test(ctx, subject, check.complete, recipient);
  return {
    ok: outcome.ok && outcome.problems.length === 0,
    message: outcome.message === null ? null : scrub(outcome.message, secrets),
    problems: scrubProblems(outcome.problems, secrets),
    method: outcome.method,
  };
}

/** `Mutation.testConnector`: a saved connector, `values` replacing some of its settings; nothing is saved. */
export async function testConnector(ctx: GatewayContext, globalId: string, values: readonly GivenValue[], sendTo?: TestRecipient | null): Promise<TestOutcome> {
  const { id, forms, patchable } = writableForm(ctx, globalId);
  checkValuesInput(values);
  const read = await patchable.read(ctx, id.type, id.key);
  return runTest(ctx, forms, { read }, forms.fields(read), values, sendTo);
}

/** `Mutation.testNewConnector`: the form of a template (a connector not created yet); nothing is created. */
export async function testNewConnector(
  ctx: GatewayContext,
  sourceName: string,
  templateId: string,
  values: readonly GivenValue[],
  sendTo?: TestRecipient | null,
): Promise<TestOutcome> {
  assertCanWrite(ctx.caller.permissions, sourceName);
  const { forms } = formsOf(ctx.services.sources.get(sourceName), 'source');
  if (templateId.length === 0 || templateId.length > MAX_TEMPLATE_ID_LENGTH) {
    throw new BadUserInputError(`templateId must be 1 to ${MAX_TEMPLATE_ID_LENGTH} characters.`, { argumentName: 'templateId' });
  }
  checkValuesInput(values);
  const form = await forms.templateFields(ctx, templateId);
  if (form === undefined) {
    throw new GatewayError(`${sourceName} has no template ${JSON.stringify(templateId.slice(0, 100))}.`, GatewayErrorCode.NOT_FOUND, {
      extensions: { source: sourceName, argumentName: 'templateId' },
    });
  }
  return runTest(ctx, forms, { templateId }, form, values, sendTo);
}
