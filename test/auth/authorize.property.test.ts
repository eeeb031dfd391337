/**
 * Property: a caller whose roles cover one source never causes a call to another source's backend, whatever the
 * operation's shape. Operations are generated over every root query and mutation field of the schema (so a new
 * root field is covered without touching this file), with plausible arguments given inline, as variables, as
 * variable default values, as missing variables or as defaults overridden by a value, under aliases, in inline and
 * named fragments, with global ids of every source (seeded ones, unknown ones and malformed ones). Real HTTP to a
 * gateway in front of the three sandboxes; the sandboxes are reset to their seed before every run (mutations run).
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  validate,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { rootFieldSources } from '../../src/auth/authorize.js';
import type { SourceName } from '../../src/errors/codes.js';
import { encodeGlobalId } from '../../src/graph/globalId.js';
import { createSchema } from '../../src/schema.js';
import { SOURCES } from '../../src/sources/index.js';
import { startTestStack, uploadFile, type GraphQLResponse, type TestStack } from '../helpers/gateway.js';

const sha = (key: string) => createHash('sha256').update(key).digest('hex');

const SOURCE_NAMES = SOURCES.map((s) => s.name);

/** Every scoped role: viewer and editor of each source, each with its own API key. */
const ROLES = SOURCE_NAMES.flatMap((source) =>
  (['viewer', 'editor'] as const).map((level) => ({ level, source, key: `${level}-${source.toLowerCase()}-property-key-0123456789` })),
);
type ScopedRole = (typeof ROLES)[number];

let stack: TestStack;
let schema: GraphQLSchema;
/** Global ids of every type and source: seeded, unknown and malformed. */
let globalIds: string[];
/** Native ids of every source (scriptNames, Logto connector and factory ids, ConductorOne app and connector ids). */
let nativeIds: string[];

beforeAll(async () => {
  schema = createSchema();
  stack = await startTestStack({
    GATEWAY_API_KEYS: ROLES.map((r) => `${r.level}@${r.source.toLowerCase()}:${sha(r.key)}`).join(','),
    // Generated operations select every leaf field to some depth (each possible type's under its own aliases):
    // more tokens and aliases than a hand-written one.
    GATEWAY_MAX_TOKENS: '20000',
    GATEWAY_MAX_ALIASES: '1000',
  });
  for (const r of ROLES) stack.registerSecret(r.key);
  const scripts = stack.sailpoint.store.list().map((c) => c.scriptName);
  const logins = stack.logto.store.connectors().map((c) => c.id);
  const factories = stack.logto.store.factories().map((f) => f.id);
  const apps = stack.conductorone.store.apps().map((a) => a.id);
  const appConnectors = stack.conductorone.store.connectors().map((c) => [c.appId, c.id] as const);
  const catalog = stack.conductorone.store.catalog().map((c) => c.id);
  globalIds = [
    ...scripts.slice(0, 2).map((s) => encodeGlobalId('ScriptConnector', s)),
    encodeGlobalId('ScriptConnector', 'no-such-script'),
    ...logins.slice(0, 2).map((id) => encodeGlobalId('LoginConnector', id)),
    encodeGlobalId('LoginConnector', 'no-such-login'),
    ...appConnectors.slice(0, 2).map(([appId, id]) => encodeGlobalId('AppConnector', appId, id)),
    encodeGlobalId('AppConnector', apps[0]!, 'no-such-connector'),
    encodeGlobalId('App', apps[0]!),
    encodeGlobalId('App', 'no-such-app'),
    'not-an-id',
    Buffer.from(JSON.stringify(['Nope', 'x'])).toString('base64url'),
    '',
  ];
  nativeIds = [scripts[0]!, logins[0]!, factories[0]!, apps[0]!, appConnectors[0]![1], catalog[0]!, 'x'];
  return () => stack.stop();
});

/** How an argument reaches the operation. */
const SHAPES = ['inline', 'variable', 'default', 'missing', 'overridden'] as const;
type Shape = (typeof SHAPES)[number];

interface ArgPlan {
  name: string;
  type: GraphQLInputType;
  value: unknown;
  /** The variable's value when a default is overridden. */
  other: unknown;
  shape: Shape;
  /** Declare a variable with a default without the argument's `!`. */
  nullable: boolean;
}

interface FieldPlan {
  /** The root field's name (a name, not the field: a counterexample prints short). */
  field: string;
  alias: string | undefined;
  wrap: 'none' | 'inline' | 'named';
  args: ArgPlan[];
}

interface OperationPlan {
  kind: 'query' | 'mutation';
  role: ScopedRole;
  fields: FieldPlan[];
}

