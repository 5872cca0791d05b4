import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CallInput, CallName, CallOutput } from '../../../shared/contract.js';
import type { CleanupOutcome, LearnCheckOutcome, LessonObjects } from '../../../shared/learn-types.js';
import type { HostResources } from '../../../shared/robot-run-contract.js';
import { errorText } from '../../lib/error-text.js';
import type { ActionRunner } from '../activity/action-runner.js';
import type { EngineEventHub } from '../engine-events/engine-event-hub.js';
import { currentStep, withMark, withoutLesson, type LessonProgress } from './learn-progress.js';
import { loadLearning, saveLearning, type LearnStoragePort } from './learn-storage.js';
import { lessonById } from './lessons/index.js';
import type { Lesson, LessonSettings, StepContext } from './lessons/lesson-types.js';

/** The client's one method the store uses: Berth's own reads, which the activity strip does not list. */
export interface LearnClient {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
}

export interface StepCheckState {
  readonly stepId: string;
  readonly outcome: LearnCheckOutcome | null;
  /** The check itself failed (engine gone, bad setting): not the step. */
  readonly error: string | null;
}

export type CleanupState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'loading' }
  | { readonly phase: 'confirm'; readonly objects: LessonObjects }
  | { readonly phase: 'removing'; readonly objects: LessonObjects }
  | { readonly phase: 'done'; readonly outcomes: readonly CleanupOutcome[] }
  | { readonly phase: 'failed'; readonly error: string };

export interface LearnState {
  readonly settings: LessonSettings;
  readonly progress: LessonProgress;
  readonly openLessonId: string | null;
  readonly checking: boolean;
  /** The last check of the open lesson's current step. */
  readonly lastCheck: StepCheckState | null;
  /** What the engine's host offers (devices, displays), read for the robotics lesson; null until read. */
  readonly host: HostResources | null;
  readonly hostError: string | null;
  readonly cleanup: CleanupState;
  open(lessonId: string): void;
  close(): void;
  setSettings(patch: Partial<LessonSettings>): void;
  /** Checks the open lesson's current step, and the ones after it while they pass; `asked`: the user pressed Check (a failed host read is tried again). */
  check(asked?: boolean): Promise<void>;
  startOver(lessonId: string): void;
  askCleanup(): Promise<void>;
  confirmCleanup(): Promise<void>;
  dismissCleanup(): void;
  dispose(): void;
}

export type LearnStore = StoreApi<LearnState>;

export interface LearnStoreDeps {
  readonly client: LearnClient;
  readonly run: ActionRunner;
  readonly events: Pick<EngineEventHub, 'on'>;
  readonly storage: LearnStoragePort;
  /** Engine events come in bursts (a run is create, attach, start…): one check after they settle. */
  readonly settleMs?: number;
}

/**
 * Lesson progress and the checks behind it. A step is marked done only by a `learn.check` the
 * engine answered with passed (or skipped: the host has no device or display); nothing the user
 * clicks marks it. Checks run when a lesson opens, on the Check button, and after container and
 * image events while a lesson is open. Settings and progress are saved per browser.
 */
