/**
 * A connector's configuration against its factory's form items in the Logto sandbox (its stand-in for each
 * connector's zod config guard): which items are shown, what each must hold, Logto's `connector.invalid_config`, and
 * the sandbox's deterministic provider failure.
 *
 * Internal module of the Logto sandbox.
 */
import type { LogtoFormItemWire } from '../types.js';
import { LogtoRequestError } from './errors.js';
import { enumIssue, formatIssues, invalidType, zodErrorData, type GuardIssue, type IssuePath } from './validation.js';

/** Throws Logto's `connector.invalid_config` when a config does not fit its factory's form. */
export function checkConfig(config: Record<string, unknown>, formItems: readonly LogtoFormItemWire[]): void {
  const issues = configIssues(config, formItems);
  if (issues.length > 0) {
    throw new LogtoRequestError(400, 'connector.invalid_config', 'The connector configuration is invalid.', zodErrorData(issues), formatIssues(issues));
  }
}

const isBlank = (value: unknown): boolean => value === undefined || value === null || value === '';

/** Whether a form item is shown for `config` (all its show conditions hold). Hidden items are not checked. */
function isShown(formItem: LogtoFormItemWire, config: Record<string, unknown>): boolean {
  return (formItem.showConditions ?? []).every(({ targetKey, expectValue }) =>
    expectValue === undefined ? !isBlank(config[targetKey]) : JSON.stringify(config[targetKey]) === JSON.stringify(expectValue),
  );
}

const EXPECTED_TYPE: Record<LogtoFormItemWire['type'], string> = {
  Text: 'string',
  MultilineText: 'string',
  Number: 'number',
  Switch: 'boolean',
  Select: 'string',
  MultiSelect: 'array',
  Json: 'object',
};

/**
 * Checks a configuration against a factory's form items (the sandbox's stand-in for each connector's zod config
 * guard): required shown items present and non-empty, values of the item's type, Select/MultiSelect values among
 * the choices. Keys without a form item are accepted.
 */
function configIssues(config: Record<string, unknown>, formItems: readonly LogtoFormItemWire[]): GuardIssue[] {
  const issues: GuardIssue[] = [];
  for (const formItem of formItems) {
    if (!isShown(formItem, config)) continue;
    const value = config[formItem.key];
    const path = [formItem.key];
    if (isBlank(value)) {
      if (!formItem.required) continue;
      issues.push(
        value === ''
          ? { code: 'too_small', minimum: 1, type: 'string', inclusive: true, path, message: 'Must have at least 1 character(s)' }
          : invalidType(path, EXPECTED_TYPE[formItem.type], value),
      );
      continue;
    }
    const problem = valueIssue(formItem, value, path);
    if (problem) issues.push(...problem);
  }
  return issues;
}

function valueIssue(formItem: LogtoFormItemWire, value: unknown, path: IssuePath): GuardIssue[] | undefined {
  switch (formItem.type) {
    case 'Text':
    case 'MultilineText':
      return typeof value === 'string' ? undefined : [invalidType(path, 'string', value)];
    case 'Number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : [invalidType(path, 'number', value)];
    case 'Switch':
      return typeof value === 'boolean' ? undefined : [invalidType(path, 'boolean', value)];
    case 'Json':
      // Logto's JSON inputs hold objects or arrays.
      return typeof value === 'object' && value !== null ? undefined : [invalidType(path, 'object', value)];
    case 'Select': {
      const options = formItem.selectItems.map((choice) => choice.value);
      return typeof value === 'string' && options.includes(value) ? undefined : [enumIssue(path, options, value)];
    }
    case 'MultiSelect': {
      if (!Array.isArray(value)) return [invalidType(path, 'array', value)];
      const options = formItem.selectItems.map((choice) => choice.value);
      const problems = value.flatMap((entry: unknown, index) =>
        typeof entry === 'string' && options.includes(entry) ? [] : [enumIssue([...path, index], options, entry)],
      );
      return problems.length > 0 ? problems : undefined;
    }
  }
}

/**
 * The sandbox's deterministic provider failure: a required, shown item whose value is the string `"fail"` makes the
 * provider "refuse" (test messages fail with 400 `connector.general`).
 */
export function failingItem(config: Record<string, unknown>, formItems: readonly LogtoFormItemWire[]): LogtoFormItemWire | undefined {
  return formItems.find((formItem) => formItem.required === true && isShown(formItem, config) && config[formItem.key] === 'fail');
}
