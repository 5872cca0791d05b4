import { isMap, isSeq, LineCounter, parse, parseDocument, type Node } from 'yaml';
import type { FileProblem, StackDescription, StackService, StackVolume } from '../../../shared/compose-types.js';

/**
 * Reading Compose files and Compose's answers, without reimplementing Compose: the resolved file
 * comes from `config`; this only picks out what the view shows (services, named volumes) and puts
 * an error at its line.
 */

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Services and named volumes of `config`'s output (the resolved file) for `project`. */
export function describeResolvedConfig(resolvedYaml: string, project: string): Pick<StackDescription, 'services' | 'volumes'> {
  const doc = record(parse(resolvedYaml));
  const services: StackService[] = Object.entries(record(doc.services)).map(([name, raw]) => {
    const service = record(raw);
    const fixedName = typeof service.container_name === 'string' ? service.container_name : undefined;
    return {
      name,
      ...(typeof service.image === 'string' ? { image: service.image } : {}),
      scalable: fixedName === undefined,
      ...(fixedName ? { scaleBlock: `container_name: ${fixedName} allows one container` } : {}),
      profiles: strings(service.profiles),
    };
  });
  const volumes: StackVolume[] = Object.entries(record(doc.volumes)).map(([key, raw]) => {
    const volume = record(raw);
    const external = volume.external === true || (typeof volume.external === 'object' && volume.external !== null);
    const name = typeof volume.name === 'string' ? volume.name : external ? key : `${project}_${key}`;
    return { key, name, external };
  });
  return { services, volumes };
}

/** YAML syntax errors of `text`, each at its line and column. */
export function yamlProblems(text: string): FileProblem[] {
  const doc = parseDocument(text);
  return doc.errors.map((e) => {
    const at = e.linePos?.[0];
    // The pretty message's first line, without the position the fields below carry.
    const first = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
    return {
      message: first,
      ...(at ? { line: at.line, column: at.col } : {}),
      source: 'yaml' as const,
    };
  });
}

/** The 1-based line of the node at `path` in `text` (or of its nearest ancestor that exists). */
export function lineOfPath(text: string, path: readonly string[]): number | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  let node: unknown = doc.contents;
  let keyOffset: number | undefined;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as Node | null)?.toJSON?.() ?? p.key) === part);
      if (!pair) break;
      keyOffset = (pair.key as Node | null)?.range?.[0] ?? keyOffset;
      node = pair.value;
    } else if (isSeq(node) && /^\d+$/.test(part)) {
      const item = node.items[Number(part)] as Node | undefined;
      if (!item) break;
      keyOffset = item.range?.[0] ?? keyOffset;
      node = item;
    } else break;
  }
  return keyOffset === undefined ? undefined : counter.linePos(keyOffset).line;
}

/** The Compose keys a `config` message names, e.g. services.web.command, as a path into the file. */
function pathOfMessage(message: string): string[] | undefined {
  const unsupported = /Unsupported config option for ([\w.-]+): '([^']+)'/.exec(message);
  if (unsupported) return [...(unsupported[1] as string).split('.'), unsupported[2] as string];
  const dependsOn = /Service '([^']+)' depends on service '([^']+)'/.exec(message);
  if (dependsOn) return ['services', dependsOn[1] as string, 'depends_on'];
  const dotted = /\b((?:services|volumes|networks|configs|secrets)\.[\w.-]+?)(?:\s|:|$)/.exec(message);
  if (dotted) return (dotted[1] as string).split('.');
  const service = /[Ss]ervice "?'?([\w.-]+)'?"? /.exec(message);
  if (service) return ['services', service[1] as string];
  return undefined;
}

/** Compose's words, without a Python traceback (docker-compose 1.x prints one for some YAML errors). */
export function cleanComposeMessage(output: string): string {
  const text = output.trim();
  if (!text.includes('Traceback (most recent call last)')) return text.replace(/^The Compose file is invalid because:\n/, '');
  const lines = text.split('\n');
  const last = lines.findLastIndex((l) => /^\S+Error: |^\w+(\.\w+)*: /.test(l));
  return (last >= 0 ? lines.slice(last) : lines.slice(-4)).join('\n');
}

/**
 * Problems from a failed `config -q` run over `text` (given on stdin): each message line at the
 * line Compose names ("line 4, column 4" of <stdin>), or at the key it names
 * (services.web.command), or at no line when it names neither.
 */
export function composeProblems(output: string, text: string): FileProblem[] {
  const message = cleanComposeMessage(output);
  const at = [...message.matchAll(/in "<stdin>", line (\d+), column (\d+)/g)].at(-1);
  if (at) return [{ message, line: Number(at[1]), column: Number(at[2]), source: 'compose' }];
  const lines = message.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return [{ message: 'Compose refused the file without saying why', source: 'compose' }];
  return lines.map((l) => {
    const path = pathOfMessage(l);
    const line = path ? lineOfPath(text, path) : undefined;
    return { message: l, ...(line ? { line } : {}), source: 'compose' as const };
  });
}