export function createLearnStore(deps: LearnStoreDeps): LearnStore {
  const saved = loadLearning(deps.storage);
  let disposed = false;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let again = false;
  /** The image the host was last read through: an engine event does not read it again (the read's own helper container makes events). */
  let hostReadWith: string | null = null;

  const store = createStore<LearnState>()((set, get) => {
    const persist = (): void => saveLearning(deps.storage, { settings: get().settings, progress: get().progress });
    const openLesson = (): Lesson | undefined => {
      const lessonId = get().openLessonId;
      return lessonId === null ? undefined : lessonById(lessonId);
    };
    const context = (): StepContext => ({ settings: get().settings, host: get().host });

    const readHost = async (): Promise<void> => {
      hostReadWith = get().settings.image;
      set({ hostError: null });
      try {
        const host = await deps.client.call('engine.hostResources', { image: get().settings.image });
        if (!disposed) set({ host });
      } catch (err) {
        if (!disposed) set({ hostError: errorText(err) });
      }
    };

    const check = async (asked = false): Promise<void> => {
      if (asked && get().host === null) hostReadWith = null;
      if (get().checking) {
        again = true;
        return;
      }
      set({ checking: true });
      try {
        // The robotics lesson's text names the host's devices: read them first if an earlier read failed.
        if (get().openLessonId === 'robotics' && get().host === null && hostReadWith !== get().settings.image) await readHost();
        // Walk forward while steps pass: what was already done outside Berth counts too.
        for (;;) {
          const lesson = openLesson();
          const step = lesson ? currentStep(lesson, get().progress) : undefined;
          if (!lesson || !step) break;
          const checks = [...step.checks(context())];
          let outcome: LearnCheckOutcome;
          try {
            outcome = await deps.client.call('learn.check', { checks });
          } catch (err) {
            if (!disposed) set({ lastCheck: { stepId: step.id, outcome: null, error: errorText(err) } });
            break;
          }
          if (disposed || openLesson()?.id !== lesson.id) break;
          set({ lastCheck: { stepId: step.id, outcome, error: null } });
          if (outcome.status === 'failed') break;
          set({ progress: withMark(get().progress, lesson.id, step.id, outcome.status) });
          persist();
        }
      } finally {
        if (!disposed) set({ checking: false });
      }
      if (again && !disposed) {
        again = false;
        await check();
      }
    };

    return {
      settings: saved.settings,
      progress: saved.progress,
      openLessonId: null,
      checking: false,
      lastCheck: null,
      host: null,
      hostError: null,
      cleanup: { phase: 'idle' },
      open(lessonId) {
        if (!lessonById(lessonId)) return;
        set({ openLessonId: lessonId, lastCheck: null, cleanup: { phase: 'idle' } });
        if (get().host === null) hostReadWith = null;
        void check();
      },
      close() {
        set({ openLessonId: null, lastCheck: null, cleanup: { phase: 'idle' } });
      },
      setSettings(patch) {
        const imageChanged = patch.image !== undefined && patch.image !== get().settings.image;
        set({ settings: { ...get().settings, ...patch }, lastCheck: null, ...(imageChanged ? { host: null } : {}) });
        persist();
        // The robotics lesson reads the host through the chosen image: read it again with the new one.
        if (get().openLessonId !== null) void check();
      },
      check,
      startOver(lessonId) {
        set({ progress: withoutLesson(get().progress, lessonId), lastCheck: null });
        persist();
        if (get().openLessonId === lessonId) void check();
      },
      async askCleanup() {
        const lesson = openLesson();
        if (!lesson) return;
        set({ cleanup: { phase: 'loading' } });
        try {
          const objects = await deps.client.call('learn.cleanupPreview', { lesson: lesson.id, prefix: get().settings.prefix });
          set({ cleanup: { phase: 'confirm', objects } });
        } catch (err) {
          set({ cleanup: { phase: 'failed', error: errorText(err) } });
        }
      },
      async confirmCleanup() {
        const lesson = openLesson();
        const state = get().cleanup;
        if (!lesson || state.phase !== 'confirm') return;
        set({ cleanup: { phase: 'removing', objects: state.objects } });
        try {
          const outcomes = await deps.run('learn.cleanup', {
            lesson: lesson.id,
            prefix: get().settings.prefix,
            containers: state.objects.containers.map((c) => c.name),
            images: state.objects.images.map((i) => i.ref),
          });
          set({ cleanup: { phase: 'done', outcomes } });
        } catch (err) {
          set({ cleanup: { phase: 'failed', error: errorText(err) } });
        }
      },
      dismissCleanup() {
        set({ cleanup: { phase: 'idle' } });
      },
      dispose() {
        disposed = true;
        if (settleTimer !== undefined) clearTimeout(settleTimer);
        stopEvents();
      },
    };
  });

  const stopEvents = deps.events.on(['container', 'image'], () => {
    if (disposed || store.getState().openLessonId === null) return;
    if (settleTimer !== undefined) clearTimeout(settleTimer);
    settleTimer = setTimeout(() => {
      settleTimer = undefined;
      void store.getState().check();
    }, deps.settleMs ?? 300);
  });

  return store;
}
