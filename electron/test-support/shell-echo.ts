import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The shells on this machine that tests run shown command lines through: /bin/sh first, each real program once. */
export const availableShells: readonly string[] = (() => {
  const byProgram = new Map<string, string>();
  for (const path of ['/bin/sh', '/bin/dash', '/bin/bash', '/usr/bin/busybox', '/bin/ksh', '/usr/bin/zsh']) {
    if (existsSync(path) && !byProgram.has(realpathSync(path))) byProgram.set(realpathSync(path), path);
  }
  return [...byProgram.values()];
})();

/** How to run `script` with `shell`: busybox needs its `sh` applet named. */
function shellArgs(shell: string, script: string): [string, string[]] {
  return shell.endsWith('/busybox') ? [shell, ['sh', '-c', script]] : [shell, ['-c', script]];
}

/** Where the test shells run: a line whose quoting broke must not write files into the checkout. */
const scratchDir = mkdtempSync(join(tmpdir(), 'berth-shell-echo-'));

/** Runs `script` in a scratch folder with only PATH and a fixed HOME set (so a `~` that escaped quoting shows as /home/berth-test). */
function runScript(shell: string, script: string, env: Record<string, string>): string {
  const [file, args] = shellArgs(shell, script);
  return execFileSync(file, args, {
    cwd: scratchDir,
    input: '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/home/berth-test', ...env },
  });
}

/**
 * What `printf '%s\0' <line>` prints in a real shell, for each line, split back into the words the
 * shell made of it: NUL ends each word, so a newline inside a word cannot pass for two words. All
 * lines run in one shell, each followed by a record separator (\x1e), which the lines must not hold.
 */
export function wordsPrintedBy(shell: string, lines: readonly string[], env: Record<string, string> = {}): string[][] {
  const script = lines.map((line) => `printf '%s\\0' ${line}\nprintf '\\036'\n`).join('');
  return runScript(shell, script, env)
    .split('\x1e')
    .slice(0, -1)
    .map((record) => record.split('\0').slice(0, -1));
}

/** Programs a shown command line may run; in the test shell each only records its arguments. */
const recordedPrograms = ['docker', 'tar', 'jq'];

/** Recorded programs whose names a POSIX shell cannot give a function (dash refuses `docker-compose() …`): scripts on PATH instead. */
const recordedExecutables = ['docker-compose'];
let fakeBin: string | undefined;

function fakeBinDir(): string {
  if (fakeBin) return fakeBin;
  fakeBin = join(scratchDir, 'fake-bin');
  mkdirSync(fakeBin, { recursive: true });
  for (const name of recordedExecutables) {
    const file = join(fakeBin, name);
    writeFileSync(file, `#!/bin/sh\ncat\nprintf '\\036'\nprintf '%s\\0' ${name} "$@"\n`);
    chmodSync(file, 0o755);
  }
  return fakeBin;
}

/**
 * Runs a shown command line in a real shell with `docker`, `tar` and `jq` replaced by functions
 * that record their argv, and returns each invocation's words in order. Each fake first passes
 * its stdin on (so a pipeline keeps the left side's record first), then writes a record
 * separator (\x1e) and its words, each ended by NUL.
 */
export function invocationsOfShownLine(line: string, env: Record<string, string> = {}, shell = '/bin/sh'): string[][] {
  const fakes = recordedPrograms.map((name) => `${name}() { cat; printf '\\036'; printf '%s\\0' ${name} "$@"; }`).join('\n');
  const path = `${fakeBinDir()}:${env.PATH ?? process.env.PATH ?? '/usr/bin:/bin'}`;
  const out = runScript(shell, `${fakes}\n${line}\n`, { ...env, PATH: path });
  return out
    .split('\x1e')
    .slice(1)
    .map((record) => record.split('\0').slice(0, -1));
}
