import Anser from 'anser';
import type { LogChunk } from '../../../shared/container-detail-types.js';
import { Ring } from './log-ring.js';

/**
 * Container log bytes → lines → coloured spans, in a bounded buffer. Pure (no DOM, no React):
 * the Logs tab feeds batches in and renders `snapshot()`.
 */

export type LogStream = LogChunk['stream'];

export interface LogSpan {
  text: string;
  /** CSS colour ("rgb(…)"), when the program set one. */
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/**
 * One line of output. Its text (no escapes) is made when the line arrives; its coloured spans
 * only when something asks for them (a rendered row), then kept.
 */
export class LogLine {
  private cachedSpans: LogSpan[] | undefined;

  constructor(
    /** Increases by one per line ever seen; a stable key for the virtual list (negative: provisional). */
    readonly seq: number,
    readonly stream: LogStream,
    /** The line without escapes: what search, Copy and Download use. */
    readonly text: string,
    /** SGR in effect + sanitized text, when the line has colour; null when it is plain. */
    private readonly styled: string | null,
    /** The engine's timestamp (with `--timestamps`), split off the text. */
    readonly time?: string,
    /** For a marker line: how many lines the server skipped here because the view fell behind (0: a note, see `LogModel.mark`). */
    readonly skipped?: number,
  ) {}

