/** The part of Electron's `app.commandLine` this module uses. */
export interface CommandLineLike {
  appendSwitch(name: string, value?: string): void;
  getSwitchValue(name: string): string;
}

/**
 * Chromium features the desktop app turns off, each for a reason measured in `bench/`.
 *
 * DeferRendererTasksAfterInput: after a key press that asks for a new frame, Chromium holds the
 * page's other tasks (WebSocket and IPC messages among them) until that frame is drawn. A
 * terminal's echo is such a message, so it waited for one frame, was parsed, and showed on the
 * frame after: measured in the same Chromium, keydown → echo in xterm's buffer 14.6 ms with the
 * feature and 3.5 ms without (raw exec echo 0.3 ms), keydown → rendered 30 ms against 13 ms.
 */
export const disabledChromiumFeatures: readonly string[] = ['DeferRendererTasksAfterInput'];

/** Adds Berth's disabled features to any already on the command line (one switch holds them all). */
export function applyChromiumSwitches(commandLine: CommandLineLike): void {
  const already = commandLine.getSwitchValue('disable-features').split(',').filter(Boolean);
  const all = [...new Set([...already, ...disabledChromiumFeatures])];
  commandLine.appendSwitch('disable-features', all.join(','));
}
