import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { codeForStatus } from '../../src/errors/codes.js';
import { UpstreamError, BadUserInputError } from '../../src/errors/classes.js';
import { formatError, MASKED_MESSAGE } from '../../src/errors/format.js';
import { parseRetryAfter, queryString } from '../../src/http/upstream.js';
import { parseToken } from '../../src/http/tokens.js';

describe('codeForStatus', () => {
  it.each([
    [400, 'BAD_USER_INPUT'],
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [409, 'CONFLICT'],
    [429, 'UPSTREAM_RATE_LIMITED'],
    [500, 'UPSTREAM_UNAVAILABLE'],
    [503, 'UPSTREAM_UNAVAILABLE'],
    [504, 'UPSTREAM_TIMEOUT'],
    [302, 'UPSTREAM_BAD_RESPONSE'],
  ])('%i → %s', (status, code) => {
    expect(codeForStatus(status)).toBe(code);
  });
});

describe('UpstreamError', () => {
  it('carries source and status, never an upstream body', () => {
    const e = new UpstreamError('SAILPOINT', 500, { detail: { method: 'GET', path: '/x', body: 'stack trace at Foo.java:1' } });
    expect(e.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', source: 'SAILPOINT', upstreamStatus: 500 });
    expect(e.message).not.toContain('Foo.java');
  });
});

describe('formatError', () => {
  it('passes coded errors through and masks everything else', () => {
    const safe = new BadUserInputError('bad');
    expect(formatError({ message: 'bad', extensions: { code: 'BAD_USER_INPUT', stacktrace: ['x'] } }, safe)).toEqual({
      message: 'bad',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const wrapped = new GraphQLError('db password is hunter2', { originalError: new Error('db password is hunter2') });
    expect(formatError({ message: 'db password is hunter2', path: ['a'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrapped)).toEqual({
      message: MASKED_MESSAGE,
      path: ['a'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it("gives Apollo's 4xx refusals of a request without a code BAD_REQUEST, and masks the same shape from a resolver or with a 5xx", () => {
    const http = (status: number) => ({ http: { status, headers: new Map() } });
    const masked = { message: MASKED_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    const formatted = { message: 'provided sha does not match query', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    expect(formatError(formatted, new GraphQLError('provided sha does not match query', { extensions: http(400) }))).toEqual({
      message: 'Provided sha does not match query.',
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(formatError(formatted, new GraphQLError('provided sha does not match query', { extensions: http(500) }))).toEqual(masked);
    expect(formatError(formatted, new GraphQLError('provided sha does not match query'))).toEqual(masked);
    const fromResolver = new GraphQLError('db password is hunter2', { path: ['a'], extensions: http(400) });
    expect(formatError({ ...formatted, path: ['a'] }, fromResolver)).toEqual({ ...masked, path: ['a'] });
  });
});

describe('http helpers', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('builds query strings from defined values only', () => {
    expect(queryString({ limit: 20, filters: 'name co "a b"', skip: undefined, count: true })).toBe('?limit=20&filters=name%20co%20%22a%20b%22&count=true');
    expect(queryString({})).toBe('');
  });

  it('parses token answers and refuses ones without a token', () => {
    expect(parseToken('{"access_token":"t","expires_in":3600}')).toEqual({ accessToken: 't', expiresIn: 3600 });
    expect(parseToken('{"access_token":"t"}')).toEqual({ accessToken: 't', expiresIn: 300 });
    expect(parseToken('{"token":"t"}')).toBeUndefined();
    expect(parseToken('<html>')).toBeUndefined();
  });
});
