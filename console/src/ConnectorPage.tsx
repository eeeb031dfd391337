/**
 * One connector: what it is, its form, Save (a dry run first that shows the change, then the write) and Test
 * (locked values asked for again). A source's refusal is shown as a red message at the bottom naming the field;
 * success as a toast. Script connectors also show their files (ScriptFiles).
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { describeError, sourceLabel } from './api.js';
import { useConsole, useRun } from './context.js';
import { ConnectorForm, LockIcon } from './Form.js';
import { collectValues, entryValue, fieldLabel, formFields, lockedForTest, optionKey, type Entry, type FormField } from './formLogic.js';
import { connectorQuery, saveSettingsMutation, statusChangedSubscription, syncAppConnectorMutation, testConnectorMutation } from './operations.js';
import { subscribe } from './live.js';
import { href } from './route.js';
import { ScriptFiles } from './ScriptFiles.js';
import { useOutcome } from './outcome.js';
import type { ConsoleConnectorQuery, ConsoleFormFragment, ConsoleSaveSettingsMutation, SettingValueInput } from './__generated__/graphql.js';

type Connector = NonNullable<ConsoleConnectorQuery['connector']>;
type Change = ConsoleSaveSettingsMutation['updateConnectorSettings']['changes'][number];

export function ConnectorPage({ id }: { id: string }): ReactNode {
  const run = useRun();
  const { notify } = useConsole();
  const [connector, setConnector] = useState<Connector | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [form, setForm] = useState<ConsoleFormFragment | undefined>(undefined);
  const [entries, setEntries] = useState<Map<string, Entry>>(new Map());
  const [review, setReview] = useState<{ values: SettingValueInput[]; changes: Change[] } | undefined>(undefined);
  const [testing, setTesting] = useState(false);
  const [busy, setBusy] = useState(false);
  const outcome = useOutcome(
    'form',
    'outcome',
    (key) => fieldLabel(form, key) ?? key,
    () => (form ? formFields(form).map((f) => f.key) : []),
  );

  useEffect(() => {
    let current = true;
    void run(connectorQuery, { id }).then(({ data, errors }) => {
      if (!current) return;
      if (errors.length > 0 && !data?.connector) setLoadError(errors.map(describeError).join(' '));
      setConnector(data?.connector ?? null);
      if (data?.connector) setForm(data.connector.settings);
    });
    return () => {
      current = false;
    };
  }, [id, run]);

  // An app connector's status, live: its row again each time its sync status changes.
  const watchStatus = connector?.__typename === 'AppConnector';
  useEffect(() => {
    if (!watchStatus) return;
    return subscribe(
      statusChangedSubscription,
      { ids: [id] },
      (data) => {
        setConnector((current) => (current ? { ...current, ...data.connectorStatusChanged } : current));
      },
      () => undefined,
    );
  }, [id, watchStatus]);

  if (loadError !== undefined)
    return (
      <section>
        <p className="error-message" role="alert">
          {loadError}
        </p>
        <a href={href({ page: 'list' })}>Back to the list</a>
      </section>
    );
  if (connector === null) return <NotFound />;
  if (connector === undefined || form === undefined) return <p aria-live="polite">Loading…</p>;

  const labelOf = (key: string): string => fieldLabel(form, key) ?? key;

  const onEntry = (key: string, entry: Entry): void => {
    setEntries((m) => new Map(m).set(key, entry));
    setReview(undefined);
  };

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    outcome.clear();
    const { values, problems: local } = collectValues(form, entries);
    if (local.size > 0) {
      outcome.show(
        'Not saved: some fields need attention.',
        [...local].map(([key, message]) => ({ key, message })),
      );
      return;
    }
    if (values.length === 0) {
      outcome.clear();
      notify('Nothing to save: no field was changed.');
      return;
    }
    setBusy(true);
    const { data, errors } = await run(saveSettingsMutation, { id, values, dryRun: true });
    setBusy(false);
    const result = data?.updateConnectorSettings;
    if (!result) {
      outcome.show('Not saved.', [], errors);
      return;
    }
    if (!result.ok) {
      outcome.show('Not saved: the gateway refused these values.', result.problems);
      return;
    }
    outcome.clear();
    setReview({ values, changes: result.changes });
  };

  const send = async (): Promise<void> => {
    if (!review) return;
    setBusy(true);
    const { data, errors } = await run(saveSettingsMutation, { id, values: review.values, dryRun: false });
    setBusy(false);
    setReview(undefined);
    const result = data?.updateConnectorSettings;
    if (!result) {
      outcome.show(`Not saved: ${sourceLabel(connector.source)} refused the change.`, [], errors);
      return;
    }
    if (!result.ok || !result.connector) {
      outcome.show('Not saved.', result.problems);
      return;
    }
    setForm(result.connector.settings);
    setEntries(new Map());
    outcome.clear();
    notify('Saved.');
  };

  const test = async (locked: SettingValueInput[], sendTo: { email?: string; phone?: string } | null): Promise<void> => {
    setTesting(false);
    outcome.clear();
    const { values, problems: local } = collectValues(form, entries);
    if (local.size > 0) {
      outcome.show(
        'Not tested: some fields need attention.',
        [...local].map(([key, message]) => ({ key, message })),
      );
      return;
    }
    const all = [...values.filter((v) => !locked.some((l) => l.key === v.key)), ...locked];
    setBusy(true);
    const { data, errors } = await run(testConnectorMutation, { id, values: all, sendTo });
    setBusy(false);
    const result = data?.testConnector;
    if (!result) {
      outcome.show('Test failed.', [], errors);
      return;
    }
    if (result.ok) {
      outcome.clear();
      notify(`Test passed${result.message ? `: ${result.message}` : '.'}`);
      return;
    }
    outcome.show(`Test failed${result.message ? `: ${result.message}` : '.'}`, result.problems);
  };

  return (
    <section aria-labelledby="connector-title">
      <p>
        <a href={href({ page: 'list' })}>← All connectors</a>
      </p>
      <h1 id="connector-title">
        {connector.displayName} <span className={`badge ${connector.source.toLowerCase()}`}>{sourceLabel(connector.source)}</span>
      </h1>
      <Summary connector={connector} />
      {connector.__typename === 'AppConnector' && (
        <SyncNow
          connector={connector}
          onSynced={(row) => {
            setConnector({ ...connector, ...row });
          }}
        />
      )}
      <form className="connector-form" onSubmit={(e) => void save(e)} noValidate aria-describedby={outcome.shown ? 'outcome' : undefined}>
        <ConnectorForm form={form} entries={entries} onEntry={onEntry} problems={outcome.problems} idPrefix="form" />
        {review && (
          <Review
            changes={review.changes}
            labelOf={labelOf}
            onSend={() => void send()}
            onCancel={() => {
              setReview(undefined);
            }}
            busy={busy}
          />
        )}
        <div className="actions">
          <button type="submit" disabled={busy}>
            Save
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => {
              setTesting(true);
            }}
          >
            Test
          </button>
        </div>
        {outcome.view}
      </form>
      {testing && (
        <TestDialog
          locked={lockedForTest(form, entries)}
          entries={entries}
          recipient={connector.__typename === 'LoginConnector' && (connector.type === 'EMAIL' || connector.type === 'SMS') ? connector.type : undefined}
          onTest={(locked, sendTo) => void test(locked, sendTo)}
          onCancel={() => {
            setTesting(false);
          }}
        />
      )}
      {connector.__typename === 'ScriptConnector' && <ScriptFiles scriptName={connector.scriptName} />}
    </section>
  );
}

function NotFound(): ReactNode {
  return (
    <section>
      <p role="alert">This connector does not exist (any more).</p>
      <a href={href({ page: 'list' })}>Back to the list</a>
    </section>
  );
}

function Summary({ connector }: { connector: Connector }): ReactNode {
  const rows: [string, string][] = [['Id', connector.nativeId]];
  if (connector.description) rows.push(['Description', connector.description]);
  if (connector.__typename === 'AppConnector') {
    rows.push(['App', connector.appId]);
    if (connector.catalogId) rows.push(['Catalog entry', connector.catalogId]);
    if (connector.syncDisabledReason) rows.push(['Sync disabled', connector.syncDisabledReason]);
  }
  if (connector.__typename === 'LoginConnector') rows.push(['Factory', connector.connectorId], ['Type', connector.type.toLowerCase()]);
  if (connector.__typename === 'ScriptConnector') rows.push(['Script name', connector.scriptName], ['Status', connector.status?.toLowerCase() ?? '']);
  if (connector.updatedAt) rows.push(['Updated', new Date(connector.updatedAt).toLocaleString()]);
  return (
    <dl className="summary">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

type AppConnector = Extract<Connector, { __typename: 'AppConnector' }>;

/**
 * An app connector's sync: its status (announced when it changes) and "Sync now" (ConductorOne's ForceSync), which
 * shows the status the sync starts with.
 */
