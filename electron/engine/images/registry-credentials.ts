import type { CredentialStorage, RegistryAccount } from '../../../shared/image-types.js';
import { helperFor, type DockerConfigAuths } from './docker-config-auths.js';
import { displayRegistry, normalizeRegistryAddress } from './registry-address.js';
import { helperProgram, type CredentialHelperClient, type HelperAnswer, type HelperCredential } from './registry-credential-helper.js';
import { MemoryLoginStore, type RegistryLoginStore, type SavedLogin } from './registry-login-store.js';

/** What the engine takes in X-Registry-Auth (and, keyed by registry, in X-Registry-Config). */
export interface EngineAuthConfig {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress: string;
}

/**
 * Registry credentials. Logins made in Berth come first (kept by the login store: sealed on disk
 * in the desktop app, memory only otherwise); then the docker CLI's config: the credential helper
 * it names for the registry (credHelpers, credsStore), then `auths` with inline secrets, so Berth
 * pulls what the CLI can. Secrets live in private fields: they never reach a log line, a JSON
 * dump or the renderer.
 */
export class RegistryCredentials {
  readonly #logins: Map<string, SavedLogin>;
  /** config registries the user logged out of in Berth: not used until a new login. */
  readonly #ignoredConfig: Set<string>;
  readonly #readConfig: () => DockerConfigAuths;
  readonly #helpers: CredentialHelperClient;
  readonly #store: RegistryLoginStore;

  constructor(readConfig: () => DockerConfigAuths, helpers: CredentialHelperClient, store: RegistryLoginStore = new MemoryLoginStore()) {
    this.#readConfig = readConfig;
    this.#helpers = helpers;
    this.#store = store;
    const saved = store.load();
    this.#logins = saved.logins;
    this.#ignoredConfig = saved.ignoredConfig;
  }

  /** Where logins are kept, for the accounts panel. */
  storage(): CredentialStorage {
    return this.#store.storage();
  }

  remember(serverAddress: string, username: string, password: string): void {
    const key = normalizeRegistryAddress(serverAddress);
    this.#logins.set(key, { username, password });
    this.#ignoredConfig.delete(key);
    this.#save();
  }

  /** Forgets Berth's login and stops using the docker config's credentials for the registry. */
  async forget(serverAddress: string): Promise<{ serverAddress: string; forgotten: boolean; note?: string }> {
    const key = normalizeRegistryAddress(serverAddress);
    const forgotten = this.#logins.delete(key);
    const holder = await this.#configHolder(key);
    if (!holder) {
      if (forgotten) this.#save();
      return { serverAddress: key, forgotten };
    }
    this.#ignoredConfig.add(key);
    this.#save();
    return {
      serverAddress: key,
      forgotten: true,
      note: `${holder} still holds credentials for ${displayRegistry(key)}; Berth ignores them until you log in again (docker logout removes them).`,
    };
  }

  /** The credentials to send for a registry, or undefined to send none. */
  async authFor(serverAddress: string): Promise<EngineAuthConfig | undefined> {
    return (await this.lookup(serverAddress)).auth;
  }

