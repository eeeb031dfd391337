/**
 * ConductorOne's reasons reach the caller (issue 17): a create with an unknown catalogId is refused with the
 * service's `google.rpc.Status` text, its gRPC code and the field it names, end to end through the gateway against
 * the sandbox over real HTTP. Plus the reader of ConductorOne's error bodies (grpc-gateway and Connect shapes,
 * `google.rpc.BadRequest` details, protoc-gen-validate and protojson messages).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import { conductorOneReasonOf } from '../../src/sources/conductorone/reasons.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

const CREATE = `mutation($input: CreateAppConnectorInput!) { createAppConnector(input: $input) { id } }`;

describe("ConductorOne's reasons through the gateway", () => {
  it('a create with an unknown catalogId: "no catalog entry has the id …", INVALID_ARGUMENT, the catalogId field', async () => {
    const app = stack.conductorone.store.apps()[0]!;
    const secret = 'c1-refused-token-8d0a4e17';
    const { body } = await stack.gql(CREATE, {
      input: { appId: app.id, catalogId: 'no-such-catalog', config: { '@type': 'type.googleapis.com/c1.connector.v1.Nothing', accessToken: secret } },
    });
    const [error] = body.errors!;
    expect(error!.message).toBe(
      'CONDUCTORONE refused the request as invalid (HTTP 400): invalid ConnectorServiceCreateRequest.catalogId: no catalog entry has the id "no-such-catalog".',
    );
    expect(error!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      source: 'CONDUCTORONE',
      upstreamStatus: 400,
      upstreamMessage: 'invalid ConnectorServiceCreateRequest.catalogId: no catalog entry has the id "no-such-catalog"',
      vendorCode: 'INVALID_ARGUMENT',
      problems: [{ key: 'catalogId', message: 'no catalog entry has the id "no-such-catalog"' }],
    });
    expect(JSON.stringify(body)).not.toContain(secret);
  });
});

describe('conductorOneReasonOf', () => {
  it("reads grpc-gateway's google.rpc.Status: the code's name, the message, the fields validation names", () => {
    const body = {
      code: 3,
      message: 'invalid Connector.displayName: value must not be empty; invalid Connector.userIds[0]: items must not be empty',
      details: [],
    };
    expect(conductorOneReasonOf(JSON.stringify(body))).toEqual({
      vendorCode: 'INVALID_ARGUMENT',
      message: body.message,
      problems: [
        { key: 'displayName', message: 'value must not be empty' },
        { key: 'userIds[0]', message: 'items must not be empty' },
      ],
    });
  });

  it("reads a google.rpc.BadRequest detail's field violations, protojson's messages and Connect's string codes", () => {
    const badRequest = {
      code: 3,
      message: 'bad request',
      details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field: 'config.region', description: 'unknown region' }] }],
    };
    expect(conductorOneReasonOf(JSON.stringify(badRequest))?.problems).toEqual([{ key: 'config.region', message: 'unknown region' }]);
    expect(conductorOneReasonOf(JSON.stringify({ code: 3, message: 'invalid value for string field catalogId: 42' }))?.problems).toEqual([
      { key: 'catalogId', message: '42' },
    ]);
    expect(conductorOneReasonOf(JSON.stringify({ code: 'not_found', message: 'app not found' }))).toEqual({
      vendorCode: 'NOT_FOUND',
      message: 'app not found',
    });
    expect(conductorOneReasonOf(JSON.stringify({ code: 5, message: 'invalid page token' }))).toEqual({
      vendorCode: 'NOT_FOUND',
      message: 'invalid page token',
    });
  });

  it('reads nothing from what is not a status', () => {
    for (const body of ['', 'Not Found', '[]', '{}', '{"code":true}', 'null']) expect(conductorOneReasonOf(body)).toBeUndefined();
  });
});
