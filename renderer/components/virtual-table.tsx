import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { fitColumns, gridTemplate, type ColumnSizing } from './fit-columns.js';
import { gridIntent, isTextEntry, rowActionButton, rowControls, takeOutOfTabOrder } from './grid-keys.js';
import './virtual-table.css';

export interface Column<T> extends ColumnSizing {
  header: string;
  align?: 'start' | 'end';
  cell(row: T): ReactNode;
}

/** Row padding is 16px a side; the body keeps a 10px gutter for its scrollbar (head and body stay aligned). */
const metrics = { gap: 14, padding: 42 } as const;

/** The element's width, following resizes. */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    setWidth(element.clientWidth);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export interface VirtualTableProps<T> {
  label: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey(row: T): string;
  /** The row's accessible name. */
  rowLabel(row: T): string;
  rowClassName?(row: T): string;
  rowHeight: number;
  /** Shown instead of rows when there are none. */
  empty: ReactNode;
  /** Greyed out: the rows may no longer be true. */
  stale?: boolean;
  /** Whether two rows show the same data, so the later one's cells need not be drawn again (default: the same object). */
  sameRow?(a: T, b: T): boolean;
  /** Told the rows on screen (not the overscan drawn around them) whenever they change. */
  onVisibleRows?(rows: readonly T[]): void;
}

export interface RowCellsProps<T> {
  row: T;
  columns: readonly Column<T>[];
  sameRow?(a: T, b: T): boolean;
}

function RowCellsOf<T>({ row, columns }: RowCellsProps<T>) {
  return (
    <>
      {columns.map((c) => (
        <div role="gridcell" key={c.key} className={`vt-cell${c.align === 'end' ? ' vt-cell--end' : ''}`}>
          {c.cell(row)}
        </div>
      ))}
    </>
  );
}

/** Whether a row's cells would draw the same: the same columns and a row with the same data (not its position). */
export function sameCells<T>(a: RowCellsProps<T>, b: RowCellsProps<T>): boolean {
  return a.columns === b.columns && a.sameRow === b.sameRow && (a.sameRow ?? Object.is)(a.row, b.row);
}

/** A row's cells, drawn again only when its data or the columns change (not when it merely moves). */
const RowCells = memo(RowCellsOf, sameCells) as typeof RowCellsOf;

/**
 * A data grid whose body renders only the rows in view, so thousands of rows stay fast. Row
 * positions come from @tanstack/react-virtual; aria-rowindex keeps the numbering. The grid is one
 * tab stop (its current row); the keys are in grid-keys.ts.
 */
export function VirtualTable<T>({
  label,
  columns: allColumns,
  rows,
  rowKey,
  rowLabel,
  rowClassName,
  rowHeight,
  empty,
  stale,
  sameRow,
  onVisibleRows,
}: VirtualTableProps<T>) {
  const tableRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const width = useWidth(tableRef);
  const columns = useMemo(() => fitColumns(allColumns, width, metrics), [allColumns, width]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    getItemKey: (index) => {
      const row = rows[index];
      return row === undefined ? index : rowKey(row);
    },
  });
  const items = virtualizer.getVirtualItems();
  // The current row (the grid's one tab stop) and a row to focus once it is drawn.
  const [active, setActive] = useState(0);
  const pendingFocus = useRef<number | null>(null);
  const current = Math.min(active, Math.max(0, rows.length - 1));
  const tabStop = items.some((i) => i.index === current) ? current : (items[0]?.index ?? 0);
  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[role="row"][data-index="${index}"]`);
    if (!row) return;
    pendingFocus.current = null;
    row.focus({ preventScroll: true });
  });
  // Controls inside rows leave the Tab order, including those a cell draws later on its own.
  useEffect(() => {
    const body = scrollRef.current;
    if (!body) return;
    takeOutOfTabOrder(body);
    const observer = new MutationObserver(() => takeOutOfTabOrder(body));
    observer.observe(body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);

  const focusRow = (index: number): void => {
    const target = Math.max(0, Math.min(rows.length - 1, index));
    setActive(target);
    pendingFocus.current = target;
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const target = event.target as HTMLElement;
    if (isTextEntry(target)) return;
    const row = target.closest<HTMLElement>('[role="row"][data-index]');
    if (!row) return;
    const index = Number(row.dataset.index);
    const intent = gridIntent(event.key, target === row, { ctrl: event.ctrlKey, meta: event.metaKey, alt: event.altKey });
    if (!intent) return;
    const controls = rowControls(row);
    const at = controls.indexOf(target);
    switch (intent.kind) {
      case 'row':
        focusRow(index + intent.delta);
        break;
      case 'first-row':
        focusRow(0);
        break;
      case 'last-row':
        focusRow(rows.length - 1);
        break;
      case 'next-control':
        (controls[at + 1] ?? controls[at] ?? row).focus();
        break;
      case 'previous-control':
        (at > 0 ? controls[at - 1]! : row).focus();
        break;
      case 'row-action': {
        const button = rowActionButton(row, intent.action);
        if (!button) return;
        button.click();
        break;
      }
    }
    event.preventDefault();
    event.stopPropagation();
  };
  // The range is worked out by getVirtualItems; null while nothing is measured.
  const firstShown = virtualizer.range?.startIndex ?? 0;
  const lastShown = virtualizer.range?.endIndex ?? -1;
  useEffect(() => onVisibleRows?.(rows.slice(firstShown, lastShown + 1)), [onVisibleRows, rows, firstShown, lastShown]);
  const template = {
    '--vt-columns': gridTemplate(columns),
    '--vt-row-height': `${rowHeight}px`,
    '--vt-gap': `${metrics.gap}px`,
    '--vt-padding': '16px',
  } as CSSProperties;

  return (
    <div
      ref={tableRef}
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      className={`vt${stale ? ' vt--stale' : ''}`}
      style={template}
    >
      <div role="rowgroup" className="vt-head">
        <div role="row" aria-rowindex={1} className="vt-row vt-row--head">
          {columns.map((c) => (
            <div role="columnheader" key={c.key} className={`vt-cell${c.align === 'end' ? ' vt-cell--end' : ''}`}>
              {c.header}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="vt-body" ref={scrollRef} onKeyDown={onKeyDown}>
        {rows.length === 0 ? (
          // A grid holds rows only: the empty message is a row of one cell spanning the columns.
          <div role="row" aria-rowindex={2} className="vt-empty-row">
            <div role="gridcell" aria-colspan={columns.length} className="vt-empty">
              {empty}
            </div>
          </div>
        ) : (
          <div role="presentation" className="vt-spacer" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rows[item.index];
              if (row === undefined) return null;
              return (
                <div
                  role="row"
                  key={item.key}
                  aria-rowindex={item.index + 2}
                  aria-label={rowLabel(row)}
                  data-index={item.index}
                  tabIndex={item.index === tabStop ? 0 : -1}
                  onFocus={(e) => {
                    if (e.target === e.currentTarget || e.currentTarget.contains(e.target)) setActive(item.index);
                  }}
                  className={`vt-row${rowClassName ? ` ${rowClassName(row)}` : ''}`}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <RowCells row={row} columns={columns} sameRow={sameRow} />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