function SyncNow({ connector, onSynced }: { connector: AppConnector; onSynced: (row: Partial<AppConnector>) => void }): ReactNode {
  const run = useRun();
  const { notify } = useConsole();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  const status = connector.connectorStatus;
  const sync = async (): Promise<void> => {
    setBusy(true);
    setRefusal(undefined);
    const { data, errors } = await run(syncAppConnectorMutation, { appId: connector.appId, id: connector.nativeId });
    setBusy(false);
    if (data?.syncAppConnector.__typename === 'AppConnector') {
      onSynced(data.syncAppConnector);
      notify('Sync started.');
    } else setRefusal(errors.map(describeError).join(' ') || 'The sync was not started.');
  };
  const state = status?.status && status.status !== 'SYNC_STATUS_UNSPECIFIED' ? status.status.toLowerCase() : 'not synced yet';
  return (
    <div className="sync">
      <p className={`status ${state}`} aria-live="polite" aria-atomic="true" data-testid="sync-status">
        Sync {state}
        {status?.completedAt && state !== 'running' ? ` · last finished ${new Date(status.completedAt).toLocaleString()}` : ''}
        {status?.startedAt && state === 'running' ? ` · started ${new Date(status.startedAt).toLocaleString()}` : ''}
        {status?.lastError && state === 'error' ? `: ${status.lastError}` : ''}
      </p>
      <button type="button" className="secondary" disabled={busy || state === 'running' || Boolean(connector.syncDisabledReason)} onClick={() => void sync()}>
        Sync now
      </button>
      {refusal !== undefined && (
        <p className="error-message" role="alert">
          {refusal}
        </p>
      )}
    </div>
  );
}

