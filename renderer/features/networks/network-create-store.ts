import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ActionRunner } from '../activity/action-runner.js';
import { checkDraft, emptyDraft, fieldOfEngineError, type DraftField, type NetworkDraft } from './network-draft.js';
import { errorText } from '../../lib/error-text.js';

/** `docker network create` as a form: the draft, checked locally, then the engine's answer. */
export interface CreateState {
  open: boolean;
  draft: NetworkDraft;
  /** After a first attempt to submit, empty required fields are flagged too. */
  submitted: boolean;
  busy: boolean;
  /** The engine's refusal, placed beside the field it is about (or at the foot). */
  engineError: { field: DraftField | 'form'; message: string } | null;
  openForm(): void;
  close(): void;
  update(patch: Partial<NetworkDraft>): void;
  /** Creates the network; true when it was created and the form closed. */
  submit(): Promise<boolean>;
}
export type CreateStore = StoreApi<CreateState>;

export function createNetworkCreateStore(run: ActionRunner, onChanged: () => void): CreateStore {
  return createStore<CreateState>()((set, get) => ({
    open: false,
    draft: emptyDraft,
    submitted: false,
    busy: false,
    engineError: null,
    openForm: () => set({ open: true, draft: emptyDraft, submitted: false, busy: false, engineError: null }),
    close: () => set({ open: false, busy: false, engineError: null }),
    update: (patch) => set((s) => ({ draft: { ...s.draft, ...patch }, engineError: null })),
    async submit() {
      const checked = checkDraft(get().draft);
      set({ submitted: true });
      const input = checked.input;
      if (!input || get().busy) return false;
      set({ busy: true, engineError: null });
      try {
        await run('networks.create', input, { quiet: true, describe: () => `created ${input.name}` });
        set({ open: false, busy: false });
        onChanged();
        return true;
      } catch (error) {
        const message = errorText(error);
        set({ busy: false, engineError: { field: fieldOfEngineError(message), message } });
        return false;
      }
    },
  }));
}
