import { describe, expect, it } from 'vitest';
import { createUiStore, viewFromHash } from './ui-store.js';

describe('ui store', () => {
  it('reads the view from the hash', () => {
    expect(viewFromHash('#/images')).toBe('images');
    expect(viewFromHash('#images')).toBe('images');
    expect(viewFromHash('#/networks')).toBe('networks');
    expect(viewFromHash('')).toBe('containers');
    expect(viewFromHash('#/nonsense')).toBe('containers');
    expect(viewFromHash('#/volumes')).toBe('volumes');
  });

  it('keeps filters per view and bounds the terminal height', () => {
    const ui = createUiStore();
    ui.getState().setFilter('images', 'busy');
    expect(ui.getState().filters).toMatchObject({ containers: '', images: 'busy' });
    ui.getState().setFilter('volumes', 'pg');
    expect(ui.getState().filters).toMatchObject({ images: 'busy', volumes: 'pg' });
    ui.getState().setTerminalHeight(10);
    expect(ui.getState().terminalHeight).toBe(120);
  });
});
