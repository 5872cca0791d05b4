import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { ImageBuildState } from '../images/image-build-store.js';
import type { Transfer } from '../images/image-transfers-store.js';
import type { StackRun } from '../stacks/stacks-store.js';
import { createJobsStore, jobHeadline, runningCount, type Job } from './jobs-store.js';

type BuildSlice = Pick<ImageBuildState, 'phase' | 'steps' | 'result' | 'failure'>;

function transfer(patch: Partial<Transfer> = {}): Transfer {
  return {
    id: 1,
    kind: 'pull',
    reference: '127.0.0.1:5000/app:1',
    state: 'running',
    layers: [],
    overall: null,
    status: null,
    error: null,
    result: null,
    ...patch,
  };
}

function setup(away: (job: Job) => boolean = () => true, canNotify = true) {
  const transfers = createStore<{ transfers: readonly Transfer[] }>()(() => ({ transfers: [] }));
  const build = createStore<BuildSlice>()(() => ({ phase: 'idle', steps: [], result: null, failure: null }));
  const stacks = createStore<{ runs: Readonly<Record<string, StackRun>> }>()(() => ({ runs: {} }));
  const notified: Job[] = [];
  const jobs = createJobsStore({
    transfers,
    build,
    stacks,
    isAway: away,
    notify: (job) => {
      if (canNotify) notified.push(job);
      return canNotify;
    },
  });
  return { transfers, build, stacks, jobs, notified };
}

describe('jobs store', () => {
  it('lists a pull while it runs, with its progress, and counts it as running', () => {
    const { transfers, jobs } = setup();
    transfers.setState({
      transfers: [transfer({ overall: { layersDone: 0, layersTotal: 2, bytesDone: 4, bytesTotal: 10, fraction: 0.4 } })],
    });
    const [job] = jobs.getState().jobs;
    expect(job).toMatchObject({ key: 'pull-1', kind: 'pull', state: 'running', progress: 0.4, view: 'images' });
    expect(runningCount(jobs.getState().jobs)).toBe(1);
  });

  it('notifies once when a pull finishes while the user is away', () => {
    const { transfers, jobs, notified } = setup();
    transfers.setState({ transfers: [transfer()] });
    transfers.setState({ transfers: [transfer({ state: 'done', result: 'Pulled' })] });
    transfers.setState({ transfers: [transfer({ state: 'done', result: 'Pulled' })] });
    expect(notified.map(jobHeadline)).toEqual(['Pull 127.0.0.1:5000/app:1 finished']);
    expect(jobs.getState().jobs[0]).toMatchObject({ state: 'done', progress: 1, detail: 'Pulled' });
    expect(runningCount(jobs.getState().jobs)).toBe(0);
  });

  it('does not notify when the user watches the job end, nor when they cancelled it', () => {
    const { transfers, notified, jobs } = setup(() => false);
    transfers.setState({ transfers: [transfer()] });
    transfers.setState({ transfers: [transfer({ state: 'done', result: 'Pulled' })] });
    expect(notified).toEqual([]);
    expect(jobs.getState().toasts).toEqual([]);

    const away = setup();
    away.transfers.setState({ transfers: [transfer()] });
    away.transfers.setState({ transfers: [transfer({ state: 'cancelled' })] });
    expect(away.notified).toEqual([]);
  });

  it('falls back to an in-app toast when notifications are not allowed, and dismisses it', () => {
    const { transfers, jobs } = setup(() => true, false);
    transfers.setState({ transfers: [transfer({ kind: 'push' })] });
    transfers.setState({
      transfers: [transfer({ kind: 'push', state: 'failed', error: { code: 'REGISTRY_REFUSED', reason: 'engine', message: 'denied' } })],
    });
    const toasts = jobs.getState().toasts;
    expect(toasts).toHaveLength(1);
    expect(jobHeadline(toasts[0]!.job)).toBe('Push 127.0.0.1:5000/app:1 failed');
    expect(toasts[0]!.job.detail).toBe('denied');
    jobs.getState().dismissToast(toasts[0]!.id);
    expect(jobs.getState().toasts).toEqual([]);
  });

  it('gives each build its own row and names it by its tag once done', () => {
    const { build, jobs, notified } = setup();
    build.setState({ phase: 'running' });
    build.setState({ phase: 'done', result: { imageId: 'sha256:1', tags: ['app:dev'], durationMs: 5, steps: 3, cachedSteps: 2 } });
    build.setState({ phase: 'running', result: null });
    const list = jobs.getState().jobs;
    expect(list.map((j) => [j.key, j.state])).toEqual([
      ['build-2', 'running'],
      ['build-1', 'done'],
    ]);
    expect(list[1]).toMatchObject({ subject: 'app:dev', detail: '2/3 steps cached' });
    expect(notified.map((j) => j.key)).toEqual(['build-1']);
  });

  it('follows Compose runs per project, a new run after the last one ended being a new row', () => {
    const { stacks, jobs, notified } = setup();
    const run: StackRun = { command: 'docker-compose up -d', action: 'up', output: '', status: 'running' };
    stacks.setState({ runs: { web: run } });
    stacks.setState({ runs: { web: { ...run, output: 'Creating…' } } });
    stacks.setState({ runs: { web: { ...run, status: 'failed', code: 1 } } });
    stacks.setState({ runs: { web: { ...run } } });
    expect(jobs.getState().jobs.map((j) => [j.key, j.state, j.detail])).toEqual([
      ['compose-web-2', 'running', null],
      ['compose-web-1', 'failed', 'exit code 1'],
    ]);
    expect(notified.map((j) => j.view)).toEqual(['stacks']);
  });

  it('clears finished jobs and stops following its sources once disposed', () => {
    const { transfers, jobs } = setup();
    transfers.setState({ transfers: [transfer({ id: 1, state: 'done' }), transfer({ id: 2 })] });
    jobs.getState().clearFinished();
    expect(jobs.getState().jobs.map((j) => j.key)).toEqual(['pull-2']);
    jobs.dispose();
    transfers.setState({ transfers: [transfer({ id: 3 })] });
    expect(jobs.getState().jobs.map((j) => j.key)).toEqual(['pull-2']);
  });
});
