import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { PlusIcon } from './terminal-icons.js';

/** The + of the terminal bar: a host shell (disabled, with the server's reason, when not allowed). */
export function NewTerminalMenu() {
  const { terminals } = useStores();
  const hostShell = useStore(terminals, (s) => s.hostShell);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    void terminals.getState().loadCapabilities();
    const onDown = (e: PointerEvent): void => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, terminals]);

  const allowed = hostShell?.allowed === true;
  return (
    <div className="term-menu-anchor" ref={ref}>
      <button
        type="button"
        className="icon-btn"
        aria-label="New terminal"
        title="New terminal"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <PlusIcon width={15} height={15} />
      </button>
      {open ? (
        <div className="term-menu" role="menu" aria-label="New terminal">
          <button
            type="button"
            role="menuitem"
            className="term-menu-item"
            aria-disabled={!allowed}
            aria-describedby="term-host-reason"
            onClick={() => {
              if (!allowed) return;
              terminals.getState().openHost();
              setOpen(false);
            }}
          >
            Host shell
          </button>
          <p id="term-host-reason" className={`term-menu-note${allowed ? '' : ' term-menu-note--refused'}`}>
            {hostShell === null
              ? 'Asking the server…'
              : allowed
                ? 'A shell on the computer Berth runs on, as your user.'
                : hostShell.reason}
          </p>
          <p className="term-menu-note">For a shell in a container, use Open shell or Attach on a running container’s row.</p>
        </div>
      ) : null}
    </div>
  );
}
