import type { FileEntry } from '../../../shared/files-types.js';

const typeChar: Record<FileEntry['kind'], string> = { dir: 'd', file: '-', symlink: 'l', other: '?' };

/** `drwxr-xr-x` as `ls -l` prints it, with s/S and t/T for setuid, setgid and sticky. */
export function modeText(kind: FileEntry['kind'], mode: number): string {
  const triplet = (bits: number, special: boolean, specialChar: string): string => {
    const x = bits & 1 ? (special ? specialChar : 'x') : special ? specialChar.toUpperCase() : '-';
    return `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${x}`;
  };
  return (
    typeChar[kind] +
    triplet((mode >> 6) & 7, (mode & 0o4000) !== 0, 's') +
    triplet((mode >> 3) & 7, (mode & 0o2000) !== 0, 's') +
    triplet(mode & 7, (mode & 0o1000) !== 0, 't')
  );
}

/** Folders first, then by name (like most file managers). */
export function sortEntries(entries: readonly FileEntry[]): FileEntry[] {
  const isFolder = (e: FileEntry): boolean => e.kind === 'dir' || (e.kind === 'symlink' && e.linkToDir === true);
  return [...entries].sort((a, b) => Number(isFolder(b)) - Number(isFolder(a)) || a.name.localeCompare(b.name));
}
