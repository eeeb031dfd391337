/**
 * Secrets in SailPoint's XML files: masked on the way out (well-formed, agreeing with `settings`), put back on the way
 * in. Unit tests, and property tests over generated source-config forms (their content is the source's, or a client's
 * upload: anything).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskXmlSecrets, restoreXmlSecrets } from '../../src/sources/sailpoint/xmlSecrets.js';
import { settingsFromSourceConfig } from '../../src/sources/sailpoint/mappers.js';
import { checkXml } from '../../src/sources/sailpoint/fileChecks.js';
import { createSailPointSeed, xmlAttr } from '../../src/sources/sailpoint/sandbox/seed.js';

const KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1c2VjcmV0LWtleS1ib2R5\n-----END RSA PRIVATE KEY-----';

const FORM = `<?xml version='1.0' encoding='UTF-8'?>
<Form xmlns="http://www.sailpoint.com/xsd/sailpoint_form_2_0.xsd" name="Demo" type="SourceConfig">
  <!-- the demo form -->
  <Description>Service key for the demo: ${KEY}</Description>
  <Menu label="Configuration">
    <MenuItem keyName="connectionSettings" label="Connection Settings">
      <Section label="Connection" sectionHelpMessage="Where &amp; how">
        <Field name="baseUrl" displayName="Base URL" type="url" value="https://demo.example.com/a?b=1&amp;c=2"/>
        <Field name="password" displayName="Password" helpKey="help_password" type="password" value="pa&quot;ss&lt;word"/>
        <Field name="apiToken" displayName="API Token" type="text" value="tok-123"/>
        <Field name="emptySecret" type="secret" value=""/>
        <Field name="certificate" type="textarea" value="${xmlAttr(KEY)}"/>
        <Field name="connectionKeyName" type="text" value="not-so-secret-but-named-so"/>
      </Section>
    </MenuItem>
  </Menu>
</Form>
`;

const APPLICATION = `<?xml version='1.0' encoding='UTF-8'?>
<!DOCTYPE Application PUBLIC "sailpoint.dtd" "sailpoint.dtd">
<Application connector="x" name="Demo" type="Demo">
  <Attributes>
    <Map>
      <entry key="host" value="ldap.example.com"/>
      <entry key="password" value="1:ACP:encrypted-password"/>
      <entry key="privateKeyPassphrase"><value><String>nested-string-secret</String></value></entry>
      <entry key="passwords"><value><List><String>list-secret-1</String><String>list-secret-2</String></List></value></entry>
      <entry key="script"><value><Script><Source><![CDATA[return "${KEY}";]]></Source></Script></value></entry>
      <entry key="encrypted" value="password,privateKeyPassphrase"/>
    </Map>
  </Attributes>
  <Owner name="admin" clientSecret="attr-secret-value"/>
</Application>
`;

const SECRETS = [
  'pa"ss<word',
  'tok-123',
  'MIIEowIBAAKCAQEA1c2VjcmV0LWtleS1ib2R5',
  'not-so-secret-but-named-so',
  '1:ACP:encrypted-password',
  'nested-string-secret',
  'list-secret-1',
  'list-secret-2',
  'attr-secret-value',
];

describe('maskXmlSecrets', () => {
  const form = maskXmlSecrets(FORM)!;
  const application = maskXmlSecrets(APPLICATION)!;

  it('masks every secret value, whatever it sits in (attribute, nested text, CDATA)', () => {
    for (const secret of SECRETS) {
      expect(form).not.toContain(secret);
      expect(application).not.toContain(secret);
    }
    expect(form).toContain('<Field name="password" displayName="Password" helpKey="help_password" type="password" value="********"/>');
    expect(form).toContain('<Field name="apiToken" displayName="API Token" type="text" value="********"/>');
    expect(form).toContain('<!-- the demo form -->');
    expect(form).toContain('<Description>Service key for the demo: ********</Description>');
    expect(form).toContain('<Field name="certificate" type="textarea" value="********"/>');
    expect(application).toContain('<entry key="privateKeyPassphrase"><value><String>********</String></value></entry>');
    expect(application).toContain('<List><String>********</String><String>********</String></List>');
    expect(application).toContain('<![CDATA[return "********";]]>');
    expect(application).toContain('<Owner name="admin" clientSecret="********"/>');
  });

  it('keeps what is not secret: other values, empty secrets, naming attributes, the document type', () => {
    expect(form).toContain('value="https://demo.example.com/a?b=1&amp;c=2"');
    expect(form).toContain('<Field name="emptySecret" type="secret" value=""/>');
    expect(form).toContain('sectionHelpMessage="Where &amp; how"');
    expect(application).toContain('<entry key="host" value="ldap.example.com"/>');
    expect(application).toContain('<entry key="encrypted" value="password,privateKeyPassphrase"/>');
    expect(application).toContain('<!DOCTYPE Application PUBLIC "sailpoint.dtd" "sailpoint.dtd">');
  });

  it('stays well-formed XML, and returns a document without secrets as it is', () => {
    expect(checkXml(form)).toEqual({ ok: true });
    expect(checkXml(application)).toEqual({ ok: true });
    const plain = `<?xml version='1.0'?>\n<a x='1'>text &amp; more<!-- note --></a>`;
    expect(maskXmlSecrets(plain)).toBe(plain);
  });

  it('shows nothing of a document that is not well-formed', () => {
    expect(maskXmlSecrets('<Field name="password" value="oops">')).toBeUndefined();
  });

  it('agrees with settings: every field settings locks is masked in the XML, and no other', () => {
    const settings = settingsFromSourceConfig(FORM)!;
    const locked = settings.sections
      .flatMap((s) => s.fields)
      .filter((f) => f.locked && f.isSet)
      .map((f) => f.key);
    expect(locked.sort()).toEqual(['apiToken', 'certificate', 'connectionKeyName', 'password']);
    for (const key of locked) expect(form).toMatch(new RegExp(`name="${key}"[^>]*value="\\*{8}"`));
    expect(form).not.toMatch(/name="baseUrl"[^>]*value="\*{8}"/);
  });

  it('changes no file of the sandbox seed but the secret values it holds', () => {
    let masked = 0;
    for (const c of createSailPointSeed()) {
      for (const xml of [c.applicationXml, c.correlationConfigXml, c.sourceTemplateXml]) expect(maskXmlSecrets(xml)).toBe(xml);
      const before = c.sourceConfigXml.split('\n');
      const after = maskXmlSecrets(c.sourceConfigXml)!.split('\n');
      expect(after).toHaveLength(before.length);
      before.forEach((line, i) => {
        if (line === after[i]) return;
        masked++;
        expect(line).toMatch(/type="(secret|password)"/);
        expect(after[i]).toBe(line.replace(/value="[^"]+"/, 'value="********"'));
      });
    }
    expect(masked).toBeGreaterThanOrEqual(5);
  });
});

describe('restoreXmlSecrets', () => {
  it('gives back the stored file when it is sent back exactly as read', () => {
    for (const xml of [FORM, APPLICATION]) expect(restoreXmlSecrets(maskXmlSecrets(xml)!, xml)).toEqual({ ok: true, xml });
  });

  it('puts stored secrets back into an edited file, by place (element names and their name/key), not by position', () => {
    const edited = maskXmlSecrets(APPLICATION)!
      .replace('<entry key="host" value="ldap.example.com"/>', '<entry key="port" value="636"/>\n      <entry key="host" value="ldaps.example.com"/>')
      .replace(/\n\s*/g, '');
    const restored = restoreXmlSecrets(edited, APPLICATION);
    expect(restored.ok).toBe(true);
    const xml = (restored as { xml: string }).xml;
    for (const secret of ['1:ACP:encrypted-password', 'nested-string-secret', 'list-secret-1', 'list-secret-2', 'attr-secret-value', KEY])
      expect(xml).toContain(secret);
    expect(xml).toContain('<entry key="port" value="636"/><entry key="host" value="ldaps.example.com"/>');
    expect(checkXml(xml)).toEqual({ ok: true });
  });

  it('refuses the mask where no secret is stored, and leaves a new secret as it is', () => {
    const withNew = maskXmlSecrets(FORM)!.replace('<Field name="apiToken"', '<Field name="newToken" type="secret" value="********"/>\n<Field name="apiToken"');
    const refused = restoreXmlSecrets(withNew, FORM);
    expect(refused.ok).toBe(false);
    expect((refused as { problem: string }).problem).toMatch(
      /^it holds the mask \*{8} at .*Field\[name=newToken\]@value, where no secret is stored; send the secret itself$/,
    );
    const given = maskXmlSecrets(FORM)!
      .replace('value="tok-123"', '')
      .replace('name="apiToken" displayName="API Token" type="text" value="********"', 'name="apiToken" type="text" value="a-new-token"');
    expect((restoreXmlSecrets(given, FORM) as { xml: string }).xml).toContain('value="a-new-token"');
    expect((restoreXmlSecrets(given, FORM) as { xml: string }).xml).toContain('value="pa&quot;ss&lt;word"');
  });
});

