import { Command } from 'cmdk';
import { useEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { useStores } from '../../app/stores-context.js';
import { ModalPanel } from '../../components/dialog.js';
import { useOptionalEngines } from '../engines/engines-context.js';
import type { EnginesStore } from '../engines/engines-store.js';
import { revealRow } from '../keyboard/reveal-row.js';
import { hashOf, type ViewName } from '../layout/ui-store.js';
import { useSettingsStore } from '../settings/settings-context.js';
import { paletteEntries, paletteGroups, type PaletteCommands } from './palette-entries.js';
import './command-palette.css';

// Pages without the engines provider (component tests) list no engines.
const noEnginesStore = createStore<Pick<ReturnType<EnginesStore['getState']>, 'fleet' | 'currentId'>>(() => ({
  fleet: undefined,
  currentId: undefined as unknown as string,
}));

function useEnginesState(engines: EnginesStore | null) {
  const fleet = useStore(engines ?? noEnginesStore, (s) => s.fleet);
  const currentId = useStore(engines ?? noEnginesStore, (s) => s.currentId);
  return { fleet, currentId };
}

/** Ctrl/⌘K: one search over every container, image, volume, network, engine, view and action. */
export function CommandPalette({ onClose, onShowShortcuts }: { onClose(): void; onShowShortcuts(): void }) {
  const { containers, images, volumes, networks, containerActions, runForm, ui } = useStores();
  const engines = useOptionalEngines();
  const settings = useSettingsStore();
  const containerItems = useStore(containers, (s) => s.items);
  const imageItems = useStore(images, (s) => s.items);
  const volumeItems = useStore(volumes, (s) => s.items);
  const networkItems = useStore(networks, (s) => s.items);
  const { fleet, currentId } = useEnginesState(engines);
  const input = useRef<HTMLInputElement>(null);
  // After showModal (the panel's effect, which runs first), which focuses the dialog's first focusable element.
  useEffect(() => input.current?.focus(), []);

  const entries = useMemo(() => {
    const showView = (view: ViewName): void => {
      window.location.hash = hashOf(view);
      ui.getState().setView(view);
    };
    const commands: PaletteCommands = {
      showView,
      revealRow: (target) => void revealRow(ui, target),
      runContainer: () => {
        showView('containers');
        runForm.getState().openForm();
      },
      startContainer: (c) => void containerActions.getState().start(c),
      stopContainer: (c) => void containerActions.getState().stop(c),
      restartContainer: (c) => void containerActions.getState().restart(c),
      switchEngine: (id) => engines?.getState().setCurrent(id),
      setTheme: (theme) => settings.getState().setTheme(theme),
      showShortcuts: onShowShortcuts,
    };
    return paletteEntries(
      {
        containers: containerItems,
        images: imageItems,
        volumes: volumeItems,
        networks: networkItems,
        engines: fleet?.engines ?? [],
        currentEngineId: currentId,
      },
      commands,
    );
  }, [
    containerItems,
    imageItems,
    volumeItems,
    networkItems,
    fleet,
    currentId,
    ui,
    runForm,
    containerActions,
    engines,
    settings,
    onShowShortcuts,
  ]);

  const run = (id: string): void => {
    const entry = entries.find((e) => e.id === id);
    onClose();
    entry?.run();
  };

  return (
    <ModalPanel className="palette" label="Command palette" onClose={onClose}>
      <Command label="Command palette" loop>
        <Command.Input
          ref={input}
          className="palette-input"
          placeholder="Find a container, image, volume, network, engine, view or action…"
        />
        <Command.List className="palette-list" aria-label="Results">
          <Command.Empty className="palette-empty">Nothing matches.</Command.Empty>
          {paletteGroups.map((group) => {
            const inGroup = entries.filter((e) => e.group === group);
            if (inGroup.length === 0) return null;
            return (
              <Command.Group key={group} heading={group} className="palette-group">
                {inGroup.map((e) => (
                  <Command.Item key={e.id} value={e.id} keywords={[e.label, ...e.keywords]} onSelect={run} className="palette-item">
                    <span className="palette-label">{e.label}</span>
                    {e.hint ? <span className="palette-hint">{e.hint}</span> : null}
                  </Command.Item>
                ))}
              </Command.Group>
            );
          })}
        </Command.List>
      </Command>
      <p className="palette-footer">
        <kbd>↑</kbd> <kbd>↓</kbd> to move · <kbd>Enter</kbd> to run · <kbd>Esc</kbd> to close · <kbd>?</kbd> all shortcuts
      </p>
    </ModalPanel>
  );
}
