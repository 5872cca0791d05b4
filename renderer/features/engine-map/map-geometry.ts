/** Sizes of the map's grid, in CSS pixels: layer columns, then the image column, then containers. */
export const mapGeometry = {
  columnWidth: 168,
  gap: 6,
  rowHeight: 58,
  imageWidth: 240,
} as const;

export function columnLeft(column: number): number {
  return column * (mapGeometry.columnWidth + mapGeometry.gap);
}

/** The image rows on screen for a scroll position: [first, last], inclusive. */
export function rowsInView(scrollTop: number, height: number, rowCount: number): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / mapGeometry.rowHeight));
  const last = Math.min(rowCount - 1, Math.ceil((scrollTop + height) / mapGeometry.rowHeight));
  return [first, last];
}
