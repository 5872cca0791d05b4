import { useEffect, useRef } from 'react';
import { useStores } from '../../app/stores-context.js';
import type { TerminalTab } from './terminals-store.js';

/** One tab's terminal: mounts the tab's surface and reports its size in cells while visible. */
export function TerminalView({ tab, visible }: { tab: TerminalTab; visible: boolean }) {
  const { terminals } = useStores();
  const hostRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = hostRef.current;
    const surface = terminals.surfaceOf(tab.key);
    if (host && surface) surface.attach(host);
  }, [terminals, tab.key]);

  useEffect(() => {
    const host = hostRef.current;
    const surface = terminals.surfaceOf(tab.key);
    if (!visible || !host || !surface) return;
    let frame = 0;
    const measure = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const size = surface.fit();
        if (size) terminals.getState().resize(tab.key, size.cols, size.rows);
      });
    };
    const observer = new ResizeObserver(measure);
    observer.observe(host);
    measure();
    surface.focus();
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [terminals, tab.key, visible]);

  const ended = tab.status === 'exited' || tab.status === 'failed';
  return (
    <div role="tabpanel" id={`panel-${tab.key}`} aria-labelledby={`tab-${tab.key}`} className="term-panel" hidden={!visible}>
      {ended ? (
        <div className="term-ended" role="status">
          <span>
            {tab.reason ?? 'The session ended'}
            {tab.status === 'exited' && tab.exitCode !== null && !(tab.reason ?? '').includes(String(tab.exitCode)) ? ` (exit code ${tab.exitCode})` : ''}
          </span>
          <button type="button" className="btn btn--small btn--primary" onClick={() => terminals.getState().reopen(tab.key)}>
            Reopen
          </button>
        </div>
      ) : null}
      {tab.status === 'opening' ? (
        <div className="term-opening" role="status">
          Opening a shell in {tab.containerName}…
        </div>
      ) : null}
      <div ref={hostRef} className="term-host" role="region" aria-label={`Terminal ${tab.containerName}`} />
    </div>
  );
}
