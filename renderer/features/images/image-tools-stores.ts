import { createStore, type StoreApi } from 'zustand/vanilla';
import { isBerthError } from '../../../shared/errors.js';
import type {
  CredentialStorage,
  ImageHistory,
  ImageInspectSummary,
  ImageRelations,
  LayerFiles,
  RegistryAccount,
} from './image-tool-types.js';
import type { BerthClient } from '../../api/client.js';
import type { ActionRunner } from '../activity/action-runner.js';
import type { ActivityStore } from '../activity/activity-store.js';
import type { EngineEventHub } from '../engine-events/engine-event-hub.js';
import { createImageBuildStore, type ImageBuildStore } from './image-build-store.js';
import { createImagePruneStore, type ImagePruneStore } from './image-prune-store.js';
import { createImageTransfersStore, type ImageTransfersStore } from './image-transfers-store.js';
import { errorText } from '../../lib/error-text.js';

// ---------------------------------------------------------------------------------------------
// Registry accounts.
// ---------------------------------------------------------------------------------------------

export interface AccountsState {
  accounts: readonly RegistryAccount[];
  /** Whether logins survive a restart (system keyring) or last this session only. */
  storage: CredentialStorage | null;
  loaded: boolean;
  error: string | null;
  loginError: string | null;
  busy: boolean;
  /** A registry a failed pull or push asked to log in to; `seq` changes on every request. */
  loginRequest: { serverAddress: string; seq: number } | null;
  load(): Promise<void>;
  login(serverAddress: string, username: string, password: string): Promise<boolean>;
  logout(serverAddress: string): Promise<void>;
  requestLogin(serverAddress: string): void;
}
export type AccountsStore = StoreApi<AccountsState>;

export function createImageAccountsStore(run: ActionRunner, client: BerthClient): AccountsStore {
  return createStore<AccountsState>()((set, get) => ({
    accounts: [],
    storage: null,
    loaded: false,
    error: null,
    loginError: null,
    busy: false,
    loginRequest: null,
    async load() {
      try {
        const [accounts, storage] = await Promise.all([client.call('images.accounts', {}), client.call('images.credentialStorage', {})]);
        set({ accounts, storage, loaded: true, error: null });
      } catch (error) {
        set({ loaded: true, error: errorText(error) });
      }
    },
    requestLogin(serverAddress) {
      set({ loginRequest: { serverAddress, seq: (get().loginRequest?.seq ?? 0) + 1 }, loginError: null });
    },
    async login(serverAddress, username, password) {
      set({ busy: true, loginError: null });
      try {
        await run('images.login', { serverAddress, username, password }, { quiet: true, describe: (r) => r.status || 'logged in' });
        set({ busy: false });
        await get().load();
        return true;
      } catch (error) {
        set({ busy: false, loginError: errorText(error) });
        return false;
      }
    },
    async logout(serverAddress) {
      try {
        await run('images.logout', { serverAddress }, { describe: (r) => (r.forgotten ? 'logged out' : (r.note ?? 'nothing to forget')) });
      } catch {
        // shown as a toast by the runner
      }
      await get().load();
    },
  }));
}

// ---------------------------------------------------------------------------------------------
// Row actions: tag, remove (asks first; offers force when the engine refuses).
// ---------------------------------------------------------------------------------------------

export interface RemoveRequest {
  /** What `docker rmi` is given: the repo:tag of the row, or the image ID for an untagged row. */
  target: string;
  label: string;
  busy: boolean;
  /** The engine's reason when it refused (a container uses the image, several tags, ...). */
  refusal: string | null;
}

export interface TagRequest {
  image: string;
  label: string;
  busy: boolean;
  error: string | null;
}

export interface ImageActionsState {
  remove: RemoveRequest | null;
  tag: TagRequest | null;
  askRemove(target: string, label: string): void;
  confirmRemove(force: boolean): Promise<void>;
  cancelRemove(): void;
  askTag(image: string, label: string): void;
  confirmTag(target: string): Promise<void>;
  cancelTag(): void;
}
export type ImageActionsStore = StoreApi<ImageActionsState>;

