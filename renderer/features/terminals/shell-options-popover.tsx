import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useStores } from '../../app/stores-context.js';
import { defaultShellForm, parseShellOptions, type ShellOptionsForm } from './shell-options.js';
import { AttachIcon, OptionsIcon } from './terminal-icons.js';
import type { TerminalContainerRef as ContainerRef } from './terminals-store.js';

/** The small ▾ beside a row's Open shell: shell, user, working directory and environment. */
export function ShellOptionsButton({ container, disabled }: { container: ContainerRef; disabled: boolean }) {
  const { terminals } = useStores();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<ShellOptionsForm>(defaultShellForm);
  const [errors, setErrors] = useState<Partial<Record<'user' | 'workdir' | 'env', string>>>({});
  const [place, setPlace] = useState<{ top: number; right: number } | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const popRef = useRef<HTMLFormElement>(null);
  const titleId = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent): void => {
      const target = e.target as Node;
      if (!ref.current?.contains(target) && !popRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const submit = (): void => {
    const parsed = parseShellOptions(form);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    setOpen(false);
    terminals.getState().openShell(container, parsed.options);
  };

  return (
    <div className="shell-options-anchor" ref={ref}>
      <button
        type="button"
        className="icon-btn icon-btn--narrow"
        aria-label="Shell options"
        title="Open a shell with options (shell, user, working directory, environment)"
        aria-haspopup="dialog"
        aria-expanded={open}
        disabled={disabled}
        onClick={(e) => {
          // Outside the row (which clips its cells), under the button, right-aligned with it.
          const rect = e.currentTarget.getBoundingClientRect();
          setPlace({ top: Math.min(rect.bottom + 6, window.innerHeight - 380), right: Math.max(8, window.innerWidth - rect.right - 8) });
          setOpen((o) => !o);
        }}
      >
        <OptionsIcon width={12} height={12} />
      </button>
      {open && place
        ? createPortal(
            <form
              ref={popRef}
              className="shell-options"
              style={{ top: place.top, right: place.right }}
              role="dialog"
              aria-labelledby={titleId}
              onSubmit={(e) => {
                e.preventDefault();
                submit();
              }}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setOpen(false);
              }}
            >
              <h3 id={titleId}>
                Open a shell in {container.name}
                {container.engine ? ` on ${container.engine.name}` : null}
              </h3>
              <label>
                Shell
                <select
                  value={form.shell}
                  onChange={(e) => setForm({ ...form, shell: e.currentTarget.value as ShellOptionsForm['shell'] })}
                >
                  <option value="auto">auto (bash, else sh)</option>
                  <option value="bash">bash</option>
                  <option value="sh">sh</option>
                </select>
              </label>
              <label>
                User
                <input
                  value={form.user}
                  placeholder="the image's user, e.g. root or 1000:1000"
                  onChange={(e) => setForm({ ...form, user: e.currentTarget.value })}
                  autoFocus
                />
                {errors.user ? <span className="shell-options-error">{errors.user}</span> : null}
              </label>
              <label>
                Working directory
                <input
                  value={form.workdir}
                  placeholder="the image's, e.g. /app"
                  onChange={(e) => setForm({ ...form, workdir: e.currentTarget.value })}
                />
                {errors.workdir ? <span className="shell-options-error">{errors.workdir}</span> : null}
              </label>
              <label>
                Environment (one NAME=value a line)
                <textarea rows={3} value={form.env} onChange={(e) => setForm({ ...form, env: e.currentTarget.value })} />
                {errors.env ? <span className="shell-options-error">{errors.env}</span> : null}
              </label>
              <div className="shell-options-actions">
                <button type="button" className="btn btn--small" onClick={() => setOpen(false)}>
                  Cancel
                </button>
                <button type="submit" className="btn btn--small btn--primary">
                  Open shell
                </button>
              </div>
            </form>,
            document.body,
          )
        : null}
    </div>
  );
}

/** Attach to a running container's main process (`docker attach`). */
export function AttachButton({ container, disabled }: { container: ContainerRef; disabled: boolean }) {
  const { terminals } = useStores();
  return (
    <button
      type="button"
      className="icon-btn"
      aria-label="Attach"
      title="Attach to the main process (docker attach; Ctrl-P Ctrl-Q detaches)"
      disabled={disabled}
      onClick={() => terminals.getState().attach(container)}
    >
      <AttachIcon />
    </button>
  );
}
