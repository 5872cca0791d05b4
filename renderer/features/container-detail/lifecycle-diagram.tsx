import type { KeyboardEvent } from 'react';
import { legalTransitions, transitionLabel, transitions, type LifecycleState, type Transition } from './lifecycle.js';

const nodes: Record<LifecycleState, { x: number; y: number }> = {
  created: { x: 52, y: 36 },
  running: { x: 232, y: 36 },
  paused: { x: 420, y: 36 },
  restarting: { x: 420, y: 150 },
  exited: { x: 232, y: 150 },
  dead: { x: 420, y: 236 },
  removed: { x: 232, y: 236 },
};

const nodeSize = { w: 92, h: 30 };

/** The diagram's natural size in CSS pixels: drawn 1:1 so its labels keep their font size (≥ 11 px). */
export const diagramSize = { width: 472, height: 288 };
/** Edge labels are monospace at 11.5 px: about 7 px a character. */
const labelCharWidth = 7;

/** Where each arrow's label sits, so parallel arrows do not overlap. */
function geometry(t: Transition, index: number, siblings: number) {
  const a = nodes[t.from];
  const b = nodes[t.to];
  if (t.from === t.to) {
    // Self loop above the node.
    const x = a.x;
    const y = a.y - nodeSize.h / 2;
    return { path: `M ${x - 16} ${y} C ${x - 30} ${y - 30}, ${x + 30} ${y - 30}, ${x + 16} ${y}`, lx: x, ly: y - 26 };
  }
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy);
  // The normal of the lane's canonical direction, so arrows both ways between two states sit apart.
  const flip = t.from < t.to ? 1 : -1;
  const nx = (-dy / len) * flip;
  const ny = (dx / len) * flip;
  const offset = (index - (siblings - 1) / 2) * (Math.abs(dy) > Math.abs(dx) ? 30 : 22);
  // Shorten to the node boxes' edges.
  const trim = (p: { x: number; y: number }, toward: { x: number; y: number }) => {
    const ux = (toward.x - p.x) / len;
    const uy = (toward.y - p.y) / len;
    const k = Math.min(Math.abs(nodeSize.w / 2 / (ux || 1e-9)), Math.abs(nodeSize.h / 2 / (uy || 1e-9))) + 4;
    return { x: p.x + ux * k + nx * offset, y: p.y + uy * k + ny * offset };
  };
  const s = trim(a, b);
  const e = trim(b, a);
  // Labels on a busy vertical lane alternate up and down, counted in the lane's own direction so
  // neighbouring arrows (whichever way they point) never hold their labels at the same height.
  const along = index % 2 === 0 ? 0.32 : 0.68;
  const at = Math.abs(dy) > Math.abs(dx) && siblings > 2 ? (flip === 1 ? along : 1 - along) : 0.5;
  return { path: `M ${s.x} ${s.y} L ${e.x} ${e.y}`, lx: s.x + (e.x - s.x) * at, ly: s.y + (e.y - s.y) * at };
}

/** Pairs in either direction share a lane set, so pause/unpause sit side by side. */
function laneKey(t: Transition): string {
  return [t.from, t.to].sort().join('|');
}

const lanes = new Map<string, Transition[]>();
for (const t of transitions) {
  const list = lanes.get(laneKey(t)) ?? [];
  list.push(t);
  lanes.set(laneKey(t), list);
}

/**
 * The container lifecycle as a small state diagram: the current state highlighted, each arrow a
 * docker action; the arrows the engine would accept now are buttons that run it.
 */
export function LifecycleDiagram({ state, busy, onAction }: { state: LifecycleState; busy: boolean; onAction(t: Transition): void }) {
  const legal = new Set(legalTransitions(state).map(transitionLabel));
  const activate = (t: Transition) => {
    if (!busy) onAction(t);
  };
  return (
    <svg
      className="cd-lifecycle"
      viewBox={`0 -26 ${diagramSize.width} ${diagramSize.height}`}
      width={diagramSize.width}
      height={diagramSize.height}
      role="group"
      aria-label="Lifecycle"
    >
      <defs>
        <marker id="lc-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="currentColor" />
        </marker>
      </defs>
      {transitions.map((t) => {
        const lane = lanes.get(laneKey(t)) ?? [t];
        const g = geometry(t, lane.indexOf(t), lane.length);
        const label = transitionLabel(t);
        const enabled = legal.has(label) && !busy;
        const interactive = legal.has(label);
        return (
          <g
            key={label}
            className={`lc-edge${interactive ? ' lc-edge--legal' : ''}`}
            {...(interactive
              ? {
                  role: 'button',
                  tabIndex: 0,
                  'aria-label': label,
                  'aria-disabled': !enabled,
                  onClick: () => activate(t),
                  onKeyDown: (e: KeyboardEvent) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      activate(t);
                    }
                  },
                }
              : { 'aria-hidden': true })}
          >
            <title>{label}</title>
            <path d={g.path} fill="none" markerEnd="url(#lc-arrow)" />
            <rect
              x={g.lx - (t.action.length * labelCharWidth) / 2 - 5}
              y={g.ly - 9}
              width={t.action.length * labelCharWidth + 10}
              height={18}
              rx={4}
            />
            <text x={g.lx} y={g.ly + 4} textAnchor="middle">
              {t.action}
            </text>
          </g>
        );
      })}
      {(Object.keys(nodes) as LifecycleState[]).map((name) => {
        const n = nodes[name];
        return (
          <g
            key={name}
            className={`lc-node lc-node--${name}${name === state ? ' lc-node--current' : ''}`}
            aria-current={name === state ? 'step' : undefined}
          >
            <rect x={n.x - nodeSize.w / 2} y={n.y - nodeSize.h / 2} width={nodeSize.w} height={nodeSize.h} rx={14} />
            <text x={n.x} y={n.y + 4} textAnchor="middle">
              {name}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
