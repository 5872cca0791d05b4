import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { normalizeRegistryAddress } from './registry-address.js';

/** Credentials the docker CLI saved in config.json (`auths` with an inline `auth`). */
export interface ConfigCredential {
  serverAddress: string;
  username: string;
  password: string;
  identityToken?: string;
}

/** A registry whose credentials live in a credential helper (credsStore / credHelpers). */
export interface HelperEntry {
  serverAddress: string;
  helper: string;
}

export interface DockerConfigAuths {
  credentials: ConfigCredential[];
  helpers: HelperEntry[];
}

interface RawConfig {
  auths?: Record<string, { auth?: unknown; identitytoken?: unknown; username?: unknown; password?: unknown }>;
  credsStore?: unknown;
  credHelpers?: Record<string, unknown>;
}

const empty: DockerConfigAuths = { credentials: [], helpers: [] };

/** Reads the registries of a config.json text; an unreadable file gives nothing rather than an error. */
export function parseDockerConfig(text: string): DockerConfigAuths {
  let raw: RawConfig;
  try {
    raw = JSON.parse(text) as RawConfig;
  } catch {
    return empty;
  }
  const credentials: ConfigCredential[] = [];
  const helpers: HelperEntry[] = [];
  const store = typeof raw.credsStore === 'string' ? raw.credsStore : undefined;
  for (const [address, entry] of Object.entries(raw.auths ?? {})) {
    const serverAddress = normalizeRegistryAddress(address);
    const decoded = typeof entry?.auth === 'string' ? Buffer.from(entry.auth, 'base64').toString('utf8') : undefined;
    const colon = decoded?.indexOf(':') ?? -1;
    if (decoded !== undefined && colon > 0) {
      const identityToken = typeof entry.identitytoken === 'string' && entry.identitytoken ? entry.identitytoken : undefined;
      credentials.push({ serverAddress, username: decoded.slice(0, colon), password: decoded.slice(colon + 1), ...(identityToken ? { identityToken } : {}) });
    } else if (typeof entry?.username === 'string' && typeof entry.password === 'string') {
      credentials.push({ serverAddress, username: entry.username, password: entry.password });
    } else if (store) {
      // With a credsStore the CLI leaves an empty entry here and keeps the secret in the helper.
      helpers.push({ serverAddress, helper: store });
    }
  }
  for (const [address, helper] of Object.entries(raw.credHelpers ?? {})) {
    if (typeof helper === 'string') helpers.push({ serverAddress: normalizeRegistryAddress(address), helper });
  }
  return { credentials, helpers };
}

/** Where the docker CLI keeps its config: $DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'config.json');
}

/** Reads config.json again only when it changed (by mtime), so each pull costs one stat. */
export function dockerConfigReader(path: string): () => DockerConfigAuths {
  let cached: { mtimeMs: number; auths: DockerConfigAuths } | undefined;
  return () => {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      cached = undefined;
      return empty;
    }
    if (cached?.mtimeMs !== mtimeMs) {
      let text = '';
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        // Unreadable (permissions): behave as if there were no file.
      }
      cached = { mtimeMs, auths: parseDockerConfig(text) };
    }
    return cached.auths;
  };
}
