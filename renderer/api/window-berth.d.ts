// The desktop app's preload bridge on `window.berth` (absent in a browser); its shape lives in shared/.
import type { BerthBridge } from '../../shared/bridge.js';

declare global {
  interface Window {
    readonly berth?: BerthBridge;
  }
}
