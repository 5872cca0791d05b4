import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ImageBuildState } from '../images/image-build-store.js';
import type { ImageTransfersState, Transfer } from '../images/image-transfers-store.js';
import { overallFraction } from '../images/image-transfers-store.js';
import type { ViewName } from '../layout/ui-store.js';
import type { StacksState } from '../stacks/stacks-store.js';

export type JobKind = 'pull' | 'push' | 'build' | 'compose';
export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

/** One piece of background work as the tray lists it, whichever store runs it. */
export interface Job {
  /** Stable across updates: "pull-3", "build-2", "compose-web-1". */
  key: string;
  kind: JobKind;
  /** What the job works on: an image reference, a build's tag, a Compose project. */
  subject: string;
  state: JobState;
  /** 0..1 where the source store knows it, else null (a Compose run, a build between steps). */
  progress: number | null;
  /** One line: the result, the error, or the engine's latest status. */
  detail: string | null;
  /** The view that shows this job in full. */
  view: ViewName;
}

/** A finished job the user was not looking at, told in an in-app toast (no system notification allowed). */
export interface JobToast {
  id: number;
  job: Job;
}

export interface JobsState {
  jobs: readonly Job[];
  toasts: readonly JobToast[];
  dismissToast(id: number): void;
  /** Drops finished jobs from the list (running ones stay). */
  clearFinished(): void;
}

export type JobsStore = StoreApi<JobsState> & { dispose(): void };

/** The slice of a zustand store the jobs store reads: its state and a subscription to it. */
export interface Source<S> {
  getState(): S;
  subscribe(listener: (state: S, previous: S) => void): () => void;
}

export interface JobsDeps {
  transfers: Source<Pick<ImageTransfersState, 'transfers'>>;
  build: Source<Pick<ImageBuildState, 'phase' | 'steps' | 'result' | 'failure'>>;
  /** Compose runs; absent where there is no stacks store. */
  stacks?: Source<Pick<StacksState, 'runs'>>;
  /** True when the user would not see this job end: another view shown, or the window hidden or unfocused. */
  isAway(job: Job): boolean;
  /** Tells the user a job ended; returns false when it could not (then an in-app toast is shown instead). */
  notify(job: Job): boolean;
}

const verbs: Record<JobKind, string> = { pull: 'Pull', push: 'Push', build: 'Build', compose: 'Compose' };
const endings: Record<Exclude<JobState, 'running'>, string> = { done: 'finished', failed: 'failed', cancelled: 'was cancelled' };

/** "Pull 127.0.0.1:5000/app:1 finished" — the notification's title and the toast's first line. */
export function jobHeadline(job: Job): string {
  return `${verbs[job.kind]} ${job.subject} ${job.state === 'running' ? 'running' : endings[job.state]}`;
}

export function transferJob(t: Transfer): Job {
  const detail = t.state === 'done' ? t.result : t.state === 'failed' ? (t.error?.message ?? 'Failed') : t.status;
  return {
    key: `${t.kind}-${t.id}`,
    kind: t.kind,
    subject: t.reference,
    state: t.state,
    progress: t.state === 'running' && t.overall === null && t.layers.length === 0 ? null : overallFraction(t),
    detail,
    view: 'images',
  };
}

type BuildView = Pick<ImageBuildState, 'phase' | 'steps' | 'result' | 'failure'>;

export function buildJob(b: BuildView, serial: number): Job {
  const state: JobState = b.phase === 'idle' ? 'running' : b.phase;
  const total = b.steps.length;
  const finishedSteps = b.steps.filter((s) => s.status !== 'running').length;
  const subject = b.result?.tags[0] ?? `#${serial}`;
  let detail: string | null = null;
  if (b.result) detail = `${b.result.cachedSteps}/${b.result.steps} steps cached`;
  else if (b.failure) detail = b.failure.error.message;
  else if (total > 0) detail = `Step ${b.steps[total - 1]!.step}`;
  return {
    key: `build-${serial}`,
    kind: 'build',
    subject,
    state,
    progress: state === 'done' ? 1 : null,
    detail: finishedSteps > 0 || detail ? detail : null,
    view: 'images',
  };
}

