import '@xterm/xterm/css/xterm.css';
import './terminals.css';
import { useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { ChevronIcon, CloseIcon, TerminalIcon } from '../../components/icons.js';
import { LinkDialog } from './link-dialog.js';
import { createTerminalLinkConfirmStore } from './terminal-link-confirm-store.js';
import { createLinkOpener } from './open-external-link.js';
import { NewTerminalMenu } from './new-terminal-menu.js';
import { BellIcon, SplitIcon } from './terminal-icons.js';
import { useSettings } from '../settings/settings-context.js';
import { nextFontSize } from './terminal-search.js';
import { TerminalView } from './terminal-view.js';
import type { TabAttention } from './tab-attention.js';
import { containerGone, tabStateText } from './terminal-conditions.js';
import { tabTitle } from './terminals-store.js';

/** The marker on a tab that is not on screen: a bell when its process rang, a dot for new output. */
function AttentionMarker({ attention }: { attention: TabAttention | null }) {
  if (attention === 'bell') {
    return (
      <span className="term-tab-marker term-tab-marker--bell" role="img" aria-label="bell" title="The bell rang in this terminal">
        <BellIcon width={12} height={12} />
      </span>
    );
  }
  if (attention === 'output') {
    return (
      <span className="term-tab-marker term-tab-marker--output" role="img" aria-label="new output" title="New output in this terminal" />
    );
  }
  return null;
}

/**
 * The bottom panel: one tab per terminal (two side by side in split view), resizable by its top
 * edge, foldable to its tab bar. With no terminal open it is only its bar, for the + menu.
 */
export function TerminalPanel() {
  const { terminals, ui, containers } = useStores();
  const tabs = useStore(terminals, (s) => s.tabs);
  const containerItems = useStore(containers, (s) => s.items);
  const containersLive = useStore(containers, (s) => s.live);
  // The containers the engine lists, while the list is live: an ended tab whose container is not among them was removed.
  const listed = useMemo(() => (containersLive ? new Set(containerItems.map((c) => c.id)) : null), [containerItems, containersLive]);
  const activeKey = useStore(terminals, (s) => s.activeKey);
  const splitKey = useStore(terminals, (s) => s.splitKey);
  const collapsed = useStore(terminals, (s) => s.collapsed);
  const height = useStore(ui, (s) => s.terminalHeight);
  const drag = useRef<{ startY: number; startHeight: number } | null>(null);
  // A setting: the size survives a restart (settings store).
  const fontSize = useSettings((s) => s.terminalFontSize);
  const setFontSize = useSettings((s) => s.setTerminalFontSize);
  const links = useMemo(() => createTerminalLinkConfirmStore(createLinkOpener(window)), []);
  const onFontStep = (step: -1 | 0 | 1): void => setFontSize(nextFontSize(fontSize, step));

  if (tabs.length === 0) {
    return (
      <section className="terminals terminals--empty" aria-label="Terminals">
        <div className="terminals-bar">
          <span className="terminals-empty-title">
            <TerminalIcon width={14} height={14} /> Terminals
          </span>
          <span className="terminals-empty-hint">Open a shell from a running container, or a host shell from +</span>
          <NewTerminalMenu />
        </div>
      </section>
    );
  }

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
    <section
      className={`terminals${collapsed ? ' terminals--collapsed' : ''}`}
      aria-label="Terminals"
      style={collapsed ? undefined : { height }}
    >
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
        {/* Only tabs inside the tablist (ARIA): each tab's × is a mouse shortcut; the keyboard closes with Delete, or the Close button in the tab's tools. */}
        <div role="tablist" aria-label="Terminal sessions" className="terminals-tabs">
          {tabs.map((t) => {
            const title = tabTitle(t);
            const selected = t.key === activeKey;
            const beside = t.key === splitKey;
            const state = containerGone(t, listed) ? 'removed' : tabStateText(t);
            return (
              <div
                key={t.key}
                className={`term-tab term-tab--${t.status}${selected ? ' term-tab--active' : ''}${beside ? ' term-tab--beside' : ''}`}
              >
                <button
                  type="button"
                  role="tab"
                  id={`tab-${t.key}`}
                  aria-selected={selected}
                  aria-controls={`panel-${t.key}`}
                  aria-keyshortcuts="Delete"
                  className="term-tab-main"
                  onClick={() => terminals.getState().activate(t.key)}
                  onKeyDown={(e) => {
                    if (e.key === 'Delete') terminals.getState().close(t.key);
                  }}
                >
                  <TerminalIcon width={14} height={14} />
                  <span className="term-tab-title">{title}</span>
                  <AttentionMarker attention={t.attention} />
                  {state ? <span className="term-tab-state">{state}</span> : null}
                </button>
                <span
                  className="term-tab-close"
                  aria-hidden="true"
                  title={`Close ${title}`}
                  onClick={() => terminals.getState().close(t.key)}
                >
                  <CloseIcon width={13} height={13} />
                </span>
              </div>
            );
          })}
        </div>
        <NewTerminalMenu />
        <button
          type="button"
          className={`icon-btn${splitKey ? ' icon-btn--on' : ''}`}
          aria-label="Split view"
          aria-pressed={splitKey !== null}
          title={
            tabs.length < 2
              ? 'Split view (open a second terminal first)'
              : splitKey
                ? 'Show one terminal'
                : 'Show two terminals side by side'
          }
          disabled={tabs.length < 2}
          onClick={() => terminals.getState().toggleSplit()}
        >
          <SplitIcon width={15} height={15} />
        </button>
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
      <div className={`terminals-body${splitKey ? ' terminals-body--split' : ''}`} hidden={collapsed}>
        {tabs.map((t) => {
          const left = t.key === activeKey;
          const right = t.key === splitKey;
          return (
            <div
              key={t.key}
              className={`term-slot${left ? ' term-slot--left' : ''}${right ? ' term-slot--right' : ''}`}
              hidden={!left && !right}
            >
              <TerminalView
                tab={t}
                gone={containerGone(t, listed)}
                visible={!collapsed && (left || right)}
                primary={left}
                split={splitKey !== null}
                fontSize={fontSize}
                onFontStep={onFontStep}
                onLink={(url) => links.getState().request(url)}
              />
            </div>
          );
        })}
      </div>
      <LinkDialog links={links} />
    </section>
  );
}
