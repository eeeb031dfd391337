/**
 * GraphQL input → SailPoint wire, with every check made before anything is sent: a refused input throws
 * BAD_USER_INPUT naming the argument. Pure functions. Internal module.
 */
import { BadUserInputError } from '../../errors/classes.js';
import { asSentenceEnd } from '../../errors/reasons.js';
import { checkId, type IdRule } from '../../graph/ids.js';
import { checkPatchLength, checkValueSize, DEFAULT_PATCH_LIMITS, parsePointer, type PatchLimits } from '../../graph/jsonPatch.js';
import { checkXml } from './fileChecks.js';
import {
  SAILPOINT_LOCALES,
  SAILPOINT_PATCHABLE_FIELDS,
  type SailPointCreateConnectorWire,
  type SailPointJsonPatchOperationWire,
  type SailPointLocale,
  type SailPointPatchableField,
} from './types.js';

/** `CreateScriptConnectorInput` as GraphQL delivers it. */
export interface CreateScriptConnectorArgs {
  name: string;
  className: string;
  type?: string | null;
  directConnect?: boolean | null;
  status?: string | null;
}

/** One `JsonPatchOperationInput` as GraphQL delivers it (`value` is absent when omitted, null when sent as null). */
export interface JsonPatchOperationArgs {
  op: SailPointJsonPatchOperationWire['op'];
  path: string;
  from?: string | null;
  value?: unknown;
}

const CREATE_STATUSES = ['DEVELOPMENT', 'DEMO', 'RELEASED'] as const;
const XML_FIELDS: ReadonlySet<SailPointPatchableField> = new Set(['applicationXml', 'correlationConfigXml', 'sourceConfigXml']);

/**
 * A scriptName: SailPoint derives it from the connector's name as a URL-friendly slug (`active-directory`,
 * `servicenow-angularsc`; its API document's example is `aScriptName`), and it is a path segment of every
 * `/connectors/{scriptName}` call.
 */
export const SCRIPT_NAME: IdRule = {
  maxLength: 128,
  pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  shape: "letters, digits, '.', '_' or '-', starting with a letter or digit",
};

/** Checks a scriptName argument (BAD_USER_INPUT naming `argumentName` before any call). */
export function toScriptName(scriptName: string, argumentName = 'scriptName'): string {
  return checkId(scriptName, SCRIPT_NAME, argumentName);
}

/** Checks a create input and builds the `V3CreateConnectorDto`. */
export function toCreateConnectorWire(input: CreateScriptConnectorArgs): SailPointCreateConnectorWire {
  const name = input.name.trim();
  const className = input.className.trim();
  if (name === '') throw new BadUserInputError('name must not be empty.', { argumentName: 'input.name' });
  if (name.length > 128) throw new BadUserInputError('name must be at most 128 characters.', { argumentName: 'input.name' });
  if (className === '') throw new BadUserInputError('className must not be empty.', { argumentName: 'input.className' });
  const body: SailPointCreateConnectorWire = { name, className };
  if (input.type != null) {
    if (input.type.trim() === '') throw new BadUserInputError('type must not be empty when given.', { argumentName: 'input.type' });
    body.type = input.type.trim();
  }
  if (input.directConnect != null) body.directConnect = input.directConnect;
  if (input.status != null) {
    const status = CREATE_STATUSES.find((s) => s === input.status);
    if (!status) {
      throw new BadUserInputError(`status must be one of ${CREATE_STATUSES.join(', ')}.`, { argumentName: 'input.status' });
    }
    body.status = status;
  }
  return body;
}

/** Checks a locale argument; `fallback` applies when it is omitted. */
export function toLocale(locale: string | null | undefined, argumentName: string, fallback: SailPointLocale = 'en'): SailPointLocale {
  if (locale == null) return fallback;
  const found = SAILPOINT_LOCALES.find((l) => l === locale);
  if (!found) throw new BadUserInputError(`locale must be one of ${SAILPOINT_LOCALES.join(', ')}.`, { argumentName });
  return found;
}

