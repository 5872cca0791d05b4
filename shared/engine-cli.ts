import type { EngineSpec } from './engine-spec.js';
import { quoteShellWord } from './shell-words.js';

/**
 * How a `docker` command line names the engine it runs against when that is not the local default:
 * `docker --context robot1 …` for a CLI context, `DOCKER_HOST=ssh://… docker …` otherwise (with
 * DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for TLS). Empty for the default engine.
 */
export interface EngineCommandTarget {
  /** Environment assignments before `docker`, in order. */
  readonly env: ReadonlyArray<readonly [name: string, value: string]>;
  /** Global flags right after `docker`, e.g. ['--context', 'robot1']. */
  readonly flags: readonly string[];
}

export const localCommandTarget: EngineCommandTarget = { env: [], flags: [] };

/**
 * The target of `spec`'s commands. The default engine (the one Berth and your shell both reach
 * without naming one) gets none; a CLI context is named by `--context`; anything else by DOCKER_HOST.
 */
export function engineCommandTarget(
  spec: Pick<EngineSpec, 'source' | 'host' | 'tls' | 'contextName'>,
  isDefault: boolean,
): EngineCommandTarget {
  if (isDefault) return localCommandTarget;
  if (spec.source === 'context' && spec.contextName) return { env: [], flags: ['--context', spec.contextName] };
  const env: Array<readonly [string, string]> = [['DOCKER_HOST', spec.host]];
  if (spec.tls) {
    if (spec.tls.verify) env.push(['DOCKER_TLS_VERIFY', '1']);
    env.push(['DOCKER_CERT_PATH', spec.tls.certPath]);
  }
  return { env, flags: [] };
}

/** Offsets and programs (`docker`, `docker-compose`) that start a command in `line`: at its start or after `&&`, `||`, `|` or `;`, outside quotes. */
function commandStarts(line: string): Array<{ at: number; program: string }> {
  const starts: Array<{ at: number; program: string }> = [];
  let quote: "'" | '"' | undefined;
  let atCommand = true;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') i += 1;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === ' ' || ch === '\t') continue;
    if (ch === '&' || ch === '|' || ch === ';') {
      atCommand = true;
      continue;
    }
    const program = atCommand ? /^(docker(?:-compose)?)(?:\s|$)/.exec(line.slice(i))?.[1] : undefined;
    if (program) starts.push({ at: i, program });
    atCommand = false;
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '\\') i += 1;
    else {
      // Skip the rest of this bare word.
      while (i + 1 < line.length && !/[\s'"\\&|;]/.test(line[i + 1]!)) i += 1;
    }
  }
  return starts;
}

/**
 * The shown command line `line` (a quoted `docker …` line, or several joined by `&&` or `|`) aimed
 * at `target`: every command `docker` gets the environment and the flags. Words inside quotes are
 * never touched; a line with no `docker` command is returned as it is.
 */
export function onEngine(line: string, target: EngineCommandTarget): string {
  if (target.env.length === 0 && target.flags.length === 0) return line;
  // An assignment is NAME=value with only the value quoted: quoting the whole word would make it a command name.
  const env = target.env.map(([name, value]) => `${name}=${quoteShellWord(value)}`);
  const flags = target.flags.map(quoteShellWord);
  let out = line;
  // docker-compose takes the same DOCKER_HOST and `--context NAME` as docker.
  for (const { at, program } of commandStarts(line).reverse()) {
    out = `${out.slice(0, at)}${[...env, program, ...flags].join(' ')}${out.slice(at + program.length)}`;
  }
  return out;
}
