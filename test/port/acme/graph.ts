/**
 * What the unified graph asks of Acme: its part of `connectors`, load, the patchable representation, delete,
 * settings, and its connectors as forms.
 */
import { isDeepStrictEqual } from 'node:util';
import { BadUserInputError } from '../../../src/errors/classes.js';
import { checkOffset, positionObject } from '../../../src/graph/cursor.js';
import type { JsonPatchOperation } from '../../../src/graph/jsonPatch.js';
import { buildSettings, looksSecret, maskSecrets, type RawSettingsField, type Settings } from '../../../src/graph/settings.js';
import type { Patchable, PatchRead, PlannedOperation, SettingsForms, SourceContext, WalkResult, WalkStep } from '../../../src/sources/port.js';
import { acme } from './context.js';
import type { AcmeConnectorWire, AcmeKind } from './types.js';

const PAGE = 2;

/** Offset paging, two at a time (so that a page of the cross-source list spans several Acme pages); position `{ o }`. */
export async function walkAcmeConnectors(ctx: SourceContext, want: number, position: unknown, search: string | undefined): Promise<WalkResult> {
  let offset = position === undefined ? 0 : checkOffset(positionObject(position).o);
  const found: WalkStep[] = [];
  for (;;) {
    const page = await acme(ctx).loaders.page.load({ offset, limit: PAGE });
    for (const [i, item] of page.items.entries()) {
      if (search !== undefined && !item.name.toLowerCase().includes(search)) continue;
      found.push({ node: item, position: { o: offset + i + 1 } });
      if (found.length === want) return { found, more: offset + i + 1 < page.total };
    }
    offset += page.items.length;
    if (offset >= page.total || page.items.length === 0) return { found, more: false };
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The representation `patchConnector` patches: `{ name, region, apiToken, options }`, the token and the secrets in
 * the options read as null (a secret left at null is kept).
 */
export const acmePatchable: Patchable<AcmeConnectorWire, AcmeConnectorWire> = {
  fields: ['name', 'region', 'apiToken', 'options'],
  async read(ctx, _type, [id]) {
    const current = await acme(ctx).loaders.connectorById.clear(id).load(id);
    const options = maskSecrets(current.options ?? {}) as Json;
    return { document: { name: current.name, region: current.region, apiToken: null, options }, stored: current };
  },
  async write(ctx, _type, [id], { read }) {
    const { document: before, after, stored } = read!;
    const changes: Partial<AcmeConnectorWire> = {};
    for (const field of ['name', 'region', 'apiToken'] as const) {
      if (isDeepStrictEqual(after[field], before[field])) continue;
      if (typeof after[field] !== 'string' || after[field] === '')
        throw new BadUserInputError(`After the patch, ${field} must be a non-empty string.`, { argumentName: 'operations' });
      changes[field] = after[field];
    }
    // Options go as a merge patch of the ones that changed: null removes one, a secret left at null is not sent.
    if (!isObject(after.options)) throw new BadUserInputError('After the patch, options must be an object.', { argumentName: 'operations' });
    const was = isObject(before.options) ? before.options : {};
    const options = new Map<string, unknown>();
    for (const key of new Set([...Object.keys(was), ...Object.keys(after.options)])) {
      const next = Object.hasOwn(after.options, key) ? after.options[key] : undefined;
      const previous = Object.hasOwn(was, key) ? was[key] : undefined;
      if (!isDeepStrictEqual(next, previous)) options.set(key, next ?? null);
    }
    if (options.size > 0) changes.options = Object.fromEntries(options);
    if (Object.keys(changes).length === 0) return stored;
    const { client, loaders } = acme(ctx);
    const updated = await client.updateConnector(id, changes, ctx.requestId);
    loaders.connectorById.clear(id).prime(id, updated);
    return updated;
  },
};

export async function deleteAcmeConnector(ctx: SourceContext, id: string): Promise<void> {
  const { client, loaders } = acme(ctx);
  await client.deleteConnector(id, ctx.requestId);
  loaders.connectorById.clear(id);
  loaders.page.clearAll();
}

const REGIONS = [
  { value: 'eu-1', label: 'Europe' },
  { value: 'us-1', label: 'United States' },
  { value: 'ap-1', label: 'Asia Pacific' },
];
const EVENTS = [
  { value: 'created', label: 'Created' },
  { value: 'updated', label: 'Updated' },
  { value: 'deleted', label: 'Deleted' },
];

/** The form of a connector of `kind`, without values: a feed's region and token, or a webhook's as well as its options. */
function formOf(kind: AcmeKind): RawSettingsField[] {
  if (kind === 'feed') {
    return [
      { section: 'GENERAL', key: 'region', label: 'Region', type: 'Text', required: true },
      { section: 'GENERAL', key: 'apiToken', label: 'API token', type: 'Text', required: true },
    ];
  }
  return [
    { section: 'GENERAL', key: 'region', label: 'Region', type: 'Select', options: REGIONS, required: true },
    { section: 'GENERAL', key: 'apiToken', label: 'API token', type: 'Secret', required: true, description: 'The token Acme issued for this webhook.' },
    { section: 'GENERAL', key: 'endpoint', label: 'Endpoint', type: 'Url', required: true, placeholder: 'https://example.com/hooks/acme' },
    { section: 'ADDITIONAL', key: 'events', label: 'Events', type: 'MultiSelect', options: EVENTS, defaultValue: ['created'] },
    { section: 'ADDITIONAL', key: 'notes', label: 'Notes', type: 'MultilineText' },
    { section: 'ADVANCED', key: 'timeoutSeconds', label: 'Timeout (seconds)', type: 'Number', defaultValue: 30 },
    { section: 'ADVANCED', key: 'retry', label: 'Retry failed deliveries', type: 'Switch', defaultValue: false },
    { section: 'ADVANCED', key: 'signed', label: 'Sign deliveries', type: 'Switch', defaultValue: false },
    {
      section: 'ADVANCED',
      key: 'signingSecret',
      label: 'Signing secret',
      type: 'Secret',
      required: true,
      showIf: [{ key: 'signed', equals: true }],
      description: 'Acme signs each delivery with it.',
    },
  ];
}

/** A connector's form with its values; a secret only as set or not (its value never leaves the source's code). */
function acmeFormFields(connector: AcmeConnectorWire): RawSettingsField[] {
  const values = new Map<string, unknown>(Object.entries(connector.options ?? {}));
  values.set('region', connector.region);
  values.set('apiToken', connector.apiToken);
  return formOf(connector.kind ?? 'feed').map((field) => {
    const value = values.get(field.key);
    return looksSecret(field.key) || field.type === 'Secret'
      ? { ...field, isSet: typeof value === 'string' && value !== '' }
      : { ...field, ...(value === undefined ? {} : { value }) };
  });
}

export function acmeSettings(connector: AcmeConnectorWire): Settings {
  return buildSettings(acmeFormFields(connector));
}

/** A JSON Pointer token. */
const token = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Acme's connectors as forms: region and token at the top of the representation, a webhook's options under /options. */
export const acmeForms: SettingsForms<AcmeConnectorWire> = {
  valueKind: 'STORED',
  fields: (read) => acmeFormFields(read.stored),
  operations(read: PatchRead<AcmeConnectorWire>, values) {
    const planned: PlannedOperation[] = [];
    const options = isObject(read.document.options) ? read.document.options : {};
    for (const [key, value] of values) {
      const secret = looksSecret(key);
      let operation: JsonPatchOperation;
      if (key === 'region' || key === 'apiToken') operation = { op: 'replace', path: `/${key}`, value };
      else if (value !== null) operation = { op: 'add', path: `/options/${token(key)}`, value };
      else if (Object.hasOwn(options, key)) operation = { op: 'remove', path: `/options/${token(key)}` };
      else continue;
      planned.push(secret ? { operation, secret } : { operation });
    }
    return planned;
  },
  templateFields: (_ctx, templateId) => Promise.resolve(templateId === 'feed' || templateId === 'webhook' ? formOf(templateId) : undefined),
  async test(ctx, subject, values) {
    const kind: AcmeKind = subject.read ? (subject.read.stored.kind ?? 'feed') : subject.templateId === 'webhook' ? 'webhook' : 'feed';
    const options = new Map(values);
    options.delete('region');
    options.delete('apiToken');
    const result = await acme(ctx).client.testSettings(
      { kind, region: values.get('region'), apiToken: values.get('apiToken'), options: Object.fromEntries(options) },
      ctx.requestId,
    );
    return {
      ok: result.ok,
      message: result.message,
      problems: !result.ok && result.field !== undefined ? [{ key: result.field, message: result.message, code: 'INVALID' }] : [],
      method: 'SOURCE_TEST',
    };
  },
};
