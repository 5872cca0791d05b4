import { cliEquivalent } from '../../../shared/contract.js';
import {
  composeProjectLabel,
  isAnonymousVolume,
  isAnonymousVolumeName,
  type VolumeSummary,
  type VolumeUser,
} from '../../../shared/volume-types.js';

export interface VolumeRow extends VolumeSummary {
  /** What the list shows: anonymous 64-hex names shortened (the full name goes in the tooltip). */
  shortName: string;
  /** Nobody chose its name (see isAnonymousVolume). */
  anonymous: boolean;
  /** The Compose project that made it, from its `com.docker.compose.project` label. */
  project: string | null;
  /** Unix seconds, when the engine reported a creation time. */
  created: number | null;
  /** Labels other than Compose's own bookkeeping. */
  otherLabels: ReadonlyArray<readonly [string, string]>;
}

/** An anonymous volume's 64 hex digits as 12 and an ellipsis; other names whole. */
export function shortVolumeName(name: string): string {
  return isAnonymousVolumeName(name) ? `${name.slice(0, 12)}…` : name;
}

export function toVolumeRow(v: VolumeSummary): VolumeRow {
  const anonymous = isAnonymousVolume(v);
  const ms = v.createdAt ? Date.parse(v.createdAt) : NaN;
  return {
    ...v,
    anonymous,
    shortName: shortVolumeName(v.name),
    project: v.labels[composeProjectLabel] ?? null,
    created: Number.isFinite(ms) ? Math.floor(ms / 1000) : null,
    otherLabels: Object.entries(v.labels).filter(([k]) => !k.startsWith('com.docker.compose.')),
  };
}

/** Case-insensitive match on name, driver, labels, Compose project and the containers using it. */
export function filterVolumes(rows: readonly VolumeRow[], text: string): readonly VolumeRow[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return rows;
  return rows.filter((r) =>
    [
      r.name,
      r.driver,
      r.mountpoint,
      r.project ?? '',
      ...r.usedBy.map((u) => u.name),
      ...Object.entries(r.labels).map(([k, v]) => `${k}=${v}`),
    ].some((s) => s.toLowerCase().includes(needle)),
  );
}

/** "web (running), backup (exited)". */
export function describeUsers(users: readonly VolumeUser[]): string {
  return users.map((u) => `${u.name} (${u.state})`).join(', ');
}

/** The containers the engine would name in its "volume is in use - [ids]" refusal, by name. */
export function usersNamedIn(message: string, users: readonly VolumeUser[]): VolumeUser[] {
  return users.filter((u) => message.includes(u.id));
}

/** `docker volume rm a b c d … (N more)`: a long list stays readable; `full` has every name. */
export function removeLine(names: readonly string[], shown = 4): { text: string; full: string } {
  const full = cliEquivalent('volumes.removeMany', { names: [...names] }) ?? '';
  if (names.length <= shown) return { text: full, full };
  return { text: `${cliEquivalent('volumes.removeMany', { names: names.slice(0, shown) }) ?? ''} … (${names.length - shown} more)`, full };
}
