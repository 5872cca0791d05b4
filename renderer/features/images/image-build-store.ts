import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BuildInput } from '../../../shared/image-contract.js';
import type { BuildMessage, BuildStep, Failure } from '../../../shared/image-types.js';
import type { BerthClient } from '../../api/client.js';
import type { ActivityStore } from '../activity/activity-store.js';
import { runStream } from './stream-activity.js';

export type BuildPhase = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

/** What the editor shows next to one Dockerfile line. */
export interface LineMark {
  step: number;
  /** The first line of the step's instruction (a continued instruction spans several lines). */
  first: boolean;
  status: 'running' | 'cached' | 'ran' | 'failed';
  /** FROM and ARG before FROM never hit the cache: they show as "base", not as "ran". */
  cacheable: boolean;
  durationMs: number | null;
  layerId: string | null;
}

export interface BuildFailure {
  error: Failure;
  step: number | null;
  line: number | null;
  instruction: string | null;
  exitCode: number | null;
}

export interface BuildResult {
  imageId: string;
  tags: readonly string[];
  durationMs: number;
  steps: number;
  cachedSteps: number;
}

export interface ImageBuildState {
  phase: BuildPhase;
  /** Steps by number, latest state of each. */
  steps: readonly BuildStep[];
  /** The build's raw output, capped to the last `logLimit` lines. */
  log: readonly string[];
  contextBytes: number | null;
  result: BuildResult | null;
  failure: BuildFailure | null;
  /** The Dockerfile text the last build used (inline builds), to tell which lines changed since. */
  builtText: string | null;
  start(input: BuildInput): void;
  cancel(): void;
  reset(): void;
}

export type ImageBuildStore = StoreApi<ImageBuildState> & { stop(): void };

export const logLimit = 5000;

/** Folds one message into the steps list (a step's later message replaces its earlier one). */
export function applyStep(steps: readonly BuildStep[], step: BuildStep): BuildStep[] {
  const next = steps.filter((s) => s.step !== step.step);
  next.push(step);
  return next.sort((a, b) => a.step - b.step);
}

/** Dockerfile line (1-based) → what its step did; steps the engine added (line null) are left out. */
export function lineMarks(steps: readonly BuildStep[], failure: BuildFailure | null): Map<number, LineMark> {
  const marks = new Map<number, LineMark>();
  for (const s of steps) {
    if (s.line === null) continue;
    const failed = s.status === 'failed' || (failure !== null && failure.step === s.step);
    const status: LineMark['status'] = failed ? 'failed' : s.status === 'running' ? 'running' : s.cached ? 'cached' : 'ran';
    const end = s.endLine ?? s.line;
    for (let line = s.line; line <= end; line++) {
      marks.set(line, {
        step: s.step,
        first: line === s.line,
        status,
        cacheable: s.cacheable,
        durationMs: s.durationMs,
        layerId: s.layerId,
      });
    }
  }
  if (failure?.line != null && !marks.has(failure.line)) {
    marks.set(failure.line, { step: failure.step ?? 0, first: true, status: 'failed', cacheable: true, durationMs: null, layerId: null });
  }
  return marks;
}

/** The line a failure points to, if any. */
export function failedLine(state: Pick<ImageBuildState, 'failure' | 'steps'>): number | null {
  if (!state.failure) return null;
  if (state.failure.line !== null) return state.failure.line;
  const step = state.steps.find((s) => s.step === state.failure?.step);
  return step?.line ?? null;
}

export interface BuildDeps {
  client: BerthClient;
  activity: ActivityStore;
  /** Messages are applied at most once per this many ms (default 100). */
  flushMs?: number;
}

/** One build at a time: its steps tied to Dockerfile lines, its log, and how it ended. */
export function createImageBuildStore({ client, activity, flushMs = 100 }: BuildDeps): ImageBuildStore {
  let cancel: (() => void) | null = null;
  let queue: BuildMessage[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let generation = 0;

  const store = createStore<ImageBuildState>()((set, get) => {
    const flush = (): void => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (queue.length === 0) return;
      const messages = queue;
      queue = [];
      const s = get();
      const log = s.log;
      let { steps, contextBytes, result, failure, phase } = s;
      let logChanged = false;
      let lines = log.slice();
      for (const m of messages) {
        switch (m.type) {
          case 'context':
            contextBytes = m.bytes;
            break;
          case 'step':
            // The engine's own "Step N/M : …" line arrives as a log line.
            steps = applyStep(steps, m);
            break;
          case 'log':
            for (const l of m.lines) lines.push(l.text);
            logChanged = true;
            break;
          case 'done':
            result = { imageId: m.imageId, tags: m.tags, durationMs: m.durationMs, steps: m.steps, cachedSteps: m.cachedSteps };
            phase = 'done';
            break;
          case 'failed':
            failure = { error: m.error, step: m.step, line: m.line, instruction: m.instruction, exitCode: m.exitCode };
            phase = 'failed';
            break;
        }
      }
      if (lines.length > logLimit) lines = lines.slice(-logLimit);
      set({ steps, log: logChanged ? lines : log, contextBytes, result, failure, phase });
    };

    return {
      phase: 'idle',
      steps: [],
      log: [],
      contextBytes: null,
      result: null,
      failure: null,
      builtText: null,
      start(input) {
        get().cancel();
        const mine = ++generation;
        queue = [];
        set({
          phase: 'running',
          steps: [],
          log: [],
          contextBytes: null,
          result: null,
          failure: null,
          builtText: input.dockerfileText ?? null,
        });
        cancel = runStream(client, activity, 'images.build', input, {
          onMessage: (m) => {
            if (mine !== generation) return;
            queue.push(m);
            if (m.type === 'done' || m.type === 'failed') flush();
            else if (timer === null) timer = setTimeout(flush, flushMs);
          },
          onEnd: (error) => {
            if (mine !== generation) return;
            flush();
            cancel = null;
            if (get().phase !== 'running') return;
            if (error)
              set({
                phase: 'failed',
                failure: {
                  error: { code: error.code, reason: 'engine', message: error.message },
                  step: null,
                  line: null,
                  instruction: null,
                  exitCode: null,
                },
              });
            else set({ phase: 'cancelled' });
          },
          describe: () => {
            const r = get().result;
            return r ? `built ${r.imageId.replace(/^sha256:/, '').slice(0, 12)} · ${r.cachedSteps}/${r.steps} steps cached` : 'done';
          },
        });
      },
      cancel() {
        if (!cancel) return;
        const c = cancel;
        cancel = null;
        flush();
        generation++;
        set({ phase: 'cancelled' });
        c();
      },
      reset() {
        get().cancel();
        set({ phase: 'idle', steps: [], log: [], contextBytes: null, result: null, failure: null, builtText: null });
      },
    };
  });
  return Object.assign(store, {
    stop() {
      store.getState().cancel();
    },
  });
}
