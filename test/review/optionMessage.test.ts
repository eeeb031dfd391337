/**
 * Review (issue 17): a NOT_AN_OPTION problem for a MULTI_SELECT lists every value given outside the options
 * (src/graph/form.ts valueProblem → notAnOption: `values.map(preview).join(', ')`): each value is cut at 100
 * characters, but their number is not, so one value of many distinct strings gives a problem message as long as the
 * request (and the test's message repeats it). The options list is cut at 10; the echoed values are not.
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
