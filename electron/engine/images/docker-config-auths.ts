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
  /** `credHelpers` entries, then `auths` entries left empty because `credsStore` holds their secret. */
  helpers: HelperEntry[];
  /** The helper for every registry without a `credHelpers` entry, or null. */
  credsStore: string | null;
}

interface RawConfig {
  auths?: Record<string, { auth?: unknown; identitytoken?: unknown; username?: unknown; password?: unknown }>;
  credsStore?: unknown;
  credHelpers?: Record<string, unknown>;
}

const empty: DockerConfigAuths = { credentials: [], helpers: [], credsStore: null };

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
  if (typeof raw !== 'object' || raw === null) return empty;
  const store = typeof raw.credsStore === 'string' && raw.credsStore ? raw.credsStore : undefined;
  // Like the CLI, a registry's own credHelpers entry wins over credsStore.
  for (const [address, helper] of Object.entries(raw.credHelpers ?? {})) {
    if (typeof helper === 'string' && helper) helpers.push({ serverAddress: normalizeRegistryAddress(address), helper });
  }
  for (const [address, entry] of Object.entries(raw.auths ?? {})) {
    const serverAddress = normalizeRegistryAddress(address);
    const decoded = typeof entry?.auth === 'string' ? Buffer.from(entry.auth, 'base64').toString('utf8') : undefined;
    const colon = decoded?.indexOf(':') ?? -1;
    if (decoded !== undefined && colon > 0) {
      const identityToken = typeof entry.identitytoken === 'string' && entry.identitytoken ? entry.identitytoken : undefined;
      credentials.push({
        serverAddress,
        username: decoded.slice(0, colon),
        password: decoded.slice(colon + 1),
        ...(identityToken ? { identityToken } : {}),
      });
    } else if (typeof entry?.username === 'string' && typeof entry.password === 'string') {
      credentials.push({ serverAddress, username: entry.username, password: entry.password });
    } else if (store && !helpers.some((h) => h.serverAddress === serverAddress)) {
      // With a credsStore the CLI leaves an empty entry here and keeps the secret in the helper.
      helpers.push({ serverAddress, helper: store });
    }
  }
  return { credentials, helpers, credsStore: store ?? null };
}

/** The credential helper the CLI would ask for a registry (normalised address), or undefined. */
export function helperFor(config: DockerConfigAuths, serverAddress: string): string | undefined {
  return config.helpers.find((h) => h.serverAddress === serverAddress)?.helper ?? config.credsStore ?? undefined;
}

/** Where the docker CLI keeps its config: $DOCKER_CONFIG (when set and not empty), else ~/.docker. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.DOCKER_CONFIG || join(homedir(), '.docker'), 'config.json');
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
