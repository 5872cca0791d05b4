import { describe, expect, it } from 'vitest';
import {
  combineCheckResults,
  containerNameInLesson,
  learnCheckSchema,
  lessonCleanupInputSchema,
  lessonPrefixSchema,
  tagInLessonNamespace,
} from './learn-types.js';

describe('lesson names and checks', () => {
  it('knows a lesson image tag with or without a registry host', () => {
    expect(tagInLessonNamespace('learn/first:v2', 'learn')).toBe(true);
    expect(tagInLessonNamespace('127.0.0.1:5000/learn/first:v2', 'learn')).toBe(true);
    expect(tagInLessonNamespace('localhost/learn/first:v2', 'learn')).toBe(true);
    expect(tagInLessonNamespace('learner/first:v2', 'learn')).toBe(false);
    expect(tagInLessonNamespace('learn-first:v2', 'learn')).toBe(false);
    expect(tagInLessonNamespace('other/learn/first:v2', 'learn')).toBe(false);
  });

  it('knows a lesson container name', () => {
    expect(containerNameInLesson('/learn-first', 'learn')).toBe(true);
    expect(containerNameInLesson('learn-first', 'learn')).toBe(true);
    expect(containerNameInLesson('learning', 'learn')).toBe(false);
  });

  it('combines results: a failure wins, then a skip', () => {
    const r = (status: 'passed' | 'failed' | 'skipped') => ({ kind: 'x', status, detail: '' });
    expect(combineCheckResults([r('passed'), r('passed')])).toBe('passed');
    expect(combineCheckResults([r('passed'), r('skipped')])).toBe('skipped');
    expect(combineCheckResults([r('skipped'), r('failed')])).toBe('failed');
  });

  it('refuses bad checks and prefixes with a reason', () => {
    expect(learnCheckSchema.safeParse({ kind: 'fileInDiff', container: 'c', path: 'relative', expect: 'present' }).success).toBe(false);
    expect(learnCheckSchema.safeParse({ kind: 'nope' }).success).toBe(false);
    expect(learnCheckSchema.parse({ kind: 'containerExists', name: 'c', lesson: 'images' })).toMatchObject({ state: 'any' });
    expect(lessonPrefixSchema.safeParse('Learn').success).toBe(false);
    expect(lessonPrefixSchema.safeParse('learn').success).toBe(true);
    expect(lessonPrefixSchema.safeParse('my.x').success).toBe(false);
    expect(lessonPrefixSchema.safeParse('learn-').success).toBe(false);
  });

  it('clean-up takes tags (a tag may have capitals) and full IDs, nothing shell-like', () => {
    const input = (images: string[]) => lessonCleanupInputSchema.safeParse({ lesson: 'images', prefix: 'learn', containers: [], images });
    expect(input(['learn/first:V2', '127.0.0.1:5000/learn/first:v2', `sha256:${'a'.repeat(64)}`]).success).toBe(true);
    expect(input(['learn/first:v2 && rm -rf /']).success).toBe(false);
    expect(input(['-f']).success).toBe(false);
  });
});
