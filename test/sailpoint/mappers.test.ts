import { describe, expect, it } from 'vitest';
import { fieldType, scriptConnectorDescription, sectionForMenuItem, settingsFromSourceConfig } from '../../src/sources/sailpoint/mappers.js';
import { SOURCES } from '../../src/sources/index.js';
import { SourceList } from '../../src/sources/sourceList.js';
import { scriptConnectorId } from '../../src/sources/sailpoint/mappers.js';

const FORM = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<Form xmlns="http://www.sailpoint.com/xsd/sailpoint_form_2_0.xsd" connectorName="Demo" type="SourceConfig">
  <BaseConfig>
    <Field maxFiles="10" name="fileUpload" type="fileupload"/>
  </BaseConfig>
  <Menu label="Configuration">
    <MenuItem keyName="connectionSettings" label="Connection Settings">
      <Section label="Connection Settings">
        <Field name="baseUrl" displayName="Base URL" type="url" required="true" value="https://demo.example.com"/>
        <Field name="clientSecret" displayName="Client Secret" type="secret" required="true" value="s3cr3t-value"/>
        <Field name="apiToken" displayName="API Token" type="text" value="tok-123"/>
        <Field name="timeout" displayName="Timeout" type="number" value="60"/>
      </Section>
    </MenuItem>
    <MenuItem keyName="aggregationSettings" label="Aggregation Settings">
      <Section label="Aggregation"><Field name="pageSize" type="number"/><Field name="deltaAggregation" type="checkbox" value="true"/></Section>
    </MenuItem>
    <MenuItem keyName="advancedSettings" label="Advanced Settings">
      <Section label="Advanced"><Field name="retries" type="number" value="abc"/></Section>
    </MenuItem>
    <MenuItem keyName="relaySettings" label="Relay / Virtual Appliance">
      <Section label="Relay"><Field name="proxyHost" type="text"/></Section>
    </MenuItem>
  </Menu>
</Form>`;

describe('settingsFromSourceConfig', () => {
  const settings = settingsFromSourceConfig(FORM)!;
  const field = (key: string) => settings.sections.flatMap((s) => s.fields.map((f) => ({ ...f, section: s.section }))).find((f) => f.key === key)!;

  it('groups fields into the four sections in the fixed order', () => {
    expect(settings.sections.map((s) => s.section)).toEqual(['GENERAL', 'ADDITIONAL', 'ADVANCED', 'RELAY']);
    expect(settings.sections[0]!.fields.map((f) => f.key)).toEqual(['baseUrl', 'clientSecret', 'apiToken', 'timeout']);
    expect(field('fileUpload').section).toBe('ADVANCED');
    expect(field('proxyHost').section).toBe('RELAY');
  });

  it('masks secret fields and keys that name a secret, but says they are set', () => {
    expect(field('clientSecret')).toMatchObject({ locked: true, value: null, isSet: true, type: 'Secret', required: true });
    expect(field('apiToken')).toMatchObject({ locked: true, value: null, isSet: true, type: 'Secret' });
    expect(JSON.stringify(settings)).not.toContain('s3cr3t-value');
    expect(JSON.stringify(settings)).not.toContain('tok-123');
  });

  it('converts default values to their JSON type and keeps unparsable ones as text', () => {
    expect(field('baseUrl')).toMatchObject({ value: 'https://demo.example.com', locked: false, isSet: true, label: 'Base URL', type: 'Url' });
    expect(field('timeout').value).toBe(60);
    expect(field('deltaAggregation')).toMatchObject({ type: 'Switch', value: true });
    expect(field('retries').value).toBe('abc');
    expect(field('pageSize')).toMatchObject({ value: null, isSet: false, required: false });
  });

  it('returns undefined for XML that is not well-formed and no sections for no XML', () => {
    expect(settingsFromSourceConfig('<Form><Field name="x"></Form>')).toBeUndefined();
    expect(settingsFromSourceConfig(undefined)).toEqual({ valueKind: 'FORM_DEFAULTS', sections: [] });
  });
});

describe('sectionForMenuItem', () => {
  it.each([
    ['connectionSettings', 'Connection Settings', 'GENERAL'],
    ['authSettings', 'Authentication', 'GENERAL'],
    ['aggregationSettings', 'Aggregation Settings', 'ADDITIONAL'],
    ['advancedSettings', 'Advanced Settings', 'ADVANCED'],
    ['relaySettings', 'Relay', 'RELAY'],
    ['vaSettings', 'Virtual Appliance', 'RELAY'],
    ['proxyConnection', 'Proxy connection', 'RELAY'],
    [undefined, undefined, 'ADDITIONAL'],
  ])('%s / %s → %s', (key, label, section) => {
    expect(sectionForMenuItem(key, label)).toBe(section);
  });
});

describe('fieldType', () => {
  it('maps SailPoint form types to the contract names', () => {
    expect([
      fieldType('text'),
      fieldType('secret'),
      fieldType('password'),
      fieldType('checkbox'),
      fieldType('select'),
      fieldType(undefined),
      fieldType('custom'),
    ]).toEqual(['Text', 'Secret', 'Secret', 'Switch', 'Select', 'Text', 'Custom']);
  });
});

describe('script connector identity', () => {
  it('round-trips the scriptName through the global id', () => {
    const id = scriptConnectorId('active-directory');
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(new SourceList(SOURCES).decodeGlobalId(id)).toEqual({ type: 'ScriptConnector', source: 'SAILPOINT', key: ['active-directory'] });
  });

  it('takes the description from the metadata shortDesc only when it is text', () => {
    expect(scriptConnectorDescription({ connectorMetadata: { shortDesc: 'Syncs AD' } })).toBe('Syncs AD');
    expect(scriptConnectorDescription({ connectorMetadata: { shortDesc: 42 } })).toBeNull();
    expect(scriptConnectorDescription({})).toBeNull();
  });
});
