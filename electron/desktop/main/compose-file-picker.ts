import { pickComposeFileChannel } from '../../../shared/compose-file-picker.js';
import { frameUrl, type IpcMainLike } from '../../server/rpc/ipc-adapter.js';

/** The part of Electron's dialog.showOpenDialog result the picker reads. */
export interface OpenDialogResult {
  canceled: boolean;
  filePaths: string[];
}

export interface ComposeFilePickerOptions {
  isTrustedSender(frameUrl: string | undefined): boolean;
  /** dialog.showOpenDialog on the main window, with these options. */
  showOpenDialog(options: {
    title: string;
    properties: Array<'openFile'>;
    filters: Array<{ name: string; extensions: string[] }>;
  }): Promise<OpenDialogResult>;
}

/** Answers the page's "pick a Compose file" with the system's file dialog; null when cancelled or not from Berth's page. */
export function registerComposeFilePicker(
  ipcMain: Pick<IpcMainLike, 'handle' | 'removeHandler'>,
  options: ComposeFilePickerOptions,
): () => void {
  ipcMain.handle(pickComposeFileChannel, async (event): Promise<string | null> => {
    if (!options.isTrustedSender(frameUrl(event))) return null;
    const result = await options.showOpenDialog({
      title: 'Open a Compose file',
      properties: ['openFile'],
      filters: [
        { name: 'Compose files', extensions: ['yaml', 'yml'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });
  return () => ipcMain.removeHandler(pickComposeFileChannel);
}
