/** Container actions that cannot change a container's state, name or the objects it uses. */
const actionsWithoutEffect = new Set(['attach', 'detach', 'resize', 'top', 'commit', 'copy', 'archive-path', 'extract-to-dir', 'export']);

/**
 * Whether a container event may change what a list of volumes or networks shows about the
 * containers using them: a container made, renamed, started, stopped, paused or removed. Execs
 * (Berth's own file browser and terminals make many), health checks and copies do not. The engine
 * appends the command or status after a colon (`exec_start: sh -c ls`, `health_status: healthy`).
 */
export function containerEventChangesUse(action: string): boolean {
  if (action.startsWith('exec_') || action.startsWith('health_status')) return false;
  return !actionsWithoutEffect.has(action);
}
