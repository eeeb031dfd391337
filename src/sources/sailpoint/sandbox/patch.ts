/**
 * JSON Patch on a SailPoint sandbox connector (`PATCH /v3/connectors/{scriptName}`): the operations are checked
 * (known ops, only the patchable fields), applied with fast-json-patch to a copy, and the result is checked (metadata
 * stays an object, each XML file stays well-formed and of its kind) before anything changes.
 *
 * Internal module of the SailPoint sandbox.
 */
import jsonPatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { isJsonObject } from '../../../sandbox/bodies.js';
import { SAILPOINT_PATCHABLE_FIELDS } from '../types.js';
import { badRequest } from './errors.js';
import type { SailPointSandboxConnector } from './seed.js';
import { validateXmlKind, type XmlKind } from './xml.js';

/** The fields of a connector that a patch may change. */
type PatchableFields = Pick<SailPointSandboxConnector, 'connectorMetadata' | 'applicationXml' | 'correlationConfigXml' | 'sourceConfigXml'>;

const PATCH_OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/** Validates a JSON Patch body: an array of operations that only touch the patchable fields. */
export function parsePatch(body: unknown): Operation[] {
  if (!Array.isArray(body)) throw badRequest('The patch must be a JSON array of operations.');
  return body.map((item: unknown, index): Operation => {
    if (!isJsonObject(item)) throw badRequest(`Operation ${index} must be an object.`);
    const { op, path, from } = item;
    if (typeof op !== 'string' || !PATCH_OPS.has(op)) throw badRequest(`Operation ${index} has an unknown op '${String(op)}'.`);
    if (typeof path !== 'string') throw badRequest(`Operation ${index} needs a string 'path'.`);
    requirePatchablePath(path, index);
    if (op === 'move' || op === 'copy') {
      if (typeof from !== 'string') throw badRequest(`Operation ${index} (${op}) needs a string 'from'.`);
      requirePatchablePath(from, index);
    }
    if ((op === 'add' || op === 'replace' || op === 'test') && !('value' in item)) {
      throw badRequest(`Operation ${index} (${op}) needs a 'value'.`);
    }
    return item as unknown as Operation;
  });
}

/**
 * The patchable fields of `connector` after `operations`, checked; a failing operation is a 400 and leaves the
 * connector as it was (the caller assigns the result).
 */
export function patchConnectorFields(connector: SailPointSandboxConnector, operations: Operation[]): PatchableFields {
  const document = {
    connectorMetadata: connector.connectorMetadata,
    applicationXml: connector.applicationXml,
    correlationConfigXml: connector.correlationConfigXml,
    sourceConfigXml: connector.sourceConfigXml,
  };
  let patched: unknown;
  try {
    // mutateDocument=false: fast-json-patch works on a deep copy, so a failing operation changes nothing.
    patched = jsonPatch.applyPatch(document, operations, true, false).newDocument;
  } catch (error) {
    const name = error instanceof jsonPatch.JsonPatchError ? `${error.name}: ` : '';
    throw badRequest(`The patch could not be applied. ${name}${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  return checkPatchedDocument(patched);
}

function requirePatchablePath(path: string, index: number): void {
  const allowed = SAILPOINT_PATCHABLE_FIELDS.some((fieldName) => path === `/${fieldName}` || path.startsWith(`/${fieldName}/`));
  if (!allowed) {
    throw badRequest(`Operation ${index} targets '${path}', which is not patchable; patchable: ${SAILPOINT_PATCHABLE_FIELDS.join(', ')}.`);
  }
}

/** Checks the patched document before it replaces anything: metadata stays an object, the XML stays valid. */
function checkPatchedDocument(patched: unknown): PatchableFields {
  if (!isJsonObject(patched)) throw badRequest('The patch must leave an object.');
  const { connectorMetadata, applicationXml, correlationConfigXml, sourceConfigXml } = patched;
  if (!isJsonObject(connectorMetadata)) throw badRequest('connectorMetadata must remain an object.');
  const xml = { applicationXml, correlationConfigXml, sourceConfigXml };
  for (const [kind, value] of Object.entries(xml) as [XmlKind, unknown][]) {
    if (typeof value !== 'string') throw badRequest(`${kind} must remain a string.`);
    const problem = validateXmlKind(kind, value);
    if (problem) throw badRequest(problem);
  }
  return {
    connectorMetadata,
    applicationXml: applicationXml as string,
    correlationConfigXml: correlationConfigXml as string,
    sourceConfigXml: sourceConfigXml as string,
  };
}
