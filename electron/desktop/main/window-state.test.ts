import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defaultWindowSize, parseWindowState, placeWindow, readWindowState, writeWindowState } from './window-state.js';

const laptop = { x: 0, y: 0, width: 1920, height: 1050 };

describe('window state', () => {
  it('survives a restart: written, then read back', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-window-'));
    try {
      const file = path.join(dir, 'window-state.json');
      expect(readWindowState(file)).toBeUndefined();
      writeWindowState(file, { bounds: { x: 100, y: 80, width: 1400, height: 900 }, maximized: true });
      expect(readWindowState(file)).toEqual({ bounds: { x: 100, y: 80, width: 1400, height: 900 }, maximized: true });
      await writeFile(file, '{"bounds": "big"}');
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      expect(readWindowState(file)).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names what is wrong with a malformed file', () => {
    expect(parseWindowState('{').problem).toMatch(/not JSON/);
    expect(parseWindowState('{"bounds":{"x":1,"y":2,"width":"3","height":4}}').problem).toMatch(/no bounds/);
  });

  it('opens where it was when that is on a display', () => {
    expect(placeWindow({ bounds: { x: 200, y: 100, width: 1300, height: 850 }, maximized: false }, [laptop])).toEqual({
      x: 200,
      y: 100,
      width: 1300,
      height: 850,
    });
  });

  it('lets the OS centre it when its display is gone, and keeps its size within the displays', () => {
    // Saved on a second monitor to the right that is no longer plugged in.
    expect(placeWindow({ bounds: { x: 2500, y: 100, width: 2400, height: 1400 }, maximized: false }, [laptop])).toEqual({
      width: 1920,
      height: 1050,
    });
    expect(placeWindow({ bounds: { x: 10, y: 10, width: 300, height: 200 }, maximized: false }, [laptop])).toMatchObject({
      width: 720,
      height: 480,
    });
    expect(placeWindow(undefined, [laptop])).toEqual(defaultWindowSize);
  });
});
