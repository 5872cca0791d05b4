import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LayerTransfer, TransferProgress } from '../../../shared/image-types.js';
import { BerthClient } from '../../api/client.js';
import { FakeTransport } from '../../test-support/fake-transport.js';
import { createActivityStore } from '../activity/activity-store.js';
import { aggregateLayers, createImageTransfersStore, layerFraction, layerLabel, overallFraction } from './image-transfers-store.js';

const layer = (id: string, phase: LayerTransfer['phase'], current: number | null = null, total: number | null = null): LayerTransfer => ({
  id,
  phase,
  current,
  total,
});
const progress = (layers: LayerTransfer[], fraction = 0.5): TransferProgress => ({
  type: 'progress',
  layers,
  overall: {
    layersDone: layers.filter((l) => l.phase === 'complete' || l.phase === 'already-exists').length,
    layersTotal: layers.length,
    bytesDone: 10,
    bytesTotal: 20,
    fraction,
  },
  status: 'Pulling from berth-e2e/busybox',
});

describe('layer progress', () => {
  it('labels each phase, with bytes while transferring', () => {
    expect(layerLabel(layer('a', 'waiting'))).toBe('Waiting');
    expect(layerLabel(layer('a', 'downloading', 1000, 4000))).toBe('Downloading 1kB / 4kB');
    expect(layerLabel(layer('a', 'extracting', 2000, 4000))).toBe('Extracting 2kB / 4kB');
    expect(layerLabel(layer('a', 'already-exists'))).toBe('Already exists');
    expect(layerLabel({ ...layer('a', 'retrying', 1000, 4000), retryInSeconds: 5 })).toBe('Broke off 1kB / 4kB, retrying in 5 s');
    expect(layerLabel(layer('a', 'pushing', 4000, 4000))).toBe('Pushing 4kB / 4kB, waiting for the registry');
    // A cancelled card does not go on saying "Downloading".
    expect(layerLabel(layer('a', 'downloading', 1000, 4000), 'cancelled')).toBe('Cancelled at 1kB / 4kB');
    expect(layerLabel(layer('a', 'waiting'), 'failed')).toBe('Stopped');
    expect(layerLabel(layer('a', 'complete'), 'cancelled')).toBe('Complete');
  });

  it('counts a pull layer 70% for download and 30% for extraction, like the overall estimate', () => {
    expect(layerFraction(layer('a', 'downloading', 50, 100), 'pull')).toBeCloseTo(0.35);
    expect(layerFraction(layer('a', 'retrying', 50, 100), 'pull')).toBeCloseTo(0.35);
    expect(layerFraction(layer('a', 'downloaded'), 'pull')).toBeCloseTo(0.7);
    expect(layerFraction(layer('a', 'extracting', 50, 100), 'pull')).toBeCloseTo(0.85);
    expect(layerFraction(layer('a', 'pushing', 50, 100), 'push')).toBe(0.5);
    expect(layerFraction(layer('a', 'downloading', null, null), 'pull')).toBe(0);
  });

  it('aggregates layers per phase and overall, leaving out layers the engine already had', () => {
    const layers = [layer('a', 'waiting'), layer('b', 'downloading', 50, 100), layer('c', 'already-exists'), layer('d', 'complete')];
    const fraction = (0 + 0.35 + 1) / 3;
    expect(aggregateLayers(layers, 'pull')).toEqual({
      waiting: 1,
      active: 1,
      done: 2,
      reused: 1,
      fraction: expect.closeTo(fraction, 9) as number,
    });
    expect(aggregateLayers([], 'pull').fraction).toBe(0);
    // The engine's overall wins while running; done is always full.
    expect(overallFraction({ state: 'running', kind: 'pull', layers, overall: progress(layers, 0.4).overall })).toBe(0.4);
    expect(overallFraction({ state: 'running', kind: 'pull', layers, overall: null })).toBeCloseTo(fraction);
    expect(overallFraction({ state: 'done', kind: 'pull', layers: [], overall: null })).toBe(1);
  });
});