  get spans(): LogSpan[] {
    this.cachedSpans ??= this.styled === null ? (this.text ? [{ text: this.text }] : []) : spansOf(this.styled);
    return this.cachedSpans;
  }
}

const ESC = '\u001b';

const inRange = (code: number, low: number, high: number): boolean => code >= low && code <= high;

/**
 * Strips every escape sequence that could act on a terminal or the clipboard — OSC (window title
 * 0/2, clipboard 52, hyperlinks 8, …), DCS/SOS/PM/APC strings, cursor and erase CSI sequences,
 * 8-bit C1 controls and other control characters — and keeps only SGR (colour) sequences, which
 * are rendered as styles. An unterminated string sequence swallows the rest of the line.
 */
export function sanitizeEscapes(input: string): string {
  let out = '';
  let i = 0;
  const n = input.length;
  while (i < n) {
    const ch = input[i] as string;
    const code = ch.charCodeAt(0);
    if (ch === ESC || code === 0x9b || code === 0x9d || code === 0x90 || code === 0x98 || code === 0x9e || code === 0x9f) {
      // Normalise 8-bit introducers to their 7-bit kind.
      let kind: string;
      let j: number;
      if (ch === ESC) {
        kind = input[i + 1] ?? '';
        j = i + 2;
      } else {
        kind = { 0x9b: '[', 0x9d: ']', 0x90: 'P', 0x98: 'X', 0x9e: '^', 0x9f: '_' }[code] as string;
        j = i + 1;
      }
      if (kind === '[') {
        // CSI: parameters 0x30–0x3f, intermediates 0x20–0x2f, final 0x40–0x7e.
        let k = j;
        while (k < n && inRange(input.charCodeAt(k), 0x30, 0x3f)) k++;
        while (k < n && inRange(input.charCodeAt(k), 0x20, 0x2f)) k++;
        const final = input[k];
        if (final === undefined) return out; // cut short: drop it
        const params = input.slice(j, k);
        if (final === 'm' && /^[\d;:]*$/.test(params)) out += `${ESC}[${params}m`;
        i = k + 1;
        continue;
      }
      if (kind === ']' || kind === 'P' || kind === 'X' || kind === '^' || kind === '_') {
        // String sequences end with BEL (OSC only), ST (ESC \) or 8-bit ST (0x9c).
        let k = j;
        for (; k < n; k++) {
          const c = input[k] as string;
          if (c === '\u0007' || c === '\u009c') {
            k += 1;
            break;
          }
          if (c === ESC && input[k + 1] === '\\') {
            k += 2;
            break;
          }
        }
        i = k;
        continue;
      }
      if (kind === '') return out;
      // Other escapes: ESC + intermediates + one final character (charset selection, save cursor, …).
      let k = j - 1;
      while (k < n && inRange(input.charCodeAt(k), 0x20, 0x2f)) k++;
      i = k + 1;
      continue;
    }
    if (ch === '\t' || code >= 0x20) {
      if (code >= 0x7f && code <= 0x9f) {
        i++;
        continue;
      }
      out += ch;
    }
    i++;
  }
  return out;
}

/** What a terminal would leave on the line after carriage returns: the last segment written. */
export function applyCarriageReturns(line: string): string {
  if (!line.includes('\r')) return line;
  const parts = line.split('\r').filter((p) => p.length > 0);
  return parts.length === 0 ? '' : (parts[parts.length - 1] as string);
}

// eslint-disable-next-line no-control-regex -- matching the escape character is the point
const sgrPattern = /\u001b\[([\d;:]*)m/g;

const timestampPattern = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) /;

/** Anser's basic palette is made for black; these read well on Berth's dark panels. */
const palette: Readonly<Record<string, string>> = {
  '0, 0, 0': '110, 120, 144',
  '187, 0, 0': '248, 113, 113',
  '0, 187, 0': '74, 222, 128',
  '187, 187, 0': '251, 191, 36',
  '0, 0, 187': '96, 165, 250',
  '187, 0, 187': '192, 132, 252',
  '0, 187, 187': '34, 211, 238',
  '85, 85, 255': '122, 162, 255',
};

function rgb(value: string | null, background = false): string | undefined {
  if (!value) return undefined;
  return `rgb(${(background ? undefined : palette[value]) ?? value})`;
}

/** Spans of a line whose colour escapes are kept: `styled` is the SGR still in effect, then the sanitized text. */
function spansOf(styled: string): LogSpan[] {
  const entries = Anser.ansiToJson(styled, { json: true, remove_empty: true, use_classes: false });
  const spans: LogSpan[] = [];
  for (const e of entries) {
    if (!e.content) continue;
    const span: LogSpan = { text: e.content };
    const fg = rgb(e.fg_truecolor || e.fg);
    const bg = rgb(e.bg_truecolor || e.bg, true);
    if (fg) span.fg = fg;
    if (bg) span.bg = bg;
    const d = e.decorations ?? [];
    if (d.includes('bold')) span.bold = true;
    if (d.includes('dim')) span.dim = true;
    if (d.includes('italic')) span.italic = true;
    if (d.includes('underline')) span.underline = true;
    spans.push(span);
  }
  return spans;
}

/** Bytes a stream may hold without a newline before they are cut into a line (bounds memory). */
const maxPartialChars = 1_000_000;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const controlPattern = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

/** One stream's decoder: bytes → complete lines, multibyte characters kept whole across chunks. */
class StreamAssembler {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private partial = '';
  /** SGR sequences still in effect at the end of the last line (colour carries over lines, as in a terminal). */
  private carry = '';

  constructor(readonly stream: LogStream) {}

  push(data: Uint8Array): string[] {
    this.partial += this.decoder.decode(data, { stream: true });
    const lines = this.takeLines();
    if (this.partial.length > maxPartialChars) {
      lines.push(this.partial);
      this.partial = '';
    }
    return lines;
  }

  flush(): string[] {
    this.partial += this.decoder.decode();
    const lines = this.takeLines();
    if (this.partial.length > 0) lines.push(this.partial);
    this.partial = '';
    return lines;
  }

  /** Forgets the unterminated text: the rest of its line was skipped. */
  discardPartial(): void {
    this.partial = '';
    this.decoder.decode();
  }

  private takeLines(): string[] {
    if (!this.partial.includes('\n')) return [];
    const parts = this.partial.split('\n');
    this.partial = parts.pop() ?? '';
    return parts;
  }

  /** The unterminated text so far (a prompt, a progress line): shown, but not yet a line. */
  get pending(): string {
    return this.partial;
  }

