import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant (`npm run test:mutate`): only fast unit tests of the
// modules that guard the machine. Integration tests need the engine and take seconds each, which
// per mutant would make a run take hours; the ownership code they cover has unit tests of its own
// in the *.mutation.test.ts files.
export default defineConfig({
  test: {
    include: [
      'electron/server/rpc/router.test.ts',
      'electron/server/web/*.test.ts',
      'electron/server/host-shell-policy.test.ts',
      'electron/engine/terminal/terminal-sessions-bounds.test.ts',
      'electron/**/*.mutation.test.ts',
    ],
    exclude: ['**/*.int.test.ts', 'node_modules/**'],
    environment: 'node',
  },
});
