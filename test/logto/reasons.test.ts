/**
 * Logto's reasons reach the caller (issue 17): a refusal's message, code and field problems, end to end through the
 * gateway over real HTTP against the Logto sandbox, which answers with Logto's RequestError bodies. Plus the reader
 * of those bodies on the shapes Logto gives (packages/core RequestError.toBody, koaGuard's ZodError).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import { logtoReasonOf } from '../../src/sources/logto/reasons.js';
import { loginConnectorId } from '../../src/sources/logto/mappers.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

const UPDATE = `mutation($id: String!, $input: UpdateLoginConnectorInput!) { updateLoginConnector(id: $id, input: $input) { id } }`;
const CREATE = `mutation($input: CreateLoginConnectorInput!) { createLoginConnector(input: $input) { id } }`;
const PATCH = `mutation($id: ID!, $operations: [JsonPatchOperationInput!]!) { patchConnector(id: $id, operations: $operations) { id } }`;
const TEST = `mutation($factoryId: String!, $config: JSONObject!, $email: String) {
  testLoginConnector(factoryId: $factoryId, config: $config, email: $email) { ok message }
}`;

describe("Logto's reasons through the gateway", () => {
  it('syncProfile on an email connector: the 422 names the reason in the message, upstreamMessage and vendorCode', async () => {
    const mail = stack.logto.store.connectors().find((c) => c.connectorId === 'sendgrid-email-service')!;
    const { body } = await stack.gql(UPDATE, { id: mail.id, input: { syncProfile: true } });
    expect(body.data).toBeNull();
    const [error] = body.errors!;
    expect(error!.message).toBe('LOGTO refused the request as invalid (HTTP 422): Only social connectors can sync user profiles.');
    expect(error!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      source: 'LOGTO',
      upstreamStatus: 422,
      upstreamMessage: 'Only social connectors can sync user profiles.',
      vendorCode: 'connector.invalid_type_for_syncing_profile',
      requestId: expect.any(String),
    });
  });

  it('a second connector of a non-standard social factory: "already exists", with the factory', async () => {
    const google = stack.logto.store.connectors().find((c) => c.connectorId === 'google-universal')!;
    const { body } = await stack.gql(CREATE, { input: { connectorId: 'google-universal', config: google.config } });
    expect(body.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      upstreamStatus: 422,
      upstreamMessage: "A connector of the factory 'google-universal' already exists.",
      vendorCode: 'connector.multiple_instances_not_supported',
    });
    // The config carried a client secret: the answer never does.
    expect(JSON.stringify(body)).not.toContain(String(google.config.clientSecret));
  });

  it("a metadata value Logto's guard refuses is refused by the gateway, naming the field, before anything is sent", async () => {
    // Logto's guard would answer guard.invalid_input with the field's path (its reader is tested below); the gateway
    // checks the same types first, so that it never sends a body Logto's contract refuses.
    const oidc = stack.logto.store.connectors().find((c) => c.connectorId === 'oidc')!;
    stack.resetCalls();
    for (const [operation, variables] of [
      [UPDATE, { id: oidc.id, input: { metadata: { logo: 42 } } }],
      [CREATE, { input: { connectorId: 'oidc', config: oidc.config, metadata: { target: 'x', name: { en: 7 } } } }],
      [PATCH, { id: loginConnectorId(oidc.id), operations: [{ op: 'add', path: '/metadata/logoDark', value: false }] }],
    ] as const) {
      const { body } = await stack.gql(operation, variables);
      const [error] = body.errors!;
      expect(error!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: expect.stringMatching(/metadata\.(logo|name|logoDark)$/) });
      expect(error!.message).toMatch(/metadata\.(logo|name|logoDark) must be /);
    }
    expect(stack.logtoCalls({ method: 'PATCH' }) + stack.logtoCalls({ method: 'POST' })).toBe(0);
  });

  it('a factory test to a malformed email: the gateway names sendTo before anything is sent', async () => {
    stack.resetCalls();
    const { body } = await stack.gql(TEST, {
      factoryId: 'sendgrid-email-service',
      config: stack.logto.store.connectors().find((c) => c.connectorId === 'sendgrid-email-service')!.config,
      email: 'not-an-email',
    });
    expect(body.data?.testLoginConnector).toMatchObject({ ok: false, message: expect.stringMatching(/email/) });
    expect(stack.logtoCalls({ method: 'POST', pathIncludes: '/test' })).toBe(0);
  });
});

describe('logtoReasonOf', () => {
  it("reads a RequestError body: Logto's message and code", () => {
    const body = { code: 'connector.invalid_type_for_syncing_profile', message: 'You can only sync user profile with social connectors.' };
    expect(logtoReasonOf(JSON.stringify(body))).toEqual({
      message: 'You can only sync user profile with social connectors.',
      vendorCode: 'connector.invalid_type_for_syncing_profile',
    });
  });

  it("reads koaGuard's ZodError issues as problems keyed by their path", () => {
    const body = {
      code: 'guard.invalid_input',
      message: 'The request body is invalid.',
      data: {
        issues: [
          { validation: 'regex', code: 'invalid_string', message: 'Invalid', path: ['email'] },
          { code: 'invalid_type', expected: 'string', received: 'number', path: ['config', 'items', 0], message: 'Expected string, received number' },
          { code: 'custom', path: [], message: 'a whole-body issue names no field' },
        ],
        name: 'ZodError',
      },
      details: 'Error in key path "email": (invalid_string) Invalid',
    };
    expect(logtoReasonOf(JSON.stringify(body))?.problems).toEqual([
      { key: 'email', message: 'Invalid' },
      { key: 'config.items.0', message: 'Expected string, received number' },
    ]);
  });

  it("puts a config guard's paths under config, and reads `details` when data has no issues", () => {
    const invalidConfig = {
      code: 'connector.invalid_config',
      message: "The connector's config is invalid.",
      data: { issues: [{ path: ['apiKey'], message: 'Required' }] },
    };
    expect(logtoReasonOf(JSON.stringify(invalidConfig))?.problems).toEqual([{ key: 'config.apiKey', message: 'Required' }]);
    const detailsOnly = {
      code: 'guard.invalid_input',
      message: 'The request query is invalid.',
      details: 'Error in key path "page": (invalid_type) Expected number but received string.\nnot a key path line',
    };
    expect(logtoReasonOf(JSON.stringify(detailsOnly))?.problems).toEqual([{ key: 'page', message: 'Expected number but received string.' }]);
  });

  it('reads a bare message (a body Logto could not parse), and nothing from what is not a Logto body', () => {
    expect(logtoReasonOf('{"message":"Unexpected token } in JSON at position 9"}')).toEqual({ message: 'Unexpected token } in JSON at position 9' });
    for (const body of ['', 'upstream failure', '[]', '{}', '{"message":42}', 'null']) expect(logtoReasonOf(body)).toBeUndefined();
  });
});
