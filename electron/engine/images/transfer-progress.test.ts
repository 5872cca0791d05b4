import { describe, expect, it } from 'vitest';
import { TransferProgressTracker, type RawProgressLine } from './transfer-progress.js';

// Recorded from the engine pulling from the local registry (two layers already local).
const pullLines: RawProgressLine[] = [
  { status: 'Pulling from berth-test/exp', id: '2' },
  { status: 'Already exists', progressDetail: {}, id: '95e9778e253b' },
  { status: 'Already exists', progressDetail: {}, id: '0085d8cee53d' },
  { status: 'Pulling fs layer', progressDetail: {}, id: '95682d802e98' },
  { status: 'Downloading', progressDetail: { current: 3678, total: 300290 }, id: '95682d802e98' },
];
const pullRest: RawProgressLine[] = [
  { status: 'Downloading', progressDetail: { current: 300290, total: 300290 }, id: '95682d802e98' },
  { status: 'Verifying Checksum', progressDetail: {}, id: '95682d802e98' },
  { status: 'Download complete', progressDetail: {}, id: '95682d802e98' },
  { status: 'Extracting', progressDetail: { current: 32768, total: 300290 }, id: '95682d802e98' },
  { status: 'Extracting', progressDetail: { current: 300290, total: 300290 }, id: '95682d802e98' },
  { status: 'Pull complete', progressDetail: {}, id: '95682d802e98' },
  { status: `Digest: sha256:${'e'.repeat(64)}` },
  { status: 'Status: Downloaded newer image for 127.0.0.1:5000/berth-test/exp:2' },
];