  /**
   * Text and styled source of one line. Plain lines (no control characters, no colour carried in)
   * take the fast path; `commit` false leaves the colour carried to the next line untouched.
   */
  classify(body: string, commit = true): { text: string; styled: string | null } {
    if (!controlPattern.test(body)) return { text: body, styled: this.carry ? this.carry + body : null };
    const sanitized = sanitizeEscapes(applyCarriageReturns(body));
    const styled = this.carry + sanitized;
    if (commit) {
      for (const m of sanitized.matchAll(sgrPattern)) {
        const params = m[1] ?? '';
        if (params === '' || params === '0' || params === '00') this.carry = '';
        else this.carry = this.carry.length > 256 ? m[0] : this.carry + m[0];
      }
    }
    const text = sanitized.includes(ESC) ? sanitized.replace(sgrPattern, '') : sanitized;
    return { text, styled: styled.includes(ESC) ? styled : null };
  }
}

/** Turns one raw line (already decoded) into a LogLine. */
function toLine(assembler: StreamAssembler, raw: string, seq: number, timestamps: boolean, commit = true): LogLine {
  let body = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  let time: string | undefined;
  if (timestamps) {
    const m = timestampPattern.exec(body);
    if (m) {
      time = m[1];
      body = body.slice(m[0].length);
    }
  }
  const { text, styled } = assembler.classify(body, commit);
  return new LogLine(seq, assembler.stream, text, styled, time);
}

export interface LogModelOptions {
  /** Keep at most this many lines (the oldest go first). */
  capacity?: number;
  /** The engine prefixes each line with an RFC 3339 timestamp. */
  timestamps?: boolean;
}

/** The most lines the Logs tab keeps; older ones are dropped (and the footer says how many). */
export const defaultLogCapacity = 50_000;

/**
 * Lines of both streams in arrival order, in a ring of `capacity` lines. Adding a line is O(1):
 * no array is copied, no colour is parsed until a row is drawn.
 */
export class LogModel {
  readonly capacity: number;
  private readonly timestamps: boolean;
  private readonly assemblers: Record<LogStream, StreamAssembler> = {
    stdout: new StreamAssembler('stdout'),
    stderr: new StreamAssembler('stderr'),
  };
  private readonly ring: Ring<LogLine>;
  private nextSeq = 0;
  private provisional: LogLine[] = [];
  private provisionalKey = '';
  /** Lines the server skipped because the view fell behind (shown as marker lines too). */
  skipped = 0;
  /** Changes whenever what `at`/`length` give changes. */
  version = 0;

  constructor(options: LogModelOptions = {}) {
    this.capacity = options.capacity ?? defaultLogCapacity;
    this.timestamps = options.timestamps ?? false;
    this.ring = new Ring<LogLine>(this.capacity);
  }

  /** Lines dropped from the front to stay within capacity. */
  get dropped(): number {
    return this.ring.evicted;
  }

  /** Adds a batch; returns how many complete lines it made. */
  push(chunks: readonly LogChunk[]): number {
    let added = 0;
    for (const chunk of chunks) {
      const assembler = this.assemblers[chunk.stream];
      for (const raw of assembler.push(chunk.data)) {
        this.ring.push(toLine(assembler, raw, this.nextSeq++, this.timestamps));
        added++;
      }
    }
    this.changed();
    return added;
  }

  /** The server skipped `lines` lines of `stream` (the view fell behind): a marker line says so. */
  skip(stream: LogStream, lines: number): void {
    if (lines <= 0) return;
    this.assemblers[stream].discardPartial();
    this.skipped += lines;
    const text = `… ${lines.toLocaleString('en-US')} ${lines === 1 ? 'line' : 'lines'} skipped to keep up …`;
    this.ring.push(new LogLine(this.nextSeq++, stream, text, null, undefined, lines));
    this.changed();
  }

