import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LayerPhase, PullMessage, PushMessage, TransferProgress } from '../../../shared/image-types.js';
import { fixtureImage, testDocker } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { createImageServices } from './image-services.js';
import { collect, uniqueTag, type Collected } from './test-helpers.js';
import { buildRandomLayerImage, pushAndRemoveLocally, registryLayerIds, removeImagesQuietly } from './testing/random-layer-image.js';
import { startThrottledProxy, type ThrottledProxy } from './testing/throttled-proxy.js';

// The local registry answers so fast that a transfer is over before any progress shows. Here it
// sits behind a proxy that paces bytes like a slow link (2 MiB/s, 100 ms each way), and the pulls
// and pushes go to the proxy's address: the engine treats any 127.0.0.0/8 registry as plain HTTP.

const registry = '127.0.0.1:5000';
const tag = uniqueTag('pp');
const baseRepo = 'berth-e2e-pp/slow-base';
const derivedRepo = 'berth-e2e-pp/slow-derived';
const fastRate = 2 * 1024 * 1024;

type Progress = TransferProgress;

/** Where each phase sits in a layer's life; a layer's phases never go back (retrying aside). */
const pullOrder: Partial<Record<LayerPhase, number>> = {
  waiting: 0,
  downloading: 1,
  retrying: 1,
  verifying: 2,
  downloaded: 3,
  extracting: 4,
  complete: 5,
};
const pushOrder: Partial<Record<LayerPhase, number>> = {
  waiting: 0,
  pushing: 1,
  retrying: 1,
  complete: 2,
  'already-exists': 2,
  mounted: 2,
};

function progressOf(messages: ReadonlyArray<PullMessage | PushMessage>): Progress[] {
  return messages.filter((m): m is Progress => m.type === 'progress');
}

/** The phases one layer went through, as the snapshots showed them (repeats collapsed). */
function phasesOf(snapshots: readonly Progress[], id: string): LayerPhase[] {
  const phases: LayerPhase[] = [];
  for (const s of snapshots) {
    const phase = s.layers.find((l) => l.id === id)?.phase;
    if (phase && phases.at(-1) !== phase) phases.push(phase);
  }
  return phases;
}

/** Each `current` one layer showed while in `phase`, in order. */
function bytesOf(snapshots: readonly Progress[], id: string, phase: LayerPhase): Array<{ current: number; total: number | null }> {
  return snapshots.flatMap((s) => {
    const layer = s.layers.find((l) => l.id === id);
    return layer?.phase === phase && layer.current !== null ? [{ current: layer.current, total: layer.total }] : [];
  });
}

function expectNonDecreasing(values: readonly number[]): void {
  for (let i = 1; i < values.length; i++)
    expect(values[i], `value ${i} of ${values.join(', ')}`).toBeGreaterThanOrEqual(values[i - 1] ?? 0);
}

function expectInOrder(phases: readonly LayerPhase[], order: Partial<Record<LayerPhase, number>>): void {
  const ranks = phases.map((p) => order[p] ?? -1);
  expect(ranks, phases.join(' → ')).not.toContain(-1);
  expectNonDecreasing(ranks);
}

async function imageIds(filters?: Record<string, string[]>): Promise<string[]> {
  return (await testDocker.listImages({ all: true, ...(filters ? { filters } : {}) })).map((i) => i.Id).sort();
}

