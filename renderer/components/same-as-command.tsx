import type { ReactNode } from 'react';
import { useShownCommand } from './command-target.js';

/**
 * The `docker` command a dialog's action equals, under the form: what Berth teaches with every action.
 * `full` is the whole line when `command` shows it shortened (long name lists), as a tooltip.
 */
export function SameAsCommand({ command, full, label }: { command: ReactNode; full?: string; label?: string }) {
  // A command line names the engine it runs on when that is not the default one.
  const line = useShownCommand(typeof command === 'string' ? command : '');
  const shownFull = useShownCommand(full ?? '');
  return (
    <p className="dialog-cli" aria-label={label}>
      <span className="faint">Same as</span> <code title={shownFull || undefined}>{typeof command === 'string' ? line : command}</code>
    </p>
  );
}

/** The engine's own words when it refused what a dialog asked, with what the user can do about it below. */
export function EngineRefusal({ message, children }: { message: ReactNode; children?: ReactNode }) {
  return (
    <div className="dialog-warning" role="alert">
      <p>
        <strong>The engine refused:</strong> {message}
      </p>
      {children}
    </div>
  );
}