/** A plausible value of an input type (`name`: the argument or input field it is for). */
function valueOf(type: GraphQLInputType, name: string): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueOf(type.ofType, name);
  if (isListType(type)) return fc.array(valueOf(type.ofType, name), { minLength: 1, maxLength: 2 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    return fc.record(Object.fromEntries(fields.map((f) => [f.name, valueOf(f.type, f.name)])), {
      requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
    });
  }
  switch (type.name) {
    case 'ID':
      return fc.constantFrom(...globalIds);
    case 'Int':
      return fc.integer({ min: 1, max: 3 });
    case 'Float':
      return fc.double({ min: 0, max: 10, noNaN: true });
    case 'Boolean':
      return fc.boolean();
    case 'JSON':
    case 'JSONObject':
      return fc.constantFrom({}, { syncProfile: true }, { displayName: 'x' });
    case 'DateTime':
      return fc.constant('2026-01-01T00:00:00Z');
    case 'Upload':
      return fc.constant(null); // sent as a multipart file
    default:
      if (name === 'path' || name === 'from') return fc.constantFrom('/syncProfile', '/displayName', '/config', '/sourceConfigXml', '/connectorMetadata');
      if (name === 'email') return fc.constant('someone@example.com');
      if (name === 'phone') return fc.constant('+15550100');
      return fc.constantFrom(...nativeIds);
  }
}

function argPlan(name: string, type: GraphQLInputType): fc.Arbitrary<ArgPlan> {
  return fc.record({
    name: fc.constant(name),
    type: fc.constant(type),
    value: valueOf(type, name),
    other: valueOf(type, name),
    shape: fc.constantFrom(...SHAPES),
    nullable: fc.boolean(),
  });
}

function fieldPlan(field: GraphQLField<unknown, unknown>): fc.Arbitrary<FieldPlan> {
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const optional = field.args.filter((a) => !required.includes(a));
  return fc.record({
    field: fc.constant(field.name),
    alias: fc.option(fc.constantFrom('a', 'b', 'node', 'connectors'), { nil: undefined }),
    wrap: fc.constantFrom('none', 'inline', 'named'),
    args: fc
      .tuple(fc.tuple(...required.map((a) => argPlan(a.name, a.type))), fc.subarray(optional))
      .chain(([req, opt]) => fc.tuple(fc.constant(req), fc.tuple(...opt.map((a) => argPlan(a.name, a.type)))))
      .map(([req, opt]) => [...req, ...opt]),
  });
}

function operationPlan(kind: 'query' | 'mutation'): fc.Arbitrary<OperationPlan> {
  const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  const fields = Object.values(root.getFields());
  // Fields with an ID argument (whose source an id decides) come up more often; operations of one field most often
  // (a second field of another source gets the whole operation refused, whatever the first one does).
  const field = fc.oneof(...fields.map((f) => ({ arbitrary: fieldPlan(f), weight: f.args.some((a) => getNamedType(a.type).name === 'ID') ? 6 : 1 })));
  return fc.record({
    kind: fc.constant(kind),
    role: fc.constantFrom(...ROLES),
    fields: fc.oneof({ arbitrary: fc.tuple(field), weight: 4 }, { arbitrary: fc.array(field, { minLength: 2, maxLength: 3 }), weight: 1 }),
  });
}

/** `value` as a GraphQL literal of `type`. */
function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return 'null';
  if (isNonNullType(type)) return literal(value, type.ofType);
  if (isListType(type)) return Array.isArray(value) ? `[${value.map((v) => literal(v, type.ofType)).join(', ')}]` : literal(value, type.ofType);
  if (isEnumType(type)) return value as string;
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${literal(v, fields[k]!.type)}`)
      .join(', ')} }`;
  }
  return jsonLiteral(value);
}

function jsonLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsonLiteral).join(', ')}]`;
  if (typeof value === 'object' && value !== null)
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${jsonLiteral(v)}`)
      .join(', ')} }`;
  return JSON.stringify(value);
}

/** A selection of every leaf field without required arguments, `depth` levels down (abstract types: each possible type). */
function selection(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  const parts = ['__typename'];
  const objects = isAbstractType(named) ? schema.getPossibleTypes(named) : isObjectType(named) ? [named] : [];
  for (const object of objects) {
    const inner: string[] = [];
    // Each possible type's fields under their own aliases: the types' fields of one name may differ in type.
    const alias = isAbstractType(named) ? `${object.name}_` : '';
    for (const f of Object.values(object.getFields())) {
      if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
      const name = alias ? `${alias}${f.name}: ${f.name}` : f.name;
      if (isLeafType(getNamedType(f.type))) inner.push(name);
      else if (depth > 1) inner.push(`${name}${selection(f.type, depth - 1)}`);
    }
    parts.push(isAbstractType(named) ? `... on ${object.name} { ${inner.join(' ')} }` : inner.join(' '));
  }
  return ` { ${parts.join(' ')} }`;
}

/** The operation's text and variables; `upload` when it needs a multipart request (its file is variable `$file`). */
function build(plan: OperationPlan): { query: string; variables: Record<string, unknown>; upload: boolean } {
  const root = plan.kind === 'query' ? 'Query' : 'Mutation';
  const rootFields = (plan.kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!).getFields();
  const definitions: string[] = [];
  const variables: Record<string, unknown> = {};
  const fragments: string[] = [];
  const selections: string[] = [];
  let upload = false;
  let n = 0;
  plan.fields.forEach((f, k) => {
    const field = rootFields[f.field]!;
    const args: string[] = [];
    for (const a of f.args) {
      if (getNamedType(a.type).name === 'Upload') {
        if (!upload) definitions.push('$file: Upload!');
        upload = true;
        args.push(`${a.name}: $file`);
        continue;
      }
      if (a.shape === 'inline') {
        args.push(`${a.name}: ${literal(a.value, a.type)}`);
        continue;
      }
      const v = `v${n++}`;
      const withDefault = a.shape === 'default' || a.shape === 'overridden';
      // A nullable variable may stand for a required argument only when it has a default (else: a validation error).
      const declared = withDefault && a.nullable && isNonNullType(a.type) ? String(a.type.ofType) : String(a.type);
      definitions.push(`$${v}: ${declared}${withDefault ? ` = ${literal(a.value, a.type)}` : ''}`);
      if (a.shape === 'variable') variables[v] = a.value;
      if (a.shape === 'overridden') variables[v] = a.other;
      args.push(`${a.name}: $${v}`);
    }
    const text = `${f.alias ? `${f.alias}${k}: ` : ''}${f.field}${args.length ? `(${args.join(', ')})` : ''}${selection(field.type, 3)}`;
    if (f.wrap === 'inline') selections.push(`... on ${root} { ${text} }`);
    else if (f.wrap === 'named') {
      fragments.push(`fragment F${k} on ${root} { ${text} }`);
      selections.push(`...F${k}`);
    } else selections.push(text);
  });
  const query = `${plan.kind}${definitions.length ? `(${definitions.join(', ')})` : ''} { ${selections.join(' ')} }${fragments.map((f) => `\n${f}`).join('')}`;
  return { query, variables, upload };
}

/** Sends the operation as the role's caller (multipart when it carries a file). */
async function send(plan: OperationPlan): Promise<{ status: number; body: GraphQLResponse['body'] }> {
  const { query, variables, upload } = build(plan);
  if (!upload) return stack.gql(query, variables, { 'x-api-key': plan.role.key });
  return uploadFile(
    stack.gateway.url,
    query,
    variables,
    { name: 'c.xml', content: '<a/>' },
    { 'apollo-require-preflight': 'true', 'x-api-key': plan.role.key },
  );
}

function callsBySource(): Record<SourceName, number> {
  return { SAILPOINT: stack.apiCalls(), LOGTO: stack.logtoCalls(), CONDUCTORONE: stack.c1Calls() };
}

describe('a source-scoped caller (property)', () => {
  it('generates valid operations for every root field of the schema', () => {
    // Arguments inline or as variables with values: every root field, alone, makes a document the schema accepts
    // (so the property below exercises execution, not only validation).
    for (const kind of ['query', 'mutation'] as const) {
      const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
      for (const field of Object.values(root.getFields())) {
        const plans = fc.sample(fieldPlan(field), { numRuns: 5, seed: 42 });
        for (const f of plans) {
          for (const shape of ['inline', 'variable'] as const) {
            const { query } = build({ kind, role: ROLES[0]!, fields: [{ ...f, args: f.args.map((a) => ({ ...a, shape })) }] });
            expect(
              validate(schema, parse(query)).map((e) => e.message),
              query,
            ).toEqual([]);
          }
        }
      }
    }
  });

  it('never causes a backend call to another source, and a refusal is FORBIDDEN before any call', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(operationPlan('query'), operationPlan('mutation')), async (plan) => {
        for (const s of [stack.sailpoint, stack.logto, stack.conductorone]) s.reset();
        const res = await send(plan);
        const calls = callsBySource();
        const what = `${plan.role.level}@${plan.role.source}: ${build(plan).query} ${JSON.stringify(build(plan).variables)} → ${res.status} ${JSON.stringify(res.body.errors?.map((e) => e.extensions?.code))}`;
        for (const source of SOURCE_NAMES) {
          if (source !== plan.role.source) expect(calls[source], `${source} called: ${what}`).toBe(0);
        }
        if (res.status === 403) {
          expect(res.body.errors?.[0]?.extensions?.code, what).toBe('FORBIDDEN');
          expect(calls[plan.role.source], what).toBe(0);
        }
        // Not vacuous: an operation whose every field is fixed to the role's own source (and that the role's level
        // may run) is never refused.
        const table = rootFieldSources(schema)[plan.kind];
        const fixedSource = (field: string) => {
          const rule = table.get(field)?.[0];
          return rule && 'source' in rule ? rule.source : undefined;
        };
        if ((plan.kind === 'query' || plan.role.level === 'editor') && plan.fields.every((f) => fixedSource(f.field) === plan.role.source)) {
          expect(res.body.errors?.some((e) => e.extensions?.code === 'FORBIDDEN') ?? false, what).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });
});
