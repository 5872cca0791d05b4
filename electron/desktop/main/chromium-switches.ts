/** The part of Electron's `app.commandLine` this module uses. */
export interface CommandLineLike {
  appendSwitch(name: string, value?: string): void;
  getSwitchValue(name: string): string;
}

/**
 * Chromium features the desktop app turns off, each for a reason measured in `bench/`.
 *
 * DeferRendererTasksAfterInput: after a key press, while the page has a frame to draw (any CSS
 * animation running: a just-started container's badge pulses for ~7 s, a progress bar moves),
 * Chromium holds the page's other tasks, WebSocket and IPC messages among them, until that frame
 * is drawn. A terminal's echo is such a message, so it waited a frame, was parsed, and showed on
 * the frame after: measured in the same Chromium with the badge pulsing, keydown → echo in
 * xterm's buffer 14.6 ms with the feature and 3.5 ms without (raw exec echo 0.3 ms).
 */
export const disabledChromiumFeatures: readonly string[] = ['DeferRendererTasksAfterInput'];

/** Adds Berth's disabled features to any already on the command line (one switch holds them all). */
export function applyChromiumSwitches(commandLine: CommandLineLike): void {
  const already = commandLine.getSwitchValue('disable-features').split(',').filter(Boolean);
  const all = [...new Set([...already, ...disabledChromiumFeatures])];
  commandLine.appendSwitch('disable-features', all.join(','));
}
