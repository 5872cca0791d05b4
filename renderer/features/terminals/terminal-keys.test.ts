import { describe, expect, it } from 'vitest';
import { shortcutOf } from './terminal-keys.js';

const key = (k: string, code: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key: k,
  code,
  ctrlKey: mods.ctrl ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
  metaKey: false,
});

describe('terminal shortcuts', () => {
  it('keeps Ctrl-Shift-C/V/F and font size keys for Berth', () => {
    expect(shortcutOf(key('C', 'KeyC', { ctrl: true, shift: true }))).toBe('copy');
    expect(shortcutOf(key('V', 'KeyV', { ctrl: true, shift: true }))).toBe('nativePaste');
    expect(shortcutOf(key('F', 'KeyF', { ctrl: true, shift: true }))).toBe('find');
    expect(shortcutOf(key('=', 'Equal', { ctrl: true }))).toBe('zoomIn');
    expect(shortcutOf(key('+', 'Equal', { ctrl: true, shift: true }))).toBe('zoomIn');
    expect(shortcutOf(key('-', 'Minus', { ctrl: true }))).toBe('zoomOut');
    expect(shortcutOf(key('0', 'Digit0', { ctrl: true }))).toBe('zoomReset');
  });

  it('passes Ctrl-C, Ctrl-V, Ctrl-F and plain keys to the process', () => {
    expect(shortcutOf(key('c', 'KeyC', { ctrl: true }))).toBeNull();
    expect(shortcutOf(key('v', 'KeyV', { ctrl: true }))).toBeNull();
    expect(shortcutOf(key('f', 'KeyF', { ctrl: true }))).toBeNull();
    expect(shortcutOf(key('=', 'Equal'))).toBeNull();
    expect(shortcutOf(key('c', 'KeyC', { ctrl: true, alt: true, shift: true }))).toBeNull();
  });
});
