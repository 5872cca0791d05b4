#!/usr/bin/env node
// `berth <command>`, installed by npm as the package's bin. `berth serve` runs the web transport
// (dist/electron/serve.cjs, made by `npm run build`) for a robot or server without a display.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const usage = `Usage: berth <command> [options]

Commands:
  serve    Serve Berth's web UI from this machine (see berth serve --help)`;

const [command, ...rest] = process.argv.slice(2);
if (command === 'serve') {
  const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'electron', 'serve.cjs');
  if (!existsSync(bundle)) {
    console.error(`berth serve: ${bundle} is missing; run "npm run build" in Berth's folder first.`);
    process.exit(1);
  }
  // The entry reads its options from argv as if started directly.
  process.argv = [process.argv[0], bundle, ...rest];
  createRequire(import.meta.url)(bundle);
} else if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
  console.log(usage);
} else {
  console.error(`berth: unknown command "${command}"\n\n${usage}`);
  process.exitCode = 2;
}
