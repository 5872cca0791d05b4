import { execFile } from 'node:child_process';
import type { ComposeInfo, ComposeProgram } from '../../../shared/compose-types.js';
import { composeProgramWords } from '../../../shared/compose-types.js';

/** Runs a program and gives its stdout, or rejects (missing program, non-zero exit, time limit). */
export type ProgramProbe = (words: readonly string[]) => Promise<string>;

const probeTimeoutMs = 15_000;

export const execProbe: ProgramProbe = (words) =>
  new Promise((resolve, reject) => {
    execFile(words[0] as string, words.slice(1), { timeout: probeTimeoutMs, maxBuffer: 64 * 1024 }, (err, stdout) => {
      if (err) reject(err);
      else resolve(stdout);
    });
  });

export const composeInstallHint =
  'Neither `docker compose` (the Compose plugin) nor `docker-compose` was found on the machine Berth runs on. ' +
  "Install one: the plugin with your distribution's docker-compose-plugin package (or Docker's install guide, " +
  'https://docs.docker.com/compose/install/), or `sudo apt-get install docker-compose` on Debian and Ubuntu. ' +
  'Then reopen this view. The rest of Berth works without it.';

/**
 * The Compose program of this machine: the `docker compose` plugin when the docker CLI has it,
 * else the standalone `docker-compose`; none is a state, not an error.
 */
export async function findComposeProgram(
  probe: ProgramProbe = execProbe,
  candidates: readonly ComposeProgram[] = ['docker compose', 'docker-compose'],
): Promise<ComposeInfo> {
  for (const program of candidates) {
    try {
      const out = await probe([...composeProgramWords(program), 'version', '--short']);
      const version = out.trim().split('\n')[0]?.trim();
      return { program, ...(version ? { version } : {}) };
    } catch {
      // Not installed (ENOENT), or the docker CLI has no compose plugin: try the next.
    }
  }
  return { program: null, missing: composeInstallHint };
}
