/** One JSON object of the legacy builder's /build stream. */
export interface RawBuildLine {
  stream?: string;
  status?: string;
  id?: string;
  progress?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { code?: number; message?: string };
}

/** What a line of build output means. Every text line also comes as `line`, in order. */
export type BuildOutputEvent =
  | { kind: 'line'; text: string }
  | { kind: 'step'; step: number; total: number; instruction: string }
  | { kind: 'cache-hit' }
  | { kind: 'running-in'; containerId: string }
  | { kind: 'layer'; id: string }
  | { kind: 'image-id'; id: string }
  | { kind: 'error'; message: string; exitCode: number | null };

const stepRe = /^Step (\d+)\/(\d+) : (.*)$/;
const cacheRe = /^ ---> Using cache$/;
const runningRe = /^ ---> Running in ([0-9a-f]+)$/;
const layerRe = /^ ---> ([0-9a-f]{12,64})$/;

/**
 * Reads the legacy builder's output: "Step N/M : INSTRUCTION", " ---> Using cache",
 * " ---> Running in <container>", " ---> <image id>", aux IDs and errors. Text arrives in pieces
 * that do not respect lines ("Step 1/6 : FROM x" then "\n"), so it is reassembled into lines first.
 */
export class BuildOutputParser {
  private pending = '';

  push(raw: RawBuildLine): BuildOutputEvent[] {
    const events: BuildOutputEvent[] = [];
    if (typeof raw.stream === 'string') {
      this.pending += raw.stream;
      const lines = this.pending.split('\n');
      this.pending = lines.pop() ?? '';
      for (const line of lines) events.push(...this.line(line.replace(/\r$/, '')));
    }
    if (typeof raw.status === 'string') {
      // Pull progress of a base image (FROM with --pull or a missing base): one line per update.
      events.push({ kind: 'line', text: [raw.id, raw.status, raw.progress].filter(Boolean).join(' ') });
    }
    if (raw.aux?.ID) events.push({ kind: 'image-id', id: raw.aux.ID });
    if (raw.error !== undefined || raw.errorDetail?.message !== undefined) {
      events.push(...this.flush());
      const message = raw.errorDetail?.message ?? raw.error ?? 'The build failed';
      const fromText = /returned a non-zero code: (\d+)/.exec(message)?.[1];
      const exitCode = typeof raw.errorDetail?.code === 'number' ? raw.errorDetail.code : fromText ? Number(fromText) : null;
      events.push({ kind: 'error', message, exitCode });
    }
    return events;
  }

  /** Whatever text is left without a final newline. */
  flush(): BuildOutputEvent[] {
    if (this.pending === '') return [];
    const last = this.pending;
    this.pending = '';
    return this.line(last);
  }

  private line(text: string): BuildOutputEvent[] {
    const events: BuildOutputEvent[] = [{ kind: 'line', text }];
    let m: RegExpExecArray | null;
    if ((m = stepRe.exec(text))) events.push({ kind: 'step', step: Number(m[1]), total: Number(m[2]), instruction: m[3] ?? '' });
    else if (cacheRe.test(text)) events.push({ kind: 'cache-hit' });
    else if ((m = runningRe.exec(text))) events.push({ kind: 'running-in', containerId: m[1] ?? '' });
    else if ((m = layerRe.exec(text))) events.push({ kind: 'layer', id: m[1] ?? '' });
    return events;
  }
}
