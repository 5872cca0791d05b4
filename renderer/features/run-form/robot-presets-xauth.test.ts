import { describe, expect, it } from 'vitest';
import type { HostResources } from '../../../shared/robot-run-contract.js';
import { emptyFields } from './run-form-fields.js';
import { hostProblems, presetFlags, togglePreset } from './robot-presets.js';
import { desktopHost } from './run-form-test-support.js';

const host = (xauth: HostResources['xauth']): HostResources => desktopHost({ xauth });

describe('the X11 display preset and the host’s xauth cookie', () => {
  const withCookie = host([{ path: '/home/ada/.Xauthority', uid: 1000, mode: '600', size: 52 }]);

  it('mounts the host’s cookie read-only and sets XAUTHORITY, and takes both out again', () => {
    expect(presetFlags('x11', withCookie)).toBe(
      '-e DISPLAY=:0 -v /tmp/.X11-unix:/tmp/.X11-unix -v /home/ada/.Xauthority:/tmp/.docker.xauth:ro -e XAUTHORITY=/tmp/.docker.xauth',
    );
    const on = togglePreset(emptyFields('x'), 'x11', withCookie).fields;
    expect(on.env.map((r) => `${r.key}=${r.value}`)).toEqual(['DISPLAY=:0', 'XAUTHORITY=/tmp/.docker.xauth']);
    expect(on.mounts).toMatchObject([
      { source: '/tmp/.X11-unix', target: '/tmp/.X11-unix' },
      { source: '/home/ada/.Xauthority', target: '/tmp/.docker.xauth', readOnly: true },
    ]);
    expect(hostProblems(on, withCookie)).toEqual({});
    const off = togglePreset(on, 'x11', withCookie).fields;
    expect(off.env).toEqual([]);
    expect(off.mounts).toEqual([]);
  });

  it('names a missing cookie beside the environment, with what to do', () => {
    const on = togglePreset(emptyFields('x'), 'x11', host([])).fields;
    expect(hostProblems(on, host([])).env).toMatch(/^No xauth cookie on the engine’s host [^]*xhost \+si:localuser:root/);
  });
});
