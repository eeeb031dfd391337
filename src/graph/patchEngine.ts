/**
 * One JSON Patch of one connector, for any source that describes its patchable representation (`Patchable` in
 * sources/port.ts). The operations are checked first (the source's own checks, or: every path within its fields,
 * every value within `config.patch`); then, holding the connector's write lock, the connector is read afresh (not
 * what the request read before: a patch ahead of this one may have changed it), the operations are applied to its
 * representation (a failed `test` is CONFLICT, a result over the limits BAD_USER_INPUT) and the source writes the
 * result, sending only what changed. All or nothing: a refused patch sends nothing. `test`s guard against the
 * patches before them within this process (see writeLocks.ts). Used by `patchConnector` and by a source's own
 * patch mutation. Internal module.
 */
import { BadUserInputError } from '../errors/classes.js';
import type { Patchable, SourceContext } from '../sources/port.js';
import type { NativeKey } from './globalId.js';
import { applyJsonPatch, checkPatchValues, parsePointer, type JsonPatchOperation } from './jsonPatch.js';
import { connectorLockKey } from './writeLocks.js';

/** Refuses any operation whose path (or from) is not at or below one of `fields`. */
function checkPatchPaths(operations: readonly JsonPatchOperation[], fields: readonly string[]): void {
  operations.forEach((op, i) => {
    for (const [name, pointer] of [
      ['path', op.path],
      ['from', op.from],
    ] as const) {
      if (pointer == null) continue;
      const field = parsePointer(pointer)?.[0];
      if (field === undefined || !fields.includes(field)) {
        throw new BadUserInputError(
          `operations[${i}].${name} "${pointer.slice(0, 200)}" is not patchable; the patchable fields are ${fields.map((f) => `/${f}`).join(', ')}.`,
          {
            argumentName: `operations[${i}].${name}`,
          },
        );
      }
    }
  });
}

/** Patches the connector `key` of node type `type` of source `source` as `patchable` describes; returns what `write` returned. */
export async function applyConnectorPatch<Stored, Result>(
  ctx: SourceContext,
  source: string,
  patchable: Patchable<Stored, Result>,
  type: string,
  key: NativeKey,
  operations: readonly JsonPatchOperation[],
): Promise<Result> {
  const limits = ctx.services.config.patch;
  let checked: JsonPatchOperation[];
  if (patchable.check) checked = patchable.check(operations, limits);
  else {
    checkPatchPaths(operations, patchable.fields);
    checkPatchValues(operations, limits);
    checked = [...operations];
  }
  return ctx.services.writeLocks.run(connectorLockKey(source, ...key), async () => {
    if (patchable.needsRead && !patchable.needsRead(checked)) return patchable.write(ctx, type, key, { operations: checked, read: undefined });
    const read = await patchable.read(ctx, type, key);
    const after = applyJsonPatch(read.document, checked, limits);
    return patchable.write(ctx, type, key, { operations: checked, read: { ...read, after } });
  });
}
