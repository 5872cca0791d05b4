import type { LogChunk } from '../../../shared/container-detail-types.js';
import { defaultLogCapacity, LogModel, type LogLine } from '../container-detail/log-lines.js';
import { Ring } from '../container-detail/log-ring.js';

/** One line of a stack's logs: which service and container said it. */
export interface StackLogLine {
  /** Increases by one per line in the stack's view: a stable key. */
  readonly seq: number;
  readonly service: string;
  readonly container: string;
  readonly line: LogLine;
}

/**
 * The logs of a stack's containers interleaved in arrival order, in one ring of at most
 * `capacity` lines (the same bound as one container's Logs tab). Each container's bytes are made
 * into lines by its own LogModel (so a line split between chunks stays whole and colours carry
 * over within one container); complete lines move into the shared ring as they appear.
 */
export class StackLogMerge {
  private readonly ring: Ring<StackLogLine>;
  private readonly sources = new Map<string, { model: LogModel; service: string; container: string; lastSeq: number }>();
  private nextSeq = 0;
  version = 0;

  constructor(readonly capacity = defaultLogCapacity) {
    this.ring = new Ring<StackLogLine>(capacity);
  }

  get length(): number {
    return this.ring.length;
  }

  get dropped(): number {
    return this.ring.evicted;
  }

  at(index: number): StackLogLine | undefined {
    return this.ring.at(index);
  }

  toArray(): StackLogLine[] {
    return this.ring.toArray();
  }

  addSource(id: string, service: string, container: string): void {
    // A container's own lines are taken out as they complete; its model only assembles them.
    if (!this.sources.has(id))
      this.sources.set(id, { model: new LogModel({ capacity: defaultLogCapacity }), service, container, lastSeq: -1 });
  }

  push(id: string, chunks: readonly LogChunk[]): void {
    this.sources.get(id)?.model.push(chunks);
    this.collect(id);
  }

  skip(id: string, skipped: { stdout: number; stderr: number }): void {
    const source = this.sources.get(id);
    if (!source) return;
    source.model.skip('stdout', skipped.stdout);
    source.model.skip('stderr', skipped.stderr);
    this.collect(id);
  }

  end(id: string): void {
    this.sources.get(id)?.model.end();
    this.collect(id);
  }

  /** Moves the source's complete lines not taken yet into the ring, oldest first. */
  private collect(id: string): void {
    const source = this.sources.get(id);
    if (!source) return;
    const fresh: LogLine[] = [];
    for (let i = source.model.length - 1; i >= 0; i--) {
      const line = source.model.at(i);
      if (!line) break;
      if (line.seq < 0) continue; // an unterminated line: not a line yet
      if (line.seq <= source.lastSeq) break;
      fresh.push(line);
    }
    if (fresh.length === 0) return;
    source.lastSeq = fresh[0]!.seq;
    for (let i = fresh.length - 1; i >= 0; i--) {
      this.ring.push({ seq: this.nextSeq++, service: source.service, container: source.container, line: fresh[i]! });
    }
    this.version += 1;
  }
}
