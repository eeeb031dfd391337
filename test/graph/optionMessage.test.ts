/**
 * A NOT_AN_OPTION message is bounded whatever the number of values a caller gives (review of issue 17: 20 000
 * non-options made a 188 946-character message, repeated in a test's result; this test failed before the fix).
 */
import { describe, expect, it } from 'vitest';
import { checkForm } from '../../src/graph/form.js';
import type { RawSettingsField } from '../../src/graph/settings.js';

const field: RawSettingsField = {
  section: 'GENERAL',
  key: 'scopes',
  label: 'Scopes',
  type: 'MultiSelect',
  kind: 'MULTI_SELECT',
  options: [{ value: 'openid', label: 'openid' }],
};

describe('NOT_AN_OPTION', () => {
  it('a problem message is bounded whatever the number of values given', () => {
    const value = Array.from({ length: 20_000 }, (_, i) => `x${i}`);
    const { problems } = checkForm([field], [{ key: 'scopes', value }], 'update');
    expect(problems[0]?.code).toBe('NOT_AN_OPTION');
    expect(problems[0]!.message.length).toBeLessThan(2000);
  });
});
