// Packaging for the desktop app: `npm run build`, then
// `npx electron-builder --config electron-builder.config.ts --linux|--mac|--win` where Electron can
// be downloaded. electron-builder rebuilds node-pty for Electron's ABI while packaging (npmRebuild),
// never at npm install, and the afterPack hook flips Berth's Electron fuses in the packed binary.
import type { Configuration } from 'electron-builder';
import afterPack from './electron/desktop/packaging/after-pack.js';

const config: Configuration = {
  appId: 'dev.berth.desktop',
  productName: 'Berth',
  copyright: 'Berth contributors',
  directories: { output: 'release', buildResources: 'assets' },
  // The bundles from `npm run build` (main, preload, web server, renderer); production
  // node_modules are added by electron-builder. Source maps stay out of installers.
  files: ['dist/electron/**/*', 'dist/renderer/**/*', 'package.json', '!**/*.map'],
  extraMetadata: { main: 'dist/electron/main.cjs' },
  asar: true,
  // node-pty's native addon and its spawn helper must be real files to be loaded and executed.
  asarUnpack: ['**/node_modules/node-pty/**'],
  // Native modules (node-pty) rebuilt against Electron's headers by @electron/rebuild, from source.
  npmRebuild: true,
  nodeGypRebuild: false,
  buildDependenciesFromSource: true,
  afterPack,
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'assets/icon.png',
    category: 'Development',
    executableName: 'berth',
    synopsis: 'A desktop dashboard for Docker',
    desktop: { entry: { StartupWMClass: 'Berth' } },
  },
  deb: { depends: ['libgtk-3-0', 'libnss3', 'libxss1', 'libxtst6', 'libatspi2.0-0', 'libsecret-1-0'] },
  appImage: { artifactName: 'Berth-${version}-${arch}.AppImage' },
  mac: {
    target: ['dmg'],
    icon: 'assets/icon.icns',
    category: 'public.app-category.developer-tools',
    hardenedRuntime: true,
  },
  dmg: { artifactName: 'Berth-${version}-${arch}.dmg' },
  win: { target: ['nsis'], icon: 'assets/icon.ico' },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    installerIcon: 'assets/icon.ico',
    uninstallerIcon: 'assets/icon.ico',
    artifactName: 'Berth-Setup-${version}.${ext}',
  },
};

export default config;
