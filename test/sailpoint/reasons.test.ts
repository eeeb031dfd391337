/**
 * SailPoint's reasons reach the caller (issue 17): a create whose name exists is refused with SailPoint's
 * ErrorResponseDto text and detail code, end to end through the gateway against the sandbox over real HTTP. Plus
 * the reader of SailPoint's error bodies (ErrorResponseDto in several locales with causes, the 401 and 429 shapes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/gateway.js';
import { sailpointReasonOf } from '../../src/sources/sailpoint/reasons.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

const CREATE = `mutation($input: CreateScriptConnectorInput!) { createScriptConnector(input: $input) { id } }`;

describe("SailPoint's reasons through the gateway", () => {
  it("a create with a name that exists: SailPoint's text and detail code", async () => {
    const existing = stack.sailpoint.store.list()[0]!;
    const { body } = await stack.gql(CREATE, { input: { name: existing.name, className: 'sailpoint.connector.OpenConnectorAdapter' } });
    const [error] = body.errors!;
    expect(error!.message).toBe(`SAILPOINT refused the request as invalid (HTTP 400): A connector named '${existing.name}' already exists.`);
    expect(error!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      source: 'SAILPOINT',
      upstreamStatus: 400,
      upstreamMessage: `A connector named '${existing.name}' already exists.`,
      vendorCode: '400.1 Bad Request Content',
    });
    expect(error!.extensions).not.toHaveProperty('problems');
  });
});

describe('sailpointReasonOf', () => {
  it('reads the English message once (SailPoint repeats it per locale), the causes after it, the detail code', () => {
    const body = {
      detailCode: '400.1.3 Illegal value',
      trackingId: 'edf48ac42d4a426384dcf0d0196cbfeb',
      messages: [
        { locale: 'und', localeOrigin: 'REQUEST', text: 'Column is unknown' },
        { locale: 'en-US', localeOrigin: 'DEFAULT', text: 'Column is unknown' },
      ],
      causes: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: 'Illegal value "x" for field "status"' }],
    };
    expect(sailpointReasonOf(JSON.stringify(body))).toEqual({
      vendorCode: '400.1.3 Illegal value',
      message: 'Column is unknown. Illegal value "x" for field "status".',
      problems: [{ key: 'status', message: 'Illegal value "x" for field "status"' }],
    });
  });

  it('names the field a text quotes first', () => {
    const body = {
      detailCode: '400.1 Bad Request Content',
      messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: "'className' is required and must be a non-empty string." }],
    };
    expect(sailpointReasonOf(JSON.stringify(body))?.problems).toEqual([
      { key: 'className', message: "'className' is required and must be a non-empty string." },
    ]);
  });

  it('reads the 401 and 429 shapes, and nothing from what is not a SailPoint body', () => {
    expect(sailpointReasonOf('{"error":"JWT validation failed: JWT is expired"}')).toEqual({ message: 'JWT validation failed: JWT is expired.' });
    expect(sailpointReasonOf('{"message":"Rate Limit Exceeded"}')).toEqual({ message: 'Rate Limit Exceeded.' });
    for (const body of ['', '<html>', '[]', '{}', '{"messages":[{"text":"  "}]}', 'null']) expect(sailpointReasonOf(body)).toBeUndefined();
  });
});
