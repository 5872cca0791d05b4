import { describe, expect, it, vi } from 'vitest';
import { createSettingsStore, defaultSettings, readSettings, settingsKeys, type SettingsStorage } from './settings-store.js';
import { bindTheme, resolveTheme } from './theme-binding.js';

function memoryStorage(initial: Record<string, string> = {}): SettingsStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('settings store', () => {
  it('starts from the defaults with nothing stored', () => {
    const { settings, problems } = readSettings(memoryStorage());
    expect(settings).toEqual(defaultSettings);
    expect(problems).toEqual([]);
  });

  it('saves each change and a new store (a restart) reads it back', () => {
    const storage = memoryStorage();
    const first = createSettingsStore(storage);
    first.getState().setTheme('light');
    first.getState().setTerminalFontSize(17);
    first.getState().setToolboxImage('  nicolaka/netshoot:latest ');
    first.getState().setLastEngine('ctx:robot1');

    const second = createSettingsStore(storage).getState();
    expect([second.theme, second.terminalFontSize, second.toolboxImage, second.lastEngine]).toEqual([
      'light',
      17,
      'nicolaka/netshoot:latest',
      'ctx:robot1',
    ]);
    // The keys earlier code used: the engine switch and the debug shell read the same values.
    expect(storage.data.get('berth.currentEngine')).toBe('ctx:robot1');
    expect(storage.data.get('berth.debugShell.image')).toBe('nicolaka/netshoot:latest');
  });

  it('replaces unusable stored values by their defaults and names each', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = createSettingsStore(memoryStorage({ [settingsKeys.theme]: 'purple', [settingsKeys.terminalFontSize]: '300' }));
    expect(store.getState().theme).toBe('system');
    expect(store.getState().terminalFontSize).toBe(defaultSettings.terminalFontSize);
    expect(store.getState().problems).toEqual([expect.stringContaining('"purple"'), expect.stringContaining('"300"')]);
  });

  it('refuses values no control produces, keeping the setting', () => {
    const store = createSettingsStore(memoryStorage());
    expect(() => store.getState().setTerminalFontSize(2.5)).toThrow(/whole number/);
    expect(() => store.getState().setTerminalFontSize(99)).toThrow(/8 to 32/);
    expect(() => store.getState().setToolboxImage('   ')).toThrow(/needs a name/);
    expect(() => store.getState().setTheme('sepia' as never)).toThrow(/Unknown theme/);
    expect(store.getState().terminalFontSize).toBe(defaultSettings.terminalFontSize);
  });

  it('keeps a change for the page and reports it when storage refuses to save', () => {
    const storage = memoryStorage();
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const store = createSettingsStore(storage);
    store.getState().setTheme('dark');
    expect(store.getState().theme).toBe('dark');
    expect(store.getState().problems).toEqual([expect.stringMatching(/berth\.theme could not be saved \(QuotaExceededError\)/)]);
  });
});

describe('theme', () => {
  it('follows the system only when the choice is "system"', () => {
    expect(resolveTheme('system', true)).toBe('light');
    expect(resolveTheme('system', false)).toBe('dark');
    expect(resolveTheme('dark', true)).toBe('dark');
    expect(resolveTheme('light', false)).toBe('light');
  });

  it("keeps <html data-theme> in step with the setting and the system's switch", () => {
    const listeners = new Set<() => void>();
    const query = {
      matches: false,
      addEventListener: (_: string, fn: () => void) => void listeners.add(fn),
      removeEventListener: (_: string, fn: () => void) => void listeners.delete(fn),
    };
    const root = { dataset: {} as DOMStringMap };
    const settings = createSettingsStore(memoryStorage());
    const unbind = bindTheme(settings, { root, matchMedia: () => query as unknown as MediaQueryList });
    expect(root.dataset.theme).toBe('dark');
    query.matches = true;
    listeners.forEach((fn) => fn());
    expect(root.dataset.theme).toBe('light');
    settings.getState().setTheme('dark');
    expect(root.dataset.theme).toBe('dark');
    unbind();
    expect(listeners.size).toBe(0);
  });
});
