// The desktop app's preload bridge on `window.berth` (absent in a browser); its shape lives in shared/.
import type { BerthBridge } from '../../shared/bridge.js';
import type { BerthDesktop } from '../../shared/compose-file-picker.js';

declare global {
  interface Window {
    readonly berth?: BerthBridge;
    /** Desktop-only helpers outside the engine contract (the Compose file picker). */
    readonly berthDesktop?: BerthDesktop;
  }
}