  /**
   * The credentials for a registry, and, when there are none because the credential helper the
   * docker config names could not be run, why (for the message of a refused pull or push).
   */
  async lookup(serverAddress: string): Promise<{ auth?: EngineAuthConfig; problem?: string }> {
    const key = normalizeRegistryAddress(serverAddress);
    const own = this.#logins.get(key);
    if (own) return { auth: { username: own.username, password: own.password, serveraddress: key } };
    if (this.#ignoredConfig.has(key)) return {};
    const config = this.#readConfig();
    const fromHelper = await this.#fromHelper(helperFor(config, key), key);
    if (fromHelper?.kind === 'found') {
      const c = fromHelper.value;
      return {
        auth: c.isIdentityToken
          ? { identitytoken: c.secret, serveraddress: key }
          : { username: c.username, password: c.secret, serveraddress: key },
      };
    }
    const inline = config.credentials.find((c) => c.serverAddress === key);
    if (inline) {
      const auth: EngineAuthConfig = { username: inline.username, password: inline.password, serveraddress: key };
      return { auth: inline.identityToken ? { ...auth, identitytoken: inline.identityToken } : auth };
    }
    return fromHelper?.kind === 'missing' || fromHelper?.kind === 'failed' ? { problem: fromHelper.message } : {};
  }

  /** Every usable credential by registry, for builds whose FROM lines may pull from several. */
  async registryConfig(): Promise<Record<string, EngineAuthConfig>> {
    const config = this.#readConfig();
    const keys = new Set([
      ...config.credentials.map((c) => c.serverAddress),
      ...config.helpers.map((h) => h.serverAddress),
      ...this.#logins.keys(),
    ]);
    if (config.credsStore) {
      const listed = await this.#helpers.list(config.credsStore);
      if (listed.kind === 'found') for (const url of Object.keys(listed.value)) keys.add(normalizeRegistryAddress(url));
    }
    const out: Record<string, EngineAuthConfig> = {};
    for (const key of keys) {
      const auth = await this.authFor(key);
      if (auth) out[key] = auth;
    }
    return out;
  }

  /** Registries and usernames only; a helper that cannot be run is a note on its registries. */
  async accounts(): Promise<RegistryAccount[]> {
    const config = this.#readConfig();
    const accounts: RegistryAccount[] = [];
    const shown = (key: string): boolean => accounts.some((a) => a.serverAddress === key);
    const ignoredNote = (key: string): Pick<RegistryAccount, 'usable' | 'note'> =>
      this.#ignoredConfig.has(key) ? { usable: false, note: 'Logged out in Berth' } : { usable: true };

    for (const [serverAddress, { username }] of this.#logins) accounts.push({ serverAddress, username, source: 'berth', usable: true });

    // Registries with their own helper (credHelpers, or an empty auths entry under credsStore).
    for (const h of config.helpers) {
      if (shown(h.serverAddress)) continue;
      const answer = await this.#fromHelper(h.helper, h.serverAddress);
      accounts.push({
        serverAddress: h.serverAddress,
        source: 'docker-config',
        helper: h.helper,
        ...helperRow(h.helper, h.serverAddress, answer),
        ...(answer?.kind === 'found' ? ignoredNote(h.serverAddress) : {}),
      });
    }
    // Everything else the credsStore holds.
    if (config.credsStore) {
      const listed = await this.#helpers.list(config.credsStore);
      if (listed.kind === 'found') {
        for (const [url, username] of Object.entries(listed.value)) {
          const key = normalizeRegistryAddress(url);
          if (shown(key)) continue;
          accounts.push({
            serverAddress: key,
            username: username === '<token>' ? identityTokenLabel : username,
            source: 'docker-config',
            helper: config.credsStore,
            ...ignoredNote(key),
          });
        }
      }
    }
    for (const c of config.credentials) {
      if (shown(c.serverAddress)) continue;
      accounts.push({ serverAddress: c.serverAddress, username: c.username, source: 'docker-config', ...ignoredNote(c.serverAddress) });
    }
    return accounts;
  }

  /** Where the docker CLI keeps credentials for a registry, if it does: its helper or config.json. */
  async #configHolder(key: string): Promise<string | undefined> {
    const config = this.#readConfig();
    const helper = helperFor(config, key);
    if (helper && (await this.#fromHelper(helper, key))?.kind === 'found') return helperProgram(helper);
    return config.credentials.some((c) => c.serverAddress === key) ? '~/.docker/config.json' : undefined;
  }

  /**
   * Asks a helper for a registry as the CLI does (by its normalised address); when the helper
   * keeps it under another spelling (`https://host/`), finds that one through `list`.
   */
  async #fromHelper(helper: string | undefined, key: string): Promise<HelperAnswer<HelperCredential> | undefined> {
    if (!helper) return undefined;
    const direct = await this.#helpers.get(helper, key);
    if (direct.kind !== 'not-found') return direct;
    const listed = await this.#helpers.list(helper);
    if (listed.kind !== 'found') return direct;
    const other = Object.keys(listed.value).find((url) => url !== key && normalizeRegistryAddress(url) === key);
    return other === undefined ? direct : this.#helpers.get(helper, other);
  }

  #save(): void {
    this.#store.save({ logins: this.#logins, ignoredConfig: this.#ignoredConfig });
  }
}

/** How a helper's `<token>` username (the secret is an identity token) is shown. */
const identityTokenLabel = '(identity token)';

/** The username, usability and note of a registry row whose secret is in a helper. */
function helperRow(
  helper: string,
  key: string,
  answer: HelperAnswer<HelperCredential> | undefined,
): Pick<RegistryAccount, 'username' | 'usable' | 'note'> {
  const program = helperProgram(helper);
  switch (answer?.kind) {
    case 'found':
      return { username: answer.value.isIdentityToken ? identityTokenLabel : answer.value.username, usable: true };
    case 'missing':
      return {
        username: '',
        usable: false,
        note: `${answer.message}: Berth cannot read the credentials the docker CLI stored there. Install it, or log in through Berth.`,
      };
    case 'failed':
      return { username: '', usable: false, note: answer.message };
    default:
      return { username: '', usable: false, note: `${program} holds no credentials for ${displayRegistry(key)}` };
  }
}
