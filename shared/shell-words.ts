/** Splits a command line into words the way a POSIX shell would (quotes, backslashes, line continuations). */
export function splitShellWords(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else current += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1]!)) {
        const next = line[++i]!;
        if (next !== '\n') current += next;
      } else current += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      const next = line[++i]!;
      if (next !== '\n') {
        current += next;
        inWord = true;
      }
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) throw new Error(`Unclosed ${quote === '"' ? 'double' : 'single'} quote`);
  if (inWord) words.push(current);
  return words;
}

/**
 * Berth's one quoting function: one word for a POSIX shell, quoted only when it needs it. Words
 * of only ASCII letters, digits and `_@%+=:,./-` stay bare (not with a leading `=`, which zsh
 * expands to a command's path); anything else goes in single quotes, where nothing is special but
 * the closing quote, written `'\''`. Build lines with formatCommand (shell-command.ts), not with this.
 */
export function quoteShellWord(word: string): string {
  if (word === '') return "''";
  if (/^[\w@%+:,./-][\w@%+=:,./-]*$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
