import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { originalPositionFor, TraceMap, type SourceMapInput } from '@jridgewell/trace-mapping';

/**
 * Where one page load's time goes (issue 12 item 3): V8 CPU profiles of the web server and of the
 * page, each cut to a window of the load and mapped through the bundles' source maps to the module
 * that ran (zod, MessagePack, React, Berth's own files…).
 */

/** The parts of a V8 CPU profile we read; line and column are 0-based, times in µs on the machine's monotonic clock. */
export interface WindowedProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
}

/** What a source file is part of, for a breakdown a reader can act on. */
export function classifySource(source: string): string {
  const path = source.replace(/\\/g, '/');
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    const pkg = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? '?');
    if (pkg === 'react-dom' || pkg === 'react' || pkg === 'scheduler') return 'React';
    if (pkg === 'dockerode' || pkg === 'docker-modem') return 'dockerode';
    return pkg;
  }
  const own = /(?:^|\/)(shared|electron|renderer)\/(.*)$/.exec(path);
  if (own) {
    const [, top, rest = ''] = own;
    const parts = rest.split('/');
    // One level below the layer says which part: electron/server/rpc, renderer/features/containers…
    const depth = top === 'shared' ? 0 : top === 'renderer' && parts[0] === 'features' ? 2 : 1;
    return [top, ...parts.slice(0, Math.min(depth, parts.length - 1))].join('/');
  }
  return path || '(native)';
}

/** A V8 frame's url and position → the original source file (through the bundle's map when there is one). */
export type SourceResolver = (url: string, line: number, column: number) => string;

/** Self time (ms) per category for the samples taken between `fromUs` and `toUs`. */
export function windowSelfTimes(profile: WindowedProfile, fromUs: number, toUs: number, resolve: SourceResolver): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const out = new Map<string, number>();
  // A phase that did not happen (NaN bounds) has no samples.
  if (!(fromUs <= toUs)) return out;
  let at = profile.startTime;
  for (let i = 0; i < samples.length; i++) {
    at += deltas[i] ?? 0;
    // A sample stands for the time until the next one.
    const span = deltas[i + 1] ?? 0;
    if (at < fromUs || at >= toUs) continue;
    const frame = byId.get(samples[i]!)?.callFrame;
    if (!frame) continue;
    const name = frame.url ? classifySource(resolve(frame.url, frame.lineNumber, frame.columnNumber)) : frame.functionName || '(anonymous)';
    out.set(name, (out.get(name) ?? 0) + span / 1000);
  }
  return out;
}

/** Resolves frames of bundles whose `.map` sits beside them: `urlToFile` turns a frame's url into the bundle's path. */
export function sourceMapResolver(urlToFile: (url: string) => string | undefined): SourceResolver {
  const maps = new Map<string, TraceMap | null>();
  return (url, line, column) => {
    const file = urlToFile(url);
    if (!file || line < 0) return file ?? url;
    if (!maps.has(file)) {
      try {
        maps.set(file, new TraceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapInput));
      } catch {
        maps.set(file, null);
      }
    }
    const map = maps.get(file);
    if (!map) return file;
    return originalPositionFor(map, { line: line + 1, column }).source ?? file;
  };
}

/** The server bundle's frames are file:// urls. */
export const serverResolver = (): SourceResolver =>
  sourceMapResolver((url) => (url.startsWith('file://') ? fileURLToPath(url) : undefined));

/** The page's frames are http://host/assets/x.js, served from `<dist>/renderer/assets/x.js`. */
export const pageResolver = (dist: string): SourceResolver =>
  sourceMapResolver((url) => {
    const match = /^https?:\/\/[^/]+\/(assets\/[^?#]+\.js)/.exec(url);
    return match ? `${dist}/renderer/${match[1]}` : undefined;
  });

/** `React 120 ms, zod 40 ms, …`, the largest first, with those under `minMs` summed as "other". */
export function describeTimes(times: ReadonlyMap<string, number>, minMs = 2): string {
  const sorted = [...times].sort((a, b) => b[1] - a[1]);
  const shown = sorted.filter(([, ms]) => ms >= minMs);
  const other = sorted.filter(([, ms]) => ms < minMs).reduce((sum, [, ms]) => sum + ms, 0);
  const parts = shown.map(([name, ms]) => `${name} ${ms.toFixed(0)}`);
  if (other > 0) parts.push(`other ${other.toFixed(0)}`);
  return parts.length > 0 ? `${parts.join(', ')} (ms)` : 'no samples';
}
