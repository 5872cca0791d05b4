import type { FileEntry } from '../../../../shared/files-types.js';
import { entryKindOfUnixMode } from './file-modes.js';

/**
 * Lists one directory of a running container with a POSIX `sh` script run through exec: only `sh`,
 * `test`, `printf`, `stat` and `readlink` are needed (busybox, Debian, Alpine, most images; not
 * distroless, where Berth falls back to the archive API).
 *
 * Output is NUL-separated so any name survives (spaces, newlines, unicode). It comes in batches of
 * at most 256 entries: records `f\0<name>\0` (not a link), `l\0<name>\0<target>\0` (a link) or
 * `L\0<name>\0<target>\0` (a link to a directory), then an empty record, then one `stat` line
 * (`<raw mode hex> <size> <mtime>`) per name of the batch. An empty batch ends the output; a
 * `!` record instead of a batch means the listing stopped at the entry limit.
 *
 * Arguments: $1 the directory, $2 the entry limit. Exit codes: 3 no such path, 4 not a directory,
 * 5 permission denied, 6 stat failed (an entry vanished meanwhile).
 */
export const listingScript = [
  'd=$1; max=$2',
  'if [ ! -e "$d" ] && [ ! -L "$d" ]; then exit 3; fi',
  '[ -d "$d" ] || exit 4',
  'cd -- "$d" 2>/dev/null || exit 5',
  '[ -r . ] || exit 5',
  'n=0',
  'flush() {',
  '  for f in "$@"; do',
  '    if [ -L "$f" ]; then',
  '      if [ -d "$f" ]; then k=L; else k=l; fi',
  `      printf '%s\\0%s\\0%s\\0' "$k" "$f" "$(readlink -- "$f")"`,
  `    else printf 'f\\0%s\\0' "$f"; fi`,
  '  done',
  `  printf '\\0'`,
  `  [ $# -eq 0 ] || stat -c '%f %s %Y' -- "$@" || exit 6`,
  '}',
  'set --',
  'for f in .* *; do',
  '  case $f in .|..) continue ;; esac',
  '  [ -e "$f" ] || [ -L "$f" ] || continue',
  '  n=$((n + 1))',
  `  if [ "$n" -gt "$max" ]; then flush "$@"; printf '!\\0'; exit 0; fi`,
  '  set -- "$@" "$f"',
  '  if [ $# -ge 256 ]; then flush "$@"; set --; fi',
  'done',
  'flush "$@"',
  `[ $# -eq 0 ] || printf '\\0'`,
].join('\n');

export const listingExitCodes = { notFound: 3, notDirectory: 4, permissionDenied: 5, vanished: 6 } as const;

export interface ParsedListing {
  entries: FileEntry[];
  /** The script stopped at its entry limit. */
  truncated: boolean;
}

/** Reads the script's output; throws when it is not what the script writes (the caller falls back). */
export function parseListingOutput(output: Uint8Array): ParsedListing {
  const decoder = new TextDecoder('utf-8');
  const entries: FileEntry[] = [];
  let pos = 0;
  const record = (): string => {
    const end = output.indexOf(0, pos);
    if (end < 0) throw new Error('listing output ends inside a record');
    const text = decoder.decode(output.subarray(pos, end));
    pos = end + 1;
    return text;
  };
  const line = (): string => {
    const end = output.indexOf(10, pos);
    if (end < 0) throw new Error('listing output ends inside a stat line');
    const text = decoder.decode(output.subarray(pos, end));
    pos = end + 1;
    return text;
  };
  for (;;) {
    if (pos >= output.byteLength) throw new Error('listing output ends without its end mark');
    const batch: Array<{ name: string; link?: { target: string; toDir: boolean } }> = [];
    let flag = record();
    if (flag === '!') return { entries, truncated: true };
    while (flag !== '') {
      if (flag === 'f') batch.push({ name: record() });
      else if (flag === 'l' || flag === 'L') batch.push({ name: record(), link: { toDir: flag === 'L', target: record() } });
      else throw new Error(`unexpected listing record ${JSON.stringify(flag)}`);
      flag = record();
    }
    if (batch.length === 0) return { entries, truncated: false };
    for (const item of batch) {
      const fields = line().split(' ');
      const [modeHex, size, mtime] = fields;
      if (fields.length !== 3 || modeHex === undefined || size === undefined || mtime === undefined) throw new Error('malformed stat line');
      const rawMode = Number.parseInt(modeHex, 16);
      if (!Number.isFinite(rawMode)) throw new Error('malformed mode in stat line');
      const kind = entryKindOfUnixMode(rawMode);
      entries.push({
        name: item.name,
        kind,
        size: Number(size),
        mode: rawMode & 0o7777,
        mtime: Number(mtime) * 1000,
        ...(item.link ? { linkTarget: item.link.target, linkToDir: item.link.toDir } : {}),
      });
    }
  }
}
