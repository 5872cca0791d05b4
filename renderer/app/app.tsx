import { useStore } from 'zustand';
import { ActivityStrip } from '../features/activity/activity-strip.js';
import { ErrorToasts } from '../features/activity/error-toasts.js';
import { ConnectionScreen } from '../features/connection/connection-screen.js';
import { connectionScreen } from '../features/connection/connection-view-model.js';
import { ContainersView } from '../features/containers/containers-view.js';
import { FleetView } from '../features/engines/fleet-view.js';
import { ImagesView } from '../features/images/images-view.js';
import { AppHeader } from '../features/layout/app-header.js';
import { SideNav } from '../features/layout/side-nav.js';
import { NetworksView } from '../features/networks/networks-view.js';
import { TerminalPanel } from '../features/terminals/terminal-panel.js';
import { VolumesView } from '../features/volumes/volumes-view.js';
import { useStores } from './stores-context.js';

export function App() {
  const { connection, ui } = useStores();
  const link = useStore(connection, (s) => s.link);
  const linkError = useStore(connection, (s) => s.linkError);
  const status = useStore(connection, (s) => s.status);
  const view = useStore(ui, (s) => s.view);
  // The fleet view works whatever the current engine's state: it is where another engine is picked.
  const screen = view === 'engines' && link === 'open' ? null : connectionScreen({ link, linkError, status });

  return (
    <div className="app">
      <AppHeader />
      {screen ? (
        <ConnectionScreen model={screen} />
      ) : (
        <>
          <SideNav />
          <main className="app-main">
            {view === 'engines' ? (
              <FleetView />
            ) : view === 'images' ? (
              <ImagesView />
            ) : view === 'volumes' ? (
              <VolumesView />
            ) : view === 'networks' ? (
              <NetworksView />
            ) : (
              <ContainersView />
            )}
          </main>
          <TerminalPanel />
        </>
      )}
      <ActivityStrip />
      <ErrorToasts />
    </div>
  );
}
