/**
 * SailPoint's script connectors as forms (the port's SettingsForms): what `updateConnectorSettings`, `testConnector`
 * and `testNewConnector` ask of this source. A script connector's settings are its source config form, which each
 * source of the connector fills: a value is the form's default (FORM_DEFAULTS), and a save writes the defaults into
 * the form's `Field` elements. SailPoint has no connection test for a script connector (it has no connection of its
 * own): a test checks the values against the form (required fields included) and the connector's XML files against
 * what SailPoint requires, and says that no connection was made. Internal module.
 */
import { BadUserInputError } from '../../errors/classes.js';
import { asSentenceEnd } from '../../errors/reasons.js';
import { nullIfNotFound } from '../../errors/notFound.js';
import { isLockedField, isSetValue, kindOfType, type RawSettingsField } from '../../graph/settings.js';
import type { PatchRead, PlannedOperation, SettingsForms, SettingsProblem, SourceContext, TestOutcome } from '../port.js';
import type { SailPointConnectorDetail } from './client.js';
import { sailpoint } from './context.js';
import { checkSailPointXml, type SailPointXmlKind } from './fileChecks.js';
import { fieldValueText, withFieldValues } from './form.js';
import { formTexts } from './graph.js';
import { SCRIPT_NAME } from './inputs.js';
import { sourceConfigFields } from './mappers.js';
import { maskXmlSecrets } from './xmlSecrets.js';
import { shownXml, sourceConfigOf } from './xmlFields.js';

/** The fields of a form as reads show it (masked), with the texts of the detail it came from (in `en`). */
function formFields(shown: unknown, detail: SailPointConnectorDetail): RawSettingsField[] {
  if (typeof shown !== 'string') return [];
  return sourceConfigFields(shown, formTexts(detail, 'en')) ?? [];
}

/**
 * The form as the engine checks values against it. `required` is a rule for the sources that fill the form, not for
 * its defaults: a save of defaults need not fill every required field, so it is off here and the test checks it.
 */
function engineFields(fields: readonly RawSettingsField[]): RawSettingsField[] {
  return fields.map((f) => ({ ...f, required: false }));
}

/** A required field the values leave empty: REQUIRED, or RE_ENTER_SECRET for a saved secret (never used for a test). */
function requiredProblems(fields: readonly RawSettingsField[], values: ReadonlyMap<string, unknown>): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  for (const field of fields) {
    if (field.required !== true || isSetValue(values.get(field.key))) continue;
    const name = field.label ? `${field.label} (${JSON.stringify(field.key)})` : JSON.stringify(field.key);
    problems.push(
      isLockedField(field) && field.isSet === true
        ? { key: field.key, code: 'RE_ENTER_SECRET', message: `${name} is locked: enter it again for a test (saved secrets are never used for one).` }
        : { key: field.key, code: 'REQUIRED', message: `${name} is required of every source that fills this form.` },
    );
  }
  return problems;
}

/** What writing `values` into a form gives: the new XML, or a problem per value that XML cannot carry. */
function fill(
  xml: string,
  fields: readonly RawSettingsField[],
  values: ReadonlyMap<string, unknown>,
): { xml: string; locked: boolean; problems: SettingsProblem[] } {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const texts = new Map<string, string | null>();
  const problems: SettingsProblem[] = [];
  let locked = false;
  for (const [key, value] of values) {
    const field = byKey.get(key);
    // The engine checked the keys against this form; a key it does not have is not written.
    if (!field) continue;
    if (isLockedField(field)) locked = true;
    if (value === null || value === undefined) {
      texts.set(key, null);
      continue;
    }
    const text = fieldValueText(field.kind ?? kindOfType(field.type), value);
    if (text.ok) texts.set(key, text.text);
    else
      problems.push({
        key,
        code: 'INVALID',
        message: `The value of ${JSON.stringify(key.slice(0, 100))} cannot be written into the form: ${asSentenceEnd(text.problem)}`,
      });
  }
  return { xml: withFieldValues(xml, texts), locked, problems };
}

