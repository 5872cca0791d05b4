import type { EngineConnection } from '../engine-connection.js';
import { dockerConfigPath, dockerConfigReader } from './docker-config-auths.js';
import { ImageActions } from './image-actions.js';
import { ImageBuilder } from './image-builder.js';
import { ImageInsight } from './image-insight.js';
import { ImageTransfers } from './image-transfers.js';
import { LayerIndex } from './layer-index.js';
import { RegistryAccounts } from './registry-accounts.js';
import { RegistryCredentials } from './registry-credentials.js';

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
}

/** The image services of one engine connection; they share one credential store and one layer index. */
export function createImageServices(connection: EngineConnection, options: ImageServicesOptions = {}): ImageServices {
  const credentials = new RegistryCredentials(dockerConfigReader(options.dockerConfigPath ?? dockerConfigPath()));
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
