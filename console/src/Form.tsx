/**
 * A connector form rendered from its metadata: sections in order (General, Additional options, Advanced options,
 * Relay), each field by its kind, with its label, help text, required mark and show conditions. A locked field
 * shows a lock and whether it is set, never a value; "Replace" opens an empty input for a new one.
 */
import { useState, type ReactNode } from 'react';
import type { ConsoleFormFragment } from './__generated__/graphql.js';
import { currentValues, initialEntry, isShown, optionKey, SECTION_TITLES, type Entry, type FormField } from './formLogic.js';

export interface FormProps {
  form: ConsoleFormFragment;
  entries: ReadonlyMap<string, Entry>;
  onEntry: (key: string, entry: Entry) => void;
  /** Problems by field key (shown under the field, which is marked invalid). */
  problems: ReadonlyMap<string, string>;
  /** Prefix of the inputs' ids, unique on the page. */
  idPrefix: string;
}

/** The id of a field's input: what a label, an error's link and the focus on errors use. */
export function fieldId(idPrefix: string, key: string): string {
  return `${idPrefix}-${key.replace(/[^\w-]/g, '_')}`;
}

export function ConnectorForm({ form, entries, onEntry, problems, idPrefix }: FormProps): ReactNode {
  const current = currentValues(form, entries);
  const order = Object.keys(SECTION_TITLES);
  const sections = [...form.sections].sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section));
  return (
    <>
      {sections.map((section) => {
        const shown = section.fields.filter((f) => isShown(f, current));
        if (shown.length === 0) return null;
        const titleId = `${idPrefix}-section-${section.section}`;
        return (
          <fieldset key={section.section} className="section" aria-labelledby={titleId}>
            <legend id={titleId}>{SECTION_TITLES[section.section] ?? section.section}</legend>
            {shown.map((field) => (
              <Field
                key={field.key}
                field={field}
                id={fieldId(idPrefix, field.key)}
                entry={entries.get(field.key)}
                problem={problems.get(field.key)}
                onEntry={(entry) => {
                  onEntry(field.key, entry);
                }}
              />
            ))}
          </fieldset>
        );
      })}
    </>
  );
}

interface FieldProps {
  field: FormField;
  id: string;
  entry: Entry | undefined;
  problem: string | undefined;
  onEntry: (entry: Entry) => void;
}

function Field({ field, id, entry, problem, onEntry }: FieldProps): ReactNode {
  const label = field.label ?? field.key;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [field.description ? helpId : '', problem ? errorId : ''].filter((s) => s !== '').join(' ') || undefined;
  const common = { id, 'aria-describedby': describedBy, 'aria-invalid': problem !== undefined ? true : undefined, required: field.required && !field.locked };
  const value = entry ?? initialEntry(field);
  const isSwitch = field.kind === 'SWITCH' && !field.locked;
  return (
    <div className={`field${problem ? ' invalid' : ''}${field.locked ? ' locked' : ''}`} data-key={field.key}>
      {isSwitch ? (
        <label className="switch" htmlFor={id}>
          <input
            type="checkbox"
            role="switch"
            checked={value === true}
            onChange={(e) => {
              onEntry(e.target.checked);
            }}
            {...common}
          />
          <span>
            {label}
            {field.required && <RequiredMark />}
          </span>
        </label>
      ) : (
        <label htmlFor={field.kind === 'MULTI_SELECT' && !field.locked ? undefined : id} id={`${id}-label`}>
          {field.locked && <LockIcon />}
          {label}
          {field.required && <RequiredMark />}
        </label>
      )}
      {field.locked ? (
        <LockedInput field={field} entry={typeof value === 'string' ? value : ''} onEntry={onEntry} common={common} />
      ) : (
        !isSwitch && <Input field={field} value={value} onEntry={onEntry} common={common} labelId={`${id}-label`} />
      )}
      {field.description && (
        <p className="help" id={helpId}>
          {field.description}
        </p>
      )}
      {problem && (
        <p className="error" id={errorId}>
          {problem}
        </p>
      )}
    </div>
  );
}

interface Common {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': boolean | undefined;
  required: boolean;
}

