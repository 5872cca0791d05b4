// Runs in the sandboxed preload context: wires Electron's ipcRenderer to the bridge and exposes it.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridgeApi } from './bridge-api.js';
import { createDesktopApi } from './desktop-api.js';

contextBridge.exposeInMainWorld('berth', createBridgeApi(ipcRenderer));
contextBridge.exposeInMainWorld('berthDesktop', createDesktopApi(ipcRenderer));
