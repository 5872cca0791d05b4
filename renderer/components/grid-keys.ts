// The keyboard of a data grid (WAI-ARIA grid pattern, row focus): the table is one tab stop, the
// arrow keys move between rows and, inside a row, between its controls; Enter, Delete and `s` act
// on the focused row through the row's own buttons, so a key does exactly what a click would.

export type GridIntent =
  | { kind: 'row'; delta: number }
  | { kind: 'first-row' }
  | { kind: 'last-row' }
  | { kind: 'next-control' }
  | { kind: 'previous-control' }
  | { kind: 'row-action'; action: RowAction };

export type RowAction = 'open' | 'remove' | 'shell';

export const pageRows = 10;

/**
 * What a key does in the grid. `onRow`: focus is on the row itself, not a control inside it.
 * Undefined: the key is not the grid's (typing, Tab, shortcuts with modifiers).
 */
export function gridIntent(key: string, onRow: boolean, modifiers: { ctrl: boolean; meta: boolean; alt: boolean }): GridIntent | undefined {
  if (modifiers.ctrl || modifiers.meta || modifiers.alt) return undefined;
  switch (key) {
    case 'ArrowDown':
      return { kind: 'row', delta: 1 };
    case 'ArrowUp':
      return { kind: 'row', delta: -1 };
    case 'PageDown':
      return { kind: 'row', delta: pageRows };
    case 'PageUp':
      return { kind: 'row', delta: -pageRows };
    case 'Home':
      return onRow ? { kind: 'first-row' } : undefined;
    case 'End':
      return onRow ? { kind: 'last-row' } : undefined;
    case 'ArrowRight':
      return { kind: 'next-control' };
    case 'ArrowLeft':
      return { kind: 'previous-control' };
    case 'Enter':
      return onRow ? { kind: 'row-action', action: 'open' } : undefined;
    case 'Delete':
      return { kind: 'row-action', action: 'remove' };
    case 's':
      return onRow ? { kind: 'row-action', action: 'shell' } : undefined;
    default:
      return undefined;
  }
}

/** Where the text cursor is: keys there are the field's own (a rename box inside a row). */
export function isTextEntry(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  if (element instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(element.type);
  return (element as HTMLElement).isContentEditable === true;
}

const focusableSelector = 'a[href], button, input, select, textarea, [tabindex]:not([role="row"])';

/** The row's controls in reading order (enabled ones only). */
export function rowControls(row: Element): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>(focusableSelector)].filter(
    (el) => !(el as HTMLButtonElement).disabled && el.getAttribute('aria-hidden') !== 'true',
  );
}

/** The row's button for an action, found as a user finds it: by its name. */
export function rowActionButton(row: Element, action: RowAction): HTMLElement | undefined {
  const buttons = [...row.querySelectorAll<HTMLButtonElement>('button')].filter((b) => !b.disabled);
  const name = (b: HTMLButtonElement) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim();
  switch (action) {
    case 'open':
      return row.querySelector<HTMLElement>('[data-row-open]') ?? buttons.find((b) => b.classList.contains('name-btn')) ?? buttons[0];
    case 'remove':
      return buttons.find((b) => /^remove\b/i.test(name(b)));
    case 'shell':
      return buttons.find((b) => /^open shell\b/i.test(name(b)));
  }
}

/** Keeps the controls inside rows out of the Tab order: only the grid's current row is a tab stop. */
export function takeOutOfTabOrder(container: Element): void {
  for (const el of container.querySelectorAll<HTMLElement>(focusableSelector)) {
    if (el.getAttribute('tabindex') !== '-1') el.setAttribute('tabindex', '-1');
  }
}
