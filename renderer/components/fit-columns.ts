export interface ColumnSizing {
  key: string;
  /** Narrowest the column may get, in pixels. */
  minWidth: number;
  /** Share of the spare width (grid `fr`); 0 keeps the column at minWidth. */
  grow: number;
  /** Columns are dropped lowest priority first when the table is too narrow; undefined never drops. */
  priority?: number;
}

export interface TableMetrics {
  gap: number;
  padding: number;
}

/** The columns that fit in `width` (all of them while the width is unknown, i.e. 0). */
export function fitColumns<C extends ColumnSizing>(columns: readonly C[], width: number, { gap, padding }: TableMetrics): C[] {
  let shown = [...columns];
  if (width <= 0) return shown;
  const need = (cols: readonly C[]): number => cols.reduce((sum, c) => sum + c.minWidth, 0) + gap * Math.max(0, cols.length - 1) + padding;
  const droppable = columns.filter((c) => c.priority !== undefined).sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
  for (const column of droppable) {
    if (need(shown) <= width) break;
    shown = shown.filter((c) => c !== column);
  }
  return shown;
}

/** The CSS grid tracks for these columns. */
export function gridTemplate(columns: readonly ColumnSizing[]): string {
  return columns.map((c) => (c.grow > 0 ? `minmax(${c.minWidth}px, ${c.grow}fr)` : `${c.minWidth}px`)).join(' ');
}
