import { describe, expect, it } from 'vitest';
import { costRatio, pageCost, rendererGroup } from './page-cpu.js';

describe('page CPU per MB', () => {
  it("counts only the renderer group of the process figures, and the page's main thread", () => {
    const cost = pageCost(
      new Map([
        [rendererGroup, 0.5],
        ['chromium gpu-process', 0.2],
      ]),
      { seconds: 0.25 },
      20,
    );
    expect(cost).toEqual({ rendererMsPerMB: 25, mainThreadMsPerMB: 12.5 });
  });

  it('is zero for a page whose renderer did not show up, and refuses a run of no bytes', () => {
    expect(pageCost(new Map(), { seconds: 0 }, 1)).toEqual({ rendererMsPerMB: 0, mainThreadMsPerMB: 0 });
    expect(() => pageCost(new Map(), { seconds: 0 }, 0)).toThrow(/needs some bytes/);
    expect(() => pageCost(new Map(), { seconds: 0 }, Number.NaN)).toThrow(/needs some bytes/);
  });

  it('gives the candidate as a multiple of the baseline', () => {
    const ratio = costRatio({ rendererMsPerMB: 33, mainThreadMsPerMB: 20 }, { rendererMsPerMB: 30, mainThreadMsPerMB: 25 });
    expect(ratio.renderer).toBeCloseTo(1.1, 10);
    expect(ratio.mainThread).toBeCloseTo(0.8, 10);
  });
});
