import { quoteShellWord } from './shell-words.js';

/**
 * One command as the program receives it: its argv, words unquoted (`['docker', 'stop', 'web']`).
 * Every command Berth shows is built as words like these and quoted only when it is shown, so a
 * value never reaches the shell as anything but one literal word.
 */
export type CommandWords = readonly string[];

/** The line a POSIX shell reads back into exactly `words`: each word through quoteShellWord. */
export function formatCommand(words: CommandWords): string {
  return words.map(quoteShellWord).join(' ');
}

/** Commands on one line, each run only if the one before succeeded (`a && b`). */
export function formatCommandSequence(commands: readonly CommandWords[]): string {
  return commands.map(formatCommand).join(' && ');
}

/** Commands piped one into the next (`a | b`). */
export function formatPipeline(commands: readonly CommandWords[]): string {
  return commands.map(formatCommand).join(' | ');
}

/**
 * A line with a note after it as a `# …` comment, outside every quoted word. The note is
 * Berth's own text, but a line break in it would end the comment and start a command, so it
 * becomes a space.
 */
export function withShellComment(line: string, note: string): string {
  return `${line}  # ${note.replace(/[\r\n]+/g, ' ')}`;
}
