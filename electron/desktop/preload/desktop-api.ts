import { pickComposeFileChannel, type BerthDesktop } from '../../../shared/compose-file-picker.js';

/** The object preload.ts exposes as `window.berthDesktop`: one channel, and only a path (or null) comes back. */
export function createDesktopApi(ipc: { invoke(channel: string, ...args: unknown[]): Promise<unknown> }): BerthDesktop {
  return {
    async pickComposeFile() {
      const chosen = await ipc.invoke(pickComposeFileChannel);
      return typeof chosen === 'string' && chosen.startsWith('/') ? chosen : null;
    },
  };
}
