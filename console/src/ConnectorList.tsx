/**
 * All connectors: one list across the sources, with search, a source filter and "Load more" (the connection's
 * cursor). A source that fails is named in a banner while the others' connectors stay listed.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { describeError, sourceLabel, type GatewayError } from './api.js';
import { useRun } from './context.js';
import { connectorsQuery } from './operations.js';
import { href } from './route.js';
import type { ConnectorSource, ConsoleRowFragment } from './__generated__/graphql.js';

const PAGE_SIZE = 20;
const SOURCES: ConnectorSource[] = ['CONDUCTORONE', 'LOGTO', 'SAILPOINT'];

interface ListState {
  rows: ConsoleRowFragment[];
  endCursor: string | null | undefined;
  hasNextPage: boolean;
  /** Sources that failed, with why; other errors (not a source's) as text. */
  failed: { source: string | undefined; message: string }[];
  loading: boolean;
}

const EMPTY: ListState = { rows: [], endCursor: undefined, hasNextPage: false, failed: [], loading: true };

export function ConnectorList(): ReactNode {
  const run = useRun();
  const [search, setSearch] = useState('');
  const [source, setSource] = useState<ConnectorSource | ''>('');
  const [state, setState] = useState<ListState>(EMPTY);
  /** The query the shown rows belong to; an answer for an older one is dropped. */
  const generation = useRef(0);

  const load = async (after: string | null | undefined, previous: ConsoleRowFragment[]): Promise<void> => {
    const mine = generation.current;
    setState((s) => ({ ...s, loading: true }));
    const term = search.trim();
    const { data, errors } = await run(connectorsQuery, {
      first: PAGE_SIZE,
      after: after ?? null,
      sources: source === '' ? null : [source],
      filter: term === '' ? null : { search: term },
    });
    if (mine !== generation.current) return;
    const connection = data?.connectors;
    setState({
      rows: [...previous, ...(connection?.edges.map((e) => e.node) ?? [])],
      endCursor: connection?.pageInfo.endCursor,
      hasNextPage: connection?.pageInfo.hasNextPage ?? false,
      failed: errors.map((e: GatewayError) => ({
        source: typeof e.extensions?.source === 'string' ? e.extensions.source : undefined,
        message: describeError(e),
      })),
      loading: false,
    });
  };

  // A new search or filter starts the list again (the search after a short pause in typing).
  useEffect(() => {
    generation.current += 1;
    setState(EMPTY);
    const timer = window.setTimeout(() => void load(undefined, []), search === '' ? 0 : 250);
    return () => {
      window.clearTimeout(timer);
    };
  }, [search, source]);

  return (
    <section aria-labelledby="list-title">
      <h1 id="list-title">Connectors</h1>
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
        }}
      >
        <div>
          <label htmlFor="search">Search</label>
          <input
            id="search"
            type="search"
            value={search}
            placeholder="Name or id"
            onChange={(e) => {
              setSearch(e.target.value);
            }}
          />
        </div>
        <div>
          <label htmlFor="source">Source</label>
          <select
            id="source"
            value={source}
            onChange={(e) => {
              setSource(e.target.value as ConnectorSource | '');
            }}
          >
            <option value="">All sources</option>
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {sourceLabel(s)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {state.failed.length > 0 && (
        <div className="banner" role="alert">
          {state.failed.some((f) => f.source !== undefined) && (
            <p>
              <strong>{[...new Set(state.failed.flatMap((f) => (f.source === undefined ? [] : [sourceLabel(f.source)])))].join(', ')}</strong> could not be
              listed; the other sources&apos; connectors are shown.
            </p>
          )}
          <ul>
            {state.failed.map((f, i) => (
              <li key={i}>{f.message}</li>
            ))}
          </ul>
        </div>
      )}
      <table className="connectors" aria-busy={state.loading}>
        <caption className="visually-hidden">Connectors of the selected sources</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Source</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {state.rows.map((row) => (
            <Row key={row.id} row={row} />
          ))}
        </tbody>
      </table>
      {!state.loading && state.rows.length === 0 && <p className="empty">No connector matches.</p>}
      <div className="more">
        {state.loading ? (
          <p aria-live="polite">Loading…</p>
        ) : (
          state.hasNextPage && (
            <button type="button" onClick={() => void load(state.endCursor, state.rows)}>
              Load more
            </button>
          )
        )}
      </div>
    </section>
  );
}

function Row({ row }: { row: ConsoleRowFragment }): ReactNode {
  return (
    <tr data-source={row.source}>
      <td>
        <a href={href({ page: 'connector', id: row.id })}>{row.displayName}</a>
        <div className="muted">{row.nativeId}</div>
      </td>
      <td>
        <span className={`badge ${row.source.toLowerCase()}`}>{sourceLabel(row.source)}</span>
      </td>
      <td>{kindOf(row)}</td>
      <td>{statusOf(row)}</td>
    </tr>
  );
}

function kindOf(row: ConsoleRowFragment): string {
  switch (row.__typename) {
    case 'AppConnector':
      return 'App connector';
    case 'LoginConnector':
      return `${row.type.toLowerCase()} sign-in · ${row.connectorId}`;
    case 'ScriptConnector':
      return `Script connector · ${row.scriptName}`;
  }
}

/** An app connector's sync status (with its last error), a script connector's release status. */
function statusOf(row: ConsoleRowFragment): ReactNode {
  if (row.__typename === 'AppConnector') {
    if (row.syncDisabledReason) return <span className="status disabled">Sync disabled: {row.syncDisabledReason}</span>;
    const status = row.connectorStatus?.status;
    if (!status || status === 'SYNC_STATUS_UNSPECIFIED') return <span className="status">Not synced yet</span>;
    const when = row.connectorStatus?.completedAt ? ` · ${new Date(row.connectorStatus.completedAt).toLocaleString()}` : '';
    return (
      <span className={`status ${status.toLowerCase()}`} title={row.connectorStatus?.lastError ?? undefined}>
        Sync {status.toLowerCase()}
        {when}
        {status === 'ERROR' && row.connectorStatus?.lastError ? `: ${row.connectorStatus.lastError}` : ''}
      </span>
    );
  }
  if (row.__typename === 'ScriptConnector') return <span className="status">{row.status?.toLowerCase() ?? ''}</span>;
  return <span className="status">{''}</span>;
}
