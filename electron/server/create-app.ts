import type { HandlerTable } from './rpc/handler-types.js';
import { ContainersService } from '../engine/containers/containers-service.js';
import { ContainerStreams } from '../engine/containers/container-streams.js';
import { EngineConnection } from '../engine/engine-connection.js';
import { ImagesService } from '../engine/images-service.js';
import { SealedFileLoginStore } from '../engine/images/registry-login-store.js';
import type { SecretVault } from '../engine/secret-vault.js';
import { TerminalSessions } from '../engine/terminal/terminal-sessions.js';
import { createHandlers, type AppServices } from './handlers/create-handlers.js';

export interface BerthAppOptions {
  /** DOCKER_HOST-style endpoint; defaults to the DOCKER_HOST environment variable, then the platform socket. */
  dockerHost?: string;
  /** Allow host shells over the web transport (the server's --allow-host-shell flag). */
  allowHostShellOverWeb?: boolean;
  /**
   * The desktop app: registry logins are saved in this directory, sealed by the vault (the OS
   * keyring). Without it (the web transport) logins stay in memory.
   */
  registryLogins?: { directory: string; vault: SecretVault };
}

export interface BerthApp {
  readonly handlers: HandlerTable;
  readonly services: AppServices;
  close(): Promise<void>;
}

/** Builds the services for the local engine connection and the handler table both transports serve. */
export async function createBerthApp(options: BerthAppOptions = {}): Promise<BerthApp> {
  const connection = new EngineConnection({ id: 'local', dockerHost: options.dockerHost ?? process.env.DOCKER_HOST });
  const services: AppServices = {
    connection,
    containers: new ContainersService(connection),
    containerStreams: new ContainerStreams(connection),
    images: new ImagesService(connection),
    terminals: new TerminalSessions(connection),
    allowHostShellOverWeb: options.allowHostShellOverWeb ?? false,
    ...(options.registryLogins ? { registryLogins: new SealedFileLoginStore(options.registryLogins.directory, options.registryLogins.vault) } : {}),
  };
  // Connecting never throws: a missing engine is a status the UI shows, and retries run by themselves.
  await connection.connect();
  return {
    handlers: createHandlers(services),
    services,
    async close() {
      await services.terminals.closeAll();
      connection.close();
    },
  };
}
