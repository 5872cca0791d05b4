import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createSettingsStore, type SettingsState, type SettingsStore } from './settings-store.js';

// Outside a provider (component tests) settings live in memory only, at their defaults.
const SettingsContext = createContext<SettingsStore>(createSettingsStore(undefined));

export function SettingsProvider({ settings, children }: { settings: SettingsStore; children: ReactNode }) {
  return <SettingsContext.Provider value={settings}>{children}</SettingsContext.Provider>;
}

export function useSettingsStore(): SettingsStore {
  return useContext(SettingsContext);
}

/** One value of the settings, re-rendering when it changes. */
export function useSettings<T>(pick: (s: SettingsState) => T): T {
  return useStore(useSettingsStore(), pick);
}
