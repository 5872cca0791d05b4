import './styles/theme.css';
import './styles/app.css';
// The kit's dialog and form looks come before every feature's CSS, so a feature's own rules win.
import './components/dialog.css';
import './components/form.css';
import './components/state-badge.css';
import { StrictMode } from 'react';
import { useStore } from 'zustand';
import { createRoot } from 'react-dom/client';
import { BerthClient } from './api/client.js';
import { pickTransport } from './api/pick-transport.js';
import { App } from './app/app.js';
import { createAppStores } from './app/create-app-stores.js';
import { StoresProvider, type ViewStores } from './app/stores-context.js';
import { CommandTargetProvider } from './components/command-target.js';
import { createEngineScopedStores } from './features/engines/engine-scoped-stores.js';
import { EnginesProvider } from './features/engines/engines-context.js';
import { commandTargetOf, createEnginesStore } from './features/engines/engines-store.js';
import { bindTransportStatus } from './features/connection/bind-transport-status.js';
import { bindHash } from './features/layout/ui-store.js';
import { SettingsProvider } from './features/settings/settings-context.js';
import { createSettingsStore } from './features/settings/settings-store.js';
import { bindTheme } from './features/settings/theme-binding.js';
import { exposeTerminalHook } from './features/terminals/terminal-test-hook.js';
import { hardwareWebgl } from './features/terminals/webgl-support.js';
import { XtermSurface } from './features/terminals/xterm-surface.js';

// The one transport and the one client of this page; every store gets the client (or one bound to an engine) from here.
const transport = pickTransport();
const client = new BerthClient(transport);
const reconnectNow = (transport as { reconnectNow?: () => void }).reconnectNow;

// App-level: the settings (theme, terminal font size, last engine, toolbox image), kept per browser
// profile, or in the desktop app's profile under its app-data folder; the theme is applied to <html>.
const settings = createSettingsStore(window.localStorage);
bindTheme(settings, { root: document.documentElement, matchMedia: (q) => window.matchMedia(q) });

// App-level: the engines Berth serves and which one is shown (only its id is remembered).
const engines = createEnginesStore(client, {
  load: () => settings.getState().lastEngine ?? undefined,
  save: (id) => settings.getState().setLastEngine(id),
});
engines.getState().start();

// The app's stores are built per engine over a client bound to it; switching engines rebuilds them.
const scoped = createEngineScopedStores<ViewStores>({
  engines,
  build: (engineId) =>
    createAppStores(client.forEngine(engineId), {
      createSurface: () => new XtermSurface({ webgl: hardwareWebgl() }),
      reconnectLink: reconnectNow ? () => reconnectNow.call(transport) : undefined,
      commandTarget: () => commandTargetOf(engines.getState().fleet, engineId),
    }),
  attach: (stores) => {
    const unbind = [
      bindTransportStatus(transport, stores.connection),
      bindHash(stores.ui, window),
      exposeTerminalHook(stores.terminals, window),
    ];
    stores.start();
    return () => {
      for (const off of unbind) off();
    };
  },
});
// Shells belong to this page: end them when it goes away rather than leave them running.
window.addEventListener('pagehide', () => scoped.getState().stores.terminals.closeAll());

/** The current engine's stores; a new engine remounts the views (key) so no view keeps the old stores. */
function EngineScopedApp() {
  const { engineId, stores } = useStore(scoped);
  const fleet = useStore(engines, (s) => s.fleet);
  return (
    <StoresProvider key={engineId} stores={stores}>
      <CommandTargetProvider target={commandTargetOf(fleet, engineId)}>
        <App />
      </CommandTargetProvider>
    </StoresProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <SettingsProvider settings={settings}>
      <EnginesProvider engines={engines}>
        <EngineScopedApp />
      </EnginesProvider>
    </SettingsProvider>
  </StrictMode>,
);