function Input({
  field,
  value,
  onEntry,
  common,
  labelId,
}: {
  field: FormField;
  value: Entry;
  onEntry: (e: Entry) => void;
  common: Common;
  labelId: string;
}): ReactNode {
  const text = typeof value === 'string' ? value : '';
  switch (field.kind) {
    case 'MULTILINE_TEXT':
    case 'JSON':
    case 'LIST':
    case 'XML':
      return (
        <textarea
          {...common}
          rows={field.kind === 'XML' || field.kind === 'JSON' ? 6 : 3}
          value={text}
          placeholder={field.placeholder ?? (field.kind === 'LIST' ? 'One per line' : undefined)}
          spellCheck={false}
          onChange={(e) => {
            onEntry(e.target.value);
          }}
        />
      );
    case 'NUMBER':
      return (
        <input
          {...common}
          type="number"
          value={text}
          placeholder={field.placeholder ?? undefined}
          onChange={(e) => {
            onEntry(e.target.value);
          }}
        />
      );
    case 'URL':
      return (
        <input
          {...common}
          type="url"
          value={text}
          placeholder={field.placeholder ?? undefined}
          onChange={(e) => {
            onEntry(e.target.value);
          }}
        />
      );
    case 'SELECT':
      return (
        <select
          {...common}
          value={text}
          onChange={(e) => {
            onEntry(e.target.value);
          }}
        >
          <option value="">{field.required ? 'Choose…' : '(none)'}</option>
          {field.options?.map((o) => (
            <option key={optionKey(o.value)} value={optionKey(o.value)}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case 'MULTI_SELECT': {
      const picked = Array.isArray(value) ? value : [];
      return (
        <div role="group" aria-labelledby={labelId} id={common.id} aria-describedby={common['aria-describedby']} className="options">
          {field.options?.map((o) => {
            const key = optionKey(o.value);
            return (
              <label key={key} className="option">
                <input
                  type="checkbox"
                  checked={picked.includes(key)}
                  onChange={(e) => {
                    onEntry(e.target.checked ? [...picked, key] : picked.filter((k) => k !== key));
                  }}
                />
                {o.label}
              </label>
            );
          })}
        </div>
      );
    }
    case 'FILE':
      return <p className="muted">Uploaded as a file (see Files below).</p>;
    default:
      return (
        <input
          {...common}
          type="text"
          value={text}
          placeholder={field.placeholder ?? undefined}
          onChange={(e) => {
            onEntry(e.target.value);
          }}
        />
      );
  }
}

/** A locked field: a lock, set or not, never a value; replacing it means typing a new one into an empty input. */
function LockedInput({ field, entry, onEntry, common }: { field: FormField; entry: string; onEntry: (e: Entry) => void; common: Common }): ReactNode {
  const [replacing, setReplacing] = useState(entry !== '' || !field.isSet);
  if (!replacing)
    return (
      <div className="locked-value">
        <span className="muted">Set · hidden</span>
        <button
          type="button"
          className="secondary"
          id={common.id}
          aria-label={`Replace ${field.label ?? field.key}`}
          aria-describedby={common['aria-describedby']}
          onClick={() => {
            setReplacing(true);
          }}
        >
          Replace
        </button>
      </div>
    );
  return (
    <div className="locked-value">
      {field.options && field.options.length > 0 ? (
        // A field locked by its name may still be a choice (OIDC's tokenEndpointAuthMethod): its options, none picked.
        <select
          {...common}
          value={entry}
          onChange={(e) => {
            onEntry(e.target.value);
          }}
          autoFocus={field.isSet}
        >
          <option value="">{field.isSet ? 'Choose a new value (the current one stays hidden)' : 'Choose…'}</option>
          {field.options.map((o) => (
            <option key={optionKey(o.value)} value={optionKey(o.value)}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type="password"
          autoComplete="new-password"
          value={entry}
          placeholder={field.isSet ? 'New value (the current one stays hidden)' : 'Value'}
          onChange={(e) => {
            onEntry(e.target.value);
          }}
          autoFocus={field.isSet}
        />
      )}
      {field.isSet && (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            onEntry('');
            setReplacing(false);
          }}
        >
          Keep current
        </button>
      )}
    </div>
  );
}

export function LockIcon(): ReactNode {
  return (
    <svg className="lock" role="img" aria-label="Locked: write-only" width="14" height="14" viewBox="0 0 16 16">
      <path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z" fill="currentColor" />
    </svg>
  );
}

function RequiredMark(): ReactNode {
  return (
    <span className="required" aria-hidden="true">
      {' '}
      *
    </span>
  );
}
