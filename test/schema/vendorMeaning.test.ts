/**
 * Field descriptions say what the vendor's field means, as the vendor documents it: ConductorOne's `downloadUrl` is
 * the spreadsheet a connector was created from ("The downloadUrl for a spreadsheet if the connector was created from
 * uploading a file", read-only), its `disableCheckBadSync` is documented by its name only, and Logto's `syncProfile`
 * false means the profile is synced only when the user is created ("If `false`, the user profile will only be synced
 * when the user is created").
 */
import { isInputObjectType, isObjectType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createSchema } from '../../src/schema.js';

const schema: GraphQLSchema = createSchema();

function description(typeName: string, fieldName: string): string {
  const type = schema.getType(typeName);
  if (!isObjectType(type) && !isInputObjectType(type)) throw new Error(`${typeName} is not an object or input type`);
  const field = type.getFields()[fieldName];
  if (!field) throw new Error(`${typeName}.${fieldName} does not exist`);
  return field.description ?? '';
}

describe('descriptions follow the vendor', () => {
  it("ConductorOne's downloadUrl is the spreadsheet an uploaded connector was created from", () => {
    const text = description('AppConnector', 'downloadUrl');
    expect(text).toMatch(/spreadsheet the connector was created from, for a connector created by uploading a file/);
    expect(text).toMatch(/Read-only\.$/);
    expect(text).not.toMatch(/self-hosted/);
  });

  it("ConductorOne's disableCheckBadSync turns its bad-sync check off, and claims no more than ConductorOne says", () => {
    expect(description('AppConnector', 'disableCheckBadSync')).toMatch(/bad-sync check is disabled .*describes by its name only/);
    expect(description('UpdateAppConnectorInput', 'disableCheckBadSync')).toMatch(/^Disables \(true\) or enables \(false\) ConductorOne's bad-sync check/);
    for (const typeName of ['AppConnector', 'UpdateAppConnectorInput']) expect(description(typeName, 'disableCheckBadSync')).not.toMatch(/lost most/);
  });

  it("Logto's syncProfile false means synced only when the user is created", () => {
    expect(description('LoginConnector', 'syncProfile')).toMatch(/at every sign-in; false: only when the user is created/);
    for (const typeName of ['CreateLoginConnectorInput', 'UpdateLoginConnectorInput']) {
      expect(description(typeName, 'syncProfile')).toMatch(/at every sign-in \(true\) or only when the user is created \(false/);
    }
  });
});
