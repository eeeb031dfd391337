/**
 * Creating a connector (#/new): pick a source, then its template: a Logto connector factory, a ConductorOne catalog
 * entry (and the App to create it in) or, for SailPoint, the fields of a new script connector. A template's form is
 * rendered from its own metadata (ConnectorForm); "Test" checks the values with testNewConnector before anything is
 * created, "Create" runs the source's create and opens the new connector. A refusal is a red message at the bottom
 * naming the field, which is marked and focused.
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { describeError, sourceLabel } from './api.js';
import { useConsole, useRun } from './context.js';
import { ConnectorForm, fieldId } from './Form.js';
import { useOutcome } from './outcome.js';
import { collectValues, fieldLabel, formFields, initialEntry, type Entry } from './formLogic.js';
import {
  connectorCatalogQuery,
  connectorFactoriesQuery,
  createAppConnectorMutation,
  createLoginConnectorMutation,
  createScriptConnectorMutation,
  testNewConnectorMutation,
} from './operations.js';
import { href } from './route.js';
import type {
  ConnectorSource,
  ConsoleConnectorCatalogQuery,
  ConsoleConnectorFactoriesQuery,
  ConsoleFormFragment,
  ScriptConnectorCreateStatus,
  SettingValueInput,
} from './__generated__/graphql.js';

type Factory = ConsoleConnectorFactoriesQuery['connectorFactories'][number];
type CatalogEntry = ConsoleConnectorCatalogQuery['connectorCatalog'][number];

/** How many ConductorOne connectors are read to list the Apps one can create in. */
const APP_SCAN = 500;
const FORM_PREFIX = 'new';

/**
 * The values a new connector is created with: every shown field that holds a value, defaults included (a template's
 * form has defaults but no values, and the sources do not apply the defaults themselves).
 */
function newConnectorValues(form: ConsoleFormFragment, entries: ReadonlyMap<string, Entry>): { values: SettingValueInput[]; problems: Map<string, string> } {
  const fields = formFields(form);
  const blank: ConsoleFormFragment = {
    ...form,
    sections: form.sections.map((s) => ({ ...s, fields: s.fields.map((f) => ({ ...f, value: null, defaultValue: null })) })),
  };
  const all = new Map(fields.map((f) => [f.key, entries.get(f.key) ?? initialEntry(f)]));
  return collectValues(blank, all);
}

/**
 * The values of a template's form (none without a form) for a test or a create, or undefined after showing what is
 * wrong: the page's own problems (`own`, its fields above the form's) first, then the form's.
 */
function valuesOrProblems(
  outcome: ReturnType<typeof useOutcome>,
  what: string,
  form: ConsoleFormFragment | null | undefined,
  entries: ReadonlyMap<string, Entry>,
  own: [string, string][],
): SettingValueInput[] | undefined {
  const found = form ? newConnectorValues(form, entries) : { values: [], problems: new Map<string, string>() };
  const problems = new Map<string, string>(own);
  for (const [key, message] of found.problems) problems.set(key, message);
  if (problems.size === 0) return found.values;
  outcome.show(
    `Not ${what}: some fields need attention.`,
    [...problems].map(([key, message]) => ({ key, message })),
  );
  return undefined;
}

export function CreatePage(): ReactNode {
  const [source, setSource] = useState<ConnectorSource | undefined>(undefined);
  return (
    <section aria-labelledby="create-title">
      <p>
        <a href={href({ page: 'list' })}>← All connectors</a>
      </p>
      <h1 id="create-title">New connector</h1>
      <fieldset className="section" aria-describedby="source-help">
        <legend>Source</legend>
        <p className="help muted" id="source-help">
          Where the connector is created: a Logto sign-in connector from a factory, a ConductorOne app connector from a catalog entry, or a SailPoint script
          connector.
        </p>
        <div className="options" role="radiogroup" aria-label="Source">
          {(['LOGTO', 'CONDUCTORONE', 'SAILPOINT'] as const).map((s) => (
            <label key={s} className="option">
              <input
                type="radio"
                name="source"
                value={s}
                checked={source === s}
                onChange={() => {
                  setSource(s);
                }}
              />
              {sourceLabel(s)}
            </label>
          ))}
        </div>
      </fieldset>
      {source === 'LOGTO' && <LogtoCreate />}
      {source === 'CONDUCTORONE' && <ConductorOneCreate />}
      {source === 'SAILPOINT' && <SailPointCreate />}
    </section>
  );
}

