import type Docker from 'dockerode';

/** Runs a short command in a container without a TTY, discards its output, and returns its exit code. */
export async function runQuietly(container: Docker.Container, cmd: string[], timeoutMs = 5000): Promise<number | null> {
  const exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: false });
  const stream = await exec.start({ hijack: false, Detach: false });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      stream.destroy();
      resolve();
    }, timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', done);
    stream.resume();
  });
  const info = await exec.inspect();
  return info.ExitCode ?? null;
}

/** `auto` means bash where the container has it, else sh. */
export async function resolveShell(container: Docker.Container, wanted: 'auto' | 'bash' | 'sh'): Promise<string> {
  if (wanted !== 'auto') return wanted;
  const code = await runQuietly(container, ['sh', '-c', 'command -v bash']).catch(() => null);
  return code === 0 ? 'bash' : 'sh';
}

/**
 * The Engine has no API to end an exec process, and hanging up the attach stream does not end it.
 * Every terminal's processes carry BERTH_SESSION=<id> in their environment (children inherit it),
 * so a second exec can find them in /proc and hang them up, then kill what is left.
 */
const killSessionScript = [
  'find_pids() { for d in /proc/[0-9]*; do tr "\\0" "\\n" < "$d/environ" 2>/dev/null | grep -qx "BERTH_SESSION=$1" && echo "${d#/proc/}"; done; }',
  'p=$(find_pids "$1"); [ -z "$p" ] && exit 0; kill -HUP $p 2>/dev/null',
  'for i in 1 2 3 4 5 6 7 8 9 10; do sleep 0.1 2>/dev/null || sleep 1; p=$(find_pids "$1"); [ -z "$p" ] && exit 0; done',
  'kill -KILL $p 2>/dev/null; exit 0',
].join('\n');

export async function killSessionProcesses(container: Docker.Container, sessionId: string): Promise<void> {
  await runQuietly(container, ['sh', '-c', killSessionScript, 'berth-close', sessionId], 5000);
}
