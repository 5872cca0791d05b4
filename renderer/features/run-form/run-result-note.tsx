import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { runResultView } from './run-result.js';
import type { LastRun, RunFormStore } from './run-form-store.js';

/**
 * After Run or Create: a link to the new container, and, when it stops right away, its exit code
 * and why (a shell run without -it), with a way to run it again with -it.
 */
export function RunResultNote({ form }: { form: RunFormStore }) {
  const last = useStore(form, (s) => s.lastRun);
  if (!last) return null;
  return <Note key={last.id} form={form} last={last} />;
}

function Note({ form, last }: { form: RunFormStore; last: LastRun }) {
  const { containers, goTo } = useStores();
  const container = useStore(containers, (s) => s.items.find((c) => c.id === last.id));
  // Remember that it was listed once, so "not listed" later means it went away (--rm).
  const seen = useRef(false);
  if (container) seen.current = true;
  const view = runResultView(last, container, seen.current);
  const dismiss = (): void => form.getState().dismissLastRun();

  // A container that keeps running needs no note once its detail is on screen: it goes after a while.
  const kind = view.kind;
  useEffect(() => {
    if (kind !== 'running') return;
    const timer = setTimeout(() => form.getState().dismissLastRun(), 20_000);
    return () => clearTimeout(timer);
  }, [kind, form]);

  const link = (
    <button type="button" className="rf-result-link" onClick={() => goTo.container({ id: last.id, name: last.name })}>
      Show {last.name}
    </button>
  );
  return (
    <div className={`rf-result rf-result--${view.kind}`} role="status" aria-label="Run result">
      <p className="rf-result-text">
        {view.kind === 'running' ? (
          <>
            {last.attached ? 'Started ' : last.started ? 'Started ' : 'Created '}
            <span className="mono">{last.name}</span>
            {last.attached ? ', attached in a terminal below.' : '.'} {link}
          </>
        ) : view.kind === 'created' ? (
          <>
            Created <span className="mono">{last.name}</span>; start it when you are ready. {link}
          </>
        ) : view.kind === 'gone' ? (
          <>
            <span className="mono">{last.name}</span> exited and was removed (--rm).
          </>
        ) : (
          <>
            <span className="mono">{last.name}</span> exited at once with code {view.exitCode ?? 'unknown'}.{' '}
            {view.hint ? <span className="rf-result-hint">{view.hint}</span> : null} {link}
          </>
        )}
      </p>
      {view.kind === 'exited' && view.offerInteractive ? (
        <button type="button" className="btn btn--small btn--primary" onClick={() => form.getState().runLastInteractive()}>
          Run it with -it
        </button>
      ) : null}
      <button type="button" className="rf-result-close" aria-label="Dismiss the run result" title="Dismiss" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