export function createImageActionsStore(run: ActionRunner): ImageActionsStore {
  return createStore<ImageActionsState>()((set, get) => ({
    remove: null,
    tag: null,
    askRemove(target, label) {
      set({ remove: { target, label, busy: false, refusal: null } });
    },
    async confirmRemove(force) {
      const request = get().remove;
      if (!request || request.busy) return;
      set({ remove: { ...request, busy: true } });
      try {
        await run('images.remove', force ? { image: request.target, force: true } : { image: request.target }, {
          quiet: true,
          describe: (r) => `${r.untagged.length} untagged · ${r.deleted.length} deleted`,
        });
        if (get().remove?.target === request.target) set({ remove: null });
      } catch (error) {
        if (get().remove?.target !== request.target) return;
        const refusal =
          isBerthError(error) && error.code === 'CONFLICT' ? error.message : `The engine did not remove it: ${errorText(error)}`;
        set({ remove: { ...request, busy: false, refusal } });
      }
    },
    cancelRemove() {
      set({ remove: null });
    },
    askTag(image, label) {
      set({ tag: { image, label, busy: false, error: null } });
    },
    async confirmTag(target) {
      const request = get().tag;
      if (!request || request.busy) return;
      set({ tag: { ...request, busy: true, error: null } });
      try {
        await run('images.tag', { image: request.image, target }, { quiet: true });
        set({ tag: null });
      } catch (error) {
        set({ tag: { ...request, busy: false, error: errorText(error) } });
      }
    },
    cancelTag() {
      set({ tag: null });
    },
  }));
}

// ---------------------------------------------------------------------------------------------
// The selected image's detail pane.
// ---------------------------------------------------------------------------------------------

export interface Loadable<T> {
  value: T | null;
  error: string | null;
  loading: boolean;
}
const idle = <T>(): Loadable<T> => ({ value: null, error: null, loading: false });
const loading = <T>(): Loadable<T> => ({ value: null, error: null, loading: true });

export type DetailTab = 'layers' | 'relations' | 'inspect';

export interface ImageDetailState {
  /** Image ID of the selected row, and the name it is shown by. */
  selected: { imageId: string; label: string } | null;
  tab: DetailTab;
  inspect: Loadable<{ summary: ImageInspectSummary; document: unknown }>;
  history: Loadable<ImageHistory>;
  relations: Loadable<ImageRelations>;
  layerFiles: Loadable<LayerFiles> & { diffId: string | null };
  select(imageId: string, label: string): void;
  close(): void;
  setTab(tab: DetailTab): void;
  showLayerFiles(diffId: string | null): Promise<void>;
  /** Reloads the pane (after an image event); keeps what it shows until the answers come. */
  refresh(): void;
}
export type ImageDetailStore = StoreApi<ImageDetailState>;

