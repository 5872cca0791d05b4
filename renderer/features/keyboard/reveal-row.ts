import { rowActionButton } from '../../components/grid-keys.js';
import type { RowTarget } from '../command-palette/palette-entries.js';
import { hashOf, type UiStore } from '../layout/ui-store.js';

/** How long a row may take to appear after its view is shown (lists arrive over the wire). */
const appearLimitMs = 5000;

/**
 * Shows a row to the user as if they had gone there themselves: the view, its filter narrowed to
 * the row, the row focused, then its button for `then` pressed. Resolves to what happened.
 */
export function revealRow(ui: UiStore, target: RowTarget, win: Window = window): Promise<'done' | 'not-found'> {
  if (win.location.hash !== hashOf(target.view)) win.location.hash = hashOf(target.view);
  ui.getState().setView(target.view);
  ui.getState().setFilter(target.view, target.filter);
  const started = performance.now();
  return new Promise((resolve) => {
    const look = (): void => {
      const row = [...win.document.querySelectorAll<HTMLElement>('main [role="row"][aria-label]')].find(
        (r) => r.getAttribute('aria-label') === target.rowName,
      );
      if (!row) {
        if (performance.now() - started > appearLimitMs) {
          console.warn(`[berth] ${target.rowName} is not in the ${target.view} list`);
          resolve('not-found');
        } else win.requestAnimationFrame(look);
        return;
      }
      row.focus();
      if (target.then !== 'focus') rowActionButton(row, target.then)?.click();
      resolve('done');
    };
    win.requestAnimationFrame(look);
  });
}
