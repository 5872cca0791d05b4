import type Docker from 'dockerode';

/**
 * Runs a short command in a container without a TTY, discards its output, and returns its exit
 * code. `user` runs it as that user instead of the container's default one.
 */
export async function runQuietly(
  container: Docker.Container,
  cmd: string[],
  options: { timeoutMs?: number; user?: string } = {},
): Promise<number | null> {
  const exec = await container.exec({
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    ...(options.user ? { User: options.user } : {}),
  });
  const stream = await exec.start({ hijack: false, Detach: false });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      stream.destroy();
      resolve();
    }, options.timeoutMs ?? 5000);
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

/**
 * Runs a short command in a container with a TTY (so the output needs no demultiplexing) and
 * returns the first 4 KiB of what it printed, or '' if it did not finish within the timeout.
 */
export async function runCapturing(
  container: Docker.Container,
  cmd: string[],
  options: { timeoutMs?: number; user?: string } = {},
): Promise<string> {
  const exec = await container.exec({
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    ...(options.user ? { User: options.user } : {}),
  });
  const stream = await exec.start({ hijack: false, Detach: false, Tty: true });
  return new Promise<string>((resolve) => {
    let text = '';
    const timer = setTimeout(() => {
      stream.destroy();
      resolve('');
    }, options.timeoutMs ?? 5000);
    const done = (): void => {
      clearTimeout(timer);
      resolve(text);
    };
    stream.on('data', (chunk: Buffer) => {
      if (text.length < 4096) text += chunk.toString('utf8');
    });
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

/** `auto` means bash where the container has it, else sh. */
export async function resolveShell(container: Docker.Container, wanted: 'auto' | 'bash' | 'sh'): Promise<string> {
  if (wanted !== 'auto') return wanted;
  const code = await runQuietly(container, ['sh', '-c', 'command -v bash']).catch(() => null);
  return code === 0 ? 'bash' : 'sh';
}
