import type { ContainerStreams } from '../../engine/containers/container-streams.js';
import type { ContainersService } from '../../engine/containers/containers-service.js';
import type { EngineConnection } from '../../engine/engine-connection.js';
import type { ImagesService } from '../../engine/images-service.js';
import type { RegistryLoginStore } from '../../engine/images/registry-login-store.js';
import type { TerminalSessions } from '../../engine/terminal/terminal-sessions.js';

/** The services one engine connection gives the contract's handlers. */
export interface AppServices {
  readonly connection: EngineConnection;
  readonly containers: ContainersService;
  readonly containerStreams: ContainerStreams;
  readonly images: ImagesService;
  readonly terminals: TerminalSessions;
  /** Whether a host shell may be opened over the web transport (--allow-host-shell). */
  readonly allowHostShellOverWeb: boolean;
  /** Where registry logins are kept (the desktop app: sealed on disk); absent: memory only. */
  readonly registryLogins?: RegistryLoginStore;
}
