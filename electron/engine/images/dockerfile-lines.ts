/** One Dockerfile instruction and the lines it spans. */
export interface DockerfileInstruction {
  /** Upper case: FROM, RUN, COPY, ... */
  keyword: string;
  /** The instruction with continuations joined, as the engine prints it after "Step N/M : ". */
  text: string;
  /** 1-based, first and last physical line. */
  line: number;
  endLine: number;
}

/**
 * Splits a Dockerfile into instructions with their line numbers, the way the engine's parser
 * reads it: parser directives at the top (only `escape` changes parsing), comment lines and blank
 * lines skipped (also inside a continuation), a line ending in the escape character continues.
 * Step N of a legacy build is the Nth instruction here, meta ARGs before FROM included.
 */
export function parseDockerfileLines(text: string): DockerfileInstruction[] {
  const lines = text.split(/\r?\n/);
  let escape = '\\';
  let index = 0;
  // Parser directives: `# key=value` lines at the very top, before any blank line or instruction.
  for (; index < lines.length; index++) {
    const directive = /^\s*#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/.exec(lines[index] ?? '');
    if (!directive) break;
    if (directive[1]?.toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) escape = directive[2];
  }
  const continues = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`);
  const out: DockerfileInstruction[] = [];
  let current: { parts: string[]; line: number; endLine: number } | undefined;
  for (; index < lines.length; index++) {
    const raw = lines[index] ?? '';
    const lineNo = index + 1;
    if (/^\s*#/.test(raw)) continue;
    if (raw.trim() === '') {
      // A blank line does not end a continuation (the engine only warns about it).
      continue;
    }
    const more = continues.test(raw);
    const content = more ? raw.replace(continues, '') : raw;
    if (current) {
      current.parts.push(content);
      current.endLine = lineNo;
    } else {
      current = { parts: [content.replace(/^\s+/, '')], line: lineNo, endLine: lineNo };
    }
    if (!more) {
      out.push(finish(current));
      current = undefined;
    }
  }
  if (current) out.push(finish(current));
  return out;
}

function finish(current: { parts: string[]; line: number; endLine: number }): DockerfileInstruction {
  const text = current.parts.join('').trim();
  const keyword = (/^(\S+)/.exec(text)?.[1] ?? '').toUpperCase();
  return { keyword, text, line: current.line, endLine: current.endLine };
}

/**
 * The instruction a build step ran: the Nth one, if its keyword matches what the engine printed.
 * Steps the engine adds itself (LABEL for --label) are past the end and have no line.
 */
export function instructionForStep(
  instructions: readonly DockerfileInstruction[],
  step: number,
  printed: string,
): DockerfileInstruction | undefined {
  const candidate = instructions[step - 1];
  const keyword = (/^(\S+)/.exec(printed)?.[1] ?? '').toUpperCase();
  return candidate && candidate.keyword === keyword ? candidate : undefined;
}