export function createImageDetailStore(client: BerthClient): ImageDetailStore {
  let generation = 0;
  /**
   * Bumped only when another image (or none) is shown. A layer's file list answers for the image
   * shown, so a refresh after an engine event (the archive read itself raises an image `save`
   * event) must not drop it: that left "Loading…" for good when the list took longer than the
   * refresh delay, as it does on a loaded machine.
   */
  let shown = 0;
  return createStore<ImageDetailState>()((set, get) => {
    const load = (imageId: string, keep: boolean): void => {
      const mine = ++generation;
      const s = get();
      if (!keep) set({ inspect: loading(), history: loading(), relations: loading(), layerFiles: { ...idle(), diffId: null } });
      const track = <K extends 'inspect' | 'history' | 'relations'>(
        key: K,
        promise: Promise<NonNullable<ImageDetailState[K]['value']>>,
      ): void => {
        promise.then(
          (value) => {
            if (mine === generation) set({ [key]: { value, error: null, loading: false } } as unknown as Partial<ImageDetailState>);
          },
          (error: unknown) => {
            if (mine === generation)
              set({
                [key]: { value: keep ? s[key].value : null, error: errorText(error), loading: false },
              } as unknown as Partial<ImageDetailState>);
          },
        );
      };
      track('inspect', client.call('images.inspect', { image: imageId }));
      track('history', client.call('images.history', { image: imageId }));
      track('relations', client.call('images.relations', { image: imageId }));
    };
    return {
      selected: null,
      tab: 'layers',
      inspect: idle(),
      history: idle(),
      relations: idle(),
      layerFiles: { ...idle(), diffId: null },
      select(imageId, label) {
        if (get().selected?.imageId === imageId && get().selected?.label === label) return;
        shown++;
        set({ selected: { imageId, label } });
        load(imageId, false);
      },
      close() {
        generation++;
        shown++;
        set({ selected: null, inspect: idle(), history: idle(), relations: idle(), layerFiles: { ...idle(), diffId: null } });
      },
      setTab(tab) {
        set({ tab });
      },
      async showLayerFiles(diffId) {
        const selected = get().selected;
        if (!selected || diffId === null) {
          set({ layerFiles: { ...idle(), diffId: null } });
          return;
        }
        const mine = shown;
        set({ layerFiles: { ...loading(), diffId } });
        try {
          const value = await client.call('images.layerFiles', { image: selected.imageId, diffId, limit: 2000 });
          if (mine === shown && get().layerFiles.diffId === diffId) set({ layerFiles: { value, error: null, loading: false, diffId } });
        } catch (error) {
          if (mine === shown && get().layerFiles.diffId === diffId)
            set({ layerFiles: { value: null, error: errorText(error), loading: false, diffId } });
        }
      },
      refresh() {
        const selected = get().selected;
        if (selected) load(selected.imageId, true);
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// All of them, built once around the client.
// ---------------------------------------------------------------------------------------------

export type ImagesPanel = 'pull' | 'build' | 'prune' | 'registries' | null;

export interface ImageToolsUi {
  panel: ImagesPanel;
  setPanel(panel: ImagesPanel): void;
}

export interface ImageTools {
  ui: StoreApi<ImageToolsUi>;
  transfers: ImageTransfersStore;
  build: ImageBuildStore;
  prune: ImagePruneStore;
  accounts: AccountsStore;
  actions: ImageActionsStore;
  detail: ImageDetailStore;
  /** Cancels transfers and builds, stops following engine events, drops a pending refresh. */
  dispose(): void;
}

/** How long the detail pane waits after an engine event before it reloads: a burst becomes one reload. */
export const DETAIL_REFRESH_DELAY_MS = 300;

/**
 * The pane follows the engine: a tag, a new container or a removal changes what it shows. Returns
 * the function that stops following (removes the listener and any pending reload).
 */
export function followEngineEvents(detail: ImageDetailStore, events: Pick<EngineEventHub, 'on'>): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const unsubscribe = events.on(['image', 'container'], () => {
    if (timer !== null || !detail.getState().selected) return;
    timer = setTimeout(() => {
      timer = null;
      detail.getState().refresh();
    }, DETAIL_REFRESH_DELAY_MS);
  });
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
}

export interface ImageToolsDeps {
  client: BerthClient;
  run: ActionRunner;
  activity: ActivityStore;
  events: Pick<EngineEventHub, 'on'>;
}

export function createImageTools({ client, run, activity, events }: ImageToolsDeps): ImageTools {
  const transfers = createImageTransfersStore({ client, activity });
  const build = createImageBuildStore({ client, activity });
  const detail = createImageDetailStore(client);
  const unfollow = followEngineEvents(detail, events);
  return {
    ui: createStore<ImageToolsUi>()((set) => ({ panel: null, setPanel: (panel) => set({ panel }) })),
    transfers,
    build,
    prune: createImagePruneStore(run),
    accounts: createImageAccountsStore(run, client),
    actions: createImageActionsStore(run),
    detail,
    dispose() {
      unfollow();
      transfers.stop();
      build.stop();
    },
  };
}
