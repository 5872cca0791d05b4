/**
 * The desktop app's native file picker for "Open stack…", exposed by the preload as
 * `window.berthDesktop` (absent in a browser, where the user types a path instead). Not part of the
 * engine contract: it asks the person at the desktop, not an engine.
 */
export interface BerthDesktop {
  /** The Compose file the user chose, or null when the dialog was cancelled. */
  pickComposeFile(): Promise<string | null>;
}

/** The IPC channel main answers with dialog.showOpenDialog. */
export const pickComposeFileChannel = 'berth:desktop:pick-compose-file';
