import { describe, expect, it } from 'vitest';
import { classifySource, describeTimes, windowSelfTimes, type WindowedProfile } from './load-breakdown.js';

describe('classifySource', () => {
  it('names a package by its folder in node_modules, React and dockerode as one each', () => {
    expect(classifySource('../../node_modules/zod/v4/core/schemas.js')).toBe('zod');
    expect(classifySource('/work/main/node_modules/@msgpack/msgpack/dist.esm/Decoder.mjs')).toBe('@msgpack/msgpack');
    expect(classifySource('../node_modules/react-dom/cjs/react-dom-client.production.js')).toBe('React');
    expect(classifySource('../node_modules/scheduler/cjs/scheduler.production.js')).toBe('React');
    expect(classifySource('node_modules/docker-modem/lib/modem.js')).toBe('dockerode');
  });

  it("names Berth's own files by layer and part", () => {
    expect(classifySource('../../shared/contract.ts')).toBe('shared');
    expect(classifySource('../../electron/server/rpc/router.ts')).toBe('electron/server');
    expect(classifySource('../../electron/engine/containers/container-mapping.ts')).toBe('electron/engine');
    expect(classifySource('../../renderer/features/containers/containers-table.tsx')).toBe('renderer/features/containers');
    expect(classifySource('../../renderer/api/ws-transport.ts')).toBe('renderer/api');
    expect(classifySource('../../renderer/main.tsx')).toBe('renderer');
  });

  it('keeps what it cannot place', () => {
    expect(classifySource('node:events')).toBe('node:events');
    expect(classifySource('')).toBe('(native)');
  });
});

describe('windowSelfTimes', () => {
  // Samples at 1000, 2000, 3000, 4000 µs; each stands for the time until the next.
  const profile: WindowedProfile = {
    startTime: 0,
    nodes: [
      { id: 1, callFrame: { functionName: '(idle)', url: '', lineNumber: -1, columnNumber: -1 } },
      { id: 2, callFrame: { functionName: 'parse', url: 'bundle.js', lineNumber: 0, columnNumber: 10 } },
      { id: 3, callFrame: { functionName: 'render', url: 'bundle.js', lineNumber: 0, columnNumber: 99 } },
    ],
    samples: [2, 3, 3, 1],
    timeDeltas: [1000, 1000, 1000, 1000],
  };
  const resolve = (_url: string, _line: number, column: number): string =>
    column < 50 ? 'node_modules/zod/index.js' : 'renderer/features/containers/x.tsx';

  it('sums the time of the samples inside the window by where they ran', () => {
    expect([...windowSelfTimes(profile, 0, 10_000, resolve)]).toEqual([
      ['zod', 1],
      ['renderer/features/containers', 2],
      ['(idle)', 0],
    ]);
  });

  it('leaves out samples outside the window', () => {
    expect([...windowSelfTimes(profile, 1500, 3500, resolve)]).toEqual([['renderer/features/containers', 2]]);
    expect(windowSelfTimes(profile, 5000, 6000, resolve).size).toBe(0);
    expect(windowSelfTimes(profile, Number.NaN, 10_000, resolve).size).toBe(0);
  });
});

describe('describeTimes', () => {
  it('lists the largest first and sums the small ones as other', () => {
    const times = new Map([
      ['zod', 12.4],
      ['React', 120.2],
      ['a', 0.5],
      ['b', 1.0],
    ]);
    expect(describeTimes(times)).toBe('React 120, zod 12, other 2 (ms)');
    expect(describeTimes(new Map())).toBe('no samples');
  });
});
