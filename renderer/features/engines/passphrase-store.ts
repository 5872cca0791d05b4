import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PassphrasePromptMessage } from '../../../shared/engines-contract.js';
import type { AppStores } from '../../app/create-app-stores.js';
import { featureStore } from '../../app/feature-stores.js';
import type { BerthClient } from '../../api/client.js';

export interface PassphraseState {
  /** Questions waiting for this window's answer, oldest first (the dialog shows the first). */
  prompts: PassphrasePromptMessage[];
  /** Engine + key pairs this window gave a passphrase for: asked again means it was wrong. */
  answered: string[];
  busy: boolean;
  error: string | undefined;
  /** `keep`: keep it in the OS keyring (only where the question says it can be kept). */
  answer(promptId: string, passphrase: string | undefined, keep?: boolean): Promise<void>;
  start(): void;
  stop(): void;
}

export type PassphraseStore = StoreApi<PassphraseState>;

/** Whether ssh asks again for a key this window already answered (so the last passphrase was wrong). */
export function isRetry(state: Pick<PassphraseState, 'answered'>, prompt: PassphrasePromptMessage): boolean {
  return state.answered.includes(answerKey(prompt));
}

function answerKey(prompt: PassphrasePromptMessage): string {
  return `${prompt.engineId}\n${prompt.keyFile}`;
}

/** The SSH key passphrase questions put to this window (engines.passphrasePrompts) and its answers. */
export function createPassphraseStore(client: BerthClient): PassphraseStore {
  let unsubscribe: (() => void) | undefined;
  return createStore<PassphraseState>()((set, get) => ({
    prompts: [],
    answered: [],
    busy: false,
    error: undefined,

    async answer(promptId, passphrase, keep = false) {
      const prompt = get().prompts.find((p) => p.promptId === promptId);
      set({ busy: true, error: undefined });
      try {
        await client.call(
          'engines.answerPassphrase',
          passphrase === undefined ? { promptId } : { promptId, passphrase, ...(keep ? { keep: true } : {}) },
        );
        const key = prompt ? answerKey(prompt) : undefined;
        set((s) => ({
          busy: false,
          prompts: s.prompts.filter((p) => p.promptId !== promptId),
          answered: key && passphrase !== undefined ? [...s.answered.filter((k) => k !== key), key] : s.answered,
        }));
      } catch (error) {
        // The question is gone (answered in another window, or ssh gave up): drop it, say why.
        set((s) => ({
          busy: false,
          error: error instanceof Error ? error.message : String(error),
          prompts: s.prompts.filter((p) => p.promptId !== promptId),
        }));
      }
    },

    start() {
      if (unsubscribe) return;
      unsubscribe = client.subscribe(
        'engines.passphrasePrompts',
        {},
        {
          onMessage: (prompt) => set((s) => ({ prompts: [...s.prompts.filter((p) => p.promptId !== prompt.promptId), prompt] })),
          onEnd: () => {
            unsubscribe = undefined;
          },
        },
      );
    },

    stop() {
      unsubscribe?.();
      unsubscribe = undefined;
    },
  }));
}

/** Built when the app's dialogs mount; it streams questions from then on. */
export const passphraseStore = featureStore<PassphraseStore, AppStores>(
  'passphrase prompts',
  (app) => {
    const store = createPassphraseStore(app.client);
    store.getState().start();
    return store;
  },
  (store) => store.getState().stop(),
);
