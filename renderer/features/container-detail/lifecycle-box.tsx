import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { ChevronIcon } from '../../components/icons.js';
import type { ContainerDetailStore } from './container-detail-store.js';
import { diagramSize } from './lifecycle-diagram.js';

/** Logs keep at least this much height under an open diagram; below it the diagram starts closed. */
const roomForLogs = 420;

/** Open by default only where the diagram fits at full size and leaves the logs room; the user's toggle wins after. */
export function lifecycleFits(boxWidth: number, paneHeight: number): boolean {
  return boxWidth >= diagramSize.width && paneHeight >= diagramSize.height + roomForLogs + 120;
}

/** The lifecycle diagram under a toggle; at its natural size when open (labels readable), scrolling sideways if narrow. */
export function LifecycleBox({ detail, children }: { detail: ContainerDetailStore; children: ReactNode }) {
  const chosen = useStore(detail, (s) => s.lifecycleOpen);
  const box = useRef<HTMLDivElement>(null);
  const [room, setRoom] = useState({ width: 0, paneHeight: 0 });
  useLayoutEffect(() => {
    const el = box.current;
    // The pane the box sits in: its height decides whether logs keep their room.
    const pane = el?.closest('.cd-detail');
    if (!el || !pane) return;
    const measure = () => setRoom({ width: el.clientWidth, paneHeight: pane.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    observer.observe(pane);
    return () => observer.disconnect();
  }, []);
  const open = chosen ?? lifecycleFits(room.width, room.paneHeight);
  return (
    <div ref={box} className="cd-lifecycle-box">
      <button
        type="button"
        className="cd-lifecycle-toggle"
        aria-expanded={open}
        aria-controls="cd-lifecycle-diagram"
        onClick={() => detail.getState().setLifecycleOpen(!open)}
      >
        <ChevronIcon className={`cd-lifecycle-chevron${open ? ' cd-lifecycle-chevron--open' : ''}`} />
        Lifecycle
        {!open ? <span className="faint"> · the states a container goes through and the commands between them</span> : null}
      </button>
      {open ? (
        <div id="cd-lifecycle-diagram" className="cd-lifecycle-scroll">
          {children}
        </div>
      ) : null}
    </div>
  );
}