describe('transfers store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const transport = new FakeTransport();
    const activity = createActivityStore();
    const store = createImageTransfersStore({ client: new BerthClient(transport), activity, flushMs: 100 });
    return { transport, activity, store };
  }

  it('runs several pulls at once, one card each, recorded as docker pull', () => {
    const { transport, activity, store } = setup();
    store.getState().pull('127.0.0.1:5000/a:1');
    store.getState().pull('127.0.0.1:5000/b:1');
    expect(transport.openStreams('images.pull')).toHaveLength(2);
    expect(store.getState().transfers.map((t) => t.reference)).toEqual(['127.0.0.1:5000/b:1', '127.0.0.1:5000/a:1']);
    expect(activity.getState().entries.map((e) => e.command)).toEqual(['docker pull 127.0.0.1:5000/a:1', 'docker pull 127.0.0.1:5000/b:1']);
  });

  it('coalesces progress snapshots: at most one update per flush interval, the latest wins', () => {
    const { transport, store } = setup();
    store.getState().pull('busybox:1');
    let updates = 0;
    store.subscribe(() => updates++);
    for (let i = 1; i <= 50; i++) transport.emit('images.pull', progress([layer('a', 'downloading', i, 50)], i / 100));
    expect(updates).toBe(0);
    vi.advanceTimersByTime(100);
    expect(updates).toBe(1);
    const [t] = store.getState().transfers;
    expect(t?.layers[0]).toMatchObject({ current: 50, phase: 'downloading' });
    expect(t?.overall?.fraction).toBe(0.5);
    expect(t?.status).toBe('Pulling from berth-e2e/busybox');
  });

  it('applies the last snapshot before done, and says what happened', () => {
    const { transport, activity, store } = setup();
    store.getState().pull('busybox:1');
    transport.emit('images.pull', progress([layer('a', 'complete'), layer('b', 'already-exists')], 1));
    transport.emit('images.pull', {
      type: 'done',
      reference: 'busybox:1',
      imageId: 'sha256:1',
      digest: `sha256:${'ab'.repeat(32)}`,
      upToDate: false,
    });
    transport.end('images.pull');
    const [t] = store.getState().transfers;
    expect(t).toMatchObject({ state: 'done', result: 'Pulled · digest sha256:abababababab' });
    expect(t?.layers.map((l) => l.phase)).toEqual(['complete', 'already-exists']);
    expect(activity.getState().entries[0]).toMatchObject({ outcome: 'ok' });
  });

  it('keeps a failure in its card with its reason', () => {
    const { transport, activity, store } = setup();
    store.getState().pull('127.0.0.1:5001/private:1');
    const error = { code: 'ENGINE_ERROR', reason: 'unauthorized', message: 'no basic auth credentials' } as const;
    transport.emit('images.pull', { type: 'failed', error });
    transport.end('images.pull', { code: 'ENGINE_ERROR', message: 'no basic auth credentials' });
    expect(store.getState().transfers[0]).toMatchObject({ state: 'failed', error });
    expect(activity.getState().entries[0]).toMatchObject({ outcome: 'error', quiet: true });
  });

  it('shows a stream that ends with an error but no failed message (bad input) as failed', () => {
    const { transport, store } = setup();
    store.getState().pull('Bad Name');
    transport.end('images.pull', {
      code: 'BAD_REQUEST',
      message: 'Invalid image reference "Bad Name": An image reference cannot contain spaces',
    });
    expect(store.getState().transfers[0]).toMatchObject({
      state: 'failed',
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('spaces') },
    });
  });

  it('cancels one pull by unsubscribing, leaving the other running; pushes are cards too', () => {
    const { transport, activity, store } = setup();
    const a = store.getState().pull('a:1');
    store.getState().push('127.0.0.1:5000/b:1');
    store.getState().cancel(a);
    expect(transport.openStreams('images.pull')).toHaveLength(0);
    expect(transport.openStreams('images.push')).toHaveLength(1);
    expect(store.getState().transfers.find((t) => t.id === a)?.state).toBe('cancelled');
    expect(activity.getState().entries[0]?.detail).toBe('cancelled');
    expect(activity.getState().entries.map((e) => [e.command, e.outcome])).toEqual([
      ['docker pull a:1', 'cancelled'],
      ['docker push 127.0.0.1:5000/b:1', 'running'],
    ]);
    // A late snapshot of the cancelled pull changes nothing.
    vi.advanceTimersByTime(200);
    expect(store.getState().transfers.find((t) => t.id === a)?.layers).toEqual([]);
  });
});
