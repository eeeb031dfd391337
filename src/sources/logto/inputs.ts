/**
 * Checks of Logto inputs made before anything is sent: a connector config against its factory's form items, and
 * the merge of a partial update onto the stored values. Pure functions. Internal module.
 */
import { isDeepStrictEqual } from 'node:util';
import { BadUserInputError } from '../../errors/classes.js';
import { checkId, type IdRule } from '../../graph/ids.js';
import type { LogtoFormItemWire } from './types.js';

/**
 * A Logto connector id or connector factory id: Logto generates connector ids from `0-9a-z`, factory ids are
 * slugs (`google-universal`, `simple-mail-transfer-protocol`), and an id given at creation is 1 to 128 characters
 * (its API document). Both are path segments (`/api/connectors/{id}`, `/api/connectors/{factoryId}/test`).
 */
export const LOGTO_ID: IdRule = {
  maxLength: 128,
  pattern: /^[\w-][\w.-]*$/,
  shape: "letters, digits, '.', '_' or '-', not starting with '.'",
};

/** Checks a Logto connector or factory id argument (BAD_USER_INPUT naming `argumentName` before any call). */
export function toLogtoId(id: string, argumentName: string): string {
  return checkId(id, LOGTO_ID, argumentName);
}

/** The types Logto's guard takes for the metadata a connector may override (its configurable metadata). */
const METADATA_TYPES: readonly [key: string, test: (value: unknown) => boolean, wants: string][] = [
  ['target', (v) => typeof v === 'string', 'a text'],
  ['name', (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((t) => typeof t === 'string'), 'texts by language tag'],
  ['logo', (v) => typeof v === 'string', 'a text (a URL)'],
  ['logoDark', (v) => v === null || typeof v === 'string', 'a text (a URL) or null'],
];

/**
 * Checks connector metadata against what Logto's guard takes (BAD_USER_INPUT naming `argumentName.key` before any
 * call): a request Logto's contract refuses is never sent. Keys Logto does not configure are left to Logto (it drops
 * them).
 */
export function checkMetadata(metadata: Record<string, unknown>, argumentName: string): void {
  for (const [key, test, wants] of METADATA_TYPES) {
    if (Object.hasOwn(metadata, key) && metadata[key] !== undefined && !test(metadata[key])) {
      throw new BadUserInputError(`${argumentName}.${key} must be ${wants}.`, { argumentName: `${argumentName}.${key}` });
    }
  }
}

/**
 * Whether a form item is shown (and so, when required, required) for `config`: every show condition holds, i.e. the
 * target holds `expectValue`, or without one any value (false and 0 too), as Logto and the settings form read it.
 */
function isShown(item: LogtoFormItemWire, config: Record<string, unknown>): boolean {
  return (item.showConditions ?? []).every((c) =>
    c.expectValue === undefined ? !isEmpty(config[c.targetKey]) : isDeepStrictEqual(config[c.targetKey], c.expectValue),
  );
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** The problem with `value` for `item`, or undefined when it fits. */
export function valueProblem(item: LogtoFormItemWire, value: unknown): string | undefined {
  switch (item.type) {
    case 'Text':
    case 'MultilineText':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'Number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'Switch':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'Json':
      return typeof value === 'object' && value !== null ? undefined : 'must be a JSON object or array';
    case 'Select': {
      const allowed = item.selectItems.map((s) => s.value);
      return typeof value === 'string' && allowed.includes(value) ? undefined : `must be one of ${allowed.join(', ')}`;
    }
    case 'MultiSelect': {
      const allowed = item.selectItems.map((s) => s.value);
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && allowed.includes(v)) ? undefined : `must be a list of ${allowed.join(', ')}`;
    }
  }
}

/** One way a config does not fit its factory's form: the item's key, what is wrong, and whether a value is missing. */
export interface ConfigProblem {
  key: string;
  /** E.g. `port must be a number`, `clientId is required` (never the value). */
  message: string;
  missing: boolean;
}

/**
 * How a config does not fit a factory's form items: required items that are shown must have a value, and every
 * value must fit its item's type (Select values among the choices, Number a number, Switch a boolean, Json an
 * object or array). Keys the form does not describe pass through.
 */
export function configProblems(formItems: readonly LogtoFormItemWire[] | undefined, config: Record<string, unknown>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const item of formItems ?? []) {
    if (!isShown(item, config)) continue;
    const value = config[item.key];
    if (isEmpty(value)) {
      if (item.required === true) problems.push({ key: item.key, message: `${item.key} is required`, missing: true });
      continue;
    }
    const problem = valueProblem(item, value);
    if (problem) problems.push({ key: item.key, message: `${item.key} ${problem}`, missing: false });
  }
  return problems;
}

/** Checks a config against a factory's form items (see configProblems); refuses with every problem at once. */
export function checkConfig(formItems: readonly LogtoFormItemWire[] | undefined, config: Record<string, unknown>, argumentName: string): void {
  const problems = configProblems(formItems, config).map((p) => p.message);
  if (problems.length > 0) {
    throw new BadUserInputError(`The config does not fit the connector factory's form: ${problems.join('; ')}.`, { argumentName, problems });
  }
}
