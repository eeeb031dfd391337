import { describe, expect, it } from 'vitest';
import { checkProperties, checkXml, decodeUtf8 } from '../../src/sources/sailpoint/fileChecks.js';

describe('checkXml', () => {
  it("accepts well-formed XML, with or without SailPoint's DTD reference", () => {
    expect(checkXml('<?xml version="1.0"?>\n<!DOCTYPE Application PUBLIC "sailpoint.dtd" "sailpoint.dtd">\n<Application name="a"/>')).toEqual({ ok: true });
    expect(checkXml('<Form a="1"><Field name="x">&amp;&#169;</Field></Form>')).toEqual({ ok: true });
  });

  it.each([
    [
      'an internal DTD subset with an external entity',
      '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>',
      'document type declaration',
    ],
    ['a SYSTEM DTD', '<!DOCTYPE foo SYSTEM "http://example.com/x.dtd"><foo/>', 'document type declaration'],
    ['entity expansion', '<!DOCTYPE l [<!ENTITY a "aa"><!ENTITY b "&a;&a;">]><l>&b;</l>', 'document type declaration'],
    ['an undefined entity', '<a>&nbsp;</a>', 'undefined entity'],
    ['mismatched tags', '<a><b></a>', 'not well-formed'],
    ['two roots', '<a/><b/>', 'not well-formed'],
    ['plain text', 'hello', 'not well-formed'],
    ['an empty file', '  ', 'empty'],
  ])('refuses %s', (_what, xml, problem) => {
    const result = checkXml(xml);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toContain(problem);
  });
});

describe('checkProperties', () => {
  it('accepts comments, separators and continuation lines', () => {
    expect(checkProperties('# comment\n! other\nkey=value\nkey2 : value\nkey3 value\nlong=a \\\n   b\n\n')).toEqual({ ok: true });
  });

  it.each([
    ['XML', '<?xml version="1.0"?><a/>'],
    ['a control character', 'a=\u0001'],
    ['a line without a key', '=value'],
    ['only comments', '# nothing\n'],
    ['nothing', ''],
  ])('refuses %s', (_what, text) => {
    expect(checkProperties(text).ok).toBe(false);
  });
});

describe('decodeUtf8', () => {
  it('decodes UTF-8 and refuses other bytes', () => {
    expect(decodeUtf8(Buffer.from('grüße', 'utf8'))).toBe('grüße');
    expect(decodeUtf8(Uint8Array.from([0xff, 0xfe, 0x00]))).toBeUndefined();
  });
});
