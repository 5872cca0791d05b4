import { useStore } from 'zustand';
import { ActivityStrip } from '../features/activity/activity-strip.js';
import { ErrorToasts } from '../features/activity/error-toasts.js';
import { PassphraseDialog } from '../features/engines/passphrase-dialog.js';
import { ConnectionScreen } from '../features/connection/connection-screen.js';
import { connectionScreen } from '../features/connection/connection-view-model.js';
import { ContainersView } from '../features/containers/containers-view.js';
import { FleetView } from '../features/engines/fleet-view.js';
import { ImagesView } from '../features/images/images-view.js';
import { KeyboardLayer } from '../features/keyboard/keyboard-layer.js';
import { AppHeader } from '../features/layout/app-header.js';
import { SideNav } from '../features/layout/side-nav.js';
import { NetworksView } from '../features/networks/networks-view.js';
import { TerminalPanel } from '../features/terminals/terminal-panel.js';
import { VolumesView } from '../features/volumes/volumes-view.js';
import { StacksView } from '../features/stacks/stacks-view.js';
import { EngineMapView } from '../features/engine-map/engine-map-view.js';
import { EventsView } from '../features/events-timeline/events-view.js';
import { LearnView } from '../features/learn/learn-view.js';
import type { ViewName } from '../features/layout/ui-store.js';
import { useStores } from './stores-context.js';

/** The main area's view; one entry per view name. */
function CurrentView({ view }: { view: ViewName }) {
  switch (view) {
    case 'engines':
      return <FleetView />;
    case 'images':
      return <ImagesView />;
    case 'volumes':
      return <VolumesView />;
    case 'networks':
      return <NetworksView />;
    case 'stacks':
      return <StacksView />;
    case 'map':
      return <EngineMapView />;
    case 'events':
      return <EventsView />;
    case 'learn':
      return <LearnView />;
    case 'containers':
      return <ContainersView />;
  }
}

export function App() {
  const { connection, ui, terminals } = useStores();
  const link = useStore(connection, (s) => s.link);
  const linkError = useStore(connection, (s) => s.linkError);
  const status = useStore(connection, (s) => s.status);
  const view = useStore(ui, (s) => s.view);
  // The fleet view works whatever the current engine's state: it is where another engine is picked.
  const screen = view === 'engines' && link === 'open' ? null : connectionScreen({ link, linkError, status });
  // Open terminals stay on screen while only the engine is down: each says so and offers to reconnect.
  const keepTerminals = useStore(terminals, (s) => s.tabs.length > 0) && link === 'open';

  return (
    <div className="app">
      <AppHeader />
      {screen ? (
        <ConnectionScreen model={screen} />
      ) : (
        <>
          <SideNav />
          <main className="app-main">
            <CurrentView view={view} />
          </main>
        </>
      )}
      {/* In the same place either way, so the tabs keep their state while the engine comes back. */}
      {!screen || keepTerminals ? <TerminalPanel /> : null}
      <ActivityStrip />
      <ErrorToasts />
      <PassphraseDialog />
      {screen ? null : <KeyboardLayer />}
    </div>
  );
}
