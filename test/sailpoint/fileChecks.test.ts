import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseProperties } from '../../src/sources/sailpoint/properties.js';
import { checkProperties, checkSailPointXml, checkXml, decodeUtf8, type CheckResult, type SailPointXmlKind } from '../../src/sources/sailpoint/fileChecks.js';

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

  it('accepts a key alone, as Java does (README: an empty value)', () => {
    expect(checkProperties('title\nkey=value')).toEqual({ ok: true });
    expect(parseProperties('title\nkey=value')).toEqual(
      new Map([
        ['title', ''],
        ['key', 'value'],
      ]),
    );
  });

  it('accepts only texts that Java reads as entries with non-empty keys (property)', () => {
    const line = fc.oneof(
      fc.constantFrom('# c', '! c', '', '  ', 'k=v', 'k : v', 'k v', 'k', '=v', ':v', ' = v', 'a\\', 'b\\\\', '\\ k=v', 'x\\=y'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const text = lines.join('\n');
        if (!checkProperties(text).ok) return;
        const read = parseProperties(text);
        expect(read.size).toBeGreaterThan(0);
        expect(read.has('')).toBe(false);
      }),
      { numRuns: 1000 },
    );
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

describe('refusals end once', () => {
  // A problem is a fragment the caller ends ("The SOURCE_CONFIG file is refused: <problem>."): it must not end with a
  // period of its own (saxes ends its messages with one), or the refusal ends twice.
  const kinds: SailPointXmlKind[] = ['source config', 'application', 'correlation config', 'source template'];
  const checks: [string, (text: string) => CheckResult][] = [
    ['checkXml', checkXml],
    ['checkProperties', checkProperties],
    ...kinds.map((kind): [string, (text: string) => CheckResult] => [`checkSailPointXml(${kind})`, (text) => checkSailPointXml(kind, text)]),
  ];
  const problemOf = (result: CheckResult) => (result.ok ? undefined : result.problem);

  it.each(checks)('%s: the README example and known parser messages', (_name, check) => {
    for (const text of ['<a></b>', '<a><b></a>', '<a/><b/>', 'hello.', '<a xmlns:x="u"><y:b/></a>', '=value', '<a>&nbsp;</a>']) {
      const problem = problemOf(check(text));
      if (problem !== undefined) expect(problem).not.toMatch(/[.\s]$/);
    }
    expect(problemOf(checkXml('<a></b>'))).toBe('not well-formed XML: 1:7: unexpected close tag');
  });

  it.each(checks)('%s: any text (property)', (_name, check) => {
    const xmlish = fc.array(fc.constantFrom('<a>', '</a>', '<b/>', '</b>', '<x:c>', ' xmlns:x="u"', '&amp;', '&x;', '<!DOCTYPE a>', '.', ' ', 'k=v', '\n'), {
      maxLength: 12,
    });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          xmlish.map((parts) => parts.join('')),
        ),
        (text) => {
          const problem = problemOf(check(text));
          if (problem !== undefined) expect(problem).not.toMatch(/[.\s]$/);
        },
      ),
      { numRuns: 500 },
    );
  });
});
