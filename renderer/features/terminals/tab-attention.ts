/** Why a tab that is not on screen wants a look: its process rang the bell, or printed something. */
export type TabAttention = 'bell' | 'output';

/** Which tabs the panel shows. */
export interface TerminalsLayout {
  activeKey: string | null;
  splitKey: string | null;
  collapsed: boolean;
}

/** On screen now: the active tab or the split's other side, while the panel is unfolded. */
export function isShown(layout: TerminalsLayout, key: string): boolean {
  return !layout.collapsed && (layout.activeKey === key || layout.splitKey === key);
}

/**
 * The marker after `event`, or null when the marker stays as it is. A bell outranks new output, and
 * once set nothing changes until the tab is shown: a background `yes` costs one update, not one per chunk.
 */
export function raisedAttention(current: TabAttention | null, event: TabAttention): TabAttention | null {
  if (current === 'bell' || current === event) return null;
  return event;
}

/** The tabs with the marker removed from those now on screen; the same array when none had one. */
export function clearShown<T extends { key: string; attention: TabAttention | null }>(
  tabs: readonly T[],
  layout: TerminalsLayout,
): readonly T[] {
  if (!tabs.some((t) => t.attention !== null && isShown(layout, t.key))) return tabs;
  return tabs.map((t) => (t.attention !== null && isShown(layout, t.key) ? { ...t, attention: null } : t));
}
