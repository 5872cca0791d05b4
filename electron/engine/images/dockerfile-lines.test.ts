import { describe, expect, it } from 'vitest';
import { instructionForStep, parseDockerfileLines } from './dockerfile-lines.js';

describe('Dockerfile line mapping', () => {
  it('numbers instructions by their first line, across comments, blanks and continuations', () => {
    const text = [
      '# syntax=docker/dockerfile:1', // 1 directive
      '', // 2
      'ARG BASE=busybox', // 3
      'FROM $BASE AS build', // 4
      '# a comment', // 5
      'RUN echo one \\', // 6
      '    # a comment inside a continuation', // 7
      '', // 8
      '    && echo two', // 9
      '  env A=1', // 10  lowercase, indented
      'COPY . /src', // 11
    ].join('\n');
    const parsed = parseDockerfileLines(text);
    expect(parsed.map((i) => [i.keyword, i.line, i.endLine])).toEqual([
      ['ARG', 3, 3],
      ['FROM', 4, 4],
      ['RUN', 6, 9],
      ['ENV', 10, 10],
      ['COPY', 11, 11],
    ]);
    expect(parsed[2]?.text).toBe('RUN echo one     && echo two');
  });

  it('honours the escape directive (Windows Dockerfiles use a backtick)', () => {
    const parsed = parseDockerfileLines(['# escape=`', 'FROM scratch', 'COPY a `', '  b', 'RUN dir C:\\', 'CMD x'].join('\r\n'));
    expect(parsed.map((i) => [i.keyword, i.line, i.endLine])).toEqual([
      ['FROM', 2, 2],
      ['COPY', 3, 4],
      ['RUN', 5, 5],
      ['CMD', 6, 6],
    ]);
  });

  it('does not treat a comment after the first instruction as a directive', () => {
    const parsed = parseDockerfileLines(['FROM scratch', '# escape=`', 'RUN a \\', 'b'].join('\n'));
    expect(parsed.map((i) => [i.keyword, i.line, i.endLine])).toEqual([
      ['FROM', 1, 1],
      ['RUN', 3, 4],
    ]);
  });

  it('keeps a continuation that runs to the end of the file', () => {
    expect(parseDockerfileLines('FROM scratch\nRUN a \\\n').map((i) => [i.keyword, i.line, i.endLine])).toEqual([
      ['FROM', 1, 1],
      ['RUN', 2, 2],
    ]);
  });

  it('maps steps to instructions, and not the steps the engine adds', () => {
    const parsed = parseDockerfileLines('FROM busybox\nRUN true\n');
    expect(instructionForStep(parsed, 2, 'RUN true')?.line).toBe(2);
    expect(instructionForStep(parsed, 3, 'LABEL berth.test-fixture=true')).toBeUndefined();
    expect(instructionForStep(parsed, 1, 'RUN true')).toBeUndefined();
  });
});
