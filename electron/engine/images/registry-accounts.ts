import type { CredentialStorage, RegistryAccount } from '../../../shared/image-types.js';
import type { EngineConnection } from '../engine-connection.js';
import { displayRegistry, normalizeRegistryAddress } from './registry-address.js';
import type { RegistryCredentials } from './registry-credentials.js';
import { failureError, registryFailureOf } from './registry-errors.js';

/** `docker login` / `docker logout` for Berth: the engine checks the credentials before Berth keeps them. */
export class RegistryAccounts {
  constructor(
    private readonly connection: EngineConnection,
    private readonly credentials: RegistryCredentials,
  ) {}

  async login(
    serverAddress: string,
    username: string,
    password: string,
  ): Promise<{ serverAddress: string; username: string; status: string }> {
    const key = normalizeRegistryAddress(serverAddress);
    let status = 'Login Succeeded';
    try {
      // The engine's /auth asks the registry itself, so a wrong password fails here, not at the next push.
      const answer = (await this.connection.use((docker) => docker.checkAuth({ username, password, serveraddress: key }))) as
        { Status?: unknown } | undefined;
      if (typeof answer?.Status === 'string' && answer.Status) status = answer.Status;
    } catch (err) {
      throw failureError(registryFailureOf(err, { operation: 'login', registry: displayRegistry(key), username }));
    }
    this.credentials.remember(key, username, password);
    return { serverAddress: key, username, status };
  }

  logout(serverAddress: string): Promise<{ serverAddress: string; forgotten: boolean; note?: string }> {
    return this.credentials.forget(serverAddress);
  }

  list(): Promise<RegistryAccount[]> {
    return this.credentials.accounts();
  }

  /** Whether logins survive a restart, and any problem with the saved ones. */
  storage(): CredentialStorage {
    return this.credentials.storage();
  }
}
