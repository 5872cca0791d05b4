import { describe, expect, it } from 'vitest';
import { applyCarriageReturns, countMatches, LogModel, linesToText, markMatches, sanitizeEscapes } from './log-lines.js';

const enc = new TextEncoder();
const out = (s: string | Uint8Array) => ({ stream: 'stdout' as const, data: typeof s === 'string' ? enc.encode(s) : s });
const err = (s: string) => ({ stream: 'stderr' as const, data: enc.encode(s) });

describe('sanitizeEscapes', () => {
  it('keeps SGR colour sequences', () => {
    expect(sanitizeEscapes('\u001b[31mred\u001b[0m')).toBe('\u001b[31mred\u001b[0m');
  });

  it('removes OSC 52 (clipboard) with BEL or ST terminators', () => {
    expect(sanitizeEscapes('a\u001b]52;c;aGVsbG8=\u0007b')).toBe('ab');
    expect(sanitizeEscapes('a\u001b]52;c;aGVsbG8=\u001b\\b')).toBe('ab');
  });

  it('removes OSC 8 hyperlinks but keeps their text', () => {
    expect(sanitizeEscapes('\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\ me')).toBe('click me');
  });

  it('removes title OSC 0 and 2, DCS, APC and 8-bit introducers', () => {
    expect(sanitizeEscapes('\u001b]0;pwned\u0007x\u001b]2;t\u0007y')).toBe('xy');
    expect(sanitizeEscapes('a\u001bP1$r0m\u001b\\b')).toBe('ab');
    expect(sanitizeEscapes('a\u001b_apc\u001b\\b')).toBe('ab');
    expect(sanitizeEscapes('a\u009d52;c;eA==\u0007b\u009b2Jc')).toBe('abc');
  });

  it('removes cursor, erase and mode CSI sequences and other escapes', () => {
    expect(sanitizeEscapes('\u001b[2J\u001b[H\u001b[?1049hhi\u001b[1A\u001b7\u001b(B')).toBe('hi');
  });

  it('drops an unterminated OSC to the end of the line and control characters', () => {
    expect(sanitizeEscapes('ok\u001b]52;c;AAAA')).toBe('ok');
    expect(sanitizeEscapes('a\u0007b\u0000c\td')).toBe('abc\td');
  });
});

describe('applyCarriageReturns', () => {
  it('keeps what a terminal would show', () => {
    expect(applyCarriageReturns('10%\r50%\r100%')).toBe('100%');
    expect(applyCarriageReturns('plain')).toBe('plain');
  });
});

