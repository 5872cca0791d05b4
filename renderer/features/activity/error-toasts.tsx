import { useEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { CloseIcon } from '../../components/icons.js';
import { selectOpenErrors, type ActivityEntry } from './activity-store.js';
import { failureInWords } from './outcome-words.js';
import { PausableTimer } from './pausable-timer.js';

const maxShown = 3;
/** Long enough to read a sentence and the engine's message; the history keeps it afterwards. */
export const toastMs = 8000;

function Toast({ entry, onDismiss }: { entry: ActivityEntry; onDismiss(): void }) {
  const timer = useRef<PausableTimer | null>(null);
  useEffect(() => {
    const t = new PausableTimer(toastMs, onDismiss);
    timer.current = t;
    t.start();
    return () => t.stop();
    // One timer per toast: a re-render must not restart it (onDismiss is a new function each render).
  }, []);
  return (
    <div
      role="alert"
      className="toast toast--error"
      onMouseEnter={() => timer.current?.pause('hover')}
      onMouseLeave={() => timer.current?.resume('hover')}
      onFocus={() => timer.current?.pause('focus')}
      onBlur={() => timer.current?.resume('focus')}
    >
      <div className="toast-body">
        <div className="toast-title">
          <code>{entry.command}</code>
          <div>{failureInWords(entry.errorCode, entry.detail)}</div>
        </div>
        {entry.detail ? <div className="toast-message">{entry.detail}</div> : null}
      </div>
      <button type="button" className="icon-btn" aria-label="Dismiss" title="Dismiss (it stays in the history)" onClick={onDismiss}>
        <CloseIcon />
      </button>
    </div>
  );
}

/** Failed actions, in words and the engine's own message; each closes itself after a while (not while pointed at or focused). */
export function ErrorToasts() {
  const { activity } = useStores();
  const entries = useStore(activity, (s) => s.entries);
  const errors = useMemo(() => selectOpenErrors({ entries }).slice(-maxShown), [entries]);
  if (errors.length === 0) return null;
  return (
    <div className="toasts">
      {errors.map((e) => (
        <Toast key={e.id} entry={e} onDismiss={() => activity.getState().dismiss(e.id)} />
      ))}
    </div>
  );
}
