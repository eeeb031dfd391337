/**
 * schema.graphql, the committed schema artifact (clients generate from it, `rover graph publish` sends it), is what
 * the gateway serves: a schema change without `npm run schema:print` fails here.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCHEMA_ARTIFACT, printGatewaySchema } from '../../scripts/print-schema.js';
import { createSchema } from '../../src/schema.js';

describe('schema.graphql', () => {
  it('is the schema the gateway serves (else run `npm run schema:print`)', () => {
    expect(readFileSync(SCHEMA_ARTIFACT, 'utf8'), 'schema.graphql is stale: run `npm run schema:print` and commit it').toBe(printGatewaySchema());
  });

  it('builds back into the same schema, descriptions included', () => {
    const rebuilt = buildSchema(readFileSync(SCHEMA_ARTIFACT, 'utf8'));
    expect(printSchema(rebuilt)).toBe(printSchema(createSchema()));
    expect(rebuilt.getQueryType()?.getFields().connectors?.description).toMatch(/^Connectors of every selected source/);
  });
});
