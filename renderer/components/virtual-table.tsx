import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode, type RefObject } from 'react';
import { fitColumns, gridTemplate, type ColumnSizing } from './fit-columns.js';
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
        <div role="cell" key={c.key} className={`vt-cell${c.align === 'end' ? ' vt-cell--end' : ''}`}>
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
 * A table with ARIA table roles whose body renders only the rows in view, so thousands of rows
 * stay fast. Row positions come from @tanstack/react-virtual; aria-rowindex keeps the numbering.
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
      role="table"
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
      <div role="rowgroup" className="vt-body" ref={scrollRef}>
        {rows.length === 0 ? (
          <div className="vt-empty">{empty}</div>
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
