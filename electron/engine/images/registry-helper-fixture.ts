// Test support: a real docker credential helper, written as a shell script into a temp directory.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HelperFixture {
  /** Put this first on PATH. */
  readonly binDir: string;
  /** `get <url>` / `list` lines, one per run of any helper written here. */
  calls(): string[];
  /** Writes `docker-credential-<name>`: it answers `get` from `entries` (url → [username, secret]) and `list` with every url. */
  write(name: string, entries: Record<string, [string, string]>, options?: { sleepSeconds?: number; flood?: boolean }): void;
  /** Writes a docker config.json into a fresh directory and returns that directory (for DOCKER_CONFIG). */
  dockerConfig(config: unknown): string;
  remove(): void;
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function helperFixture(): HelperFixture {
  const binDir = mkdtempSync(join(tmpdir(), 'berth-helpers-'));
  const dirs = [binDir];
  const log = join(binDir, 'calls.log');
  return {
    binDir,
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : []),
    write(name, entries, options = {}) {
      const gets = Object.entries(entries)
        .map(
          ([url, [user, secret]]) =>
            `    ${shellQuote(url)}) printf '%s' ${shellQuote(JSON.stringify({ ServerURL: url, Username: user, Secret: secret }))} ;;`,
        )
        .join('\n');
      const list = JSON.stringify(Object.fromEntries(Object.entries(entries).map(([url, [user]]) => [url, user])));
      const script = `#!/bin/sh
# docker-credential-${name}: the docker credential helper protocol, for Berth's tests.
url=$(cat)
${options.sleepSeconds ? `sleep ${options.sleepSeconds}\n` : ''}${options.flood ? 'yes x | head -c 2000000\n' : ''}case "$1" in
  get)
    echo "get $url" >> ${shellQuote(log)}
    case "$url" in
${gets}
    *) echo "credentials not found in native keychain"; exit 1 ;;
    esac ;;
  list) echo "list" >> ${shellQuote(log)}; printf '%s' ${shellQuote(list)} ;;
  *) echo "unknown action: $1"; exit 1 ;;
esac
`;
      const path = join(binDir, `docker-credential-${name}`);
      writeFileSync(path, script);
      chmodSync(path, 0o755);
    },
    dockerConfig(config) {
      const dir = mkdtempSync(join(tmpdir(), 'berth-docker-config-'));
      dirs.push(dir);
      writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
      return dir;
    },
    remove() {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}