/** A text input of the create page's own (not of a template's form): labelled, marked and described by its problem. */
function TextField(props: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem: string | undefined;
  required?: boolean;
  help?: string;
  type?: string;
  placeholder?: string;
}): ReactNode {
  const id = fieldId(FORM_PREFIX, props.name);
  const describedBy = [props.help ? `${id}-help` : '', props.problem ? `${id}-error` : ''].filter((s) => s !== '').join(' ') || undefined;
  return (
    <div className={`field${props.problem ? ' invalid' : ''}`} data-key={props.name}>
      <label htmlFor={id}>
        {props.label}
        {props.required && (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        placeholder={props.placeholder}
        aria-invalid={props.problem ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => {
          props.onChange(e.target.value);
        }}
      />
      {props.help && (
        <p className="help" id={`${id}-help`}>
          {props.help}
        </p>
      )}
      {props.problem && (
        <p className="error" id={`${id}-error`}>
          {props.problem}
        </p>
      )}
    </div>
  );
}

/** Opens the new connector's page, with a toast. */
function useOpenCreated(): (created: { id: string; displayName: string }) => void {
  const { notify } = useConsole();
  return (created) => {
    notify(`Created ${created.displayName}.`);
    window.location.hash = href({ page: 'connector', id: created.id });
  };
}

/** The result of testNewConnector: a passed test as a toast and a line, a failed one as the outcome. */
function useTest(outcome: ReturnType<typeof useOutcome>) {
  const run = useRun();
  const { notify } = useConsole();
  return async (source: ConnectorSource, templateId: string, values: SettingValueInput[], sendTo: { email?: string; phone?: string } | null) => {
    const { data, errors } = await run(testNewConnectorMutation, { source, templateId, values, sendTo });
    const result = data?.testNewConnector;
    if (!result) {
      outcome.show('Test failed.', [], errors);
      return;
    }
    if (result.ok) {
      outcome.clear();
      const text = `Test passed${result.message ? `: ${result.message}` : '.'}`;
      outcome.setPassed(text);
      notify(text);
      return;
    }
    outcome.show(`Test failed${result.message ? `: ${result.message}` : '.'}`, result.problems);
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Logto
// ---------------------------------------------------------------------------------------------------------------------

function LogtoCreate(): ReactNode {
  const run = useRun();
  const openCreated = useOpenCreated();
  const [factories, setFactories] = useState<Factory[] | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [factoryId, setFactoryId] = useState('');
  const [entries, setEntries] = useState<Map<string, Entry>>(new Map());
  const [target, setTarget] = useState('');
  const [name, setName] = useState('');
  const [syncProfile, setSyncProfile] = useState(false);
  const [recipient, setRecipient] = useState('');
  const [busy, setBusy] = useState(false);
  const factory = factories?.find((f) => f.id === factoryId);

  useEffect(() => {
    let current = true;
    void run(connectorFactoriesQuery, {}).then(({ data, errors }) => {
      if (!current) return;
      setFactories(data?.connectorFactories ?? []);
      if (errors.length > 0) setLoadError(errors.map(describeError).join(' '));
    });
    return () => {
      current = false;
    };
  }, [run]);

  const extra: Record<string, string> = { connectorId: 'Factory', 'metadata.target': 'Target', 'metadata.name': 'Name', sendTo: 'Send the test to' };
  const labelOf = (key: string): string => extra[key] ?? fieldLabel(factory?.form, key) ?? key;
  const outcome = useOutcome(FORM_PREFIX, 'create-outcome', labelOf, () => [
    ...(factory ? formFields(factory.form).map((f) => f.key) : []),
    'metadata.target',
    'metadata.name',
    'sendTo',
  ]);
  const test = useTest(outcome);

  if (loadError !== undefined && (factories === undefined || factories.length === 0))
    return (
      <p className="error-message" role="alert">
        {loadError}
      </p>
    );
  if (factories === undefined) return <p aria-live="polite">Loading Logto&apos;s factories…</p>;

  const standard = factory?.type === 'SOCIAL' && factory.isStandard;
  const needsRecipient = factory?.type === 'EMAIL' || factory?.type === 'SMS';

  /** The values of the form, or undefined after showing why there are none. */
  const collect = (what: string): SettingValueInput[] | undefined =>
    factory
      ? valuesOrProblems(outcome, what, factory.form, entries, standard && target.trim() === '' ? [['metadata.target', 'Target is required.']] : [])
      : undefined;

  const onTest = async (): Promise<void> => {
    const values = collect('tested');
    if (!values || !factory) return;
    setBusy(true);
    await test(
      'LOGTO',
      factory.id,
      values,
      !needsRecipient || recipient === '' ? null : factory.type === 'EMAIL' ? { email: recipient } : { phone: recipient },
    );
    setBusy(false);
  };

  const create = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const values = collect('created');
    if (!values || !factory) return;
    const metadata = standard ? { target: target.trim(), ...(name.trim() !== '' ? { name: { en: name.trim() } } : {}) } : undefined;
    setBusy(true);
    const { data, errors } = await run(createLoginConnectorMutation, {
      input: {
        connectorId: factory.id,
        config: Object.fromEntries(values.map((v) => [v.key, v.value])),
        ...(metadata ? { metadata } : {}),
        ...(factory.type === 'SOCIAL' ? { syncProfile } : {}),
      },
    });
    setBusy(false);
    if (data?.createLoginConnector) {
      openCreated(data.createLoginConnector);
      return;
    }
    outcome.show('Not created: Logto refused the connector.', [], errors);
  };

  return (
    <form className="connector-form" onSubmit={(e) => void create(e)} noValidate aria-label="New Logto connector">
      <div className="field">
        <label htmlFor={fieldId(FORM_PREFIX, 'connectorId')}>Factory</label>
        <select
          id={fieldId(FORM_PREFIX, 'connectorId')}
          value={factoryId}
          onChange={(e) => {
            setFactoryId(e.target.value);
            setEntries(new Map());
            outcome.clear();
            outcome.setPassed(undefined);
          }}
        >
          <option value="">Choose a factory…</option>
          {(['SOCIAL', 'EMAIL', 'SMS'] as const).map((type) => (
            <optgroup key={type} label={type === 'SOCIAL' ? 'Social' : type === 'EMAIL' ? 'Email' : 'SMS'}>
              {factories
                .filter((f) => f.type === type)
                .map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name} ({f.id})
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        {factory?.description && <p className="help">{factory.description}</p>}
      </div>
      {factory && (
        <>
          {standard && (
            <fieldset className="section">
              <legend>Connector</legend>
              <TextField
                name="metadata.target"
                label="Target"
                required
                value={target}
                onChange={setTarget}
                problem={outcome.problems.get('metadata.target')}
                help="The identity provider this connector signs in with, e.g. my-idp: a standard factory's connectors each need their own."
              />
              <TextField
                name="metadata.name"
                label="Name"
                value={name}
                onChange={setName}
                problem={outcome.problems.get('metadata.name')}
                help="The button's text on the sign-in page (English); the factory's name when left empty."
              />
            </fieldset>
          )}
          <ConnectorForm
            form={factory.form}
            entries={entries}
            onEntry={(key, entry) => {
              setEntries((m) => new Map(m).set(key, entry));
            }}
            problems={outcome.problems}
            idPrefix={FORM_PREFIX}
          />
          {factory.type === 'SOCIAL' && (
            <div className="field">
              <label className="switch" htmlFor={fieldId(FORM_PREFIX, 'syncProfile')}>
                <input
                  id={fieldId(FORM_PREFIX, 'syncProfile')}
                  type="checkbox"
                  role="switch"
                  checked={syncProfile}
                  onChange={(e) => {
                    setSyncProfile(e.target.checked);
                  }}
                />
                <span>Sync the user profile at every sign-in</span>
              </label>
            </div>
          )}
          {needsRecipient && (
            <TextField
              name="sendTo"
              label={factory.type === 'EMAIL' ? 'Send the test email to' : 'Send the test SMS to (digits, country code first)'}
              type={factory.type === 'EMAIL' ? 'email' : 'tel'}
              value={recipient}
              onChange={setRecipient}
              problem={outcome.problems.get('sendTo')}
              help="Only for Test: Logto sends a test message through the factory's provider."
            />
          )}
          <div className="actions">
            <button type="submit" disabled={busy}>
              Create
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => void onTest()}>
              Test
            </button>
          </div>
        </>
      )}
      {outcome.view}
    </form>
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// ConductorOne
// ---------------------------------------------------------------------------------------------------------------------

function ConductorOneCreate(): ReactNode {
  const run = useRun();
  const openCreated = useOpenCreated();
  const [catalog, setCatalog] = useState<CatalogEntry[] | undefined>(undefined);
  const [apps, setApps] = useState<{ id: string; name: string }[]>([]);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [entryId, setEntryId] = useState('');
  const [appId, setAppId] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [entries, setEntries] = useState<Map<string, Entry>>(new Map());
  const [busy, setBusy] = useState(false);
  const entry = catalog?.find((e) => e.id === entryId);

  useEffect(() => {
    let current = true;
    void run(connectorCatalogQuery, { first: APP_SCAN }).then(({ data, errors }) => {
      if (!current) return;
      setCatalog(data?.connectorCatalog ?? []);
      const byId = new Map<string, string>();
      for (const edge of data?.connectors.edges ?? []) {
        const node = edge.node;
        if ('appId' in node && !byId.has(node.appId)) byId.set(node.appId, node.app?.displayName ?? node.appId);
      }
      setApps([...byId].map(([id, name]) => ({ id, name })));
      if (errors.length > 0) setLoadError(errors.map(describeError).join(' '));
    });
    return () => {
      current = false;
    };
  }, [run]);

  const extra: Record<string, string> = { catalogId: 'Catalog entry', appId: 'App', displayName: 'Display name' };
  const formKeys = (): string[] => (entry?.form ? formFields(entry.form).map((f) => f.key) : []);
  const labelOf = (key: string): string => extra[key] ?? fieldLabel(entry?.form, key) ?? key;
  const outcome = useOutcome(FORM_PREFIX, 'create-outcome', labelOf, () => [...formKeys(), 'appId', 'catalogId', 'displayName']);
  const test = useTest(outcome);

  if (loadError !== undefined && (catalog === undefined || catalog.length === 0))
    return (
      <p className="error-message" role="alert">
        {loadError}
      </p>
    );
  if (catalog === undefined) return <p aria-live="polite">Loading ConductorOne&apos;s catalog…</p>;

  const collect = (what: string): SettingValueInput[] | undefined =>
    valuesOrProblems(outcome, what, entry?.form, entries, what === 'created' && appId === '' ? [['appId', 'Choose the App to create the connector in.']] : []);

  const onTest = async (): Promise<void> => {
    const values = collect('tested');
    if (!values || !entry) return;
    setBusy(true);
    await test('CONDUCTORONE', entry.id, values, null);
    setBusy(false);
  };

  const create = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const values = collect('created');
    if (!values || !entry) return;
    setBusy(true);
    const { data, errors } = await run(createAppConnectorMutation, {
      input: {
        appId,
        catalogId: entry.id,
        ...(displayName.trim() !== '' ? { displayName: displayName.trim() } : {}),
        ...(entry.form ? { config: Object.fromEntries(values.map((v) => [v.key, v.value])) } : {}),
      },
    });
    setBusy(false);
    if (data?.createAppConnector) {
      openCreated(data.createAppConnector);
      return;
    }
    outcome.show('Not created: ConductorOne refused the connector.', [], errors);
  };

  return (
    <form className="connector-form" onSubmit={(e) => void create(e)} noValidate aria-label="New ConductorOne connector">
      <div className="field">
        <label htmlFor={fieldId(FORM_PREFIX, 'catalogId')}>Catalog entry</label>
        <select
          id={fieldId(FORM_PREFIX, 'catalogId')}
          value={entryId}
          aria-describedby="catalog-help"
          onChange={(e) => {
            setEntryId(e.target.value);
            setEntries(new Map());
            outcome.clear();
            outcome.setPassed(undefined);
          }}
        >
          <option value="">Choose an entry…</option>
          {catalog.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name} ({e.id})
            </option>
          ))}
        </select>
        <p className="help" id="catalog-help">
          The kinds of connector the tenant already uses (ConductorOne&apos;s API lists no catalog of its own).
        </p>
      </div>
      {entry && (
        <>
          <fieldset className="section">
            <legend>Connector</legend>
            <div className={`field${outcome.problems.has('appId') ? ' invalid' : ''}`}>
              <label htmlFor={fieldId(FORM_PREFIX, 'appId')}>
                App
                <span className="required" aria-hidden="true">
                  {' '}
                  *
                </span>
              </label>
              <select
                id={fieldId(FORM_PREFIX, 'appId')}
                value={appId}
                required
                aria-invalid={outcome.problems.has('appId') ? true : undefined}
                aria-describedby={outcome.problems.has('appId') ? `${fieldId(FORM_PREFIX, 'appId')}-error` : undefined}
                onChange={(e) => {
                  setAppId(e.target.value);
                }}
              >
                <option value="">Choose an App…</option>
                {apps.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({a.id})
                  </option>
                ))}
              </select>
              {outcome.problems.has('appId') && (
                <p className="error" id={`${fieldId(FORM_PREFIX, 'appId')}-error`}>
                  {outcome.problems.get('appId')}
                </p>
              )}
            </div>
            <TextField
              name="displayName"
              label="Display name"
              value={displayName}
              onChange={setDisplayName}
              problem={outcome.problems.get('displayName')}
              help="ConductorOne names it after its catalog entry when left empty."
            />
          </fieldset>
          {entry.form ? (
            <ConnectorForm
              form={entry.form}
              entries={entries}
              onEntry={(key, value) => {
                setEntries((m) => new Map(m).set(key, value));
              }}
              problems={outcome.problems}
              idPrefix={FORM_PREFIX}
            />
          ) : (
            <p className="muted">This entry has no form yet: the connector is created waiting for its config (ConductorOne&apos;s delegated create).</p>
          )}
          <div className="actions">
            <button type="submit" disabled={busy}>
              Create
            </button>
            <button type="button" className="secondary" disabled={busy || !entry.form} onClick={() => void onTest()}>
              Test
            </button>
          </div>
        </>
      )}
      {outcome.view}
    </form>
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// SailPoint
// ---------------------------------------------------------------------------------------------------------------------

const STATUSES: [ScriptConnectorCreateStatus, string][] = [
  ['DEVELOPMENT', 'Development'],
  ['DEMO', 'Demo'],
  ['RELEASED', 'Released (listed with the others)'],
];

function SailPointCreate(): ReactNode {
  const run = useRun();
  const openCreated = useOpenCreated();
  const [name, setName] = useState('');
  const [className, setClassName] = useState('sailpoint.connector.OpenConnectorAdapter');
  const [type, setType] = useState('');
  const [directConnect, setDirectConnect] = useState(true);
  const [status, setStatus] = useState<ScriptConnectorCreateStatus>('DEVELOPMENT');
  const [busy, setBusy] = useState(false);
  const labels: Record<string, string> = { name: 'Name', className: 'Class name', type: 'Type', directConnect: 'Direct connect', status: 'Status' };
  const outcome = useOutcome(
    FORM_PREFIX,
    'create-outcome',
    (key) => labels[key] ?? key,
    () => Object.keys(labels),
  );

  const create = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const problems: { key: string; message: string }[] = [];
    if (name.trim() === '') problems.push({ key: 'name', message: 'Name is required.' });
    if (className.trim() === '') problems.push({ key: 'className', message: 'Class name is required.' });
    if (problems.length > 0) {
      outcome.show('Not created: some fields need attention.', problems);
      return;
    }
    setBusy(true);
    const { data, errors } = await run(createScriptConnectorMutation, {
      input: { name: name.trim(), className: className.trim(), ...(type.trim() !== '' ? { type: type.trim() } : {}), directConnect, status },
    });
    setBusy(false);
    if (data?.createScriptConnector) {
      openCreated(data.createScriptConnector);
      return;
    }
    outcome.show('Not created: SailPoint refused the connector.', [], errors);
  };

  return (
    <form className="connector-form" onSubmit={(e) => void create(e)} noValidate aria-label="New SailPoint script connector">
      <fieldset className="section">
        <legend>Script connector</legend>
        <TextField
          name="name"
          label="Name"
          required
          value={name}
          onChange={setName}
          problem={outcome.problems.get('name')}
          help="Unique in the tenant; SailPoint derives the scriptName from it."
        />
        <TextField
          name="className"
          label="Class name"
          required
          value={className}
          onChange={setClassName}
          problem={outcome.problems.get('className')}
          help="The Java class that implements it; sailpoint.connector.OpenConnectorAdapter for OpenConnector connectors."
        />
        <TextField
          name="type"
          label="Type"
          value={type}
          onChange={setType}
          problem={outcome.problems.get('type')}
          help="SailPoint names it custom <name> when left empty."
        />
        <div className="field">
          <label className="switch" htmlFor={fieldId(FORM_PREFIX, 'directConnect')}>
            <input
              id={fieldId(FORM_PREFIX, 'directConnect')}
              type="checkbox"
              role="switch"
              checked={directConnect}
              onChange={(e) => {
                setDirectConnect(e.target.checked);
              }}
            />
            <span>Direct connect (sources connect without a virtual appliance)</span>
          </label>
        </div>
        <div className="field">
          <label htmlFor={fieldId(FORM_PREFIX, 'status')}>Status</label>
          <select
            id={fieldId(FORM_PREFIX, 'status')}
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as ScriptConnectorCreateStatus);
            }}
          >
            {STATUSES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <p className="muted">Its files (source config, templates, translations) are uploaded on its page once it exists.</p>
      <div className="actions">
        <button type="submit" disabled={busy}>
          Create
        </button>
      </div>
      {outcome.view}
    </form>
  );
}
