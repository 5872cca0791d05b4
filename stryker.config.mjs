// StrykerJS (`npm run test:mutate`): mutates the modules that guard the machine and runs the fast
// unit tests of vitest.mutation.config.ts against each mutant. The HTML and JSON reports go to
// reports/mutation/; the run fails when the score drops below thresholds.break.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: [
    'electron/server/rpc/router.ts',
    'electron/server/web/request-guard.ts',
    'electron/server/web/static-files.ts',
    'electron/server/web/host-names.ts',
    'electron/server/web/web-options.ts',
    'electron/server/web/web-server.ts',
    'electron/server/web/token-cookie.ts',
    'electron/server/host-shell-policy.ts',
    'electron/engine/terminal/terminal-sessions.ts',
    'electron/engine/containers/files/file-upload.ts',
    'electron/engine/containers/files/file-download.ts',
  ],
  // The sandbox needs only the sources the tests import.
  ignorePatterns: [
    '/dist',
    '/artifacts',
    '/test-results',
    '/playwright-report',
    '/reports',
    '/bench',
    '/e2e',
    '/assets',
    '/renderer/**/*.tsx',
  ],
  // Mutants in module-level constants (the content-type table, the Host pattern, the loopback names)
  // need every test re-run in a fresh module graph each: about half the run's time for 5% of the
  // mutants. They are left out; the constants are checked by plain unit tests.
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 5_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // The run fails under 80% killed; the run of 09:30 UTC on 3 Dec scored 88.95% (per module in the README).
  thresholds: { high: 90, low: 80, break: 80 },
};