describe('LogModel', () => {
  it('assembles lines per stream in arrival order, stderr tagged', () => {
    const model = new LogModel();
    model.push([out('one\ntw'), err('oops\n'), out('o\n')]);
    const lines = model.snapshot();
    expect(lines.map((l) => [l.stream, l.text])).toEqual([
      ['stdout', 'one'],
      ['stderr', 'oops'],
      ['stdout', 'two'],
    ]);
  });

  it('does not split a multibyte character across chunks', () => {
    const bytes = enc.encode('héllo ✓\n');
    const model = new LogModel();
    model.push([out(bytes.slice(0, 2))]);
    model.push([out(bytes.slice(2, 9))]);
    model.push([out(bytes.slice(9))]);
    expect(model.snapshot().map((l) => l.text)).toEqual(['héllo ✓']);
  });

  it('turns ANSI colours into spans, carrying colour across lines, and strips OSC', () => {
    const model = new LogModel();
    model.push([out('\u001b[31mred\nstill\u001b[0m plain \u001b]52;c;eA==\u0007\u001b]8;;http://x\u0007link\u001b]8;;\u0007\n')]);
    const [a, b] = model.snapshot();
    expect(a?.spans).toEqual([{ text: 'red', fg: 'rgb(248, 113, 113)' }]);
    expect(b?.spans[0]).toEqual({ text: 'still', fg: 'rgb(248, 113, 113)' });
    expect(b?.text).toBe('still plain link');
  });

  it('splits the engine timestamp off', () => {
    const model = new LogModel({ timestamps: true });
    model.push([out('2024-05-01T10:00:00.123456789Z hello\n')]);
    expect(model.snapshot()[0]).toMatchObject({ time: '2024-05-01T10:00:00.123456789Z', text: 'hello' });
  });

  it('keeps at most capacity lines, dropping the oldest', () => {
    const model = new LogModel({ capacity: 100 });
    for (let i = 0; i < 1000; i++) model.push([out(`line ${i}\n`)]);
    const lines = model.snapshot();
    expect(lines).toHaveLength(100);
    expect(lines[0]?.text).toBe('line 900');
    expect(lines[99]?.text).toBe('line 999');
    expect(model.dropped).toBe(900);
    expect(model.total).toBe(1000);
  });

  it('shows an unterminated last line provisionally, completes it, and emits it when the stream ends', () => {
    const model = new LogModel();
    model.push([out('done\n\u001b[31mprompt> ')]);
    expect(model.snapshot().map((l) => [l.seq, l.text])).toEqual([
      [0, 'done'],
      [-1, 'prompt> '],
    ]);
    model.push([out('yes\n')]);
    expect(model.snapshot().map((l) => [l.seq, l.text, l.spans[0]?.fg])).toEqual([
      [0, 'done', undefined],
      [1, 'prompt> yes', 'rgb(248, 113, 113)'],
    ]);
    model.push([out('no newline')]);
    model.end();
    expect(model.snapshot().map((l) => l.text)).toEqual(['done', 'prompt> yes', 'no newline']);
  });

  it('marks lines the server skipped, dropping the cut line it held the start of', () => {
    const model = new LogModel();
    model.push([out('kept\nhalf a li'), err('err partial')]);
    model.skip('stdout', 1234);
    model.skip('stderr', 0);
    model.push([out('after\n'), err(' more\n')]);
    expect(model.snapshot().map((l) => [l.stream, l.text, l.skipped])).toEqual([
      ['stdout', 'kept', undefined],
      ['stdout', '… 1,234 lines skipped to keep up …', 1234],
      ['stdout', 'after', undefined],
      ['stderr', 'err partial more', undefined],
    ]);
    expect(model.skipped).toBe(1234);
  });

  it('parses colours only for lines whose spans are asked for', () => {
    const model = new LogModel();
    model.push([out('plain\n\u001b[1mbold\u001b[0m\n')]);
    const [plain, bold] = model.snapshot();
    expect(plain?.spans).toEqual([{ text: 'plain' }]);
    expect(bold?.text).toBe('bold');
    expect(bold?.spans).toEqual([{ text: 'bold', bold: true }]);
    expect(bold?.spans).toBe(bold?.spans);
  });

  it('cuts a line that never ends at a bound, so memory stays bounded', () => {
    const model = new LogModel();
    const block = 'x'.repeat(100_000);
    for (let i = 0; i < 25; i++) model.push([out(block)]);
    expect(model.snapshot().filter((l) => l.seq >= 0).length).toBeGreaterThanOrEqual(2);
    expect(model.snapshot().every((l) => l.text.length <= 1_100_000)).toBe(true);
  });

  // How fast this goes is measured by `npm run bench` (bench/log-flood.ts), not asserted here.
  it('keeps the newest 50,000 of 100,000 coloured lines, in order, and counts the dropped ones', () => {
    const model = new LogModel({ capacity: 50_000 });
    const chunk = out(Array.from({ length: 1000 }, (_, i) => `\u001b[32mline\u001b[0m ${i}`).join('\n') + '\n');
    let added = 0;
    for (let i = 0; i < 100; i++) added += model.push([chunk]);
    expect(added).toBe(100_000);
    const lines = model.snapshot();
    expect(lines).toHaveLength(50_000);
    expect(model.dropped).toBe(50_000);
    expect(lines[0]?.seq).toBe(50_000);
    expect(lines.at(-1)?.seq).toBe(99_999);
    expect(lines.at(-1)?.text).toBe('line 999');
  });
});

describe('search helpers', () => {
  it('counts and marks case-insensitive matches across spans', () => {
    const model = new LogModel();
    model.push([out('Error one error\n\u001b[31mer\u001b[0mror two\n')]);
    const lines = model.snapshot();
    expect(countMatches(lines, 'error')).toBe(3);
    const marked = markMatches(lines[1]?.spans ?? [], 'error');
    expect(marked.filter((s) => s.match).map((s) => s.text)).toEqual(['er', 'ror']);
    expect(marked.map((s) => s.text).join('')).toBe('error two');
  });

  it('gives plain text for copy and download', () => {
    const model = new LogModel();
    model.push([out('\u001b[1ma\u001b[0m\nb\n')]);
    expect(linesToText(model.snapshot())).toBe('a\nb\n');
  });
});
