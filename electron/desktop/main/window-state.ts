// The main window's size and position, kept in app-data (userData/window-state.json) so the window
// opens where it was closed. Plain logic here; main.ts reads and writes the file.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const defaultWindowSize = { width: 1280, height: 820 } as const;
export const minimumWindowSize = { width: 720, height: 480 } as const;

function isRect(value: unknown): value is Rect {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((k) => typeof r[k] === 'number' && Number.isFinite(r[k]));
}

/** The saved state, or undefined (with the reason) for a missing, unreadable or malformed file. */
export function parseWindowState(text: string): { state?: WindowState; problem?: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { problem: `not JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  const candidate = raw as { bounds?: unknown; maximized?: unknown } | null;
  if (!candidate || !isRect(candidate.bounds)) return { problem: 'no bounds {x, y, width, height}' };
  return { state: { bounds: candidate.bounds, maximized: candidate.maximized === true } };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Where to open the window on the displays there are now: the saved bounds when enough of the
 * window (its top strip, to drag it by) is on a display; else the saved size, centred by the OS
 * (no x/y). Sizes are kept within the minimum and the largest display.
 */
export function placeWindow(saved: WindowState | undefined, workAreas: readonly Rect[]): Partial<Rect> & { width: number; height: number } {
  if (!saved) return { ...defaultWindowSize };
  const largest = workAreas.reduce((max, a) => ({ width: Math.max(max.width, a.width), height: Math.max(max.height, a.height) }), {
    width: 0,
    height: 0,
  });
  const clamp = (v: number, min: number, max: number) => Math.round(Math.max(min, max > 0 ? Math.min(max, v) : v));
  const width = clamp(saved.bounds.width, minimumWindowSize.width, largest.width);
  const height = clamp(saved.bounds.height, minimumWindowSize.height, largest.height);
  const titleStrip: Rect = { x: saved.bounds.x, y: saved.bounds.y, width, height: 40 };
  const visible = workAreas.some((area) => overlap(titleStrip, area) >= Math.min(width, 200) * 20);
  return visible ? { x: Math.round(saved.bounds.x), y: Math.round(saved.bounds.y), width, height } : { width, height };
}

export function readWindowState(file: string): WindowState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined; // first start
  }
  const { state, problem } = parseWindowState(text);
  if (problem) console.warn(`[berth] ${file}: ${problem}; opening at the default size`);
  return state;
}

/** Written whole to a temporary file, then renamed: a crash mid-write leaves the old state. */
export function writeWindowState(file: string, state: WindowState): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}