/** The dry run's change, before it is sent: each operation, a secret's value never shown. */
function Review({
  changes,
  labelOf,
  onSend,
  onCancel,
  busy,
}: {
  changes: Change[];
  labelOf: (key: string) => string;
  onSend: () => void;
  onCancel: () => void;
  busy: boolean;
}): ReactNode {
  const sendRef = useRef<HTMLButtonElement>(null);
  useEffect(() => sendRef.current?.focus(), []);
  return (
    <div className="review" role="region" aria-labelledby="review-title">
      <h2 id="review-title">Review the change</h2>
      {changes.length === 0 ? (
        <p>The source already holds these values: nothing would change.</p>
      ) : (
        <ul>
          {changes.map((c, i) => (
            <li key={i}>
              <code>{c.op}</code> {labelOf(c.path.split('/').pop() ?? c.path)} <span className="muted">({c.path})</span>
              {c.op !== 'remove' && <>: {c.secret ? <em>new secret value, hidden</em> : <code>{JSON.stringify(c.value)}</code>}</>}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" ref={sendRef} onClick={onSend} disabled={busy || changes.length === 0}>
          Send the change
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Back to editing
        </button>
      </div>
    </div>
  );
}

interface TestDialogProps {
  locked: FormField[];
  /** What the form holds: a locked value entered there already is the test's too. */
  entries: ReadonlyMap<string, Entry>;
  recipient: 'EMAIL' | 'SMS' | undefined;
  onTest: (locked: SettingValueInput[], sendTo: { email?: string; phone?: string } | null) => void;
  onCancel: () => void;
}

/** Test asks for the locked values again (the gateway never gives them back), and for a recipient where one is needed. */
function TestDialog({ locked, entries, recipient, onTest, onCancel }: TestDialogProps): ReactNode {
  const [values, setValues] = useState<Map<string, string>>(
    new Map(
      locked.map((l) => {
        const entered = entries.get(l.key);
        return [l.key, typeof entered === 'string' ? entered : ''];
      }),
    ),
  );
  const [to, setTo] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const given = locked.flatMap((field) => {
      const text = values.get(field.key) ?? '';
      const parsed = text === '' ? undefined : entryValue(field, text);
      return parsed !== undefined && 'value' in parsed ? [{ key: field.key, value: parsed.value }] : [];
    });
    onTest(given, recipient === undefined || to === '' ? null : recipient === 'EMAIL' ? { email: to } : { phone: to });
  };
  return (
    <div className="dialog" role="dialog" aria-modal="false" aria-labelledby="test-title">
      <form onSubmit={submit}>
        <h2 id="test-title">Test the connector</h2>
        {locked.length > 0 ? <p>Locked values are never sent back to the page: enter them again for the test.</p> : <p>No locked value is needed.</p>}
        {locked.map((l, i) => {
          const change = (text: string): void => {
            setValues((m) => new Map(m).set(l.key, text));
          };
          return (
            <div className="field" key={l.key}>
              <label htmlFor={`test-${i}`}>
                <LockIcon />
                {l.label ?? l.key}
              </label>
              {l.options && l.options.length > 0 ? (
                <select
                  id={`test-${i}`}
                  autoFocus={i === 0}
                  value={values.get(l.key) ?? ''}
                  onChange={(e) => {
                    change(e.target.value);
                  }}
                >
                  <option value="">Choose…</option>
                  {l.options.map((o) => (
                    <option key={optionKey(o.value)} value={optionKey(o.value)}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={`test-${i}`}
                  type="password"
                  autoComplete="off"
                  autoFocus={i === 0}
                  value={values.get(l.key) ?? ''}
                  onChange={(e) => {
                    change(e.target.value);
                  }}
                />
              )}
            </div>
          );
        })}
        {recipient && (
          <div className="field">
            <label htmlFor="test-recipient">{recipient === 'EMAIL' ? 'Send a test email to' : 'Send a test SMS to'}</label>
            <input
              id="test-recipient"
              type={recipient === 'EMAIL' ? 'email' : 'tel'}
              value={to}
              autoFocus={locked.length === 0}
              onChange={(e) => {
                setTo(e.target.value);
              }}
            />
          </div>
        )}
        <div className="actions">
          <button type="submit">Run the test</button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
