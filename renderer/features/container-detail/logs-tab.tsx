import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useStores } from '../../app/stores-context.js';
import { countMatches, LogModel, linesToText, markMatches, type LogLine } from './log-lines.js';

const tails = [100, 500, 1000, 5000] as const;
const flushMs = 50;
const rowHeight = 18;

interface StreamState {
  lines: readonly LogLine[];
  ended: boolean;
  error?: string;
  dropped: number;
}

/** Follows `docker logs` into a LogModel; publishes its snapshot at most every 50 ms. */
function useLogStream(id: string, tail: number, timestamps: boolean, follow: boolean): StreamState {
  const { client } = useStores();
  const [state, setState] = useState<StreamState>({ lines: [], ended: false, dropped: 0 });
  useEffect(() => {
    const model = new LogModel({ timestamps });
    let timer: ReturnType<typeof setTimeout> | null = null;
    let ended = false;
    let error: string | undefined;
    const publish = () => {
      timer = null;
      setState({ lines: model.snapshot(), ended, error, dropped: model.dropped });
    };
    const schedule = () => {
      if (timer === null) timer = setTimeout(publish, flushMs);
    };
    setState({ lines: [], ended: false, dropped: 0 });
    const unsubscribe = client.subscribe(
      'containers.logs',
      { id, tail, follow, timestamps },
      {
        onMessage(batch) {
          model.push(batch.chunks);
          schedule();
        },
        onEnd(e) {
          model.end();
          ended = true;
          error = e?.message;
          schedule();
        },
      },
    );
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [client, id, tail, timestamps, follow]);
  return state;
}

function LogRow({ line, query }: { line: LogLine; query: string }) {
  const spans = markMatches(line.spans, query);
  return (
    <>
      {line.time ? <span className="cd-log-time">{line.time}</span> : null}
      {spans.map((s, i) => {
        const style = s.fg || s.bg ? { color: s.fg, background: s.bg } : undefined;
        const cls = [s.bold ? 'b' : '', s.dim ? 'd' : '', s.italic ? 'i' : '', s.underline ? 'u' : ''].filter(Boolean).join(' ');
        return s.match ? (
          <mark key={i} className={cls || undefined} style={style}>
            {s.text}
          </mark>
        ) : (
          <span key={i} className={cls || undefined} style={style}>
            {s.text}
          </span>
        );
      })}
    </>
  );
}

export function LogsTab({ id, name }: { id: string; name: string }) {
  const [tail, setTail] = useState<number>(500);
  const [timestamps, setTimestamps] = useState(false);
  const [follow, setFollow] = useState(true);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const { lines, ended, error, dropped } = useLogStream(id, tail, timestamps, follow);
  const matches = useMemo(() => countMatches(lines, deferredQuery), [lines, deferredQuery]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [copied, setCopied] = useState(false);

  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 20,
    getItemKey: (i) => {
      const seq = lines[i]?.seq ?? i;
      return seq < 0 ? `pending${seq}` : seq;
    },
  });

  useEffect(() => {
    if (stick.current && lines.length > 0) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [lines, virtualizer]);

  const command = `docker logs --tail ${tail}${follow ? ' --follow' : ''}${timestamps ? ' --timestamps' : ''} ${name}`;
  const text = () => linesToText(lines);

  return (
    <div className="cd-logs">
      <div className="cd-detail-toolbar">
        <label className="cd-field-inline">
          Tail
          <select aria-label="Tail lines" value={tail} onChange={(e) => setTail(Number(e.currentTarget.value))}>
            {tails.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.currentTarget.checked)} />
          Follow
        </label>
        <label className="check">
          <input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.currentTarget.checked)} />
          Timestamps
        </label>
        <input className="cd-detail-search" type="search" aria-label="Search logs" placeholder="Search…" value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
        {query ? (
          <span className="faint" aria-live="polite">
            {matches} {matches === 1 ? 'match' : 'matches'}
          </span>
        ) : null}
        <span className="cd-spacer" />
        <button
          type="button"
          className="btn btn--small"
          onClick={() => {
            void navigator.clipboard?.writeText(text()).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1200);
            });
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button
          type="button"
          className="btn btn--small"
          onClick={() => {
            const url = URL.createObjectURL(new Blob([text()], { type: 'text/plain;charset=utf-8' }));
            const a = document.createElement('a');
            a.href = url;
            a.download = `${name}.log`;
            a.click();
            setTimeout(() => URL.revokeObjectURL(url), 1000);
          }}
        >
          Download
        </button>
      </div>
      <div
        ref={scrollRef}
        className="cd-log-view"
        role="log"
        aria-label={`Logs ${name}`}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < rowHeight * 2;
        }}
      >
        {lines.length === 0 ? (
          <div className="cd-log-empty faint">{ended ? 'No output.' : 'Waiting for output…'}</div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const line = lines[item.index];
              if (!line) return null;
              return (
                <div key={item.key} className={`cd-log-line cd-log-line--${line.stream}`} style={{ transform: `translateY(${item.start}px)` }}>
                  <LogRow line={line} query={deferredQuery} />
                </div>
              );
            })}
          </div>
        )}
      </div>
      <div className="cd-detail-foot faint">
        <code>{command}</code>
        <span>
          {lines.length.toLocaleString()} lines{dropped > 0 ? ` (oldest ${dropped.toLocaleString()} dropped)` : ''}
          {ended ? (error ? ` · stream ended: ${error}` : ' · stream ended') : follow ? ' · following' : ''}
        </span>
      </div>
    </div>
  );
}