/** A generated source-config form: fields with secret or plain types and names, values with XML's special characters. */
const formArbitrary = fc
  .array(
    fc.record({
      name: fc.oneof(
        fc.constantFrom('password', 'clientSecret', 'api_key', 'privateKey', 'host', 'baseUrl', 'user', 'region'),
        fc.stringMatching(/^[a-z][A-Za-z]{0,8}$/),
      ),
      type: fc.constantFrom('text', 'secret', 'password', 'url', 'textarea', 'number', undefined),
      value: fc.oneof(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.constant(KEY),
        fc.string({ maxLength: 6 }).map((s) => `x${s}${KEY}${s}`),
      ),
      child: fc.boolean(),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((fields) => {
    // The characters an XML document cannot hold, which the generated values must not hold either.
    // eslint-disable-next-line no-control-regex -- these control characters are what it removes.
    const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/g;
    const unique = fields.map((f, i) => ({ ...f, name: `${f.name}_${i}`, value: `v${i}~${f.value.replace(notXml, '')}` }));
    const xml = [
      "<?xml version='1.0' encoding='UTF-8'?>",
      '<Form name="Generated" type="SourceConfig"><Menu label="Configuration"><MenuItem keyName="connectionSettings" label="Connection"><Section label="Connection">',
      ...unique.map((f) =>
        f.child
          ? `<Field name="${f.name}"${f.type ? ` type="${f.type}"` : ''} value="${xmlAttr(f.value)}"><Attributes><Map><entry key="${f.name}" value="${xmlAttr(f.value)}"/></Map></Attributes></Field>`
          : `<Field name="${f.name}"${f.type ? ` type="${f.type}"` : ''} value="${xmlAttr(f.value)}"/>`,
      ),
      '</Section></MenuItem></Menu></Form>',
    ].join('\n');
    return { fields: unique, xml };
  });

describe('generated forms', () => {
  it('no value settings locks shows in the XML; the XML is well-formed and restores to the stored file', () => {
    fc.assert(
      fc.property(formArbitrary, ({ fields, xml }) => {
        const masked = maskXmlSecrets(xml)!;
        expect(checkXml(masked)).toEqual({ ok: true });
        const settings = settingsFromSourceConfig(xml)!;
        const shownSettings = JSON.stringify(settings);
        const byKey = new Map(settings.sections.flatMap((s) => s.fields).map((f) => [f.key, f]));
        for (const f of fields) {
          const field = byKey.get(f.name)!;
          const attribute = `value="${xmlAttr(f.value)}"`;
          if (field.locked) {
            // Locked in settings: masked in the XML, and shown nowhere.
            expect(masked).not.toContain(attribute);
            expect(shownSettings).not.toContain(JSON.stringify(f.value).slice(1, -1));
          } else {
            expect(masked).toContain(attribute);
          }
        }
        expect(masked).not.toContain('PRIVATE KEY-----\n');
        expect(restoreXmlSecrets(masked, xml)).toEqual({ ok: true, xml });
        // Sent back edited (here: laid out on one line), it gets every stored value back.
        const restored = restoreXmlSecrets(masked.replace(/\n/g, ''), xml);
        expect(restored.ok).toBe(true);
        for (const f of fields) expect((restored as { xml: string }).xml).toContain(`value="${xmlAttr(f.value)}"`);
      }),
      { numRuns: 300 },
    );
  });

  it('a stored value is given back only where it reads masked again: changing field types never unmasks one (review F2 of issue 15)', () => {
    const types = fc.constantFrom('text', 'url', 'secret', 'password', undefined);
    fc.assert(
      fc.property(formArbitrary, fc.array(types, { minLength: 6, maxLength: 6 }), ({ fields, xml }, newTypes) => {
        let edited = maskXmlSecrets(xml)!;
        fields.forEach((f, i) => {
          const type = newTypes[i];
          edited = edited.replace(`<Field name="${f.name}"${f.type ? ` type="${f.type}"` : ''}`, `<Field name="${f.name}"${type ? ` type="${type}"` : ''}`);
        });
        const restored = restoreXmlSecrets(edited, xml);
        if (!restored.ok) {
          expect(restored.problem).toMatch(/^it holds the mask \*{8} at .*, which is no longer secret; send the value itself$/);
          return;
        }
        // What is written reads exactly as what the client sent: no stored value shows.
        expect(maskXmlSecrets(restored.xml)).toBe(maskXmlSecrets(edited));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses the mask left in a field whose type changed from secret to text', () => {
    const stored = '<Form><Field name="connectionString" type="secret" value="TOPSECRET"/></Form>';
    const flipped = maskXmlSecrets(stored)!.replace('type="secret"', 'type="text"');
    expect(restoreXmlSecrets(flipped, stored)).toEqual({
      ok: false,
      problem: 'it holds the mask ******** at Form/Field[name=connectionString]@value, which is no longer secret; send the value itself',
    });
    // A private key stays masked whatever the field's type: it is given back.
    const key = `<Form><Field name="cert" type="secret" value="${xmlAttr(KEY)}"/></Form>`;
    expect(restoreXmlSecrets(maskXmlSecrets(key)!.replace('type="secret"', 'type="textarea"'), key)).toEqual({
      ok: true,
      xml: key.replace('type="secret"', 'type="textarea"'),
    });
  });
});