  /** A marker line between lines, e.g. where the container restarted; it skips nothing. */
  mark(text: string): void {
    this.ring.push(new LogLine(this.nextSeq++, 'stdout', text, null, undefined, 0));
    this.changed();
  }

  /** The stream ended: emits unterminated last lines. */
  end(): number {
    let added = 0;
    for (const assembler of Object.values(this.assemblers)) {
      for (const raw of assembler.flush()) {
        this.ring.push(toLine(assembler, raw, this.nextSeq++, this.timestamps));
        added++;
      }
    }
    this.changed();
    return added;
  }

  private changed(): void {
    this.version += 1;
    const provisional: LogLine[] = [];
    let key = '';
    for (const assembler of Object.values(this.assemblers)) {
      if (assembler.pending.length === 0) continue;
      key += `${assembler.stream}:${assembler.pending}\n`;
      provisional.push(toLine(assembler, assembler.pending, assembler.stream === 'stdout' ? -1 : -2, this.timestamps, false));
    }
    if (key !== this.provisionalKey) {
      this.provisional = provisional;
      this.provisionalKey = key;
    }
  }

  /** Complete lines (at most `capacity`), then any unterminated last line of each stream as a provisional line (negative seq). */
  get length(): number {
    return this.ring.length + this.provisional.length;
  }

  at(index: number): LogLine | undefined {
    return index < this.ring.length ? this.ring.at(index) : this.provisional[index - this.ring.length];
  }

  /** All lines now, as `at` gives them (a copy: O(lines)). */
  snapshot(): LogLine[] {
    return this.ring.toArray().concat(this.provisional);
  }

  get total(): number {
    return this.nextSeq;
  }
}

/** Plain text of the lines, as Copy and Download give them. */
export function linesToText(lines: readonly LogLine[]): string {
  return lines.map((l) => (l.time ? `${l.time} ${l.text}` : l.text)).join('\n') + (lines.length > 0 ? '\n' : '');
}

/** Occurrences of `lowerQuery` (already lower-case, non-empty) in one line's text, ignoring case. */
export function matchesInText(text: string, lowerQuery: string): number {
  const lower = text.toLowerCase();
  let count = 0;
  let at = lower.indexOf(lowerQuery);
  while (at !== -1) {
    count++;
    at = lower.indexOf(lowerQuery, at + lowerQuery.length);
  }
  return count;
}

/** Case-insensitive match count over all lines. */
export function countMatches(lines: readonly LogLine[], query: string): number {
  if (!query) return 0;
  const q = query.toLowerCase();
  let count = 0;
  for (const line of lines) count += matchesInText(line.text, q);
  return count;
}

export interface MarkedSpan extends LogSpan {
  match?: boolean;
}

/** Splits spans so every case-insensitive occurrence of `query` is its own span marked `match`. */
export function markMatches(spans: readonly LogSpan[], query: string): MarkedSpan[] {
  if (!query) return spans.slice();
  const text = spans.map((s) => s.text).join('');
  const lower = text.toLowerCase();
  const q = query.toLowerCase();
  const ranges: Array<[number, number]> = [];
  let at = lower.indexOf(q);
  while (at !== -1) {
    ranges.push([at, at + q.length]);
    at = lower.indexOf(q, at + q.length);
  }
  if (ranges.length === 0) return spans.slice();
  const out: MarkedSpan[] = [];
  let offset = 0;
  for (const span of spans) {
    const start = offset;
    const end = offset + span.text.length;
    let cursor = start;
    for (const [a, b] of ranges) {
      if (b <= cursor || a >= end) continue;
      const from = Math.max(a, cursor);
      const to = Math.min(b, end);
      if (from > cursor) out.push({ ...span, text: text.slice(cursor, from) });
      out.push({ ...span, text: text.slice(from, to), match: true });
      cursor = to;
    }
    if (cursor < end) out.push({ ...span, text: text.slice(cursor, end) });
    offset = end;
  }
  return out;
}
