import type { EngineCommandTarget } from '../../shared/engine-cli.js';
import type { BerthClient } from '../api/client.js';
import { createClockStore, type ClockStore } from '../lib/clock-store.js';
import { createFeatureStores, type FeatureStores } from './feature-stores.js';
import { createActionRunner, type ActionRunner } from '../features/activity/action-runner.js';
import { createActivityStore, type ActivityStore } from '../features/activity/activity-store.js';
import { createConnectionStore, type ConnectionStore } from '../features/connection/connection-store.js';
import { createContainerActionsStore, type ContainerActionsStore } from '../features/containers/container-actions-store.js';
import { createContainersStore, type ContainersStore } from '../features/containers/containers-store.js';
import { createEngineEventHub, type EngineEventHub } from '../features/engine-events/engine-event-hub.js';
import { createImageTools, type ImageTools } from '../features/images/image-tools-stores.js';
import { createImagesStore, type ImagesStore } from '../features/images/images-store.js';
import { createUiStore, hashOf, type UiStore, type ViewName } from '../features/layout/ui-store.js';
import { createContainerRevealStore, type ContainerRevealStore } from '../features/containers/container-selection-store.js';
import { createNetworkTools, type NetworkTools } from '../features/networks/network-tools.js';
import { createNetworksStore, type NetworksStore } from '../features/networks/networks-store.js';
import { createRunFormStore, type RunFormStore } from '../features/run-form/run-form-store.js';
import type { TerminalSurface } from '../features/terminals/terminal-surface.js';
import { createTerminalsStore, type TerminalsStore } from '../features/terminals/terminals-store.js';
import { createVolumeTools, type VolumeTools } from '../features/volumes/volume-tools-store.js';
import { createVolumesStore, type VolumesStore } from '../features/volumes/volumes-store.js';

export interface AppStores<S extends TerminalSurface = TerminalSurface> {
  /** For views that open their own streams (container logs, stats) and run their own actions. */
  client: BerthClient;
  run: ActionRunner;
  activity: ActivityStore;
  connection: ConnectionStore;
  events: EngineEventHub;
  containers: ContainersStore;
  containerActions: ContainerActionsStore;
  images: ImagesStore;
  volumes: VolumesStore;
  networks: NetworksStore;
  /** The stores behind each view's tools (dialogs, panels, detail panes), built here once. */
  imageTools: ImageTools;
  volumeTools: VolumeTools;
  networkTools: NetworkTools;
  /** The run dialog's form, shared by the containers and images views. */
  runForm: RunFormStore;
  terminals: TerminalsStore<S>;
  /** The container the containers view is asked to select and show (after a run). */
  containerReveal: ContainerRevealStore;
  /** Takes the user to the result of an action: a new container, a pulled or committed image. */
  goTo: GoTo;
  ui: UiStore;
  clock: ClockStore;
  /** Stores that later views declare beside themselves (featureStore), built on first use. */
  features: FeatureStores<AppStores<S>>;
  start(): void;
  /** Closes the streams and timers of a run; `start()` may follow. */
  stop(): void;
  /** The end of these stores: stops them, and removes every listener and timer they own. */
  dispose(): void;
}

export interface GoTo {
  /** The containers view, with this container selected and its detail shown. */
  container(c: { id: string; name: string }): void;
  /** The images view, with this image's detail open; a reference without `imageId` is looked up in the engine (rejects if it has none). */
  image(reference: string, imageId?: string): Promise<void>;
}

export interface AppStoresOptions<S extends TerminalSurface> {
  createSurface: () => S;
  /** Skips the transport's reconnection wait (WebSocket transport). */
  reconnectLink?: () => void;
  /** How shown commands name the engine these stores serve (none for the default engine). */
  commandTarget?: () => EngineCommandTarget;
}

/**
 * Builds every store around the one client; the only place they are wired together. Nothing in the
 * renderer subscribes at module level: every listener is made here and released by `dispose()`.
 */
export function createAppStores<S extends TerminalSurface>(client: BerthClient, options: AppStoresOptions<S>): AppStores<S> {
  const activity = createActivityStore(Date.now, options.commandTarget ? { commandTarget: options.commandTarget } : {});
  const run = createActionRunner(client, activity);
  const connection = createConnectionStore({ client, run, reconnectLink: options.reconnectLink });
  const events = createEngineEventHub(client, connection);
  const containers = createContainersStore({ client, connection });
  const containerActions = createContainerActionsStore(run, containers);
  const images = createImagesStore({ client, connection });
  const volumes = createVolumesStore({ client, connection });
  const networks = createNetworksStore({ client, connection });
  const imageTools = createImageTools({ client, run, activity, events });
  const volumeTools = createVolumeTools(run, () => volumes.requestRefresh());
  const networkTools = createNetworkTools({ run, networks });
  const terminals = createTerminalsStore({ client, run, createSurface: options.createSurface });
  const ui = createUiStore();
  const containerReveal = createContainerRevealStore();
  const showView = (view: ViewName): void => {
    ui.getState().setView(view);
    // The view follows the location hash (nav links, back button): move it too, where there is one.
    if (typeof location !== 'undefined' && location.hash !== hashOf(view)) location.hash = hashOf(view);
  };
  const goTo: GoTo = {
    container(c) {
      containerReveal.getState().reveal(c);
      showView('containers');
    },
    async image(reference, imageId) {
      const id = imageId ?? (await client.call('images.inspect', { image: reference })).summary.id;
      imageTools.detail.getState().select(id, reference);
      showView('images');
    },
  };
  const runForm = createRunFormStore({
    run,
    runInteractive: (spec) => terminals.getState().runInteractive(spec),
    showContainer: (c) => goTo.container(c),
  });
  const clock = createClockStore();
  const stop = (): void => {
    terminals.closeAll();
    images.stop();
    volumes.stop();
    networks.stop();
    containers.stop();
    events.stop();
    connection.getState().stop();
    clock.stop();
  };
  const features: FeatureStores<AppStores<S>> = createFeatureStores(() => stores);
  const stores: AppStores<S> = {
    client,
    run,
    activity,
    connection,
    events,
    containers,
    containerActions,
    images,
    volumes,
    networks,
    imageTools,
    volumeTools,
    networkTools,
    runForm,
    terminals,
    containerReveal,
    goTo,
    ui,
    clock,
    features,
    start() {
      connection.getState().start();
      events.start();
      containers.start();
      images.start();
      volumes.start();
      networks.start();
      clock.start();
    },
    stop,
    dispose() {
      stop();
      imageTools.dispose();
      networkTools.dispose();
      features.disposeAll();
    },
  };
  return stores;
}
