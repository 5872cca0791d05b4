import type { RouterHandlers } from './rpc/handler-types.js';
import { defaultEngineId } from '../../shared/wire.js';
import { engineSpecFromDockerHost } from '../engine/docker-endpoint.js';
import { EngineConnection } from '../engine/engine-connection.js';
import { findDockerContexts } from '../engine/endpoints/docker-contexts.js';
import { SealedFileLoginStore } from '../engine/images/registry-login-store.js';
import type { SecretVault } from '../engine/secret-vault.js';
import { createEngineServices, type EngineServices } from './engine-services.js';
import { EngineRegistry } from './engines/engine-registry.js';
import { createEnginesHandlers } from './engines/engines-handlers.js';
import type { PassphraseKeeper } from './engines/kept-passphrases.js';
import { PassphrasePrompts } from './engines/passphrase-prompts.js';
import { createHandlers } from './handlers/create-handlers.js';

export interface BerthAppOptions {
  /** DOCKER_HOST-style endpoint of the default engine; defaults to the DOCKER_HOST environment variable, then the platform socket. */
  dockerHost?: string;
  /** Allow host shells over the web transport (the server's --allow-host-shell flag). */
  allowHostShellOverWeb?: boolean;
  /**
   * The desktop app: registry logins are saved in this directory, sealed by the vault (the OS
   * keyring). Without it (the web transport) logins stay in memory.
   */
  registryLogins?: { directory: string; vault: SecretVault };
  /** The JSON file engines added in Berth are saved to; without it they last until Berth stops. */
  savedEnginesFile?: string;
  /** Where SSH key passphrases the user chose to keep are sealed (the desktop app, with the OS keyring); none keeps nothing. */
  keptPassphrases?: PassphraseKeeper;
  /** Serve the docker CLI's contexts (~/.docker/contexts, or DOCKER_CONFIG's) as engines too; off by default (tests). */
  dockerContexts?: boolean;
}

/** The id of the engine a call targets when it names none. */
export const localEngineId = defaultEngineId;

export interface BerthApp {
  /** What the router serves: the engines.* entries and each engine's handler table, by engine id. */
  readonly handlers: RouterHandlers;
  /** Every engine Berth serves (the default one, CLI contexts, saved engines). */
  readonly registry: EngineRegistry;
  /** The services of each engine, by engine id. */
  readonly engines: { get(engineId: string): EngineServices | undefined };
  /** Closes every engine's services (terminals, file transfers, stats streams, the connection). */
  close(): Promise<void>;
}

/** The composition root: the engine registry (each engine's services built once) and the handlers both transports serve. */
export async function createBerthApp(options: BerthAppOptions = {}): Promise<BerthApp> {
  // The default engine as Berth always found it: --docker-host, else DOCKER_HOST (TLS files from DOCKER_CERT_PATH), else the socket.
  const defaultSpec = engineSpecFromDockerHost(options.dockerHost ?? process.env.DOCKER_HOST);
  // One login store for every engine: a registry login is the registry's, whichever engine pulls.
  const loginStore = options.registryLogins
    ? new SealedFileLoginStore(options.registryLogins.directory, options.registryLogins.vault)
    : undefined;
  const policy = { allowHostShellOverWeb: options.allowHostShellOverWeb ?? false };
  // SSH key passphrases are asked in the app's windows (one question list for every engine).
  const passphrasePrompts = new PassphrasePrompts(options.keptPassphrases);
  const registry = new EngineRegistry({
    defaultEngine: defaultSpec,
    ...(options.savedEnginesFile === undefined ? {} : { savedEnginesFile: options.savedEnginesFile }),
    ...(options.dockerContexts ? { listContexts: () => findDockerContexts() } : {}),
    passphrases: passphrasePrompts,
    builders: {
      connect: (spec) => new EngineConnection({ id: spec.id, spec, askPassphrase: passphrasePrompts.prompterFor(spec.id, spec.name) }),
      services: (connection) => createEngineServices(connection, { images: loginStore ? { loginStore } : {} }),
      handlers: (services) => createHandlers(services, policy),
    },
  });
  // Connecting never throws: a missing engine is a status the UI shows, and retries run by themselves.
  await registry.start();
  const app = createEnginesHandlers(registry, passphrasePrompts);
  return {
    handlers: {
      app,
      engine: (id) => registry.engine(id),
      engineProblem: (id) => registry.engineProblem(id),
      engineIds: () => registry.engineIds(),
      disposeClient: (clientId) => registry.disposeClient(clientId),
    },
    registry,
    engines: { get: (id) => registry.services(id) },
    close: () => registry.close(),
  };
}
