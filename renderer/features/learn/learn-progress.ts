import type { Lesson, LessonStep } from './lessons/lesson-types.js';

/** How a step was completed: its checks passed, or the engine's host cannot do it (no device, no display). */
export type StepMark = 'passed' | 'skipped';

/** Per lesson, per step: how it was completed. A step not listed is still to do. */
export type LessonProgress = Readonly<Record<string, Readonly<Record<string, StepMark>>>>;

export function stepMark(progress: LessonProgress, lessonId: string, stepId: string): StepMark | undefined {
  return progress[lessonId]?.[stepId];
}

/** The step to do now: the first one not completed, optional ones included (they come last). */
export function currentStep(lesson: Lesson, progress: LessonProgress): LessonStep | undefined {
  return lesson.steps.find((s) => stepMark(progress, lesson.id, s.id) === undefined);
}

/** Every step that is not optional is completed. */
export function lessonComplete(lesson: Lesson, progress: LessonProgress): boolean {
  return lesson.steps.every((s) => s.optional === true || stepMark(progress, lesson.id, s.id) !== undefined);
}

export function completedCount(lesson: Lesson, progress: LessonProgress): number {
  return lesson.steps.filter((s) => stepMark(progress, lesson.id, s.id) !== undefined).length;
}

export function withMark(progress: LessonProgress, lessonId: string, stepId: string, mark: StepMark): LessonProgress {
  return { ...progress, [lessonId]: { ...progress[lessonId], [stepId]: mark } };
}

export function withoutLesson(progress: LessonProgress, lessonId: string): LessonProgress {
  const { [lessonId]: _dropped, ...rest } = progress;
  return rest;
}
