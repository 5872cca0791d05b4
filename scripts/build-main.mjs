// Bundles the main-side entry points (Electron main, preload, and the web server) with esbuild.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // Native or optional modules stay outside the bundle.
  external: ['electron', 'cpu-features', 'ssh2', 'node-pty', 'bufferutil', 'utf-8-validate'],
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/desktop/main/main.ts'], outfile: 'dist/electron/main.cjs' }),
  build({ ...common, entryPoints: ['electron/desktop/preload/preload.ts'], outfile: 'dist/electron/preload.cjs' }),
  build({ ...common, entryPoints: ['electron/server/web/web-main.ts'], outfile: 'dist/electron/web.cjs' }),
  build({ ...common, entryPoints: ['electron/server/serve/serve-main.ts'], outfile: 'dist/electron/serve.cjs' }),
]);