/**
 * Checks a JSON Patch of a script connector: well-formed operations, only the patchable fields (`/connectorMetadata`
 * and below it; the three XML fields as a whole, and never the `from` of a copy or move), at most
 * `limits.maxOperations` operations, values within `limits`, well-formed XML values.
 */
export function toPatchOperations(
  operations: readonly JsonPatchOperationArgs[],
  limits: PatchLimits = DEFAULT_PATCH_LIMITS,
): SailPointJsonPatchOperationWire[] {
  if (operations.length === 0) throw new BadUserInputError('operations must not be empty.', { argumentName: 'operations' });
  checkPatchLength(operations, limits);
  return operations.map((operation, index) => toPatchOperation(operation, `operations[${index}]`, limits));
}

function toPatchOperation(operation: JsonPatchOperationArgs, at: string, limits: PatchLimits): SailPointJsonPatchOperationWire {
  const { op, path } = operation;
  const field = patchableField(path, `${at}.path`);
  const wire: SailPointJsonPatchOperationWire = { op, path };
  if (op === 'move' || op === 'copy') {
    if (operation.from == null) throw new BadUserInputError(`${at}: ${op} needs from.`, { argumentName: `${at}.from` });
    const from = patchableField(operation.from, `${at}.from`);
    // What a patch applies to reads with the XML secrets masked: a copy would carry masks, a move would lose the file.
    if (XML_FIELDS.has(from)) {
      throw new BadUserInputError(`${at}: ${op} cannot take ${from}, whose secrets read masked; send the value itself with add or replace.`, {
        argumentName: `${at}.from`,
      });
    }
    if (op === 'move' && (path === operation.from || path.startsWith(`${operation.from}/`))) {
      throw new BadUserInputError(`${at}: a value cannot be moved into itself.`, { argumentName: `${at}.path` });
    }
    wire.from = operation.from;
  } else if (operation.from != null) {
    throw new BadUserInputError(`${at}: from is only for move and copy.`, { argumentName: `${at}.from` });
  }
  if (op === 'add' || op === 'replace' || op === 'test') {
    if (!('value' in operation) || operation.value === undefined) {
      throw new BadUserInputError(`${at}: ${op} needs a value.`, { argumentName: `${at}.value` });
    }
    wire.value = operation.value;
    checkValueSize(operation.value, limits, at); // before the XML check reads it
    checkValue(field, path, op, operation.value, at);
  } else if ('value' in operation && operation.value !== undefined) {
    throw new BadUserInputError(`${at}: value is not allowed for ${op}.`, { argumentName: `${at}.value` });
  }
  return wire;
}

/** The patchable field a path is at or below; anything else is refused. */
function patchableField(path: string, argumentName: string): SailPointPatchableField {
  const tokens = parsePointer(path);
  if (!tokens) throw new BadUserInputError(`${argumentName} is not a JSON Pointer (RFC 6901).`, { argumentName });
  const field = SAILPOINT_PATCHABLE_FIELDS.find((f) => f === tokens[0]);
  // The XML fields are strings: only the whole value can be patched.
  if (!field || (XML_FIELDS.has(field) && tokens.length > 1)) {
    throw new BadUserInputError(
      `${argumentName} "${path.slice(0, 200)}" is not patchable; SailPoint accepts /connectorMetadata (and paths below it), /applicationXml, /correlationConfigXml and /sourceConfigXml.`,
      { argumentName },
    );
  }
  return field;
}

function checkValue(field: SailPointPatchableField, path: string, op: string, value: unknown, at: string): void {
  if (XML_FIELDS.has(field)) {
    if (typeof value !== 'string') throw new BadUserInputError(`${at}: ${field} must be a string of XML.`, { argumentName: `${at}.value` });
    if (op === 'test') return;
    const checked = checkXml(value);
    if (!checked.ok) throw new BadUserInputError(`${at}: ${field} is refused: ${asSentenceEnd(checked.problem)}`, { argumentName: `${at}.value` });
  } else if (path === '/connectorMetadata' && op !== 'test' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new BadUserInputError(`${at}: connectorMetadata must be a JSON object.`, { argumentName: `${at}.value` });
  }
}
