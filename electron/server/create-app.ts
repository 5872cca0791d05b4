import type { HandlerTable } from './rpc/handler-types.js';
import { EngineConnection } from '../engine/engine-connection.js';
import { SealedFileLoginStore } from '../engine/images/registry-login-store.js';
import type { SecretVault } from '../engine/secret-vault.js';
import { createEngineServices, type EngineServices, type EngineServicesMap } from './engine-services.js';
import { createHandlers } from './handlers/create-handlers.js';

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

/** The id of the engine every call targets today (the contract names no engine yet). */
export const localEngineId = 'local';

export interface BerthApp {
  readonly handlers: HandlerTable;
  /** The services of each engine, by engine id; one entry ('local') today. */
  readonly engines: EngineServicesMap;
  /** Closes every engine's services (terminals, file transfers, stats streams, the connection). */
  close(): Promise<void>;
}

/** The composition root: builds each engine's services once and the handler table both transports serve. */
export async function createBerthApp(options: BerthAppOptions = {}): Promise<BerthApp> {
  const connection = new EngineConnection({ id: localEngineId, dockerHost: options.dockerHost ?? process.env.DOCKER_HOST });
  const local = createEngineServices(connection, {
    images: options.registryLogins
      ? { loginStore: new SealedFileLoginStore(options.registryLogins.directory, options.registryLogins.vault) }
      : {},
  });
  const engines = new Map<string, EngineServices>([[local.id, local]]);
  // Connecting never throws: a missing engine is a status the UI shows, and retries run by themselves.
  await connection.connect();
  return {
    // Every call targets the local engine until the contract names an engine.
    handlers: createHandlers(local, { allowHostShellOverWeb: options.allowHostShellOverWeb ?? false }),
    engines,
    async close() {
      await Promise.all([...engines.values()].map((engine) => engine.close()));
    },
  };
}
