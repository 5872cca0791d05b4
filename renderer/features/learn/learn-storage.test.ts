import { describe, expect, it } from 'vitest';
import { learnStorageKey, loadLearning, saveLearning } from './learn-storage.js';
import { defaultLessonSettings } from './lessons/lesson-types.js';

const memory = (value: string | null) => {
  let stored = value;
  return { getItem: () => stored, setItem: (_k: string, v: string) => void (stored = v), read: () => stored };
};

describe('learn storage', () => {
  it('starts afresh from nothing, a broken value or another shape', () => {
    const fresh = { settings: defaultLessonSettings, progress: {} };
    expect(loadLearning(memory(null))).toEqual(fresh);
    expect(loadLearning(memory('{not json'))).toEqual(fresh);
    expect(loadLearning(memory(JSON.stringify({ settings: { image: 'x', prefix: 'BAD PREFIX', registry: 'r' }, progress: {} })))).toEqual(
      fresh,
    );
    expect(
      loadLearning({
        getItem: () => {
          throw new Error('denied');
        },
        setItem: () => undefined,
      }),
    ).toEqual(fresh);
  });

  it('reads back what it saved', () => {
    const m = memory(null);
    const saved = {
      settings: { image: 'alpine:3', prefix: 'me', registry: 'localhost:5000' },
      progress: { images: { 'get-image': 'passed' as const } },
    };
    saveLearning(m, saved);
    expect(loadLearning(m)).toEqual(saved);
    expect(learnStorageKey).toBe('berth.learn.v1');
  });
});
