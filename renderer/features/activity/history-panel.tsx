import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { CloseIcon } from '../../components/icons.js';
import { historyRows } from './activity-history.js';
import { Outcome } from './outcome.js';
import type { ActivityEntry } from './activity-store.js';

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState<'yes' | 'refused' | null>(null);
  useEffect(() => {
    if (copied === null) return;
    const t = setTimeout(() => setCopied(null), 1500);
    return () => clearTimeout(t);
  }, [copied]);
  return (
    <button
      type="button"
      className="btn btn--small btn--ghost act-copy"
      aria-label={`Copy ${text}`}
      title="Copy the command"
      onClick={() => {
        const clipboard = navigator.clipboard as Clipboard | undefined;
        if (!clipboard) return setCopied('refused');
        clipboard.writeText(text).then(
          () => setCopied('yes'),
          () => setCopied('refused'),
        );
      }}
    >
      {copied === 'yes' ? 'Copied' : copied === 'refused' ? 'Not allowed' : 'Copy'}
    </button>
  );
}

function HistoryRow({ entry }: { entry: ActivityEntry }) {
  return (
    <li className={`act-row act-row--${entry.outcome}`}>
      <time className="act-row-time faint" dateTime={new Date(entry.startedAt).toISOString()}>
        {clock(entry.startedAt)}
      </time>
      <div className="act-row-main">
        <code className="act-cmd">
          <span className="act-prompt" aria-hidden="true">
            ${' '}
          </span>
          {entry.command}
        </code>
        <div className="act-row-result">
          <Outcome entry={entry} />
          {entry.background ? <span className="act-badge">background</span> : null}
        </div>
        {entry.outcome === 'error' && entry.detail ? <div className="act-row-detail">{entry.detail}</div> : null}
      </div>
      <CopyButton text={entry.command} />
    </li>
  );
}

/** Every command of this session with how it ended: searchable, each copyable. Berth's background reads on request. */
export function HistoryPanel({ onClose }: { onClose(): void }) {
  const entries = useStore(useStores().activity, (s) => s.entries);
  const [text, setText] = useState('');
  const [background, setBackground] = useState(false);
  const [failedOnly, setFailedOnly] = useState(false);
  const rows = useMemo(() => historyRows(entries, { text, background, failedOnly }), [entries, text, background, failedOnly]);
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => search.current?.focus(), []);
  return (
    <section
      id="activity-history"
      className="act-history"
      role="dialog"
      aria-label="Command history"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header className="act-history-head">
        <h2>Command history</h2>
        <input
          ref={search}
          className="input act-history-search"
          type="search"
          aria-label="Search the history"
          placeholder="Search commands and outcomes…"
          value={text}
          spellCheck={false}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <label className="check">
          <input type="checkbox" checked={failedOnly} onChange={(e) => setFailedOnly(e.currentTarget.checked)} /> Failed only
        </label>
        <label className="check" title="Reads Berth makes by itself, e.g. the docker diff of each container a remove would take">
          <input type="checkbox" checked={background} onChange={(e) => setBackground(e.currentTarget.checked)} /> Berth’s background reads
        </label>
        <button type="button" className="icon-btn" aria-label="Close the history" title="Close (Esc)" onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      <div className="act-history-scroll" tabIndex={0} role="region" aria-label={`Commands this session: ${rows.length} shown`}>
        {rows.length === 0 ? (
          <p className="faint act-history-empty">
            {entries.length === 0 ? 'Nothing run yet in this session.' : 'No command matches the search.'}
          </p>
        ) : (
          <ol className="act-history-list">
            {rows.map((e) => (
              <HistoryRow key={e.id} entry={e} />
            ))}
          </ol>
        )}
      </div>
      <p className="act-history-foot faint">Kept until this window closes. Copy a command to run it in a terminal yourself.</p>
    </section>
  );
}
