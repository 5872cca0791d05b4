import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useStores } from '../../app/stores-context.js';
import { createFrameCoalescer } from '../container-detail/frame-coalescer.js';
import { plural } from '../../lib/plural.js';
import { tailWindow, useClientHeight } from '../../components/tail-window.js';
import { StackLogMerge, type StackLogLine } from './stack-log-merge.js';
import type { StackEntry } from './stack-groups.js';

const rowHeight = 18;
const overscanRows = 10;
const minRenderIntervalMs = 50;
const tail = 500;
/** One colour per service, in the order of the stack's services. */
const serviceColours = [
  'var(--blue)',
  'var(--green)',
  'var(--amber)',
  'var(--violet)',
  'var(--orange)',
  'var(--red)',
  'var(--accent)',
  'var(--grey)',
];

/**
 * Follows `docker logs` of every container of the stack, each on the engine's own log stream with
 * its flow control (bytes acknowledged once drawn; a view that falls behind is skipped to the tail
 * and told how many lines it missed), interleaved as they arrive.
 */
function useStackLogs(containers: ReadonlyArray<{ id: string; name: string; service: string }>) {
  const { client } = useStores();
  const [merge, setMerge] = useState(() => new StackLogMerge());
  const [, setVersion] = useState(0);
  const key = containers.map((c) => c.id).join(',');
  useEffect(() => {
    const model = new StackLogMerge();
    setMerge(model);
    const unacked = new Map<string, number>();
    const publish = () => {
      setVersion(model.version);
      for (const [flow, bytes] of unacked) {
        if (bytes > 0) void client.call('containers.logsAck', { flow, bytes }).catch(() => undefined);
      }
      unacked.clear();
    };
    const frames = createFrameCoalescer(publish, minRenderIntervalMs);
    const closers = containers.map((c) => {
      model.addSource(c.id, c.service, c.name);
      let flow: string | undefined;
      return client.subscribe(
        'containers.logs',
        { id: c.id, tail, follow: true, flowControl: true },
        {
          onMessage(batch) {
            flow ??= batch.flow;
            if (flow) unacked.set(flow, (unacked.get(flow) ?? 0) + batch.chunks.reduce((n, ch) => n + ch.data.byteLength, 0));
            if (batch.skipped) model.skip(c.id, batch.skipped);
            model.push(c.id, batch.chunks);
            frames.request();
          },
          onEnd() {
            model.end(c.id);
            frames.request();
          },
        },
      );
    });
    return () => {
      for (const close of closers) close();
      frames.cancel();
    };
  }, [client, key]);
  return merge;
}

/** The logs of a whole stack, a colour per service, filterable by service. */
export function StackLogs({
  stack,
  service,
  onService,
}: {
  stack: StackEntry;
  service: string | undefined;
  onService(service: string | undefined): void;
}) {
  const containers = useMemo(
    () => stack.services.flatMap((s) => s.containers.map((c) => ({ id: c.id, name: c.name, service: s.name }))),
    [stack.services],
  );
  const merge = useStackLogs(containers);
  const colourOf = useMemo(
    () => new Map(stack.services.map((s, i) => [s.name, serviceColours[i % serviceColours.length]!])),
    [stack.services],
  );
  const lines: StackLogLine[] = useMemo(() => {
    const all = merge.toArray();
    return service ? all.filter((l) => l.service === service) : all;
  }, [merge, merge.version, service]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [atBottom, setAtBottom] = useState(true);
  const [scrollTop, setScrollTop] = useState(0);
  const viewHeight = useClientHeight(scrollRef, 300);
  const { total, maxTop, first, last } = tailWindow({ count: lines.length, rowHeight, overscanRows, scrollTop, viewHeight, atBottom });

  useLayoutEffect(() => {
    if (atBottom && scrollRef.current) scrollRef.current.scrollTop = maxTop;
  }, [atBottom, maxTop, lines]);

  return (
    <div className="stk-logs">
      <div className="stk-logs-bar" role="group" aria-label="Services shown">
        <button
          type="button"
          className={`stk-chip${service === undefined ? ' stk-chip--on' : ''}`}
          aria-pressed={service === undefined}
          onClick={() => onService(undefined)}
        >
          all services
        </button>
        {stack.services.map((s) => (
          <button
            key={s.name}
            type="button"
            className={`stk-chip${service === s.name ? ' stk-chip--on' : ''}`}
            aria-pressed={service === s.name}
            style={{ borderColor: colourOf.get(s.name) }}
            onClick={() => onService(service === s.name ? undefined : s.name)}
          >
            <span className="stk-chip-dot" style={{ background: colourOf.get(s.name) }} aria-hidden="true" />
            {s.name}
          </button>
        ))}
      </div>
      <div
        ref={scrollRef}
        className="stk-log-view"
        role="log"
        aria-label={`Logs of ${stack.project}`}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          const bottom = total - el.scrollTop - el.clientHeight < rowHeight * 2;
          setAtBottom(bottom);
          if (!bottom) setScrollTop(el.scrollTop);
        }}
      >
        {lines.length === 0 ? (
          <div className="faint stk-log-empty">{containers.length === 0 ? 'The stack has no containers.' : 'Waiting for output…'}</div>
        ) : (
          <div style={{ height: total, position: 'relative' }}>
            {lines.slice(first, last).map((l, k) => (
              <div
                key={l.seq}
                className={`stk-log-line stk-log-line--${l.line.stream}`}
                data-service={l.service}
                style={{ transform: `translateY(${(first + k) * rowHeight}px)` }}
              >
                <span className="stk-log-source" style={{ color: colourOf.get(l.service) }}>
                  {l.container}
                </span>{' '}
                {l.line.text}
              </div>
            ))}
          </div>
        )}
      </div>
      <div className="faint stk-log-foot">
        {plural(lines.length, 'line').replace(/^\d+/, lines.length.toLocaleString())}
        {merge.dropped > 0 ? ` (oldest ${merge.dropped.toLocaleString()} dropped, at most ${merge.capacity.toLocaleString()} kept)` : ''} ·
        last {tail} of each container, then following
      </div>
    </div>
  );
}
