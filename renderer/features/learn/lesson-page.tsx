import { useStore } from 'zustand';
import { plural } from '../../lib/plural.js';
import { CleanupDialog } from './cleanup-dialog.js';
import { LearnSettings } from './learn-settings.js';
import { completedCount, currentStep, lessonComplete, stepMark } from './learn-progress.js';
import type { LearnStore } from './learn-store.js';
import { LessonStepItem, type StepPlace } from './lesson-step.js';
import type { Lesson } from './lessons/lesson-types.js';

/** One lesson: its steps in order, the current one open with its check, and the lesson's own clean-up. */
export function LessonPage({ store, lesson }: { store: LearnStore; lesson: Lesson }) {
  const progress = useStore(store, (s) => s.progress);
  const settings = useStore(store, (s) => s.settings);
  const host = useStore(store, (s) => s.host);
  const hostError = useStore(store, (s) => s.hostError);
  const lastCheck = useStore(store, (s) => s.lastCheck);
  const checking = useStore(store, (s) => s.checking);
  const cleanupPhase = useStore(store, (s) => s.cleanup.phase);
  const current = currentStep(lesson, progress);
  const complete = lessonComplete(lesson, progress);
  const context = { settings, host };
  const placeOf = (index: number): StepPlace => {
    const step = lesson.steps[index]!;
    if (stepMark(progress, lesson.id, step.id) !== undefined) return 'done';
    return step === current ? 'current' : 'later';
  };
  return (
    <div className="learn-lesson">
      <div className="view-toolbar">
        <div className="view-title">
          <button type="button" className="btn btn--small btn--ghost" onClick={() => store.getState().close()}>
            ← All lessons
          </button>
          <h1 id="learn-title">{lesson.title}</h1>
          <span className="view-summary" aria-label="Progress">
            {completedCount(lesson, progress)} of {plural(lesson.steps.length, 'step')} done
          </span>
        </div>
        <div className="learn-actions">
          <button type="button" className="btn btn--small" onClick={() => store.getState().startOver(lesson.id)}>
            Start over
          </button>
          <button
            type="button"
            className="btn btn--small"
            disabled={cleanupPhase === 'loading'}
            title="Lists what this lesson made on the engine, then removes it if you confirm"
            onClick={() => void store.getState().askCleanup()}
          >
            {cleanupPhase === 'loading' ? 'Looking…' : 'Clean up…'}
          </button>
        </div>
      </div>
      <p className="learn-intro">{lesson.intro}</p>
      <LearnSettings store={store} />
      {lesson.id === 'robotics' && hostError ? (
        <p className="learn-check learn-check--error" role="status">
          Berth could not read this engine host’s devices and displays: {hostError}
        </p>
      ) : null}
      {complete ? (
        <p className="learn-complete" role="status">
          Lesson complete: the engine shows every step done.{current?.optional ? ' One optional step is left.' : ''}
        </p>
      ) : null}
      <ol className="learn-steps" aria-label="Steps">
        {lesson.steps.map((step, i) => (
          <LessonStepItem
            key={step.id}
            step={step}
            index={i}
            place={placeOf(i)}
            mark={stepMark(progress, lesson.id, step.id)}
            context={context}
            check={lastCheck?.stepId === step.id ? lastCheck : null}
            checking={checking}
            onCheck={() => void store.getState().check(true)}
          />
        ))}
      </ol>
      <CleanupDialog store={store} lessonId={lesson.id} lessonTitle={lesson.title} />
    </div>
  );
}