describe('transfer progress', () => {
  it('tracks each layer of a pull and an overall estimate', () => {
    const t = new TransferProgressTracker('pull');
    for (const line of pullLines) t.apply(line);
    let s = t.snapshot();
    expect(s.layers.map((l) => [l.id, l.phase])).toEqual([
      ['95e9778e253b', 'already-exists'],
      ['0085d8cee53d', 'already-exists'],
      ['95682d802e98', 'downloading'],
    ]);
    expect(s.layers[2]).toMatchObject({ current: 3678, total: 300290 });
    expect(s.overall).toMatchObject({ layersDone: 2, layersTotal: 3, bytesDone: 3678, bytesTotal: 300290 });
    // The two layers the engine already had are no work: the bar measures the one to download.
    expect(s.overall.fraction).toBeCloseTo(0.7 * (3678 / 300290), 5);
    expect(s.status).toBe('Pulling from berth-test/exp');

    const fractions: number[] = [];
    for (const line of pullRest) {
      t.apply(line);
      fractions.push(t.snapshot().overall.fraction);
    }
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    s = t.snapshot();
    expect(s.overall).toMatchObject({ layersDone: 3, bytesDone: 300290, bytesTotal: 300290, fraction: 1 });
    expect(t.digest).toBe(`sha256:${'e'.repeat(64)}`);
    expect(t.upToDate).toBe(false);
  });

  it('reads a push, whose byte counts can overshoot the layer size', () => {
    const t = new TransferProgressTracker('push');
    t.apply({ status: 'The push refers to repository [127.0.0.1:5000/berth-test/exp]' });
    t.apply({ status: 'Preparing', progressDetail: {}, id: 'a' });
    t.apply({ status: 'Preparing', progressDetail: {}, id: 'b' });
    t.apply({ status: 'Pushing', progressDetail: { current: 138752, total: 3216 }, id: 'a' });
    t.apply({ status: 'Layer already exists', progressDetail: {}, id: 'b' });
    let s = t.snapshot();
    expect(s.layers.map((l) => l.phase)).toEqual(['pushing', 'already-exists']);
    expect(s.overall).toMatchObject({ bytesDone: 3216, bytesTotal: 3216, fraction: 1 });
    t.apply({ status: 'Pushed', progressDetail: {}, id: 'a' });
    t.apply({ status: `1: digest: sha256:${'6'.repeat(64)} size: 736` });
    t.apply({ progressDetail: {}, aux: { Tag: '1', Digest: `sha256:${'6'.repeat(64)}`, Size: 736 } });
    s = t.snapshot();
    expect(s.overall.layersDone).toBe(2);
    expect(t.digest).toBe(`sha256:${'6'.repeat(64)}`);
    expect(t.size).toBe(736);
  });

  it('keeps the error the engine sends inside the stream', () => {
    const t = new TransferProgressTracker('push');
    t.apply({ errorDetail: { message: 'no basic auth credentials' }, error: 'no basic auth credentials' });
    expect(t.error).toBe('no basic auth credentials');
  });

  it('notices an image that was already up to date, and ignores unknown statuses', () => {
    const t = new TransferProgressTracker('pull');
    expect(t.apply({ status: 'Status: Image is up to date for busybox:latest' })).toBe(true);
    expect(t.upToDate).toBe(true);
    expect(t.apply({})).toBe(false);
    expect(t.snapshot().layers).toEqual([]);
  });

  // Recorded through a throttled proxy to the local registry whose connections were cut mid-download.
  it('keeps the bytes of a download that broke off, and reads the resumed range as the rest of the layer', () => {
    const t = new TransferProgressTracker('pull');
    t.apply({ status: 'Pulling fs layer', progressDetail: {}, id: '813fb1420dc6' });
    t.apply({ status: 'Downloading', progressDetail: { current: 1218560, total: 3146843 }, id: '813fb1420dc6' });
    const before = t.snapshot();
    t.apply({ status: 'Retrying in 5 seconds', progressDetail: {}, id: '813fb1420dc6' });
    let s = t.snapshot();
    expect(s.layers[0]).toEqual({ id: '813fb1420dc6', phase: 'retrying', current: 1218560, total: 3146843, retryInSeconds: 5 });
    expect(s.overall.fraction).toBe(before.overall.fraction);
    expect(s.overall.bytesDone).toBe(1218560);
    t.apply({ status: 'Retrying in 1 second', progressDetail: {}, id: '813fb1420dc6' });
    expect(t.snapshot().layers[0]?.retryInSeconds).toBe(1);
    // The engine asks for bytes 1218560- and counts them from zero, out of the 1928283 left.
    t.apply({ status: 'Downloading', progressDetail: { current: 20002, total: 1928283 }, id: '813fb1420dc6' });
    s = t.snapshot();
    expect(s.layers[0]).toEqual({ id: '813fb1420dc6', phase: 'downloading', current: 1218560 + 20002, total: 3146843 });
    expect(s.overall).toMatchObject({ bytesDone: 1218560 + 20002, bytesTotal: 3146843 });
    expect(s.overall.fraction).toBeGreaterThan(before.overall.fraction);
  });

  it('does not take the whole-layer count the engine reports as a download breaks for bytes it has', () => {
    // Recorded through the throttled proxy: closing the broken download's progress reader reports
    // the layer whole just before "Retrying"; the engine then resumes from the 529,408th byte or so.
    const t = new TransferProgressTracker('pull');
    t.apply({ status: 'Pulling fs layer', progressDetail: {}, id: 'd4b6e3999f5c' });
    t.apply({ status: 'Downloading', progressDetail: { current: 529408, total: 2062595 }, id: 'd4b6e3999f5c' });
    const broke = t.snapshot().overall;
    t.apply({ status: 'Downloading', progressDetail: { current: 2062595, total: 2062595 }, id: 'd4b6e3999f5c' });
    // A snapshot sent between the whole count and "Retrying" must not show the bar full.
    expect(t.snapshot().overall).toEqual(broke);
    t.apply({ status: 'Retrying in 5 seconds', progressDetail: {}, id: 'd4b6e3999f5c' });
    expect(t.snapshot().layers[0]).toMatchObject({ phase: 'retrying', current: 529408, total: 2062595 });
    t.apply({ status: 'Downloading', progressDetail: { current: 15907, total: 1533187 }, id: 'd4b6e3999f5c' });
    expect(t.snapshot().layers[0]).toMatchObject({ phase: 'downloading', current: 545315, total: 2062595 });
    // A download that really finishes keeps its whole count.
    t.apply({ status: 'Downloading', progressDetail: { current: 1533187, total: 1533187 }, id: 'd4b6e3999f5c' });
    t.apply({ status: 'Verifying Checksum', progressDetail: {}, id: 'd4b6e3999f5c' });
    expect(t.snapshot().overall.bytesDone).toBe(2062595);
  });

  it('never shows a push layer past its size, though the engine counts tar headers too', () => {
    const t = new TransferProgressTracker('push');
    t.apply({ status: 'Pushing', progressDetail: { current: 3073536, total: 2048000 }, id: '3d3de32828fa' });
    expect(t.snapshot().layers[0]).toMatchObject({ phase: 'pushing', current: 2048000, total: 2048000 });
  });

  it('fills the bar of a pull whose layers were all here only once the engine says it is over', () => {
    const t = new TransferProgressTracker('pull');
    t.apply({ status: 'Already exists', progressDetail: {}, id: 'a' });
    expect(t.snapshot().overall).toMatchObject({ layersDone: 1, fraction: 0 });
    t.apply({ status: `Digest: sha256:${'e'.repeat(64)}` });
    expect(t.snapshot().overall.fraction).toBe(1);
  });
});