/** The connector's XML files (its source config as `sourceConfig`, filled), each with what SailPoint requires of it. */
async function fileProblems(ctx: SourceContext, detail: SailPointConnectorDetail, sourceConfig: string): Promise<SettingsProblem[]> {
  const template = await nullIfNotFound(sailpoint(ctx).loaders.xmlFileByScriptName.load({ scriptName: detail.scriptName, file: 'source-template' }));
  const files: [SailPointXmlKind, string | null | undefined][] = [
    ['source config', sourceConfig],
    ['application', detail.applicationXml],
    ['correlation config', detail.correlationConfigXml],
    ['source template', template],
  ];
  const problems: SettingsProblem[] = [];
  for (const [kind, text] of files) {
    // SailPoint reports no such file for this connector: nothing of it to check.
    if (text == null) continue;
    const checked = checkSailPointXml(kind, text);
    if (!checked.ok) problems.push({ key: null, code: 'INVALID', message: `The ${kind} file is refused: ${asSentenceEnd(checked.problem)}` });
  }
  return problems;
}

const NO_CONNECTION =
  'No connection was made: SailPoint has no connection test for a script connector, whose source config is the form each of its sources fills.';

export const scriptConnectorForms: SettingsForms<SailPointConnectorDetail> = {
  valueKind: 'FORM_DEFAULTS',

  fields: (read) => engineFields(formFields(read.document.sourceConfigXml, read.stored)),

  operations(read: PatchRead<SailPointConnectorDetail>, values): PlannedOperation[] {
    const xml = read.document.sourceConfigXml;
    if (typeof xml !== 'string') return [];
    const { xml: next, locked, problems } = fill(xml, formFields(xml, read.stored), values);
    const [problem] = problems;
    if (problem) throw new BadUserInputError(problem.message, { argumentName: 'values' });
    if (next === xml) return [];
    const operation = { op: 'replace' as const, path: '/sourceConfigXml', value: next };
    // A new secret goes in plain text: a dry run shows the form as reads show it, the secret masked.
    return [locked ? { operation, secret: true, shown: maskXmlSecrets(next) ?? null } : { operation }];
  },

  async templateFields(ctx, templateId) {
    if (templateId.length > SCRIPT_NAME.maxLength || !SCRIPT_NAME.pattern.test(templateId)) return undefined;
    const detail = await nullIfNotFound(sailpoint(ctx).loaders.connectorByScriptName.load(templateId));
    if (!detail) return undefined;
    return engineFields(formFields(shownXml(sourceConfigOf(detail), 'sourceConfig', detail.scriptName, ctx), detail));
  },

  async test(ctx, subject, values): Promise<TestOutcome> {
    let detail: SailPointConnectorDetail;
    let shown: unknown;
    if (subject.read) {
      detail = subject.read.stored;
      shown = subject.read.document.sourceConfigXml;
    } else {
      detail = await sailpoint(ctx).loaders.connectorByScriptName.load(subject.templateId);
      shown = shownXml(sourceConfigOf(detail), 'sourceConfig', detail.scriptName, ctx);
    }
    if (typeof shown !== 'string') {
      const message = 'The connector has no well-formed source config form to fill.';
      return { ok: false, message: `${message} ${NO_CONNECTION}`, problems: [{ key: null, code: 'INVALID', message }], method: 'FORM_CHECK' };
    }
    const form = formFields(shown, detail);
    const filled = fill(shown, form, values);
    const problems = [...requiredProblems(form, values), ...filled.problems, ...(await fileProblems(ctx, detail, filled.xml))];
    const ok = problems.length === 0;
    const message = ok
      ? `The values fit the source config form, and the connector's XML files (source config, application, correlation config, source template) pass SailPoint's checks. ${NO_CONNECTION}`
      : `${problems.length === 1 ? 'A problem' : `${problems.length} problems`} with the form or the connector's XML files. ${NO_CONNECTION}`;
    return { ok, message, problems, method: 'FORM_CHECK' };
  },
};
