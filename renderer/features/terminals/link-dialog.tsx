import { useStore } from 'zustand';
import type { TerminalLinkConfirmStore } from './terminal-link-confirm-store.js';
import { Dialog } from '../../components/dialog.js';

/** Asks before opening a link printed in a terminal, showing the whole URL. */
export function LinkDialog({ links }: { links: TerminalLinkConfirmStore }) {
  const pending = useStore(links, (s) => s.pending);
  if (!pending) return null;
  return <LinkDialogOpen key={pending.url} links={links} url={pending.url} problem={pending.problem} />;
}

function LinkDialogOpen({ links, url, problem }: { links: TerminalLinkConfirmStore; url: string; problem: string | null }) {
  return (
    <Dialog
      title="Open this link?"
      describedByBody
      focusCancel
      submitLabel="Open link"
      submitDisabled={problem !== null}
      onCancel={() => links.getState().cancel()}
      onSubmit={() => links.getState().confirm()}
    >
      <p>A program in the terminal printed this link. Open it only if you trust where it goes:</p>
      <code className="term-link-url">{url}</code>
      {problem ? <p className="term-link-problem">{problem}</p> : null}
    </Dialog>
  );
}
