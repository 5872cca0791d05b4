import { describe, expect, it } from 'vitest';
import { createPruneStore, type PruneJob } from './prune-store.js';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A job whose answers the test gives by hand, recording what was pruned. */
function manualJob(hasWork?: (p: string[]) => boolean) {
  const previews: Array<Deferred<string[]>> = [];
  const prunes: Array<Deferred<number>> = [];
  const pruned: string[][] = [];
  let afterPrune = 0;
  const job: PruneJob<string[], number> = {
    preview: () => {
      previews.push(deferred());
      return previews[previews.length - 1]!.promise;
    },
    prune: (preview) => {
      pruned.push(preview);
      prunes.push(deferred());
      return prunes[prunes.length - 1]!.promise;
    },
    afterPrune: () => void afterPrune++,
    ...(hasWork ? { hasWork } : {}),
  };
  return { job, previews, prunes, pruned, afterPrunes: () => afterPrune };
}

describe('createPruneStore', () => {
  it('shows the preview, prunes nothing until confirmed, then prunes exactly what it showed', async () => {
    const m = manualJob();
    const store = createPruneStore(m.job);
    const opening = store.getState().open();
    expect(store.getState().phase).toBe('loading');
    m.previews[0]!.resolve(['a', 'b']);
    await opening;
    expect(store.getState()).toMatchObject({ phase: 'preview', preview: ['a', 'b'], result: null });
    expect(m.pruned).toEqual([]);
    const confirming = store.getState().confirm();
    expect(store.getState().phase).toBe('pruning');
    m.prunes[0]!.resolve(2);
    await confirming;
    expect(store.getState()).toMatchObject({ phase: 'done', result: 2 });
    expect(m.pruned).toEqual([['a', 'b']]);
    expect(m.afterPrunes()).toBe(1);
  });

  it('confirming outside the preview, or an empty preview, does nothing', async () => {
    const m = manualJob((p) => p.length > 0);
    const store = createPruneStore(m.job);
    void store.getState().confirm();
    const opening = store.getState().open();
    m.previews[0]!.resolve([]);
    await opening;
    // Not awaited: a prune that did start would wait for an answer that never comes.
    void store.getState().confirm();
    expect(m.pruned).toEqual([]);
    expect(store.getState().phase).toBe('preview');
  });

  it('stays closed when closed while the preview loads or while it prunes', async () => {
    const m = manualJob();
    const store = createPruneStore(m.job);
    const opening = store.getState().open();
    store.getState().close();
    m.previews[0]!.resolve(['a']);
    await opening;
    expect(store.getState()).toMatchObject({ phase: 'closed', preview: null });

    const reopening = store.getState().open();
    m.previews[1]!.resolve(['a']);
    await reopening;
    const confirming = store.getState().confirm();
    store.getState().close();
    m.prunes[0]!.resolve(1);
    await confirming;
    expect(store.getState()).toMatchObject({ phase: 'closed', result: null });
    expect(m.afterPrunes()).toBe(1);
  });

  it('keeps the error text of a failed preview and of a failed prune', async () => {
    const m = manualJob();
    const store = createPruneStore(m.job);
    const opening = store.getState().open();
    m.previews[0]!.reject(new Error('engine down'));
    await opening;
    expect(store.getState()).toMatchObject({ phase: 'error', error: 'engine down' });

    const reopening = store.getState().open();
    expect(store.getState().error).toBeNull();
    m.previews[1]!.resolve(['a']);
    await reopening;
    const confirming = store.getState().confirm();
    m.prunes[0]!.reject(new Error('in use'));
    await confirming;
    expect(store.getState()).toMatchObject({ phase: 'error', error: 'in use' });
    expect(m.afterPrunes()).toBe(1);
  });
});
