import type { EngineConnection } from '../engine-connection.js';
import { dockerConfigPath, dockerConfigReader } from './docker-config-auths.js';
import { ImageActions } from './image-actions.js';
import { ImageBuilder } from './image-builder.js';
import { ImageInsight } from './image-insight.js';
import { ImageTransfers } from './image-transfers.js';
import { LayerIndex } from './layer-index.js';
import { RegistryAccounts } from './registry-accounts.js';
import { ExecCredentialHelpers, type CredentialHelperClient } from './registry-credential-helper.js';
import { RegistryCredentials } from './registry-credentials.js';
import { MemoryLoginStore, type RegistryLoginStore } from './registry-login-store.js';

export interface ImageServices {
  readonly credentials: RegistryCredentials;
  readonly accounts: RegistryAccounts;
  readonly transfers: ImageTransfers;
  readonly actions: ImageActions;
  readonly insight: ImageInsight;
  readonly builder: ImageBuilder;
}

export interface ImageServicesOptions {
  /** The docker CLI's config.json to read credentials from; default $DOCKER_CONFIG or ~/.docker. */
  dockerConfigPath?: string;
  /** Runs docker-credential-* helpers; default: the programs on PATH. */
  credentialHelpers?: CredentialHelperClient;
  /** Where Berth's own logins are kept; default: memory only (the web transport). */
  loginStore?: RegistryLoginStore;
}

/** The image services of one engine connection; they share one credential store and one layer index. */
export function createImageServices(connection: EngineConnection, options: ImageServicesOptions = {}): ImageServices {
  const credentials = new RegistryCredentials(
    dockerConfigReader(options.dockerConfigPath ?? dockerConfigPath()),
    options.credentialHelpers ?? new ExecCredentialHelpers(),
    options.loginStore ?? new MemoryLoginStore(),
  );
  const layers = new LayerIndex(connection);
  return {
    credentials,
    accounts: new RegistryAccounts(connection, credentials),
    transfers: new ImageTransfers(connection, credentials),
    actions: new ImageActions(connection, layers),
    insight: new ImageInsight(connection, layers),
    builder: new ImageBuilder(connection, credentials),
  };
}
