import '@xterm/xterm/css/xterm.css';
import './terminals.css';
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { ChevronIcon, CloseIcon, TerminalIcon } from '../../components/icons.js';
import { TerminalView } from './terminal-view.js';
import { tabTitle } from './terminals-store.js';

/** The bottom panel: one tab per shell, resizable by its top edge, foldable to its tab bar. */
export function TerminalPanel() {
  const { terminals, ui } = useStores();
  const tabs = useStore(terminals, (s) => s.tabs);
  const activeKey = useStore(terminals, (s) => s.activeKey);
  const collapsed = useStore(terminals, (s) => s.collapsed);
  const height = useStore(ui, (s) => s.terminalHeight);
  const drag = useRef<{ startY: number; startHeight: number } | null>(null);

  if (tabs.length === 0) return null;

  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    drag.current = { startY: e.clientY, startHeight: height };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (drag.current) ui.getState().setTerminalHeight(drag.current.startHeight + drag.current.startY - e.clientY);
  };
  const onPointerUp = (): void => {
    drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'ArrowUp') ui.getState().setTerminalHeight(height + 24);
    if (e.key === 'ArrowDown') ui.getState().setTerminalHeight(height - 24);
  };

  return (
    <section className={`terminals${collapsed ? ' terminals--collapsed' : ''}`} aria-label="Terminals" style={collapsed ? undefined : { height }}>
      {!collapsed ? (
        <div
          className="terminals-resize"
          role="separator"
          aria-orientation="horizontal"
          aria-label="Resize terminals"
          aria-valuenow={height}
          tabIndex={0}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onKeyDown={onKeyDown}
        />
      ) : null}
      <div className="terminals-bar">
        <div role="tablist" aria-label="Terminal sessions" className="terminals-tabs">
          {tabs.map((t) => {
            const title = tabTitle(t);
            const selected = t.key === activeKey;
            return (
              <div key={t.key} className={`term-tab term-tab--${t.status}${selected ? ' term-tab--active' : ''}`}>
                <button
                  type="button"
                  role="tab"
                  id={`tab-${t.key}`}
                  aria-selected={selected}
                  aria-controls={`panel-${t.key}`}
                  className="term-tab-main"
                  onClick={() => terminals.getState().activate(t.key)}
                >
                  <TerminalIcon width={14} height={14} />
                  <span className="term-tab-title">{title}</span>
                  {t.status !== 'open' ? <span className="term-tab-state">{t.status === 'opening' ? 'opening' : 'ended'}</span> : null}
                </button>
                <button type="button" className="term-tab-close" aria-label={`Close terminal ${title}`} title="Close" onClick={() => terminals.getState().close(t.key)}>
                  <CloseIcon width={13} height={13} />
                </button>
              </div>
            );
          })}
        </div>
        <button
          type="button"
          className="icon-btn terminals-toggle"
          aria-label={collapsed ? 'Show terminals' : 'Hide terminals'}
          aria-expanded={!collapsed}
          title={collapsed ? 'Show terminals' : 'Hide terminals'}
          onClick={() => terminals.getState().setCollapsed(!collapsed)}
        >
          <ChevronIcon style={{ transform: collapsed ? 'rotate(180deg)' : undefined }} />
        </button>
      </div>
      <div className="terminals-body" hidden={collapsed}>
        {tabs.map((t) => (
          <TerminalView key={t.key} tab={t} visible={!collapsed && t.key === activeKey} />
        ))}
      </div>
    </section>
  );
}
