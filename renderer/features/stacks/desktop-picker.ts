import type { BerthDesktop } from '../../../shared/compose-file-picker.js';

/**
 * The desktop app's file picker, when Berth runs in Electron (its preload sets `berthDesktop`);
 * undefined in a browser, where the path is typed. Checked by shape, not by user agent.
 */
export function composeFilePicker(host: { berthDesktop?: unknown } = window): BerthDesktop['pickComposeFile'] | undefined {
  const desktop = host.berthDesktop;
  if (typeof desktop !== 'object' || desktop === null) return undefined;
  const pick = (desktop as Partial<BerthDesktop>).pickComposeFile;
  return typeof pick === 'function' ? () => pick.call(desktop) : undefined;
}
