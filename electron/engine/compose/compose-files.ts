import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import { maxComposeFileBytes, type StackFile } from '../../../shared/compose-types.js';

/** The names Compose looks for in a folder, in its order. */
export const composeFileNames = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'] as const;

function notFound(message: string): BerthError {
  return new BerthError({ code: 'NOT_FOUND', message });
}

function errnoOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? (err as { code?: string }).code : undefined;
}

/** The Compose file at `path`: the path itself when it is a file, else the folder's compose file. */
export async function resolveComposeFile(path: string): Promise<string> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw notFound(`${path} does not exist on the machine Berth runs on (${errnoOf(err) ?? 'unreadable'})`);
  }
  if (info.isFile()) return path;
  if (!info.isDirectory()) throw new BerthError({ code: 'BAD_REQUEST', message: `${path} is neither a file nor a folder` });
  for (const name of composeFileNames) {
    const candidate = join(path, name);
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // Not this one.
    }
  }
  throw notFound(`${path} holds no Compose file (looked for ${composeFileNames.join(', ')})`);
}

/** The project name Compose gives a folder: its name in lower case, keeping letters, digits, - and _. */
export function defaultProjectName(folder: string): string {
  const name = basename(folder)
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[^a-z0-9]+/, '');
  return name || 'default';
}

export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export async function readComposeFile(path: string): Promise<StackFile> {
  let buffer: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new BerthError({ code: 'BAD_REQUEST', message: `${path} is not a file` });
    if (info.size > maxComposeFileBytes) {
      throw new BerthError({
        code: 'BAD_REQUEST',
        message: `${path} is ${info.size} bytes: Berth edits Compose files up to ${maxComposeFileBytes} bytes`,
      });
    }
    buffer = await readFile(path);
  } catch (err) {
    if (err instanceof BerthError) throw err;
    throw notFound(`Cannot read ${path} on the machine Berth runs on (${errnoOf(err) ?? String(err)})`);
  }
  const text = buffer.toString('utf8');
  return { path, text, hash: textHash(text) };
}

/**
 * Writes `text` to `path` if the file still holds what was read (`baseHash`); through a temporary
 * file in the same folder and a rename, so a crash never leaves half a file. Keeps the file's mode.
 */
export async function saveComposeFile(path: string, text: string, baseHash: string): Promise<StackFile> {
  const current = await readComposeFile(path);
  if (current.hash !== baseHash) {
    throw new BerthError({
      code: 'CONFLICT',
      message: `${basename(path)} changed on disk since Berth read it: nothing was saved. Reload it to see the other change.`,
    });
  }
  const mode = (await stat(path)).mode & 0o7777;
  const temporary = join(dirname(path), `.${basename(path)}.berth-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(temporary, text, { mode });
    await rename(temporary, path);
  } catch (err) {
    await unlink(temporary).catch(() => undefined);
    throw new BerthError({ code: 'CONFLICT', message: `Could not save ${path}: ${errnoOf(err) ?? String(err)}` });
  }
  return { path, text, hash: textHash(text) };
}

/**
 * Writes a new stack's compose.yaml into `folder` (made if missing). Refuses, writing nothing, when
 * the folder already holds any Compose file: Compose would read that one, or both, and a user's file
 * is never overwritten. The exclusive open ('wx') also refuses a file that appears meanwhile.
 */
export async function createComposeFile(folder: string, text: string): Promise<StackFile> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (err) {
    throw new BerthError({ code: 'BAD_REQUEST', message: `Cannot make the folder ${folder}: ${errnoOf(err) ?? String(err)}` });
  }
  for (const name of composeFileNames) {
    if (
      await stat(join(folder, name)).then(
        () => true,
        () => false,
      )
    ) {
      throw new BerthError({
        code: 'CONFLICT',
        message: `${join(folder, name)} already exists: nothing was written. Open that stack, or choose another folder.`,
      });
    }
  }
  const path = join(folder, composeFileNames[0]);
  try {
    await writeFile(path, text, { flag: 'wx', mode: 0o644 });
  } catch (err) {
    const code = errnoOf(err);
    throw new BerthError({
      code: code === 'EEXIST' ? 'CONFLICT' : 'BAD_REQUEST',
      message: code === 'EEXIST' ? `${path} already exists: nothing was written` : `Could not write ${path}: ${code ?? String(err)}`,
    });
  }
  return { path, text, hash: textHash(text) };
}