type StackRunView = StacksState['runs'][string];

export function composeJob(project: string, run: StackRunView, serial: number): Job {
  const state: JobState = run.status === 'ok' ? 'done' : run.status;
  return {
    key: `compose-${project}-${serial}`,
    kind: 'compose',
    subject: `${project} (${run.action})`,
    state,
    progress: state === 'done' ? 1 : null,
    detail: run.error ?? (state === 'failed' && run.code != null ? `exit code ${run.code}` : null),
    view: 'stacks',
  };
}

/**
 * Every pull, push, build and Compose run, read from the stores that run them (never driving them),
 * and the one moment each ends: then the user is told if they were elsewhere.
 */
export function createJobsStore(deps: JobsDeps): JobsStore {
  let nextToast = 1;
  // Builds and Compose runs reuse one slot in their stores: a new run gets a new serial, so a new row.
  let buildSerial = 0;
  const composeSerials = new Map<string, number>();
  const composeRuns = new Map<string, StackRunView>();

  const store = createStore<JobsState>()((set) => ({
    jobs: [],
    toasts: [],
    dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
    clearFinished: () => set((s) => ({ jobs: s.jobs.filter((j) => j.state === 'running') })),
  }));

  /** Puts `job` in the list (newest first) and tells the user if it just ended while they were away. */
  const upsert = (job: Job): void => {
    const { jobs } = store.getState();
    const index = jobs.findIndex((j) => j.key === job.key);
    const before = index === -1 ? undefined : jobs[index];
    if (before && sameJob(before, job)) return;
    const next = index === -1 ? [job, ...jobs] : jobs.map((j, i) => (i === index ? job : j));
    store.setState({ jobs: next });
    const ended = job.state === 'done' || job.state === 'failed';
    // Cancelling is the user's own act: no need to tell them.
    if (ended && (before === undefined || before.state === 'running') && deps.isAway(job) && !deps.notify(job)) {
      store.setState((s) => ({ toasts: [...s.toasts, { id: nextToast++, job }] }));
    }
  };

  const readTransfers = (state: Pick<ImageTransfersState, 'transfers'>): void => {
    for (const t of state.transfers) upsert(transferJob(t));
  };

  const readBuild = (state: BuildView, previous: BuildView | null): void => {
    if (state.phase === 'idle') return;
    if (state.phase === 'running' && previous?.phase !== 'running') buildSerial++;
    if (buildSerial === 0) buildSerial = 1;
    upsert(buildJob(state, buildSerial));
  };

  const readStacks = (state: Pick<StacksState, 'runs'>): void => {
    for (const [project, run] of Object.entries(state.runs)) {
      const seen = composeRuns.get(project);
      if (seen === run) continue;
      // A run object that is new and running again is a new run; patches of one run keep the same status path.
      const fresh = seen === undefined || (run.status === 'running' && seen.status !== 'running');
      if (fresh) composeSerials.set(project, (composeSerials.get(project) ?? 0) + 1);
      composeRuns.set(project, run);
      upsert(composeJob(project, run, composeSerials.get(project)!));
    }
  };

  readTransfers(deps.transfers.getState());
  readBuild(deps.build.getState(), null);
  if (deps.stacks) readStacks(deps.stacks.getState());
  const unsubscribes = [
    deps.transfers.subscribe((s) => readTransfers(s)),
    deps.build.subscribe((s, prev) => readBuild(s, prev)),
    ...(deps.stacks ? [deps.stacks.subscribe((s) => readStacks(s))] : []),
  ];

  return Object.assign(store, {
    dispose() {
      for (const unsubscribe of unsubscribes) unsubscribe();
    },
  });
}

function sameJob(a: Job, b: Job): boolean {
  return a.state === b.state && a.progress === b.progress && a.detail === b.detail && a.subject === b.subject;
}

/** Jobs still running: the tray button's count. */
export function runningCount(jobs: readonly Job[]): number {
  return jobs.filter((j) => j.state === 'running').length;
}
