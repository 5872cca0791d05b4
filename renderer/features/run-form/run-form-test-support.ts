import type { HostResources } from '../../../shared/robot-run-contract.js';
import type { RunFormDeps } from './run-form-store.js';

/** Run form dependencies for tests that never run with -it nor look at where the new container is shown. */
export const noTerminal: Pick<RunFormDeps, 'runInteractive' | 'showContainer'> = {
  runInteractive: () => Promise.reject(new Error('No terminal in this test')),
  showContainer: () => undefined,
};

/** An engine host with an X11 socket (display :0) and nothing else, with `changes` on top. */
export function desktopHost(changes: Partial<HostResources> = {}): HostResources {
  return {
    serial: [],
    cameras: [],
    joysticks: [],
    dri: [],
    x11: ['/tmp/.X11-unix/X0'],
    wayland: [],
    runtimes: ['runc'],
    nvidiaRuntime: false,
    ...changes,
  };
}
