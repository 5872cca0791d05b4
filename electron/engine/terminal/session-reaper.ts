import type Docker from 'dockerode';
import { runCapturing, runQuietly } from './exec-helpers.js';

/**
 * The Engine has no API to end an exec process, and hanging up the attach stream does not end it.
 * A second exec finds a session's processes in the container's /proc and hangs them up, then kills
 * what is left. A process belongs to the session when either
 *  - its environment carries BERTH_SESSION=<id> (every process the shell starts inherits it), or
 *  - it is in the same kernel session (stat field 6) as a process that carries it: the engine
 *    starts every exec as a session leader, so `env -i cmd &`, `nohup`, pipelines and job-control
 *    process groups all stay in the shell's session even with a cleared environment.
 *  - it is in the session of the shell found when the terminal opened (its PID and start time,
 *    checked again so a reused PID is never taken for it): this keeps the session even after the
 *    shell replaced itself with a cleared environment (`exec env -i sh`).
 * The main process's session and the clean-up's own are never touched. What escapes: a process
 * that both leaves the session (setsid, a daemon's double fork) and drops the variable.
 * It runs as root (UID 0) so a root shell in a container whose default user is not root is seen
 * and ended too.
 */
const statOf = `stat_of() { SID=; STATE=; START=; { read -r line < "/proc/$1/stat"; } 2>/dev/null || return 1; rest=\${line##*") "}; set -- $rest; STATE=$1; SID=$4; START=\${20}; [ -n "$SID" ]; }`;

const reapScript = `
id=$1; me=$$; leader=$2
${statOf}
marked() { tr '\\0' '\\n' < "/proc/$1/environ" 2>/dev/null | grep -qx "BERTH_SESSION=$id"; }
stat_of 1; main_sid=$SID
stat_of "$me"; own_sid=$SID
sessions=" "
for d in /proc/[0-9]*; do
  p=\${d#/proc/}
  marked "$p" || continue
  stat_of "$p" || continue
  case " $main_sid $own_sid 0 " in *" $SID "*) continue ;; esac
  case "$sessions" in *" $SID "*) ;; *) sessions="$sessions$SID " ;; esac
done
if [ -n "$leader" ] && stat_of "\${leader%:*}" && [ "$START" = "\${leader#*:}" ] && [ "$SID" = "\${leader%:*}" ]; then
  case " $main_sid $own_sid $sessions " in *" $SID "*) ;; *) sessions="$sessions$SID " ;; esac
fi
find_pids() {
  for d in /proc/[0-9]*; do
    p=\${d#/proc/}
    case "$p" in 1 | "$me") continue ;; esac
    stat_of "$p" || continue
    [ "$STATE" = Z ] && continue
    [ "$SID" = "$own_sid" ] && continue
    case "$sessions" in *" $SID "*) echo "$p"; continue ;; esac
    marked "$p" && echo "$p"
  done
}
p=$(find_pids); [ -z "$p" ] && exit 0
kill -HUP $p 2>/dev/null; kill -CONT $p 2>/dev/null
for i in 1 2 3 4 5 6 7 8 9 10; do
  sleep 0.1 2>/dev/null || sleep 1
  p=$(find_pids); [ -z "$p" ] && exit 0
done
kill -KILL $p 2>/dev/null
p=$(find_pids); [ -n "$p" ] && kill -KILL $p 2>/dev/null
exit 0
`;

/**
 * Ends every process of a session in its container. Throws when the engine cannot be asked (the
 * caller retries once it answers again); a container that is gone or stopped has nothing left.
 */
export async function killSessionProcesses(container: Docker.Container, sessionId: string, leader?: string): Promise<void> {
  await runQuietly(container, ['sh', '-c', reapScript, 'berth-close', sessionId, leader ?? ''], { timeoutMs: 10_000, user: '0' });
}

/** Prints `pid:starttime` of the session's shell: the session leader that carries its marker. */
const leaderScript = `
id=$1
${statOf}
for d in /proc/[0-9]*; do
  p=\${d#/proc/}
  stat_of "$p" && [ "$SID" = "$p" ] || continue
  tr '\\0' '\\n' < "$d/environ" 2>/dev/null | grep -qx "BERTH_SESSION=$id" && echo "berth-leader=$p:$START"
done
exit 0
`;

/**
 * The container PID and start time of a session's shell, found once just after it started (the
 * engine's exec inspect gives a host PID, which means nothing inside the container), or undefined.
 */
export async function findSessionLeader(container: Docker.Container, sessionId: string): Promise<string | undefined> {
  const output = await runCapturing(container, ['sh', '-c', leaderScript, 'berth-leader', sessionId], { user: '0' });
  return /berth-leader=(\d+:\d+)/.exec(output)?.[1];
}

/** The engine answered (an HTTP status): the container is gone, stopped or paused, so nothing is left to reach. */
export function engineAnswered(err: unknown): boolean {
  return typeof err === 'object' && err !== null && typeof (err as { statusCode?: unknown }).statusCode === 'number';
}
