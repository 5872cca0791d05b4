import './events-timeline.css';
import { useCallback, useMemo } from 'react';
import { useStore } from 'zustand';
import { formatCommand } from '../../../shared/shell-command.js';
import { useStores } from '../../app/stores-context.js';
import { useShownCommand } from '../../components/command-target.js';
import { VirtualTable, type Column } from '../../components/virtual-table.js';
import { plural } from '../../lib/plural.js';
import { DetailsCell, ObjectCell, objectLabel } from './event-cells.js';
import { baseAction, commonTypes, eventsCommand, matchesFilter } from './event-filter.js';
import type { TimelineEvent } from './event-ring.js';
import { goneKey } from './event-ring.js';
import { eventsTimelineStore } from './events-timeline-feature.js';
import type { EventsTimelineStore } from './events-timeline-store.js';

function clockTime(timeNano: number): string {
  const date = new Date(Math.floor(timeNano / 1e6));
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

function useColumns(store: EventsTimelineStore): Column<TimelineEvent>[] {
  const gone = useStore(store, (s) => s.gone);
  return useMemo(
    () => [
      { key: 'time', header: 'Time', minWidth: 96, grow: 0, cell: (e) => <span className="mono">{clockTime(e.timeNano)}</span> },
      { key: 'type', header: 'Type', minWidth: 84, grow: 0, cell: (e) => <span className={`ev-type ev-type--${e.type}`}>{e.type}</span> },
      {
        key: 'action',
        header: 'Action',
        minWidth: 110,
        grow: 0,
        cell: (e) => <strong className="ev-action">{baseAction(e.action)}</strong>,
      },
      {
        key: 'object',
        header: 'Object',
        minWidth: 180,
        grow: 1,
        cell: (e) => (
          <span className="ev-object">
            <ObjectCell event={e} gone={gone.has(goneKey(e))} />
            <button
              type="button"
              className="btn btn--small btn--ghost ev-only"
              title={`Only events of ${objectLabel(e)}`}
              aria-label={`Only events of ${e.type} ${objectLabel(e)}`}
              onClick={() => store.getState().setObject({ type: e.type, id: e.id, label: objectLabel(e) })}
            >
              only
            </button>
          </span>
        ),
      },
      { key: 'details', header: 'Details', minWidth: 200, grow: 2, priority: 1, cell: (e) => <DetailsCell event={e} /> },
    ],
    [store, gone],
  );
}

function Chip({ label, on, count, onToggle }: { label: string; on: boolean; count?: number; onToggle(): void }) {
  return (
    <button type="button" className={`ev-chip${on ? ' ev-chip--on' : ''}`} aria-pressed={on} onClick={onToggle}>
      {label}
      {count !== undefined ? <span className="ev-chip-count">{count}</span> : null}
    </button>
  );
}

export function EventsView() {
  const { features } = useStores();
  const store = features.get(eventsTimelineStore);
  const events = useStore(store, (s) => s.events);
  const dropped = useStore(store, (s) => s.dropped);
  const since = useStore(store, (s) => s.since);
  const pastError = useStore(store, (s) => s.pastError);
  const filter = useStore(store, (s) => s.filter);
  const columns = useColumns(store);

  // Newest first; the counts say what each chip would show.
  const shown = useMemo(() => events.filter((e) => matchesFilter(e, filter)).reverse(), [events, filter]);
  const typeCounts = useMemo(() => countBy(events, (e) => e.type), [events]);
  const actionCounts = useMemo(
    () =>
      countBy(
        events.filter((e) => filter.types.size === 0 || filter.types.has(e.type)),
        (e) => baseAction(e.action),
      ),
    [events, filter.types],
  );
  const types = [...new Set([...commonTypes, ...typeCounts.keys()])];
  const actions = [...new Set([...filter.actions, ...actionCounts.keys()])].sort();
  const command = useShownCommand(formatCommand(eventsCommand(filter)));
  const filtered = filter.types.size > 0 || filter.actions.size > 0 || filter.object !== null;
  const rowLabel = useCallback((e: TimelineEvent) => `${e.type} ${baseAction(e.action)} ${objectLabel(e)}`, []);

  const summary = `${plural(events.length, 'event')} since ${new Date(since).toLocaleTimeString()}${filtered ? ` · ${shown.length} shown` : ''}`;

  return (
    <section className="view events-view" aria-labelledby="events-title">
      <div className="view-toolbar">
        <div className="view-title">
          <h1 id="events-title">Events</h1>
          <span className="view-summary">{summary}</span>
        </div>
        <div className="ev-toolbar-actions">
          {filtered ? (
            <button type="button" className="btn btn--small" onClick={() => store.getState().clearFilter()}>
              Show all
            </button>
          ) : null}
          <button type="button" className="btn btn--small" onClick={() => store.getState().clear()} disabled={events.length === 0}>
            Clear
          </button>
        </div>
      </div>
      {dropped > 0 ? (
        <p role="status" className="banner banner--stale">
          Only the last {events.length.toLocaleString()} events are kept: {plural(dropped, 'older event')} dropped.
        </p>
      ) : null}
      {pastError ? (
        <p role="status" className="banner banner--stale">
          The engine&apos;s last minutes could not be read ({pastError}); events from now on are shown.
        </p>
      ) : null}
      <div className="ev-filters" role="group" aria-label="Filter events">
        <div className="ev-chip-row" role="group" aria-label="Object type">
          <span className="faint">Type</span>
          {types.map((t) => (
            <Chip
              key={t}
              label={t}
              on={filter.types.has(t)}
              count={typeCounts.get(t) ?? 0}
              onToggle={() => store.getState().toggleType(t)}
            />
          ))}
        </div>
        <div className="ev-chip-row" role="group" aria-label="Action">
          <span className="faint">Action</span>
          {actions.length === 0 ? <span className="faint">none yet</span> : null}
          {actions.map((a) => (
            <Chip
              key={a}
              label={a}
              on={filter.actions.has(a)}
              count={actionCounts.get(a) ?? 0}
              onToggle={() => store.getState().toggleAction(a)}
            />
          ))}
        </div>
        {filter.object ? (
          <div className="ev-chip-row">
            <span className="faint">Object</span>
            <Chip label={`${filter.object.type} ${filter.object.label} ×`} on onToggle={() => store.getState().setObject(null)} />
          </div>
        ) : null}
        <p className="dialog-cli" aria-label="Equivalent command">
          <span className="faint">Same as</span> <code>{command}</code>
        </p>
      </div>
      <VirtualTable
        label="Engine events, newest first"
        columns={columns}
        rows={shown}
        rowKey={(e) => String(e.seq)}
        rowLabel={rowLabel}
        rowClassName={(e) => (e.exitCode !== undefined && e.exitCode !== 0 ? 'ev-row--failed' : '')}
        rowHeight={34}
        empty={
          events.length === 0
            ? 'Waiting for the engine to do something: start a container, pull an image, here or in a terminal.'
            : 'No event matches the filter.'
        }
      />
    </section>
  );
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
