import type { RegistryAccount } from '../../../shared/image-types.js';
import type { DockerConfigAuths } from './docker-config-auths.js';
import { displayRegistry, normalizeRegistryAddress } from './registry-address.js';

/** What the engine takes in X-Registry-Auth (and, keyed by registry, in X-Registry-Config). */
export interface EngineAuthConfig {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress: string;
}

interface Secret {
  username: string;
  password: string;
}

/**
 * Registry credentials, kept in memory only. Logins made in Berth come first; otherwise the
 * docker CLI's config.json (`auths` with inline secrets) is used, so Berth can pull what the CLI
 * can. Secrets live in private fields: they never reach a log line, a JSON dump or the renderer.
 */
export class RegistryCredentials {
  readonly #secrets = new Map<string, Secret>();
  /** config.json registries the user logged out of in Berth: not used until a new login. */
  readonly #ignoredConfig = new Set<string>();

  constructor(private readonly readConfig: () => DockerConfigAuths) {}

  remember(serverAddress: string, username: string, password: string): void {
    const key = normalizeRegistryAddress(serverAddress);
    this.#secrets.set(key, { username, password });
    this.#ignoredConfig.delete(key);
  }

  /** Forgets Berth's login and stops using config.json's credentials for the registry. */
  forget(serverAddress: string): { serverAddress: string; forgotten: boolean; note?: string } {
    const key = normalizeRegistryAddress(serverAddress);
    const forgotten = this.#secrets.delete(key);
    const inConfig = this.readConfig().credentials.some((c) => c.serverAddress === key);
    if (!inConfig) return { serverAddress: key, forgotten };
    this.#ignoredConfig.add(key);
    return {
      serverAddress: key,
      forgotten: true,
      note: `~/.docker/config.json still holds credentials for ${displayRegistry(key)}; Berth ignores them until you log in again (docker logout removes them).`,
    };
  }

  /** The credentials to send for a registry, or undefined to send none. */
  authFor(serverAddress: string): EngineAuthConfig | undefined {
    const key = normalizeRegistryAddress(serverAddress);
    const own = this.#secrets.get(key);
    if (own) return { username: own.username, password: own.password, serveraddress: key };
    if (this.#ignoredConfig.has(key)) return undefined;
    const fromConfig = this.readConfig().credentials.find((c) => c.serverAddress === key);
    if (!fromConfig) return undefined;
    return {
      username: fromConfig.username,
      password: fromConfig.password,
      ...(fromConfig.identityToken ? { identitytoken: fromConfig.identityToken } : {}),
      serveraddress: key,
    };
  }

  /** Every usable credential by registry, for builds whose FROM lines may pull from several. */
  registryConfig(): Record<string, EngineAuthConfig> {
    const out: Record<string, EngineAuthConfig> = {};
    const keys = new Set([...this.readConfig().credentials.map((c) => c.serverAddress), ...this.#secrets.keys()]);
    for (const key of keys) {
      const auth = this.authFor(key);
      if (auth) out[key] = auth;
    }
    return out;
  }

  /** Registries and usernames only. */
  accounts(): RegistryAccount[] {
    const config = this.readConfig();
    const accounts: RegistryAccount[] = [];
    for (const [serverAddress, { username }] of this.#secrets) accounts.push({ serverAddress, username, source: 'berth', usable: true });
    for (const c of config.credentials) {
      if (this.#secrets.has(c.serverAddress)) continue;
      const ignored = this.#ignoredConfig.has(c.serverAddress);
      accounts.push({
        serverAddress: c.serverAddress,
        username: c.username,
        source: 'docker-config',
        usable: !ignored,
        ...(ignored ? { note: 'Logged out in Berth' } : {}),
      });
    }
    for (const h of config.helpers) {
      if (accounts.some((a) => a.serverAddress === h.serverAddress)) continue;
      accounts.push({
        serverAddress: h.serverAddress,
        username: '',
        source: 'docker-config',
        usable: false,
        note: `Stored by the credential helper docker-credential-${h.helper}, which Berth does not call yet: log in through Berth to use this registry`,
      });
    }
    return accounts;
  }
}
