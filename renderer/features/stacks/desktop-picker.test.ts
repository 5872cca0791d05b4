import { describe, expect, it, vi } from 'vitest';
import { composeFilePicker } from './desktop-picker.js';

describe('the desktop file picker, feature-detected', () => {
  it('is absent in a browser (no berthDesktop) and when the bridge lacks the function', () => {
    expect(composeFilePicker({})).toBeUndefined();
    expect(composeFilePicker({ berthDesktop: null })).toBeUndefined();
    expect(composeFilePicker({ berthDesktop: { pickComposeFile: 'not a function' } })).toBeUndefined();
    expect(composeFilePicker({ berthDesktop: {} })).toBeUndefined();
  });

  it('in the desktop app, calls the preload function and passes on its answer', async () => {
    const pickComposeFile = vi.fn().mockResolvedValueOnce('/home/me/robot/compose.yaml').mockResolvedValueOnce(null);
    const pick = composeFilePicker({ berthDesktop: { pickComposeFile } });
    expect(pick).toBeDefined();
    expect(await pick?.()).toBe('/home/me/robot/compose.yaml');
    expect(await pick?.()).toBeNull();
    expect(pickComposeFile).toHaveBeenCalledTimes(2);
  });
});
