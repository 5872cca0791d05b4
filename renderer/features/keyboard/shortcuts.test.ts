import { describe, expect, it } from 'vitest';
import { gridIntent } from '../../components/grid-keys.js';
import { globalShortcut } from './shortcuts.js';

const none = { ctrl: false, meta: false, alt: false };
const key = (k: string, extra: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: null,
  ...extra,
});

describe('page shortcuts', () => {
  it('Ctrl+K (⌘K on a Mac) opens the palette; / filters; ? helps', () => {
    expect(globalShortcut(key('k', { ctrlKey: true }), false)).toBe('palette');
    expect(globalShortcut(key('k', { metaKey: true }), true)).toBe('palette');
    expect(globalShortcut(key('k', { ctrlKey: true }), true)).toBeUndefined();
    expect(globalShortcut(key('/'), false)).toBe('filter');
    expect(globalShortcut(key('?'), false)).toBe('help');
    expect(globalShortcut(key('x'), false)).toBeUndefined();
  });
});

describe('grid keys', () => {
  it('move between rows anywhere in a row, act only from the row itself', () => {
    expect(gridIntent('ArrowDown', false, none)).toEqual({ kind: 'row', delta: 1 });
    expect(gridIntent('PageUp', true, none)).toEqual({ kind: 'row', delta: -10 });
    expect(gridIntent('Enter', true, none)).toEqual({ kind: 'row-action', action: 'open' });
    // Enter on a button presses that button, as the browser does.
    expect(gridIntent('Enter', false, none)).toBeUndefined();
    expect(gridIntent('s', true, none)).toEqual({ kind: 'row-action', action: 'shell' });
    expect(gridIntent('Delete', false, none)).toEqual({ kind: 'row-action', action: 'remove' });
    expect(gridIntent('ArrowDown', true, { ...none, ctrl: true })).toBeUndefined();
  });
});
