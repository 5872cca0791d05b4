/**
 * The X11 display preset's cookie check. A local X server (DISPLAY=:0) refuses clients without its
 * MIT-MAGIC-COOKIE unless `xhost` lets them in, so the container needs the cookie file of the
 * engine's host mounted and XAUTHORITY naming it. Pure rules over what the host check read.
 */

/** A cookie file the host check found on the engine's host. */
export interface XauthFile {
  path: string;
  /** Owner's numeric user id. */
  uid: number;
  /** Permission bits in octal, as `stat -c %a` prints them: "600". */
  mode: string;
  size: number;
}

/** Where the host check looks for cookies (as shell globs under its read-only view of the host). */
export const xauthSearchGlobs = [
  '/home/*/.Xauthority',
  '/root/.Xauthority',
  '/run/user/*/gdm/Xauthority',
  '/run/user/*/xauth_*',
  '/tmp/.docker.xauth*',
  '/tmp/xauth*',
] as const;

const xauthSearchPatterns = [
  /^\/home\/[^/]+\/\.Xauthority$/,
  /^\/root\/\.Xauthority$/,
  /^\/run\/user\/[^/]+\/gdm\/Xauthority$/,
  /^\/run\/user\/[^/]+\/xauth_[^/]*$/,
  /^\/tmp\/\.docker\.xauth[^/]*$/,
  /^\/tmp\/xauth[^/]*$/,
];

/** Whether the host check looked at `path` (so not finding it there means the host lacks it). */
export function isSearchedXauthPath(path: string): boolean {
  return xauthSearchPatterns.some((p) => p.test(path));
}

/** Where the preset puts the cookie inside the container. */
export const containerXauthority = '/tmp/.docker.xauth';

/** The cookie the preset mounts: the first non-empty one in search order (a desktop user's before root's). */
export function hostCookie(files: readonly XauthFile[] | undefined): XauthFile | undefined {
  const usable = (files ?? []).filter((f) => f.size > 0);
  const rank = (f: XauthFile) => {
    const at = xauthSearchPatterns.findIndex((p) => p.test(f.path));
    return at < 0 ? xauthSearchPatterns.length : at;
  };
  // gdm's per-session cookie is the live one on GNOME desktops; then home folders, then root's.
  const order = (f: XauthFile) => (f.path.includes('/gdm/') ? -1 : rank(f));
  return [...usable].sort((a, b) => order(a) - order(b) || a.path.localeCompare(b.path))[0];
}

/** What the rules need from the run form. */
export interface DisplayRunFields {
  env: ReadonlyArray<{ key: string; value: string }>;
  mounts: ReadonlyArray<{ source: string; target: string }>;
  /** `--user` as typed ('' for the image's user). */
  user: string;
}

export interface XauthProblem {
  field: 'env' | 'mounts';
  message: string;
}

/** `:0`, `:1.0`, `unix:0`: a server on the engine's host through its socket. */
export function isLocalDisplay(display: string): boolean {
  return /^(unix)?:\d+(\.\d+)?$/.test(display.trim());
}

/** The searched places in a few words (the full list is xauthSearchGlobs). */
const searchedInWords = 'each home folder’s and root’s .Xauthority, /run/user/*/, /tmp';

const xhostFix = 'Or: run `xhost +si:localuser:root` on the engine’s host (as the desktop’s user) and set XAUTHORITY to empty here.';

/** The fixes, one per line under the problem (field errors keep line breaks). */
function fixes(cookie: XauthFile | undefined): string {
  const mount = cookie
    ? `Fix: mount the host’s cookie: -v ${cookie.path}:${containerXauthority}:ro -e XAUTHORITY=${containerXauthority}`
    : 'Fix: mount a cookie of the X server’s user (its ~/.Xauthority) and set XAUTHORITY to where it is mounted.';
  return `${mount}\n${xhostFix}`;
}

