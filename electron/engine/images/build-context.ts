import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import dockerignore from '@balena/dockerignore';
import { pack, type PackOptions } from 'tar-fs';
import { pack as packTar, type Pack } from 'tar-stream';
import { BerthError } from '../../../shared/errors.js';

/** The engine refuses bigger Dockerfiles anyway; this keeps a wrong path from reading a huge file. */
const maxDockerfileBytes = 1024 * 1024;

export interface BuildContext {
  /** The context folder, resolved; null for an empty context (an inline Dockerfile and nothing else). */
  root: string | null;
  /** The Dockerfile's path inside the tar (the `dockerfile` parameter of /build). */
  dockerfileName: string;
  /** Its text, for mapping steps to lines. */
  dockerfileText: string;
  /** A Dockerfile that is not a file inside the context is added to the tar under this name. */
  injected: { name: string; text: string } | null;
  /** True when a relative path is left out by .dockerignore. */
  isIgnored: (relativePath: string, isDirectory: boolean) => boolean;
}

const bad = (message: string): BerthError => new BerthError({ code: 'BAD_REQUEST', message, path: ['contextPath'] });

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Checks the context folder and finds the Dockerfile, the way `docker build` does: the path must
 * be an existing folder; the Dockerfile is `Dockerfile` in it unless a path or text is given; one
 * outside the context (or given as text) is sent inside the tar under a generated name.
 */
export function prepareBuildContext(input: { contextPath?: string; dockerfile?: string; dockerfileText?: string }): BuildContext {
  if (input.contextPath === undefined) {
    // `docker build - < Dockerfile`: the tar holds the Dockerfile alone, so COPY and ADD of local files have nothing to take.
    if (input.dockerfileText === undefined) throw bad('Give a context folder, or the Dockerfile text to build with an empty context');
    const name = 'Dockerfile';
    return {
      root: null,
      dockerfileName: name,
      dockerfileText: input.dockerfileText,
      injected: { name, text: input.dockerfileText },
      isIgnored: () => false,
    };
  }
  const root = resolve(input.contextPath);
  const stats = statOrUndefined(root);
  if (!stats) throw bad(`The build context ${root} does not exist`);
  if (!stats.isDirectory())
    throw bad(`The build context ${root} is a file, not a folder: give the folder that holds what the Dockerfile copies`);

  let dockerfileText: string;
  let dockerfileName: string;
  let injected: BuildContext['injected'] = null;
  if (input.dockerfileText !== undefined) {
    dockerfileText = input.dockerfileText;
    dockerfileName = `.dockerfile.${randomBytes(10).toString('hex')}`;
    injected = { name: dockerfileName, text: dockerfileText };
  } else {
    const path = resolve(root, input.dockerfile ?? 'Dockerfile');
    const fileStats = statOrUndefined(path);
    if (!fileStats?.isFile()) {
      throw new BerthError({
        code: 'BAD_REQUEST',
        message: `No Dockerfile at ${path}${input.dockerfile ? '' : ': add one to the context folder, or give a Dockerfile path or its text'}`,
        path: ['dockerfile'],
      });
    }
    if (fileStats.size > maxDockerfileBytes)
      throw new BerthError({
        code: 'BAD_REQUEST',
        message: `${path} is larger than 1 MB: is it really a Dockerfile?`,
        path: ['dockerfile'],
      });
    dockerfileText = readFileSync(path, 'utf8');
    const inside = relative(root, path);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      dockerfileName = `.dockerfile.${randomBytes(10).toString('hex')}`;
      injected = { name: dockerfileName, text: dockerfileText };
    } else {
      dockerfileName = inside.split(sep).join('/');
    }
  }
  return { root, dockerfileName, dockerfileText, injected, isIgnored: dockerignoreFilter(root, dockerfileName) };
}

/**
 * The context's .dockerignore as a predicate (maintained parser: @balena/dockerignore). Like the
 * CLI, the Dockerfile and .dockerignore themselves are always sent. A folder is skipped whole
 * only when no `!` exception could bring back something inside it.
 */
export function dockerignoreFilter(root: string, dockerfileName: string): (relativePath: string, isDirectory: boolean) => boolean {
  let text = '';
  try {
    text = readFileSync(join(root, '.dockerignore'), 'utf8');
  } catch {
    return () => false;
  }
  return dockerignoreMatcher(text, dockerfileName);
}

export function dockerignoreMatcher(text: string, dockerfileName: string): (relativePath: string, isDirectory: boolean) => boolean {
  // The package is CommonJS with `factory.default = factory`: this works under Node and bundlers alike.
  const rules = dockerignore.default({ ignorecase: false }).add(text);
  const hasExceptions = text.split(/\r?\n/).some((l) => l.trim().startsWith('!'));
  const alwaysSent = new Set(['.dockerignore', dockerfileName]);
  return (relativePath, isDirectory) => {
    if (alwaysSent.has(relativePath)) return false;
    if (!rules.ignores(relativePath)) return false;
    // An ignored folder may hold a re-included file: walk into it and judge its files one by one.
    if (isDirectory && hasExceptions) return false;
    return true;
  };
}

/** tar-fs 2 reads `sort` and `umask` too; its type definitions do not list them. */
type FullPackOptions = PackOptions & { sort?: boolean; umask?: number };

/**
 * Streams the context as a tar, file by file (never the whole folder in memory), minus what
 * .dockerignore leaves out, plus an injected Dockerfile. Owners are 0:0 and modes kept as they
 * are, like the CLI's context tar, so cache keys match a `docker build` of the same folder.
 */
export function packBuildContext(context: BuildContext): Readable {
  const { root, injected, isIgnored } = context;
  if (root === null) return packDockerfileOnly(injected?.text ?? '', context.dockerfileName);
  const options: FullPackOptions = {
    sort: true,
    umask: 0,
    // Sockets and FIFOs cannot go in a tar: skip them instead of failing the build.
    strict: false,
    ignore: (absolute: string) => {
      const rel = relative(root, absolute).split(sep).join('/');
      if (!isIgnored(rel, false)) return false;
      // Only stat what .dockerignore matched: folders may still need walking into.
      const isDirectory = statOrUndefined(absolute)?.isDirectory() ?? false;
      return isDirectory ? isIgnored(rel, true) : true;
    },
    map: (header) => ({ ...header, uid: 0, gid: 0, uname: '', gname: '' }),
    finalize: injected === null,
    finish: (tar: Pack) => {
      if (!injected) return;
      tar.entry({ name: injected.name, mode: 0o644, mtime: new Date(0) }, injected.text);
      tar.finalize();
    },
  };
  return pack(root, options) as unknown as Readable;
}

/** The tar of an empty context: the Dockerfile, nothing else. */
function packDockerfileOnly(text: string, name: string): Readable {
  const tar = packTar();
  tar.entry({ name, mode: 0o644, mtime: new Date(0) }, text);
  tar.finalize();
  return tar as unknown as Readable;
}
