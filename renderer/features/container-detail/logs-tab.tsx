import { memo, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { streamCliEquivalent } from '../../../shared/contract.js';
import type { LogBatch } from '../../../shared/container-detail-types.js';
import { useStores } from '../../app/stores-context.js';
import { createFrameCoalescer } from './frame-coalescer.js';
import { tailWindow, useClientHeight } from '../../components/tail-window.js';
import { LogModel, linesToText, markMatches, type LogLine } from './log-lines.js';
import { followAcrossRestarts, reattachTail, type OpenLogStream } from './log-follow.js';
import { emptyLogNote } from './empty-log-note.js';
import { MatchTally } from './match-tally.js';

const tails = [100, 500, 1000, 5000] as const;
/** Every row is one line high (no wrapping), so the window of rows to draw is arithmetic. */
const rowHeight = 18;
const overscanRows = 10;
/** A flood re-renders the rows at most this often (each render replaces every visible row). */
const minRenderIntervalMs = 50;
/** Drawn between the lines of one run of the container and the next. */
const restartedMarker = '— restarted —';

interface StreamView {
  /** The lines: a ring the stream appends to; `version` says when it changed. */
  model: LogModel;
  version: number;
  ended: boolean;
  error?: string;
}

/**
 * Follows `docker logs` into a LogModel, across the container's restarts (see followAcrossRestarts).
 * Batches go into the model as they come (cheap: no colour parsing, no copying); React hears of it
 * at most once per animation frame and per 50 ms.
 */
function useLogStream(id: string, tail: number, timestamps: boolean, follow: boolean): StreamView {
  const { client, events } = useStores();
  const [view, setView] = useState<StreamView>(() => ({ model: new LogModel({ timestamps }), version: 0, ended: false }));
  useEffect(() => {
    const model = new LogModel({ timestamps });
    let ended = false;
    let error: string | undefined;
    // Flow control: bytes are acknowledged once drawn, so the server drops to the tail when we fall behind.
    // Each stream (one per run of the container) has its own flow.
    let flow: string | undefined;
    let unacked = 0;
    const acknowledge = () => {
      if (flow && unacked > 0) {
        void client.call('containers.logsAck', { flow, bytes: unacked }).catch(() => undefined); // the stream may have ended meanwhile
        unacked = 0;
      }
    };
    const publish = () => {
      setView({ model, version: model.version, ended, error });
      acknowledge();
    };
    const frames = createFrameCoalescer(publish, minRenderIntervalMs);
    publish();
    const open: OpenLogStream = (since, handlers) =>
      client.subscribe(
        'containers.logs',
        since === undefined
          ? { id, tail, follow, timestamps, flowControl: true }
          : { id, tail: reattachTail, follow, timestamps, since, flowControl: true },
        handlers,
      );
    const onMessage = (batch: LogBatch) => {
      flow ??= batch.flow;
      for (const c of batch.chunks) unacked += c.data.byteLength;
      if (batch.skipped) {
        model.skip('stdout', batch.skipped.stdout);
        model.skip('stderr', batch.skipped.stderr);
      }
      model.push(batch.chunks);
      frames.request();
    };
    const close = follow
      ? followAcrossRestarts({
          containerId: id,
          open,
          events,
          handlers: {
            onMessage,
            onStreamEnd(e, reattaching) {
              model.end();
              ended = !reattaching;
              error = e?.message;
              frames.request();
            },
            onRestart() {
              acknowledge();
              flow = undefined;
              unacked = 0;
              model.mark(restartedMarker);
              ended = false;
              error = undefined;
              frames.request();
            },
          },
        })
      : open(undefined, {
          onMessage,
          onEnd(e) {
            model.end();
            ended = true;
            error = e?.message;
            frames.request();
          },
        });
    return () => {
      close();
      frames.cancel();
    };
  }, [client, events, id, tail, timestamps, follow]);
  return view;
}

/** One line's spans (parsed from its colours on first draw), with search matches marked. */
const LogRow = memo(function LogRow({ line, query }: { line: LogLine; query: string }) {
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
});

function rowClass(line: LogLine): string {
  return line.skipped !== undefined ? 'cd-log-line cd-log-line--skipped' : `cd-log-line cd-log-line--${line.stream}`;
}

export function LogsTab({ id, name }: { id: string; name: string }) {
  const [tail, setTail] = useState<number>(500);
  const [timestamps, setTimestamps] = useState(false);
  const [follow, setFollow] = useState(true);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const { model, version, ended, error } = useLogStream(id, tail, timestamps, follow);
  const { containers } = useStores();
  const container = useStore(containers, (s) => s.items.find((c) => c.id === id));
  const count = model.length;
  const tally = useMemo(() => new MatchTally(), [model]);
  // Incremental: only lines added since the last render are searched (see MatchTally).
  const matches = deferredQuery ? tally.count(model, deferredQuery) : 0;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [atBottom, setAtBottom] = useState(true);
  const [scrollTop, setScrollTop] = useState(0);
  const viewHeight = useClientHeight(scrollRef, 0);
  const [copied, setCopied] = useState(false);
  const { total, maxTop, first, last } = tailWindow({ count, rowHeight, overscanRows, scrollTop, viewHeight, atBottom });

  // Following: keep the newest line in view. Scrolled up: lines dropped from the front move the
  // rest up, so move the view up with them and the lines being read stay put.
  const droppedBefore = useRef(model.dropped);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const droppedNow = model.dropped;
    const shift = (droppedNow - droppedBefore.current) * rowHeight;
    droppedBefore.current = droppedNow;
    if (!el) return;
    if (atBottom) el.scrollTop = maxTop;
    else if (shift > 0) {
      el.scrollTop = Math.max(0, scrollTop - shift);
      setScrollTop((t) => Math.max(0, t - shift));
    }
  }, [model, version, atBottom, maxTop]); // scrollTop is read here, not a trigger

  const command = streamCliEquivalent('containers.logs', { id: name, tail, follow, timestamps }) ?? '';
  const text = () => linesToText(model.snapshot());

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
        <input
          className="cd-detail-search"
          type="search"
          aria-label="Search logs"
          placeholder="Search…"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
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
          const bottom = total - el.scrollTop - el.clientHeight < rowHeight * 2;
          setAtBottom(bottom);
          // At the bottom the view follows by itself; elsewhere the rows to draw come from here.
          if (!bottom) setScrollTop(el.scrollTop);
        }}
      >
        {count === 0 ? (
          <div className="cd-log-empty faint">{emptyLogNote(container, ended)}</div>
        ) : (
          <div style={{ height: total, position: 'relative' }}>
            {Array.from({ length: Math.max(0, last - first) }, (_, k) => {
              const index = first + k;
              const line = model.at(index);
              if (!line) return null;
              return (
                <div
                  key={line.seq < 0 ? `pending${line.seq}` : line.seq}
                  className={rowClass(line)}
                  style={{ transform: `translateY(${index * rowHeight}px)` }}
                >
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
          {count.toLocaleString()} lines
          {model.dropped > 0 ? ` (oldest ${model.dropped.toLocaleString()} dropped, at most ${model.capacity.toLocaleString()} kept)` : ''}
          {model.skipped > 0 ? ` · ${model.skipped.toLocaleString()} skipped to keep up` : ''}
          {ended ? (error ? ` · stream ended: ${error}` : ' · stream ended') : follow ? ' · following' : ''}
        </span>
      </div>
    </div>
  );
}