describe('pull and push progress through a slow registry', () => {
  const connection = new EngineConnection({ id: 'test-image-transfers-slow' });
  const images = createImageServices(connection, { dockerConfigPath: '/nonexistent/berth/config.json' });
  const made = new Set<string>();
  let proxy: ThrottledProxy;
  let baseLayers: string[];
  let derivedLayers: string[];
  const via = (repo: string): string => `${proxy.address}/${repo}:${tag}`;

  function pull(reference: string): Collected<PullMessage> {
    const c = collect<PullMessage>();
    images.transfers.pull(reference, c.sink);
    made.add(reference);
    return c;
  }

  beforeAll(async () => {
    await connection.connect();
    proxy = await startThrottledProxy({ targetPort: 5000, bytesPerSecond: fastRate, latencyMs: 100 });
    // Two layers of 2 MB and 1.6 MB in 4 kB files (extracting hundreds of files takes a visible while),
    // then an image on top of it with one more.
    const base = `${registry}/${baseRepo}:${tag}`;
    const derived = `${registry}/${derivedRepo}:${tag}`;
    made.add(base).add(derived);
    buildRandomLayerImage(base, fixtureImage, [
      { files: 500, fileBytes: 4096 },
      { files: 400, fileBytes: 4096 },
    ]);
    buildRandomLayerImage(derived, base, [{ files: 300, fileBytes: 4096 }]);
    pushAndRemoveLocally(derived);
    pushAndRemoveLocally(base);
    baseLayers = await registryLayerIds(registry, baseRepo, tag);
    derivedLayers = await registryLayerIds(registry, derivedRepo, tag);
  }, 180_000);

  afterAll(async () => {
    await proxy?.close();
    removeImagesQuietly([...made].reverse());
    connection.close();
  });

  it('shows each new layer waiting, downloading with growing bytes, extracting, then complete; the overall bar only grows', async () => {
    const fixtureLayers = baseLayers.slice(0, 2);
    const ownLayers = baseLayers.slice(2);
    expect(ownLayers).toHaveLength(2);
    const c = pull(via(baseRepo));
    const { error } = await c.ended;
    expect(error).toBeUndefined();
    expect(c.messages.at(-1)).toMatchObject({
      type: 'done',
      reference: via(baseRepo),
      upToDate: false,
      imageId: expect.stringMatching(/^sha256:/),
    });
    const snapshots = progressOf(c.messages);

    for (const id of fixtureLayers) expect(phasesOf(snapshots, id)).toEqual(['already-exists']);
    for (const id of ownLayers) {
      const phases = phasesOf(snapshots, id);
      expectInOrder(phases, pullOrder);
      expect(phases[0]).toBe('waiting');
      expect(phases).toContain('downloading');
      expect(phases).toContain('extracting');
      expect(phases.at(-1)).toBe('complete');
      const downloading = bytesOf(snapshots, id, 'downloading');
      // A few MB at 2 MiB/s: several snapshots with bytes, growing, out of the same total.
      expect(new Set(downloading.map((d) => d.current)).size).toBeGreaterThanOrEqual(3);
      expectNonDecreasing(downloading.map((d) => d.current));
      expect(new Set(downloading.map((d) => d.total)).size).toBe(1);
      expect(downloading.every((d) => d.current <= (d.total ?? 0))).toBe(true);
      expectNonDecreasing(bytesOf(snapshots, id, 'extracting').map((d) => d.current));
    }

    expectNonDecreasing(snapshots.map((s) => s.overall.fraction));
    expectNonDecreasing(snapshots.map((s) => s.overall.bytesDone));
    // The layers already here are no work: the bar starts near empty, not at half.
    const firstWithLayers = snapshots.find((s) => s.layers.length === baseLayers.length);
    expect(firstWithLayers?.overall.fraction).toBeLessThan(0.2);
    expect(snapshots.some((s) => s.overall.fraction > 0.2 && s.overall.fraction < 0.8)).toBe(true);
    const final = snapshots.at(-1);
    expect(final?.overall).toMatchObject({ layersDone: 4, layersTotal: 4, fraction: 1 });
    expect(final?.overall.bytesDone).toBe(final?.overall.bytesTotal);
    expect(final?.overall.bytesTotal).toBeGreaterThan(3_600_000);
  });

  it('pulls an image sharing those layers: they show "already exists", only the new one downloads', async () => {
    const downBefore = proxy.bytes().down;
    const c = pull(via(derivedRepo));
    expect((await c.ended).error).toBeUndefined();
    const snapshots = progressOf(c.messages);
    const newLayer = derivedLayers.at(-1) ?? '';
    for (const id of derivedLayers.slice(0, -1)) expect(phasesOf(snapshots, id)).toEqual(['already-exists']);
    expect(phasesOf(snapshots, newLayer)).toContain('downloading');
    expect(phasesOf(snapshots, newLayer).at(-1)).toBe('complete');
    expectNonDecreasing(snapshots.map((s) => s.overall.fraction));
    expect(snapshots.at(-1)?.overall).toMatchObject({ layersDone: 5, layersTotal: 5, fraction: 1 });
    // Only the new layer (1.2 MB and tar headers) crossed the link, not the 3.6 MB below it.
    expect(proxy.bytes().down - downBefore).toBeLessThan(2_000_000);
  });

  it('cancelling in the middle of downloading stops the transfer and leaves no image, not even a dangling one', async () => {
    removeImagesQuietly([via(derivedRepo), via(baseRepo)]);
    const before = await imageIds();
    const danglingBefore = await imageIds({ dangling: ['true'] });
    proxy.setRate(512 * 1024);
    try {
      const c = collect<PullMessage>();
      const close = images.transfers.pull(via(baseRepo), c.sink);
      const midway = await c.first(
        (m) => m.type === 'progress' && m.layers.some((l) => l.phase === 'downloading' && (l.current ?? 0) > 200_000),
      );
      expect(
        midway.type === 'progress' && midway.layers.every((l) => l.phase !== 'complete' || baseLayers.slice(0, 2).includes(l.id)),
      ).toBe(true);
      close();
      const deadline = Date.now() + 10_000;
      while (proxy.openConnections() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(proxy.openConnections()).toBe(0);
      // Nothing more crosses the link once cancelled.
      const down = proxy.bytes().down;
      await new Promise((r) => setTimeout(r, 1000));
      expect(proxy.bytes().down).toBe(down);
      expect(c.messages.some((m) => m.type === 'done')).toBe(false);
      await expect(testDocker.getImage(via(baseRepo)).inspect()).rejects.toMatchObject({ statusCode: 404 });
      expect(await imageIds()).toEqual(before);
      expect(await imageIds({ dangling: ['true'] })).toEqual(danglingBefore);
    } finally {
      proxy.setRate(fastRate);
    }
  });

  it('keeps the bytes of a download whose connection broke, and resumes from there', async () => {
    proxy.setRate(1024 * 1024);
    try {
      const c = pull(via(baseRepo));
      const ownLayers = baseLayers.slice(2);
      await c.first((m) => m.type === 'progress' && m.layers.some((l) => l.phase === 'downloading' && (l.current ?? 0) > 500_000));
      proxy.dropConnections();
      await c.first((m) => m.type === 'progress' && m.layers.some((l) => l.phase === 'retrying'));
      proxy.setRate(fastRate);
      expect((await c.ended).error).toBeUndefined();
      expect(c.messages.at(-1)).toMatchObject({ type: 'done' });
      const snapshots = progressOf(c.messages);
      const retried = ownLayers.filter((id) => phasesOf(snapshots, id).includes('retrying'));
      expect(retried.length).toBeGreaterThan(0);
      for (const id of retried) {
        const retrying = bytesOf(snapshots, id, 'retrying');
        expect(retrying[0]?.current).toBeGreaterThan(0);
        const resumed = snapshots.flatMap((s, i) => {
          const layer = s.layers.find((l) => l.id === id);
          return layer?.phase === 'downloading' &&
            snapshots.slice(0, i).some((p) => p.layers.some((l) => l.id === id && l.phase === 'retrying'))
            ? [layer]
            : [];
        });
        // Resumed, not restarted: the count goes on from where it broke off, out of the whole layer.
        expect(resumed[0]?.current ?? 0).toBeGreaterThanOrEqual(retrying[0]?.current ?? Infinity);
        expect(resumed[0]?.total).toBe(retrying[0]?.total);
        expect(
          snapshots.find((s) => s.layers.some((l) => l.id === id && l.phase === 'retrying'))?.layers.find((l) => l.id === id)
            ?.retryInSeconds,
        ).toBeGreaterThan(0);
      }
      expectNonDecreasing(snapshots.map((s) => s.overall.fraction));
      expectNonDecreasing(snapshots.map((s) => s.overall.bytesDone));
    } finally {
      proxy.setRate(fastRate);
    }
  });

  it('runs two pulls at once through the slow link; both complete', async () => {
    removeImagesQuietly([via(derivedRepo), via(baseRepo)]);
    const [a, b] = [pull(via(baseRepo)), pull(via(derivedRepo))];
    const [ra, rb] = await Promise.all([a.ended, b.ended]);
    expect(ra.error).toBeUndefined();
    expect(rb.error).toBeUndefined();
    expect(a.messages.at(-1)).toMatchObject({ type: 'done', upToDate: false });
    expect(b.messages.at(-1)).toMatchObject({ type: 'done', upToDate: false });
    for (const c of [a, b]) {
      const snapshots = progressOf(c.messages);
      expectNonDecreasing(snapshots.map((s) => s.overall.fraction));
      expect(snapshots.some((s) => s.layers.some((l) => l.phase === 'downloading' && (l.current ?? 0) > 0))).toBe(true);
    }
    await expect(testDocker.getImage(via(baseRepo)).inspect()).resolves.toMatchObject({ Id: expect.stringMatching(/^sha256:/) });
    await expect(testDocker.getImage(via(derivedRepo)).inspect()).resolves.toMatchObject({ Id: expect.stringMatching(/^sha256:/) });
  });

  it('pushes through the slow link with per-layer upload bytes that never pass the layer size', async () => {
    const pushed = `${proxy.address}/berth-e2e-pp/slow-pushed:${tag}`;
    made.add(pushed);
    buildRandomLayerImage(pushed, fixtureImage, [{ files: 600, fileBytes: 4096 }]);
    const c = collect<PushMessage>();
    images.transfers.push(pushed, c.sink);
    expect((await c.ended).error).toBeUndefined();
    expect(c.messages.at(-1)).toMatchObject({ type: 'done', reference: pushed, digest: expect.stringMatching(/^sha256:/) });
    const snapshots = progressOf(c.messages);
    const ids = snapshots.at(-1)?.layers.map((l) => l.id) ?? [];
    expect(ids).toHaveLength(3);
    for (const id of ids) {
      const phases = phasesOf(snapshots, id);
      expectInOrder(phases, pushOrder);
      expect(['complete', 'already-exists', 'mounted']).toContain(phases.at(-1));
    }
    const uploaded = ids.filter((id) => phasesOf(snapshots, id).includes('pushing'));
    expect(uploaded.length).toBeGreaterThan(0);
    const newLayer = uploaded.map((id) => bytesOf(snapshots, id, 'pushing')).sort((x, y) => y.length - x.length)[0] ?? [];
    // The engine counts what it hands to its socket, and the kernel takes megabytes at once on
    // loopback: the count may run to the full size at once, then the layer stays "pushing" while
    // the bytes cross the link, until the registry confirms.
    expect(newLayer.length, JSON.stringify(snapshots.map((s) => s.layers))).toBeGreaterThanOrEqual(1);
    expect(newLayer[0]?.total).toBeGreaterThan(2_000_000);
    expectNonDecreasing(newLayer.map((p) => p.current));
    expect(newLayer.every((p) => p.current <= (p.total ?? 0))).toBe(true);
    expectNonDecreasing(snapshots.map((s) => s.overall.fraction));
    expect(snapshots.at(-1)?.overall.fraction).toBe(1);
    expect(proxy.bytes().up).toBeGreaterThan(2_400_000);
  });
});
