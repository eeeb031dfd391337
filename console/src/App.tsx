/**
 * The console's frame: the header (pages, the API key), the page the URL names, and the toasts. A request the
 * gateway refuses for want of a key (401) opens the key form; the page then loads again with the key.
 */
import { useCallback, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { apiKey, setApiKey } from './api.js';
import { ConsoleContext, type Toast } from './context.js';
import { ConnectorList } from './ConnectorList.js';
import { ConnectorPage } from './ConnectorPage.js';
import { CreatePage } from './CreatePage.js';
import { href, useRoute } from './route.js';

export function App(): ReactNode {
  const route = useRoute();
  const [keyVersion, setKeyVersion] = useState(0);
  const [keyPrompt, setKeyPrompt] = useState<string | undefined>(undefined);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextToast = useRef(0);

  const notify = useCallback((text: string, kind: Toast['kind'] = 'success') => {
    const id = ++nextToast.current;
    setToasts((list) => [...list.slice(-3), { id, text, kind }]);
    window.setTimeout(() => {
      setToasts((list) => list.filter((t) => t.id !== id));
    }, 6000);
  }, []);
  const context = useMemo(() => ({ keyVersion, askForKey: setKeyPrompt, notify }), [keyVersion, notify]);

  const saveKey = (key: string): void => {
    setApiKey(key.trim());
    setKeyPrompt(undefined);
    setKeyVersion((v) => v + 1);
  };

  return (
    <ConsoleContext.Provider value={context}>
      <header className="top">
        <a className="brand" href={href({ page: 'list' })}>
          connector-gateway <span>console</span>
        </a>
        <nav aria-label="Pages">
          <a href={href({ page: 'list' })} aria-current={route.page === 'list' ? 'page' : undefined}>
            Connectors
          </a>
          <a href={href({ page: 'new' })} aria-current={route.page === 'new' ? 'page' : undefined}>
            New connector
          </a>
        </nav>
        <button
          type="button"
          className="link"
          onClick={() => {
            setKeyPrompt('');
          }}
        >
          {apiKey() === '' ? 'Enter API key' : 'Change API key'}
        </button>
      </header>
      {keyPrompt !== undefined && (
        <KeyForm
          reason={keyPrompt}
          onSave={saveKey}
          onCancel={() => {
            setKeyPrompt(undefined);
          }}
        />
      )}
      <main key={keyVersion}>
        {route.page === 'list' && <ConnectorList />}
        {route.page === 'connector' && <ConnectorPage id={route.id} />}
        {route.page === 'new' && <CreatePage />}
      </main>
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast ${t.kind}`}>
            {t.text}
          </div>
        ))}
      </div>
    </ConsoleContext.Provider>
  );
}

/** The API key, entered once: kept for this tab only (sessionStorage). */
function KeyForm({ reason, onSave, onCancel }: { reason: string; onSave: (key: string) => void; onCancel: () => void }): ReactNode {
  const [key, setKey] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onSave(key);
  };
  return (
    <form className="key-form" onSubmit={submit} aria-labelledby="key-title">
      <h2 id="key-title">API key</h2>
      {reason !== '' && <p role="alert">{reason}</p>}
      <p>The key is sent as the x-api-key header and kept for this tab only. Leave it empty to call without one.</p>
      <label htmlFor="api-key">API key</label>
      <input
        id="api-key"
        type="password"
        autoComplete="off"
        autoFocus
        value={key}
        onChange={(e) => {
          setKey(e.target.value);
        }}
      />
      <div className="actions">
        <button type="submit">Use this key</button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