/** Whether `user` (as --user takes it) can read a file with `file`'s owner and mode; undefined when a name hides the uid. */
function userCanRead(user: string, file: XauthFile): boolean | undefined {
  const who = user.trim().split(':')[0] ?? '';
  if (who === '' || who === 'root' || who === '0') return true;
  if (!/^\d+$/.test(who)) return undefined;
  const bits = parseInt(file.mode, 8);
  return Number(who) === file.uid ? (bits & 0o400) !== 0 : (bits & 0o004) !== 0;
}

/** The host file mounted where XAUTHORITY points, when the display preset is on with a local display. */
function mountedCookieSource(f: DisplayRunFields): string | undefined {
  if (!f.mounts.some((m) => m.target === '/tmp/.X11-unix')) return undefined;
  if (!isLocalDisplay(f.env.find((r) => r.key === 'DISPLAY')?.value ?? '')) return undefined;
  const xauthority = f.env.find((r) => r.key === 'XAUTHORITY')?.value.trim();
  return xauthority ? f.mounts.find((m) => m.target === xauthority)?.source : undefined;
}

/**
 * A cookie file the form mounts from outside the searched folders that the host check has not yet
 * looked at (so the check should be asked about it), or undefined.
 */
export function xauthPathToLook(
  f: DisplayRunFields,
  files: readonly XauthFile[] | undefined,
  looked: readonly string[] | undefined,
): string | undefined {
  if (files === undefined) return undefined;
  const source = mountedCookieSource(f);
  if (!source || !source.startsWith('/') || source.split('/').includes('..') || /[\n\r\0]/.test(source)) return undefined;
  if (isSearchedXauthPath(source) || files.some((x) => x.path === source) || looked?.includes(source)) return undefined;
  return source;
}

/**
 * The cookie problem of a form whose display preset is on, or null: none needed (not the preset,
 * a remote display, an empty XAUTHORITY saying xhost lets the container in), or the cookie is in place.
 * `files` undefined means the host check did not look (an older helper): nothing is said. `looked`
 * are paths outside the searched folders the check was asked about.
 */
export function xauthProblem(
  f: DisplayRunFields,
  files: readonly XauthFile[] | undefined,
  looked: readonly string[] = [],
): XauthProblem | null {
  if (files === undefined || !f.mounts.some((m) => m.target === '/tmp/.X11-unix')) return null;
  const display = f.env.find((r) => r.key === 'DISPLAY')?.value ?? '';
  if (!isLocalDisplay(display)) return null;
  const cookie = hostCookie(files);
  const xauthority = f.env.find((r) => r.key === 'XAUTHORITY');
  if (!xauthority) {
    const where = cookie
      ? `The X server on the engine’s host uses a cookie (${cookie.path}); the container gets none, so it will be refused.`
      : `No xauth cookie on the engine’s host (looked in ${searchedInWords}), so an X server that wants one refuses the container.`;
    return { field: 'env', message: `${where}\n${fixes(cookie)}` };
  }
  // An empty XAUTHORITY: the user says the X server lets local root in (xhost).
  if (xauthority.value.trim() === '') return null;
  const mount = f.mounts.find((m) => m.target === xauthority.value.trim());
  if (!mount) {
    return {
      field: 'mounts',
      message: `XAUTHORITY=${xauthority.value} names a file the container does not have.\n${fixes(cookie)}`,
    };
  }
  const file = files.find((x) => x.path === mount.source);
  if (!file) {
    if (isSearchedXauthPath(mount.source)) {
      return { field: 'mounts', message: `${mount.source} is not on the engine’s host.\n${fixes(cookie)}` };
    }
    if (!looked.includes(mount.source)) return null;
    return { field: 'mounts', message: `${mount.source} is not a file on the engine’s host.\n${fixes(cookie)}` };
  }
  if (file.size === 0) {
    return {
      field: 'mounts',
      message: `${mount.source} on the engine’s host is empty (no cookie in it).\n${fixes(cookie)}`,
    };
  }
  if (userCanRead(f.user, file) === false) {
    return {
      field: 'mounts',
      message: `${mount.source} (mode ${file.mode}, owner uid ${file.uid}) is not readable by --user ${f.user.trim()}.\nFix: run as uid ${file.uid}.\n${xhostFix}`,
    };
  }
  return null;
}
