import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BuildMessage } from '../../../shared/image-types.js';
import { BuildLogBatcher } from './build-log-batcher.js';

describe('build log batcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('batches lines, keeps them before the next step message, and reports a full transport', () => {
    const sent: BuildMessage[] = [];
    let full = 0;
    const b = new BuildLogBatcher(
      (m) => (sent.push(m), sent.length < 3),
      () => (full += 1),
      50,
      3,
    );
    b.line({ step: 1, text: 'a' });
    b.line({ step: 1, text: 'b' });
    expect(sent).toEqual([]);
    b.message({ type: 'context', bytes: 1, done: true });
    expect(sent).toEqual([
      {
        type: 'log',
        lines: [
          { step: 1, text: 'a' },
          { step: 1, text: 'b' },
        ],
      },
      { type: 'context', bytes: 1, done: true },
    ]);
    b.line({ step: 2, text: 'c' });
    vi.advanceTimersByTime(50);
    expect(sent.at(-1)).toEqual({ type: 'log', lines: [{ step: 2, text: 'c' }] });
    expect(full).toBe(1);
    for (const text of ['d', 'e', 'f']) b.line({ step: 2, text });
    expect(sent.at(-1)).toMatchObject({ type: 'log', lines: [{ text: 'd' }, { text: 'e' }, { text: 'f' }] });
  });
});
