import { describe, expect, it } from 'vitest';
import { chainIds, instructionOf, pairHistoryWithLayers, type RawHistoryEntry } from './history-layers.js';

const entry = (CreatedBy: string, Size: number): RawHistoryEntry => ({
  Id: '<missing>',
  Created: 0,
  CreatedBy,
  Tags: null,
  Size,
  Comment: '',
});
const d = (n: number): string => `sha256:${String(n).repeat(64).slice(0, 64)}`;

describe('history and layers', () => {
  // The fixture image as the engine reports it (newest first).
  const fixture = [
    entry('/bin/sh -c #(nop)  CMD ["sh"]', 0),
    entry('/bin/sh -c #(nop)  LABEL berth.test-fixture=true', 0),
    entry('/bin/busybox --install -s /bin', 3216),
    entry('/bin/sh -c #(nop) COPY file:73e2 in /bin/busybox ', 1982256),
  ];

  it('strips the legacy builder prefix and shows RUN steps as RUN', () => {
    expect(instructionOf('/bin/sh -c #(nop)  CMD ["sh"]')).toBe('CMD ["sh"]');
    expect(instructionOf('/bin/sh -c apt-get update')).toBe('RUN apt-get update');
    expect(instructionOf('COPY . /src # buildkit')).toBe('COPY . /src');
  });

  it('pairs entries that add layers with RootFS layers, oldest first', () => {
    expect(pairHistoryWithLayers(fixture, 2)).toEqual([null, null, 1, 0]);
  });

  it('counts an empty RUN and an empty COPY as layers', () => {
    const h = [
      entry('/bin/sh -c true', 0),
      entry('/bin/sh -c #(nop)  ENV A=1', 0),
      entry('/bin/sh -c #(nop) COPY file:x in /empty ', 0),
      entry('Imported from -', 100),
    ];
    expect(pairHistoryWithLayers(h, 3)).toEqual([2, null, 1, 0]);
  });

  it('falls back to sized entries, and gives up when nothing agrees', () => {
    const h = [entry('WORKDIR /x', 10), entry('RUN x', 0)];
    expect(pairHistoryWithLayers(h, 1)).toEqual([0, null]);
    expect(pairHistoryWithLayers(h, 3)).toBeUndefined();
  });

  it('derives chain IDs: the first is the diff ID, the same diff on another base differs', () => {
    const a = chainIds([d(1), d(2)]);
    const b = chainIds([d(3), d(2)]);
    expect(a[0]).toBe(d(1));
    expect(a[1]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a[1]).not.toBe(b[1]);
    expect(chainIds([d(1), d(2)])).toEqual(a);
  });
});
