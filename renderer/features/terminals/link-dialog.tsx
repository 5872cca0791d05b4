import { useId } from 'react';
import { useStore } from 'zustand';
import type { LinkConfirmStore } from './link-confirm-store.js';
import { useModalDialog } from '../../components/use-modal-dialog.js';

/** Asks before opening a link printed in a terminal, showing the whole URL. */
export function LinkDialog({ links }: { links: LinkConfirmStore }) {
  const pending = useStore(links, (s) => s.pending);
  if (!pending) return null;
  return <LinkDialogOpen key={pending.url} links={links} url={pending.url} problem={pending.problem} />;
}

function LinkDialogOpen({ links, url, problem }: { links: LinkConfirmStore; url: string; problem: string | null }) {
  const ref = useModalDialog();
  const titleId = useId();
  const descId = useId();

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={descId}
      onCancel={(e) => {
        e.preventDefault();
        links.getState().cancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          links.getState().confirm();
        }}
      >
        <h2 id={titleId} className="dialog-title">
          Open this link?
        </h2>
        <div id={descId} className="dialog-body">
          <p>A program in the terminal printed this link. Open it only if you trust where it goes:</p>
          <code className="term-link-url">{url}</code>
          {problem ? <p className="term-link-problem">{problem}</p> : null}
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" autoFocus onClick={() => links.getState().cancel()}>
            Cancel
          </button>
          <button type="submit" className="btn btn--primary" disabled={problem !== null}>
            Open link
          </button>
        </div>
      </form>
    </dialog>
  );
}
