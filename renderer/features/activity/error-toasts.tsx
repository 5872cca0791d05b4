import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { CloseIcon } from '../../components/icons.js';
import { selectOpenErrors } from './activity-store.js';

const maxShown = 3;

/** Failed actions stay on screen, with the engine's own words, until dismissed. */
export function ErrorToasts() {
  const { activity } = useStores();
  const entries = useStore(activity, (s) => s.entries);
  const errors = useMemo(() => selectOpenErrors({ entries }).slice(-maxShown), [entries]);
  if (errors.length === 0) return null;
  return (
    <div className="toasts">
      {errors.map((e) => (
        <div key={e.id} role="alert" className="toast toast--error">
          <div className="toast-body">
            <div className="toast-title">
              <code>{e.command}</code> failed
            </div>
            <div className="toast-message">{e.detail}</div>
            {e.errorCode ? <div className="toast-code faint">{e.errorCode}</div> : null}
          </div>
          <button type="button" className="icon-btn" aria-label="Dismiss" title="Dismiss" onClick={() => activity.getState().dismiss(e.id)}>
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
