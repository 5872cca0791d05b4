import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../shared/engine-types.js';
import { emptyRunSpec } from '../../../shared/run-spec.js';
import type { LastRun } from './run-form-store.js';
import { programOf, runResultView, shortImageName } from './run-result.js';

const last = (over: Partial<LastRun['spec']> = {}): LastRun => ({
  id: 'c1',
  name: 'duck',
  spec: { ...emptyRunSpec('docker.io/library/busybox:1.36'), ...over },
  started: true,
  attached: false,
});

const container = (over: Partial<ContainerSummary>): ContainerSummary => ({
  id: 'c1',
  name: 'duck',
  image: 'busybox',
  imageId: 'sha256:1',
  command: 'sh',
  created: 1,
  state: 'running',
  status: 'Up 1 second',
  exitCode: null,
  ports: [],
  labels: {},
  ...over,
});

describe('the note after a run', () => {
  it('says a shell run without -it exited at once, with its code and why', () => {
    const view = runResultView(last(), container({ state: 'exited', exitCode: 0 }), true);
    expect(view).toEqual({
      kind: 'exited',
      name: 'duck',
      exitCode: 0,
      hint: "busybox's default command is sh; without -it it exits: with no terminal and no input, sh has nothing to read and ends.",
      offerInteractive: true,
    });
  });

  it('names the given command rather than the image default, and gives no hint for other programs or for -it', () => {
    expect(
      runResultView(last({ command: ['/bin/bash'] }), container({ state: 'exited', exitCode: 0, command: '/bin/bash' }), true),
    ).toMatchObject({
      hint: expect.stringMatching(/^Its command is bash; without -it it exits/),
    });
    expect(runResultView(last(), container({ state: 'exited', exitCode: 3, command: 'false' }), true)).toMatchObject({
      exitCode: 3,
      hint: null,
      offerInteractive: false,
    });
    expect(runResultView(last({ interactive: true, tty: true }), container({ state: 'exited', exitCode: 0 }), true)).toMatchObject({
      hint: null,
    });
  });

  it('tells not yet listed from listed and then gone (--rm)', () => {
    expect(runResultView(last(), undefined, false)).toEqual({ kind: 'running', name: 'duck' });
    expect(runResultView(last(), undefined, true)).toEqual({ kind: 'gone', name: 'duck' });
    expect(runResultView(last(), container({ state: 'running' }), true)).toEqual({ kind: 'running', name: 'duck' });
  });

  it('reads a program and an image name as people say them', () => {
    expect(programOf('/bin/sh -c "sleep 1"')).toBe('sh');
    expect(programOf('python3')).toBe('python3');
    expect(shortImageName('127.0.0.1:5000/team/duck:v2')).toBe('duck');
    expect(shortImageName('busybox@sha256:abc')).toBe('busybox');
  });
});
