/** The Linux capabilities (capabilities(7)) by the names `--cap-add` and `--cap-drop` take, without `CAP_`. */
export const linuxCapabilities: readonly string[] = [
  'AUDIT_CONTROL',
  'AUDIT_READ',
  'AUDIT_WRITE',
  'BLOCK_SUSPEND',
  'BPF',
  'CHECKPOINT_RESTORE',
  'CHOWN',
  'DAC_OVERRIDE',
  'DAC_READ_SEARCH',
  'FOWNER',
  'FSETID',
  'IPC_LOCK',
  'IPC_OWNER',
  'KILL',
  'LEASE',
  'LINUX_IMMUTABLE',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'MKNOD',
  'NET_ADMIN',
  'NET_BIND_SERVICE',
  'NET_BROADCAST',
  'NET_RAW',
  'PERFMON',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_ADMIN',
  'SYS_BOOT',
  'SYS_CHROOT',
  'SYS_MODULE',
  'SYS_NICE',
  'SYS_PACCT',
  'SYS_PTRACE',
  'SYS_RAWIO',
  'SYS_RESOURCE',
  'SYS_TIME',
  'SYS_TTY_CONFIG',
  'SYSLOG',
  'WAKE_ALARM',
];

const known = new Set(linuxCapabilities);

/** `NET_ADMIN`, `net_admin`, `CAP_NET_ADMIN` and `ALL` are capability names; `NET_ADMN` is not. */
export function isCapabilityName(name: string): boolean {
  const upper = name.toUpperCase();
  return upper === 'ALL' || known.has(upper.replace(/^CAP_/, ''));
}

/** Why a word is not a capability name, in words a user can act on. */
export function capabilityNameProblem(name: string): string {
  return `${name} is not a Linux capability (such as NET_ADMIN, SYS_PTRACE or ALL)`;
}
