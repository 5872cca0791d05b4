/**
 * Paths inside a container: always absolute and POSIX, normalised the way the kernel would read
 * them (`//`, `.` and `..` resolved lexically; `..` above `/` stays at `/`). Pure, shared by both ends.
 */

export const maxContainerPathLength = 4096;

export type PathCheck = { ok: true; path: string } | { ok: false; error: string };

export function checkContainerPath(raw: string): PathCheck {
  if (raw.length === 0) return { ok: false, error: 'Type a path, e.g. /etc' };
  if (raw.length > maxContainerPathLength) return { ok: false, error: `A path is at most ${maxContainerPathLength} characters` };
  if (raw.includes('\0')) return { ok: false, error: 'A path cannot contain a NUL character' };
  if (!raw.startsWith('/')) return { ok: false, error: `Use an absolute path (starting with /), not ${JSON.stringify(raw)}` };
  return { ok: true, path: normalizeContainerPath(raw) };
}

/** Assumes an absolute path without NUL (see checkContainerPath). */
export function normalizeContainerPath(raw: string): string {
  const parts: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export function joinContainerPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

export function parentContainerPath(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

export function baseNameOf(path: string): string {
  return path === '/' ? '/' : path.slice(path.lastIndexOf('/') + 1);
}

/** `/a/b` → `/`, `/a`, `/a/b` with their labels, for a breadcrumb bar. */
export function pathCrumbs(path: string): Array<{ label: string; path: string }> {
  const crumbs = [{ label: '/', path: '/' }];
  let at = '';
  for (const part of path.split('/').filter((p) => p !== '')) {
    at += `/${part}`;
    crumbs.push({ label: part, path: at });
  }
  return crumbs;
}

export type NameCheck = { ok: true } | { ok: false; error: string };

/** A single file name to create in a directory (an upload): no `/`, no NUL, not `.` or `..`. */
export function checkFileName(name: string): NameCheck {
  if (name.length === 0) return { ok: false, error: 'A file name cannot be empty' };
  if (name === '.' || name === '..') return { ok: false, error: `${JSON.stringify(name)} is not a file name` };
  if (name.includes('/')) return { ok: false, error: `A file name cannot contain "/": ${JSON.stringify(name)}` };
  if (name.includes('\0')) return { ok: false, error: 'A file name cannot contain a NUL character' };
  if (new TextEncoder().encode(name).byteLength > 255)
    return { ok: false, error: `A file name is at most 255 bytes: ${JSON.stringify(name.slice(0, 40))}…` };
  return { ok: true };
}
