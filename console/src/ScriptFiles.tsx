/**
 * A script connector's files: the source config, correlation config and source template (XML, with every secret
 * masked by the gateway) and the translations of a locale the user picks, each with an upload that replaces it.
 * A refused file shows the server's reason as a red message naming the file (focus moves to it); an accepted one a
 * toast, and the files are read again.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { describeError } from './api.js';
import { useConsole, useRun } from './context.js';
import { scriptFilesQuery, uploadScriptFileMutation } from './operations.js';
import type { ConsoleScriptFilesQuery, SailPointLocale, ScriptConnectorFileKind } from './__generated__/graphql.js';

type Files = NonNullable<ConsoleScriptFilesQuery['scriptConnector']>;

/** The files, in the order shown: what each is called and which field of ScriptConnector holds it. */
const FILES: { kind: ScriptConnectorFileKind; title: string; field: 'sourceConfig' | 'correlationConfig' | 'sourceTemplate' | 'translations' }[] = [
  { kind: 'SOURCE_CONFIG', title: 'Source config', field: 'sourceConfig' },
  { kind: 'CORRELATION_CONFIG', title: 'Correlation config', field: 'correlationConfig' },
  { kind: 'SOURCE_TEMPLATE', title: 'Source template', field: 'sourceTemplate' },
  { kind: 'TRANSLATIONS', title: 'Translations', field: 'translations' },
];

/** SailPoint's locales (the enum SailPointLocale), by their names. */
const LOCALES: [SailPointLocale, string][] = [
  ['EN', 'English (en)'],
  ['CS', 'Czech (cs)'],
  ['DA', 'Danish (da)'],
  ['DE', 'German (de)'],
  ['ES', 'Spanish (es)'],
  ['FI', 'Finnish (fi)'],
  ['FR', 'French (fr)'],
  ['HU', 'Hungarian (hu)'],
  ['IT', 'Italian (it)'],
  ['JA', 'Japanese (ja)'],
  ['KO', 'Korean (ko)'],
  ['NL', 'Dutch (nl)'],
  ['NO', 'Norwegian (no)'],
  ['PL', 'Polish (pl)'],
  ['PT', 'Portuguese (pt)'],
  ['RU', 'Russian (ru)'],
  ['SV', 'Swedish (sv)'],
  ['ZH_CN', 'Chinese, simplified (zh-CN)'],
  ['ZH_TW', 'Chinese, traditional (zh-TW)'],
];

export function ScriptFiles({ scriptName }: { scriptName: string }): ReactNode {
  const run = useRun();
  const [locale, setLocale] = useState<SailPointLocale>('EN');
  const [files, setFiles] = useState<Files | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    void run(scriptFilesQuery, { scriptName, locale }).then(({ data, errors }) => {
      if (!current) return;
      setLoadError(errors.length > 0 ? errors.map(describeError).join(' ') : undefined);
      setFiles(data?.scriptConnector ?? null);
    });
    return () => {
      current = false;
    };
  }, [scriptName, locale, version, run]);

  return (
    <section className="files" aria-labelledby="files-title">
      <h2 id="files-title">Files</h2>
      <p className="muted">Secrets in these files are shown as ********; a file read so and uploaded again keeps the stored secrets.</p>
      {loadError !== undefined && (
        <p className="error-message" role="alert">
          {loadError}
        </p>
      )}
      {files === undefined && <p aria-live="polite">Loading…</p>}
      {files === null && loadError === undefined && <p role="alert">This script connector does not exist (any more).</p>}
      {files &&
        FILES.map((file) => (
          <FileView
            key={file.kind}
            scriptName={scriptName}
            kind={file.kind}
            title={file.kind === 'TRANSLATIONS' ? `${file.title} (${localeName(locale)})` : file.title}
            content={files[file.field] ?? null}
            locale={file.kind === 'TRANSLATIONS' ? locale : undefined}
            onUploaded={() => {
              setVersion((v) => v + 1);
            }}
          >
            {file.kind === 'TRANSLATIONS' && (
              <div className="field">
                <label htmlFor="files-locale">Locale</label>
                <select
                  id="files-locale"
                  value={locale}
                  onChange={(e) => {
                    setLocale(e.target.value as SailPointLocale);
                  }}
                >
                  {LOCALES.map(([value, name]) => (
                    <option key={value} value={value}>
                      {name}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </FileView>
        ))}
    </section>
  );
}

function localeName(locale: SailPointLocale): string {
  return LOCALES.find(([value]) => value === locale)?.[1] ?? locale;
}

interface FileViewProps {
  scriptName: string;
  kind: ScriptConnectorFileKind;
  title: string;
  content: string | null;
  locale: SailPointLocale | undefined;
  onUploaded: () => void;
  children?: ReactNode;
}

/** One file: its text, and a form that uploads a replacement. */
function FileView({ scriptName, kind, title, content, locale, onUploaded, children }: FileViewProps): ReactNode {
  const run = useRun();
  const { notify } = useConsole();
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const refusalRef = useRef<HTMLDivElement>(null);
  const id = `file-${kind.toLowerCase().replace(/_/g, '-')}`;

  const refuse = (text: string): void => {
    setRefusal(text);
    window.setTimeout(() => refusalRef.current?.focus(), 0);
  };

  const upload = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setRefusal(undefined);
    const file = inputRef.current?.files?.[0];
    if (file === undefined) {
      refuse(`${title}: choose a file to upload first.`);
      return;
    }
    setBusy(true);
    const { data, errors } = await run(uploadScriptFileMutation, { scriptName, kind, file, locale: locale ?? null }, new Map([['file', file]]));
    setBusy(false);
    const detail = data?.uploadScriptConnectorFile;
    if (!detail || errors.length > 0) {
      refuse(`${title}: ${file.name} was refused. ${errors.map(describeError).join(' ') || 'The gateway gave no reason.'}`);
      return;
    }
    if (detail.status === 'ERROR') {
      refuse(`${title}: ${file.name} was refused. ${detail.message ?? 'SailPoint gave no reason.'}`);
      return;
    }
    if (inputRef.current) inputRef.current.value = '';
    notify(`${title}: ${file.name} uploaded${detail.status === 'UNCHANGED' ? ' (unchanged)' : ''}.`);
    onUploaded();
  };

  return (
    <div className="file-view" role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {children}
      {content === null ? (
        <p className="muted">{kind === 'TRANSLATIONS' ? 'No translations for this locale.' : 'No file (or not well-formed).'}</p>
      ) : (
        <pre className="file" tabIndex={0} aria-label={title}>
          {content}
        </pre>
      )}
      <form className="upload" onSubmit={(e) => void upload(e)} noValidate>
        <label htmlFor={`${id}-input`}>Replace the {title.charAt(0).toLowerCase() + title.slice(1)}</label>
        <input
          id={`${id}-input`}
          ref={inputRef}
          type="file"
          accept={kind === 'TRANSLATIONS' ? '.properties,text/plain' : '.xml,application/xml,text/xml'}
          aria-describedby={refusal !== undefined ? `${id}-refusal` : undefined}
          onChange={() => {
            setRefusal(undefined);
          }}
        />
        <button type="submit" disabled={busy}>
          Upload
        </button>
      </form>
      {refusal !== undefined && (
        <div className="error-message" role="alert" id={`${id}-refusal`} tabIndex={-1} ref={refusalRef}>
          {refusal}
        </div>
      )}
    </div>
  );
}
