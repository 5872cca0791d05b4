// Entry point of `berth serve` (bin/berth.mjs): the web transport for a machine without a display.
// It checks the serve rules (a LAN bind needs a chosen token), then runs the same server as `npm run web`.
// Bundled to dist/electron/serve.cjs (CommonJS), hence no top-level await.
import { decideServeStartup } from './serve-options.js';

const startup = decideServeStartup(process.argv.slice(2), process.env);
if (startup.kind === 'exit') {
  (startup.stream === 'stdout' ? console.log : console.error)(startup.text);
  process.exitCode = startup.code;
} else {
  // The web entry reads the same argv and environment, so it serves exactly what was checked here.
  void import('../web/web-main.js');
}
