import { describe, expect, it } from 'vitest';
import { createUiStore, viewFromHash } from './ui-store.js';

describe('ui store', () => {
  it('reads the view from the hash', () => {
    expect(viewFromHash('#/images')).toBe('images');
    expect(viewFromHash('#images')).toBe('images');
    expect(viewFromHash('#/networks')).toBe('networks');
    expect(viewFromHash('')).toBe('containers');
    expect(viewFromHash('#/nonsense')).toBe('containers');
  });

  it('keeps filters per view and bounds the terminal height', () => {
    const ui = createUiStore();
    ui.getState().setFilter('images', 'busy');
    expect(ui.getState().filters).toEqual({ containers: '', images: 'busy', networks: '' });
    ui.getState().setTerminalHeight(10);
    expect(ui.getState().terminalHeight).toBe(120);
  });
});
