import './learn.css';
import { useStore } from 'zustand';
import { useLearnStore } from './learn-feature.js';
import { completedCount, lessonComplete } from './learn-progress.js';
import type { LearnStore } from './learn-store.js';
import { LessonPage } from './lesson-page.js';
import { lessonById, lessons } from './lessons/index.js';

/** Lessons that follow Docker's story, each step checked against the engine. */
export function LearnView() {
  const store = useLearnStore();
  const openId = useStore(store, (s) => s.openLessonId);
  const lesson = openId === null ? undefined : lessonById(openId);
  return (
    <section className="view learn" aria-labelledby="learn-title">
      {lesson ? <LessonPage store={store} lesson={lesson} /> : <LessonList store={store} />}
    </section>
  );
}

function LessonList({ store }: { store: LearnStore }) {
  const progress = useStore(store, (s) => s.progress);
  return (
    <div className="learn-list">
      <div className="view-toolbar">
        <div className="view-title">
          <h1 id="learn-title">Learn</h1>
        </div>
      </div>
      <p className="learn-intro">
        Short lessons that follow Docker’s story on this engine. Do each step in Berth or in a terminal beside it; Berth asks the engine
        whether it was really done (a click alone never passes a step). Everything a lesson makes is named and labelled as the lesson’s, so
        Clean up removes just that.
      </p>
      <ol className="learn-cards" aria-label="Lessons">
        {lessons.map((l, i) => {
          const done = completedCount(l, progress);
          const complete = lessonComplete(l, progress);
          const verb = done === 0 ? 'Start' : complete ? 'Review' : 'Continue';
          return (
            <li key={l.id} className="learn-card">
              <h2>
                <span className="faint">{i + 1}.</span> {l.title}
              </h2>
              <p>{l.summary}</p>
              <div className="learn-card-foot">
                <span className="faint" aria-label={`Progress of ${l.title}`}>
                  {complete ? 'Complete' : `${done} of ${l.steps.length} steps done`}
                </span>
                <button
                  type="button"
                  className="btn btn--small btn--primary"
                  aria-label={`${verb} ${l.title}`}
                  onClick={() => store.getState().open(l.id)}
                >
                  {verb}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
