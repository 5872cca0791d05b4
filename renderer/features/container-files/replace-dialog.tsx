import { useId } from 'react';
import { useModalDialog } from '../../components/use-modal-dialog.js';

/** Asks before an upload replaces files of the same name; replacing loses their old contents. */
export function ReplaceDialog({ names, dir, onReplace, onCancel }: { names: readonly string[]; dir: string; onReplace(): void; onCancel(): void }) {
  const ref = useModalDialog();
  const titleId = useId();
  const shown = names.slice(0, 8);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onReplace();
        }}
      >
        <h2 id={titleId} className="dialog-title">
          {names.length === 1 ? (
            <>
              Replace <span className="mono">{names[0]}</span>?
            </>
          ) : (
            `Replace ${names.length} files?`
          )}
        </h2>
        <div className="dialog-body">
          <p>
            {names.length === 1 ? 'A file of that name is' : 'Files of these names are'} already in <span className="mono">{dir}</span>. Replacing overwrites{' '}
            {names.length === 1 ? 'its' : 'their'} contents in the container; the old contents are lost.
          </p>
          {names.length > 1 ? (
            <ul className="cf-replace-list" aria-label="Files that would be replaced">
              {shown.map((n) => (
                <li key={n} className="mono">
                  {n}
                </li>
              ))}
              {names.length > shown.length ? <li className="faint">…and {names.length - shown.length} more</li> : null}
            </ul>
          ) : null}
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" autoFocus onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn btn--danger">
            Replace
          </button>
        </div>
      </form>
    </dialog>
  );
}
