const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const;

/**
 * A byte count the way `docker images` prints it: decimal units, three significant digits,
 * no trailing zeros (7.05MB, 128MB, 861kB, 1.2GB).
 */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  let rounded = Number(value.toPrecision(3));
  // 999.96 kB rounds to 1000 kB: carry into the next unit instead.
  if (rounded >= 1000 && unit < units.length - 1) {
    rounded = Number((rounded / 1000).toPrecision(3));
    unit += 1;
  }
  return `${rounded}${units[unit]}`;
}
