import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../shared/engine-types.js';
import { emptyLogNote } from './empty-log-note.js';
import { LogModel } from './log-lines.js';

const summary = (over: Partial<ContainerSummary>): ContainerSummary => ({
  id: 'c1',
  name: 'quiet',
  image: 'busybox',
  imageId: 'sha256:1',
  command: 'sh',
  created: 0,
  state: 'exited',
  status: 'Exited (0) 1 second ago',
  exitCode: 0,
  ports: [],
  labels: {},
  ...over,
});

describe('emptyLogNote', () => {
  it('waits while the stream is open', () => {
    expect(emptyLogNote(summary({}), false)).toBe('Waiting for output…');
  });

  it('says a shell run without -it exited, with its code and why', () => {
    expect(emptyLogNote(summary({}), true)).toBe(
      'Exited with code 0 without printing anything. Its command is sh; without -it it exits: with no terminal and no input, sh has nothing to read and ends.',
    );
  });

  it('gives only the code for other programs', () => {
    expect(emptyLogNote(summary({ command: 'true', exitCode: 3 }), true)).toBe('Exited with code 3 without printing anything.');
  });

  it('says No output for a running or unknown container', () => {
    expect(emptyLogNote(summary({ state: 'running', exitCode: null }), true)).toBe('No output.');
    expect(emptyLogNote(undefined, true)).toBe('No output.');
  });
});

describe('LogModel.mark', () => {
  it('adds a note line between lines without counting it as skipped', () => {
    const model = new LogModel();
    model.push([{ stream: 'stdout', data: new TextEncoder().encode('a\n') }]);
    model.mark('— restarted —');
    model.push([{ stream: 'stdout', data: new TextEncoder().encode('b\n') }]);
    expect(model.snapshot().map((l) => l.text)).toEqual(['a', '— restarted —', 'b']);
    expect(model.skipped).toBe(0);
    expect(model.at(1)?.skipped).toBe(0);
  });
});
