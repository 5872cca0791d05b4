import type { FileKind } from '../../../../shared/files-types.js';

/** What a Unix `st_mode` (S_IFMT bits) says an entry is. */
export function entryKindOfUnixMode(mode: number): FileKind {
  switch (mode & 0o170000) {
    case 0o040000:
      return 'dir';
    case 0o100000:
      return 'file';
    case 0o120000:
      return 'symlink';
    default:
      return 'other';
  }
}

// Go's os.FileMode bits, as the engine's X-Docker-Container-Path-Stat header reports them. Bit 31
// does not fit JavaScript's 32-bit `&`, so bits are read arithmetically.
const goBit = (mode: number, n: number): boolean => Math.floor(mode / 2 ** n) % 2 === 1;
const goBits = {
  dir: 31,
  symlink: 27,
  device: 26,
  namedPipe: 25,
  socket: 24,
  setuid: 23,
  setgid: 22,
  charDevice: 21,
  sticky: 20,
  irregular: 19,
} as const;

export function entryKindOfGoMode(mode: number): FileKind {
  if (goBit(mode, goBits.dir)) return 'dir';
  if (goBit(mode, goBits.symlink)) return 'symlink';
  const special = [goBits.device, goBits.namedPipe, goBits.socket, goBits.charDevice, goBits.irregular];
  return special.some((n) => goBit(mode, n)) ? 'other' : 'file';
}

/** Permission bits with setuid/setgid/sticky as `chmod` numbers them, from a Go os.FileMode. */
export function permissionsOfGoMode(mode: number): number {
  return (
    (mode % 0o1000) |
    (goBit(mode, goBits.setuid) ? 0o4000 : 0) |
    (goBit(mode, goBits.setgid) ? 0o2000 : 0) |
    (goBit(mode, goBits.sticky) ? 0o1000 : 0)
  );
}
