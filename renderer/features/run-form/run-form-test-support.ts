import type { RunFormDeps } from './run-form-store.js';

/** Run form dependencies for tests that never run with -it nor look at where the new container is shown. */
export const noTerminal: Pick<RunFormDeps, 'runInteractive' | 'showContainer'> = {
  runInteractive: () => Promise.reject(new Error('No terminal in this test')),
  showContainer: () => undefined,
};
