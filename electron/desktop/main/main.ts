// Electron entry: one hardened window on the built renderer, and the IPC adapter over the app's
// handler table. No business logic lives here.
import { app, BrowserWindow, dialog, ipcMain, protocol, screen, session, shell } from 'electron';
import path from 'node:path';
import { createBerthApp, type BerthApp } from '../../server/create-app.js';
import { SealedPassphraseFile } from '../../server/engines/kept-passphrases.js';
import { registerIpcHandlers } from '../../server/rpc/ipc-adapter.js';
import { createRouter } from '../../server/rpc/router.js';
import { appPageUrl, appScheme, isAppPageUrl } from './app-page.js';
import { appSchemeRegistration, createAppRequestHandler } from './app-protocol.js';
import { applyChromiumSwitches } from './chromium-switches.js';
import { registerOpenExternal } from './open-external.js';
import { registerComposeFilePicker } from './compose-file-picker.js';
import { createElectronSecretVault } from './secret-vault.js';
import { hardenSession, hardenWebContents } from './window-security.js';
import { minimumWindowSize, placeWindow, readWindowState, writeWindowState } from './window-state.js';

// Bundled to dist/electron/main.cjs: the preload sits beside it, the renderer build next door,
// served as app://berth/ (never file://, so the CSP header applies).
const preloadPath = path.join(__dirname, 'preload.cjs');
const rendererRoot = path.join(__dirname, '..', 'renderer');

let berth: BerthApp | undefined;
let unregisterIpc: (() => void) | undefined;
let mainWindow: BrowserWindow | undefined;

function createWindow(): BrowserWindow {
  // Opens where it was closed (size, position, maximized), kept in app-data.
  const windowStateFile = path.join(app.getPath('userData'), 'window-state.json');
  const saved = readWindowState(windowStateFile);
  const win = new BrowserWindow({
    ...placeWindow(
      saved,
      screen.getAllDisplays().map((d) => d.workArea),
    ),
    minWidth: minimumWindowSize.width,
    minHeight: minimumWindowSize.height,
    title: 'Berth',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    },
  });
  win.once('ready-to-show', () => {
    if (saved?.maximized) win.maximize();
    win.show();
  });
  win.on('close', () => {
    try {
      writeWindowState(windowStateFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (err) {
      console.error(`[berth] window state not saved: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined;
  });
  void win.loadURL(appPageUrl);
  return win;
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  protocol.handle(appScheme, createAppRequestHandler(rendererRoot));
  const vault = createElectronSecretVault();
  berth = await createBerthApp({
    ...(process.env.DOCKER_HOST ? { dockerHost: process.env.DOCKER_HOST } : {}),
    // Registry logins survive a restart, sealed with the OS keyring (memory only without one).
    registryLogins: { directory: app.getPath('userData'), vault },
    // SSH key passphrases the user asks to keep, sealed the same way.
    keptPassphrases: new SealedPassphraseFile(path.join(app.getPath('userData'), 'ssh-passphrases.json'), vault),
    // Engines added in Berth: addresses and certificate folders only, no secrets.
    savedEnginesFile: path.join(app.getPath('userData'), 'engines.json'),
    dockerContexts: true,
  });
  unregisterIpc = registerIpcHandlers(ipcMain, createRouter(berth.handlers), {
    isTrustedSender: isAppPageUrl,
  });
  registerOpenExternal(ipcMain, {
    isTrustedSender: isAppPageUrl,
    openExternal: (url) => shell.openExternal(url),
  });
  registerComposeFilePicker(ipcMain, {
    isTrustedSender: isAppPageUrl,
    showOpenDialog: (options) => (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options)),
  });
  mainWindow = createWindow();
}

// Before the app is ready: Chromium reads its switches, and the scheme list, when it starts.
applyChromiumSwitches(app.commandLine);
protocol.registerSchemesAsPrivileged([appSchemeRegistration]);

if (!app.requestSingleInstanceLock()) {
  // One window, one set of terminal sessions: a second launch focuses the first.
  app.quit();
} else {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('activate', () => {
    if (berth && !mainWindow) mainWindow = createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let shuttingDown = false;
  app.on('will-quit', (event) => {
    if (shuttingDown || !berth) return;
    // Terminal sessions and the engine connection close before the process goes.
    event.preventDefault();
    shuttingDown = true;
    unregisterIpc?.();
    void berth
      .close()
      .catch((err: unknown) => console.error(`[berth] shutdown: ${String(err)}`))
      .finally(() => app.exit(0));
  });

  start().catch((err: unknown) => {
    console.error(`[berth] failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    app.exit(1);
  });
}
