import { describe, expect, it } from 'vitest';
import { availableShells, wordsPrintedBy } from '../electron/test-support/shell-echo.js';
import { formatCommand, formatCommandSequence, formatPipeline, withShellComment } from './shell-command.js';
import { quoteShellWord, splitShellWords } from './shell-words.js';

/** mulberry32: a small seeded generator, so a failing case can be made again from its seed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces words are made of: everything a shell treats specially, plus unicode and control characters.
// Not NUL (no argument can hold it) and not \x1e (wordsPrintedBy's record separator).
const pieces = [
  ...`'"$()\`\\ \t\n\r!*?[]{}~-=#&;|<>%^@,:./+_`.split(''),
  'a',
  'Z',
  '0',
  'é',
  '日本',
  '🚀',
  '\u00a0',
  '\u202e',
  '\u2028',
  '\x1b[31m',
  '\x01',
  '\x7f',
  '$(id)',
  '`id`',
  '${HOME}',
  '$HOME',
  '$1',
  '!!',
  "'\\''",
  '\\n',
];
const specialWords = [
  '',
  ' ',
  '-',
  '--',
  '-rf',
  '--name=x',
  '=x',
  '==',
  '~',
  '~root',
  '~/x',
  '*',
  '.*',
  '!',
  '!!',
  '#',
  '#x',
  'a#b',
  '$(touch /nonexistent/x)',
  "it's",
  '"',
  "'",
  '\n',
  'a\nb',
  'a=b',
];

function randomWord(random: () => number): string {
  if (random() < 0.2) return specialWords[Math.floor(random() * specialWords.length)]!;
  let word = '';
  const length = Math.floor(random() * 9);
  for (let i = 0; i < length; i++) word += pieces[Math.floor(random() * pieces.length)]!;
  return word;
}

function randomArguments(random: () => number): string[] {
  return Array.from({ length: 1 + Math.floor(random() * 6) }, () => randomWord(random));
}

const seed = Number(process.env.BERTH_PROPERTY_SEED ?? 20261203);
const cases = (() => {
  const random = seededRandom(seed);
  return Array.from({ length: 400 }, () => randomArguments(random));
})();

describe('quoteShellWord and formatCommand', () => {
  it('leave plain words bare and single-quote the rest', () => {
    expect(formatCommand(['docker', 'run', '--name', 'web-1', 'a/b:1.0', 'KEY=v', '-p', '127.0.0.1:80:80'])).toBe(
      'docker run --name web-1 a/b:1.0 KEY=v -p 127.0.0.1:80:80',
    );
    expect(quoteShellWord('')).toBe("''");
    expect(quoteShellWord('a b')).toBe("'a b'");
    expect(quoteShellWord("it's")).toBe("'it'\\''s'");
    expect(quoteShellWord('$(touch /tmp/pwned)')).toBe("'$(touch /tmp/pwned)'");
    expect(quoteShellWord('~')).toBe("'~'");
    // zsh expands a bare word starting with = to a command's path.
    expect(quoteShellWord('=ls')).toBe("'=ls'");
    expect(quoteShellWord('a=ls')).toBe('a=ls');
  });

  it.each(availableShells)(
    `%s: printf of the shown arguments, each ended by NUL, prints exactly those arguments (seed ${seed}, ${cases.length} cases)`,
    (shell) => {
      const printed = wordsPrintedBy(shell, cases.map(formatCommand));
      for (const [i, args] of cases.entries()) {
        expect(printed[i], `case ${i}: ${JSON.stringify(args)} shown as ${formatCommand(args)}`).toEqual(args);
      }
      expect(printed).toHaveLength(cases.length);
    },
  );

  it('reads back through splitShellWords into the same arguments (what the run form parses)', () => {
    for (const args of cases) expect(splitShellWords(formatCommand(args))).toEqual(args);
  });

  it('joins commands with && and | and keeps a comment outside every quoted word', () => {
    const line = withShellComment(
      formatPipeline([
        ['docker', 'save', 'a b'],
        ['tar', '-t'],
      ]),
      "two\nlines; it's",
    );
    expect(line).toBe("docker save 'a b' | tar -t  # two lines; it's");
    expect(
      formatCommandSequence([
        ['docker', 'cp', 'x y', 'c:/t'],
        ['docker', 'cp', 'z', 'c:/t'],
      ]),
    ).toBe("docker cp 'x y' c:/t && docker cp z c:/t");
    expect(wordsPrintedBy('/bin/sh', [withShellComment(formatCommand(['a b', '#c']), 'note $(id)')])).toEqual([['a b', '#c']]);
  });
});
