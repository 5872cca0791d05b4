import { describe, expect, it } from 'vitest';
import { createDesktopApi } from '../preload/desktop-api.js';
import { FakeIpcMain, FakeIpcRenderer, FakeSender } from '../../test-support/fake-ipc.js';
import { registerComposeFilePicker, type OpenDialogResult } from './compose-file-picker.js';

const appUrl = 'app://berth/index.html';

function setup(answer: OpenDialogResult, frameUrl = appUrl) {
  const main = new FakeIpcMain();
  let shown = 0;
  registerComposeFilePicker(main, {
    isTrustedSender: (url) => url === appUrl,
    showOpenDialog: async () => (shown++, answer),
  });
  const api = createDesktopApi(new FakeIpcRenderer(main, new FakeSender(1), frameUrl));
  return { api, shown: () => shown };
}

describe('the desktop Compose file picker (main and preload, without Electron)', () => {
  it('passes the chosen file to the page, and null when the dialog is cancelled', async () => {
    expect(await setup({ canceled: false, filePaths: ['/home/me/robot/compose.yaml'] }).api.pickComposeFile()).toBe(
      '/home/me/robot/compose.yaml',
    );
    expect(await setup({ canceled: true, filePaths: [] }).api.pickComposeFile()).toBeNull();
  });

  it('shows no dialog for a frame that is not the Berth page', async () => {
    const { api, shown } = setup({ canceled: false, filePaths: ['/etc/passwd'] }, 'https://evil.example/');
    expect(await api.pickComposeFile()).toBeNull();
    expect(shown()).toBe(0);
  });
});
