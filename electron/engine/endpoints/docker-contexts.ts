import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { EngineSpec } from '../../../shared/engine-spec.js';

/** The environment variables the docker CLI reads to find its contexts. */
export interface DockerContextEnv {
  /** The docker CLI's config folder; ~/.docker when unset. */
  DOCKER_CONFIG?: string | undefined;
  /** Overrides the current context named in config.json. */
  DOCKER_CONTEXT?: string | undefined;
}

/** What `docker context create` writes to contexts/meta/<sha256 of the name>/meta.json (the part Berth reads). */
const contextMetaSchema = z.object({
  Name: z.string().min(1),
  Endpoints: z.object({
    docker: z.object({
      Host: z.string().min(1),
      SkipTLSVerify: z.boolean().optional(),
    }),
  }),
});

const dockerConfigSchema = z.object({ currentContext: z.string().optional() }).passthrough();

export interface DockerContextsRead {
  specs: EngineSpec[];
  /** Context folders that could not be read, each with the reason (the others are still listed). */
  problems: string[];
}

function dockerConfigDir(env: DockerContextEnv): string {
  const configured = env.DOCKER_CONFIG?.trim();
  return configured ? configured : join(homedir(), '.docker');
}

/** Berth's engine id for a context: `ctx-` and the name when it is id-safe, else a slug plus a short hash. */
export function contextEngineId(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 40);
  if (slug === name && slug.length > 0) return `ctx-${slug}`;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `ctx-${slug ? `${slug}-` : ''}${hash}`;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function readContext(configDir: string, folder: string): Promise<EngineSpec> {
  const raw: unknown = JSON.parse(await readFile(join(configDir, 'contexts', 'meta', folder, 'meta.json'), 'utf8'));
  const meta = contextMetaSchema.parse(raw);
  const docker = meta.Endpoints.docker;
  // The CLI keeps a context's TLS files beside its metadata, under the same hashed folder name.
  const tlsDir = join(configDir, 'contexts', 'tls', folder, 'docker');
  const hasTls = await isDirectory(tlsDir);
  return {
    id: contextEngineId(meta.Name),
    name: meta.Name.slice(0, 64),
    host: docker.Host,
    ...(hasTls ? { tls: { certPath: tlsDir, verify: docker.SkipTLSVerify !== true } } : {}),
    source: 'context',
    contextName: meta.Name,
  };
}

/** Every docker CLI context (not the implicit `default`), with the folders that could not be read. */
export async function readDockerContexts(env: DockerContextEnv = process.env): Promise<DockerContextsRead> {
  const configDir = dockerConfigDir(env);
  let folders: string[];
  try {
    folders = await readdir(join(configDir, 'contexts', 'meta'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { specs: [], problems: [] };
    throw err;
  }
  const specs: EngineSpec[] = [];
  const problems: string[] = [];
  for (const folder of folders.sort()) {
    try {
      specs.push(await readContext(configDir, folder));
    } catch (err) {
      const reason = err instanceof z.ZodError ? 'not a docker context (no Name or docker endpoint Host)' : (err as Error).message;
      problems.push(`${join(configDir, 'contexts', 'meta', folder, 'meta.json')}: ${reason}`);
    }
  }
  specs.sort((a, b) => a.name.localeCompare(b.name));
  return { specs, problems };
}

/** The docker CLI's contexts, those it could not read, and which one the CLI uses now. */
export interface DockerContextsFound extends DockerContextsRead {
  /** The current context's name (DOCKER_CONTEXT, else config.json's currentContext); undefined for `default`. */
  current: string | undefined;
}

export async function findDockerContexts(env: DockerContextEnv = process.env): Promise<DockerContextsFound> {
  const [read, current] = await Promise.all([readDockerContexts(env), currentDockerContext(env)]);
  return { ...read, current };
}

/**
 * The docker CLI's current context: DOCKER_CONTEXT, else config.json's currentContext. Undefined for
 * the implicit `default` context (the local socket or DOCKER_HOST).
 */
export async function currentDockerContext(env: DockerContextEnv = process.env): Promise<string | undefined> {
  const fromEnv = env.DOCKER_CONTEXT?.trim();
  let name = fromEnv;
  if (!name) {
    try {
      const config = dockerConfigSchema.parse(JSON.parse(await readFile(join(dockerConfigDir(env), 'config.json'), 'utf8')));
      name = config.currentContext?.trim();
    } catch {
      // No config.json (or one the CLI itself would reject): the default context.
      name = undefined;
    }
  }
  return name && name !== 'default' ? name : undefined;
}
