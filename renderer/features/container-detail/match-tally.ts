import { matchesInText, type LogLine } from './log-lines.js';

/** What the tally reads: lines oldest first, complete ones with increasing seq, provisional ones (seq < 0) last. */
export interface LineSource {
  readonly length: number;
  at(index: number): LogLine | undefined;
}

/**
 * The search's match count, kept up to date incrementally: a new batch costs the new lines only,
 * and lines dropped from the front leave the count with theirs. A new query counts everything once.
 */
export class MatchTally {
  private query = '';
  private total = 0;
  /** Highest seq counted so far; -1 before any. */
  private countedThrough = -1;
  /** seq and match count of each counted line that has matches, oldest first, from `head` on. */
  private hits: Array<{ seq: number; count: number }> = [];
  private head = 0;

  count(lines: LineSource, query: string): number {
    const q = query.toLowerCase();
    if (q !== this.query) this.reset(q);
    if (!q) return 0;
    this.forgetBefore(lines.at(0)?.seq ?? Number.POSITIVE_INFINITY);
    let provisional = 0;
    // New complete lines are at the end: walk back to the last one counted.
    let first = lines.length;
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = lines.at(i);
      if (!line) continue;
      if (line.seq < 0) {
        provisional += matchesInText(line.text, q);
        first = i;
        continue;
      }
      if (line.seq <= this.countedThrough) break;
      first = i;
    }
    for (let i = first; i < lines.length; i++) {
      const line = lines.at(i);
      if (!line || line.seq < 0) continue;
      const n = matchesInText(line.text, q);
      if (n > 0) {
        this.hits.push({ seq: line.seq, count: n });
        this.total += n;
      }
      this.countedThrough = line.seq;
    }
    return this.total + provisional;
  }

  private reset(q: string): void {
    this.query = q;
    this.total = 0;
    this.countedThrough = -1;
    this.hits = [];
    this.head = 0;
  }

  /** Lines older than `oldestSeq` are gone from the buffer: their matches no longer count. */
  private forgetBefore(oldestSeq: number): void {
    while (this.head < this.hits.length && (this.hits[this.head] as { seq: number }).seq < oldestSeq) {
      this.total -= (this.hits[this.head] as { count: number }).count;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.hits.length) {
      this.hits = this.hits.slice(this.head);
      this.head = 0;
    }
  }
}
