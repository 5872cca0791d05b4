import { describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../../shared/engine-types.js';
import type { LearnCheck, LearnCheckOutcome } from '../../../shared/learn-types.js';
import type { ActionRunner } from '../activity/action-runner.js';
import { createLearnStore, type LearnClient } from './learn-store.js';
import { learnStorageKey } from './learn-storage.js';

/** An engine in memory: which checks pass is decided by the test. */
function fakes(passing: (check: LearnCheck) => boolean) {
  const calls: LearnCheck[][] = [];
  const client: LearnClient = {
    call: vi.fn(async (name: string, input: unknown) => {
      if (name === 'learn.check') {
        const checks = (input as { checks: LearnCheck[] }).checks;
        calls.push(checks);
        const results = checks.map((c) => ({ kind: c.kind, status: passing(c) ? ('passed' as const) : ('failed' as const), detail: '' }));
        const outcome: LearnCheckOutcome = { status: results.every((r) => r.status === 'passed') ? 'passed' : 'failed', results };
        return outcome;
      }
      if (name === 'learn.cleanupPreview')
        return { containers: [{ id: 'c1', name: 'learn-first', state: 'exited' }], images: [{ id: 'i1', ref: 'learn/first:v2' }] };
      throw new Error(`unexpected ${name}`);
    }) as LearnClient['call'],
  };
  let listener: ((e: EngineEvent) => void) | undefined;
  const events = {
    on: (_types: readonly string[], l: (e: EngineEvent) => void) => {
      listener = l;
      return () => (listener = undefined);
    },
  };
  const saved = new Map<string, string>();
  const storage = { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v) };
  const run = vi.fn(async () => [{ kind: 'container', ref: 'learn-first', removed: true }]) as unknown as ActionRunner;
  const fire = (): void => listener?.({ type: 'container', action: 'start', id: 'x', timeNano: 0 });
  return { client, events, storage, saved, run, calls, fire, listening: () => listener !== undefined };
}

const until = async (probe: () => boolean): Promise<void> => {
  await vi.waitFor(() => {
    if (!probe()) throw new Error('not yet');
  });
};

describe('learn store', () => {
  it('marks a step only when the engine says it passed, and walks on while the next ones pass', async () => {
    let imageThere = false;
    const f = fakes((c) => c.kind === 'imageExists' && imageThere);
    const store = createLearnStore({ ...f, settleMs: 0 });
    store.getState().open('images');
    await until(() => store.getState().lastCheck !== null && !store.getState().checking);
    expect(store.getState().progress).toEqual({});
    expect(store.getState().lastCheck).toMatchObject({ stepId: 'get-image', outcome: { status: 'failed' } });

    imageThere = true;
    f.fire();
    await until(() => store.getState().progress.images?.['get-image'] === 'passed' && !store.getState().checking);
    // The next step was checked at once and did not pass: it stays the current one.
    expect(store.getState().lastCheck).toMatchObject({ stepId: 'run-it', outcome: { status: 'failed' } });
    expect(JSON.parse(f.saved.get(learnStorageKey)!)).toMatchObject({ progress: { images: { 'get-image': 'passed' } } });
    store.getState().dispose();
  });

  it('checks nothing on events while no lesson is open, and stops listening when disposed', async () => {
    const f = fakes(() => true);
    const store = createLearnStore({ ...f, settleMs: 0 });
    f.fire();
    await new Promise((r) => setTimeout(r, 10));
    expect(f.calls).toEqual([]);
    store.getState().dispose();
    expect(f.listening()).toBe(false);
  });

  it('restores progress and settings saved by an earlier page, and starts a lesson over', async () => {
    const f = fakes(() => false);
    f.saved.set(
      learnStorageKey,
      JSON.stringify({
        settings: { image: 'alpine:3', prefix: 'me', registry: 'r:5000' },
        progress: { build: { 'write-build': 'passed' } },
      }),
    );
    const store = createLearnStore({ ...f, settleMs: 0 });
    expect(store.getState().settings).toEqual({ image: 'alpine:3', prefix: 'me', registry: 'r:5000' });
    expect(store.getState().progress).toEqual({ build: { 'write-build': 'passed' } });
    store.getState().open('build');
    await until(() => f.calls.length > 0 && !store.getState().checking);
    // The checks use the saved settings' names.
    expect(f.calls[0]).toEqual([{ kind: 'containerExists', name: 'me-built', lesson: 'build', state: 'exited', image: 'me/built:1' }]);
    store.getState().startOver('build');
    expect(store.getState().progress).toEqual({});
    store.getState().dispose();
  });

  it('cleans up only after the preview is confirmed, with exactly the previewed objects', async () => {
    const f = fakes(() => false);
    const store = createLearnStore({ ...f, settleMs: 0 });
    store.getState().open('images');
    await store.getState().askCleanup();
    expect(store.getState().cleanup.phase).toBe('confirm');
    expect(f.run).not.toHaveBeenCalled();
    await store.getState().confirmCleanup();
    expect(f.run).toHaveBeenCalledWith('learn.cleanup', {
      lesson: 'images',
      prefix: 'learn',
      containers: ['learn-first'],
      images: ['learn/first:v2'],
    });
    expect(store.getState().cleanup.phase).toBe('done');
    store.getState().dispose();
  });
});
