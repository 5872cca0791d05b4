import { createStore, type StoreApi } from 'zustand/vanilla';
import { toolboxImageKey } from '../container-detail/toolbox-image.js';
import { fontSizes } from '../terminals/terminal-search.js';

export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];

/**
 * Where each setting is kept: one Web Storage key each, so code that already remembered a value
 * under its key (the current engine, the toolbox image) reads what this store writes. In the
 * browser that is per browser profile; in the desktop app it is Electron's localStorage for the
 * app://berth origin, which Chromium keeps under app.getPath('userData') (the OS's app-data folder).
 */
export const settingsKeys = {
  theme: 'berth.theme',
  terminalFontSize: 'berth.terminal.fontSize',
  toolboxImage: toolboxImageKey,
  lastEngine: 'berth.currentEngine',
} as const;

/** The storage port: Web Storage's two methods (localStorage, or a Map in tests). */
export type SettingsStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface Settings {
  theme: ThemeChoice;
  terminalFontSize: number;
  /** The debug shell's toolbox image last chosen; null: offer busybox. */
  toolboxImage: string | null;
  /** The engine shown last; null: the default engine. */
  lastEngine: string | null;
}

export interface SettingsState extends Settings {
  /** Stored values that could not be used (each replaced by its default), and failed saves. */
  problems: readonly string[];
  setTheme(theme: ThemeChoice): void;
  setTerminalFontSize(px: number): void;
  setToolboxImage(image: string): void;
  setLastEngine(id: string): void;
}

export type SettingsStore = StoreApi<SettingsState>;

export const defaultSettings: Settings = { theme: 'system', terminalFontSize: fontSizes.initial, toolboxImage: null, lastEngine: null };

function isThemeChoice(value: string): value is ThemeChoice {
  return (themeChoices as readonly string[]).includes(value);
}

function checkFontSize(px: number): string | undefined {
  if (!Number.isInteger(px) || px < fontSizes.min || px > fontSizes.max) {
    return `a terminal font size is a whole number of pixels from ${fontSizes.min} to ${fontSizes.max}`;
  }
  return undefined;
}

/** Reads every setting; an unreadable or out-of-range value falls back to its default and is named in `problems`. */
export function readSettings(storage: SettingsStorage | undefined): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const read = (key: string): string | null => {
    try {
      return storage?.getItem(key) ?? null;
    } catch (err) {
      problems.push(`${key} could not be read (${err instanceof Error ? err.message : String(err)})`);
      return null;
    }
  };
  const settings: Settings = { ...defaultSettings };
  const theme = read(settingsKeys.theme);
  if (theme !== null) {
    if (isThemeChoice(theme)) settings.theme = theme;
    else problems.push(`${settingsKeys.theme} is ${JSON.stringify(theme)}, not one of ${themeChoices.join(', ')}`);
  }
  const fontSize = read(settingsKeys.terminalFontSize);
  if (fontSize !== null) {
    const px = Number(fontSize);
    const problem = checkFontSize(px);
    if (problem) problems.push(`${settingsKeys.terminalFontSize} is ${JSON.stringify(fontSize)}: ${problem}`);
    else settings.terminalFontSize = px;
  }
  const image = read(settingsKeys.toolboxImage);
  if (image?.trim()) settings.toolboxImage = image.trim();
  const engine = read(settingsKeys.lastEngine);
  if (engine) settings.lastEngine = engine;
  return { settings, problems };
}

/**
 * The one settings store of the page (app-level: it outlives engine switches). Setters check their
 * input and throw on a value no control can produce; each change is saved at once.
 */
export function createSettingsStore(storage: SettingsStorage | undefined): SettingsStore {
  const initial = readSettings(storage);
  for (const problem of initial.problems) console.warn(`[berth] settings: ${problem}; using the default`);

  return createStore<SettingsState>()((set, get) => {
    const save = (key: string, value: string): void => {
      try {
        storage?.setItem(key, value);
      } catch (err) {
        // Storage full or off (private window): the setting holds for this page only, and says so.
        set({ problems: [...get().problems, `${key} could not be saved (${err instanceof Error ? err.message : String(err)})`] });
      }
    };
    return {
      ...initial.settings,
      problems: initial.problems,
      setTheme(theme) {
        if (!isThemeChoice(theme)) throw new Error(`Unknown theme ${JSON.stringify(theme)}: one of ${themeChoices.join(', ')}`);
        set({ theme });
        save(settingsKeys.theme, theme);
      },
      setTerminalFontSize(px) {
        const problem = checkFontSize(px);
        if (problem) throw new Error(`${px}: ${problem}`);
        set({ terminalFontSize: px });
        save(settingsKeys.terminalFontSize, String(px));
      },
      setToolboxImage(image) {
        const trimmed = image.trim();
        if (!trimmed) throw new Error('The toolbox image needs a name, such as busybox:latest');
        set({ toolboxImage: trimmed });
        save(settingsKeys.toolboxImage, trimmed);
      },
      setLastEngine(id) {
        if (!id) throw new Error('An engine id is not empty');
        set({ lastEngine: id });
        save(settingsKeys.lastEngine, id);
      },
    };
  });
}
