import { z } from 'zod';
import { lessonPrefixSchema } from '../../../shared/learn-types.js';
import type { LessonProgress } from './learn-progress.js';
import { defaultLessonSettings, type LessonSettings } from './lessons/lesson-types.js';

/** Web Storage's two methods (localStorage in the app, a Map in tests). */
export interface LearnStoragePort {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const learnStorageKey = 'berth.learn.v1';

export interface SavedLearning {
  readonly settings: LessonSettings;
  readonly progress: LessonProgress;
}

const savedSchema = z.object({
  settings: z.object({
    image: z.string().min(1).max(512),
    prefix: lessonPrefixSchema,
    registry: z.string().min(1).max(255),
  }),
  progress: z.record(z.string(), z.record(z.string(), z.enum(['passed', 'skipped']))),
});

/**
 * The lessons' settings and progress as this browser saved them. Anything unreadable (another
 * version, a hand edit, storage refused) starts afresh rather than failing the view.
 */
export function loadLearning(storage: LearnStoragePort): SavedLearning {
  try {
    const raw = storage.getItem(learnStorageKey);
    if (raw === null) return { settings: defaultLessonSettings, progress: {} };
    const parsed = savedSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  } catch {
    // Private mode or a broken value: fall through to a fresh start.
  }
  return { settings: defaultLessonSettings, progress: {} };
}

/** Saves; a browser that refuses storage (quota, private mode) only loses persistence, reported once on the console. */
export function saveLearning(storage: LearnStoragePort, saved: SavedLearning): void {
  try {
    storage.setItem(learnStorageKey, JSON.stringify(saved));
  } catch (err) {
    console.warn(`[berth] lesson progress not saved: ${err instanceof Error ? err.message : String(err)}`);
  }
}
