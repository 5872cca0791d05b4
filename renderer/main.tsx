import './styles/theme.css';
import './styles/app.css';
// The kit's dialog and form looks come before every feature's CSS, so a feature's own rules win.
import './components/dialog.css';
import './components/form.css';
import './components/state-badge.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BerthClient } from './api/client.js';
import { pickTransport } from './api/pick-transport.js';
import { App } from './app/app.js';
import { createAppStores } from './app/create-app-stores.js';
import { StoresProvider } from './app/stores-context.js';
import { bindTransportStatus } from './features/connection/bind-transport-status.js';
import { bindHash } from './features/layout/ui-store.js';
import { exposeTerminalHook } from './features/terminals/terminal-test-hook.js';
import { hardwareWebgl } from './features/terminals/webgl-support.js';
import { XtermSurface } from './features/terminals/xterm-surface.js';

// The one transport and the one client of this page; every store gets the client from here.
const transport = pickTransport();
const client = new BerthClient(transport);
const reconnectNow = (transport as { reconnectNow?: () => void }).reconnectNow;

const stores = createAppStores(client, {
  createSurface: () => new XtermSurface({ webgl: hardwareWebgl() }),
  reconnectLink: reconnectNow ? () => reconnectNow.call(transport) : undefined,
});

bindTransportStatus(transport, stores.connection);
bindHash(stores.ui, window);
exposeTerminalHook(stores.terminals, window);
stores.start();
// Shells belong to this page: end them when it goes away rather than leave them running.
window.addEventListener('pagehide', () => stores.terminals.closeAll());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <StoresProvider stores={stores}>
      <App />
    </StoresProvider>
  </StrictMode>,
);
