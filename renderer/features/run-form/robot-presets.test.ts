import { describe, expect, it } from 'vitest';
import type { HostResources } from '../../../shared/robot-run-contract.js';
import { BerthClient } from '../../api/client.js';
import { FakeTransport } from '../../test-support/fake-transport.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore } from '../activity/activity-store.js';
import { commandLineOf, emptyFields } from './run-form-fields.js';
import { hostProblems, isPresetOn, presetFlags, presets, togglePreset } from './robot-presets.js';
import { noTerminal } from './run-form-test-support.js';
import { createRunFormStore, nvidiaRuntimeMissing } from './run-form-store.js';

const robotHost: HostResources = {
  serial: ['/dev/ttyACM0'],
  cameras: ['/dev/video2'],
  joysticks: [],
  dri: ['/dev/dri/card0', '/dev/dri/renderD128'],
  x11: ['/tmp/.X11-unix/X1'],
  wayland: [],
  runtimes: ['io.containerd.runc.v2', 'runc'],
  nvidiaRuntime: false,
};

describe('robot presets', () => {
  it('each toggles on with the flags its chip shows, and off back to the form it started from', () => {
    const start = emptyFields('ros:humble');
    const before = commandLineOf(start);
    for (const { id } of presets) {
      const on = togglePreset(start, id, robotHost).fields;
      expect(isPresetOn(on, id), id).toBe(true);
      const line = commandLineOf(on);
      for (const word of presetFlags(id, robotHost).split(' ')) expect(line, id).toContain(word);
      const off = togglePreset(on, id, robotHost).fields;
      expect(isPresetOn(off, id), id).toBe(false);
      expect(commandLineOf(off), id).toBe(before);
    }
  });

  it('picks devices and the display from the engine host’s real list', () => {
    expect(presetFlags('serial', robotHost)).toBe('--device /dev/ttyACM0');
    expect(presetFlags('camera', robotHost)).toBe('--device /dev/video2');
    expect(presetFlags('x11', robotHost)).toBe('-e DISPLAY=:1 -v /tmp/.X11-unix:/tmp/.X11-unix');
    // Nothing read yet: the usual names.
    expect(presetFlags('serial', null)).toBe('--device /dev/ttyUSB0');
  });

  it('resolves a large /dev/shm against --ipc host, whichever comes second, and says what it took out', () => {
    const shmFirst = togglePreset(togglePreset(emptyFields('x'), 'shm', null).fields, 'ros-host', null);
    expect(shmFirst.fields).toMatchObject({ ipc: 'host', shmSize: '' });
    expect(shmFirst.note).toMatch(/--shm-size 1g taken out/);
    const rosFirst = togglePreset(togglePreset(emptyFields('x'), 'ros-host', null).fields, 'shm', null);
    expect(rosFirst.fields).toMatchObject({ ipc: 'default', shmSize: '1g', networkMode: 'host' });
    expect(rosFirst.note).toMatch(/--ipc host taken out/);
  });

  it('names what the engine host lacks beside its field', () => {
    let f = emptyFields('x');
    for (const id of ['serial', 'joystick', 'gpu', 'x11'] as const) f = togglePreset(f, id, null).fields;
    const problems = hostProblems(f, robotHost);
    expect(problems['devices.0.hostPath']).toBe("/dev/ttyUSB0 is not on the engine's host (its serial ports: /dev/ttyACM0)");
    expect(problems['devices.1.hostPath']).toBe("/dev/input/js0 is not on the engine's host (its joysticks: none)");
    expect(problems.gpus).toMatch(/^This engine has no NVIDIA runtime \(docker info lists: io.containerd.runc.v2, runc\).*\/dev\/dri/);
    expect(problems.env).toBe("DISPLAY=:0 has no socket on the engine's host (it has :1)");
    expect(hostProblems(togglePreset(emptyFields('x'), 'serial', robotHost).fields, robotHost)).toEqual({});
    expect(hostProblems(f, null)).toEqual({});
    // Wayland: no socket on this host; one on a host that has it is fine.
    const wayland = togglePreset(emptyFields('x'), 'wayland', null).fields;
    expect(hostProblems(wayland, robotHost).mounts).toMatch(
      /^\/run\/user\/1000\/wayland-0 is not a Wayland socket on the engine's host \(it has none\)$/,
    );
    const withWayland = { ...robotHost, wayland: ['/run/user/1000/wayland-0'] };
    expect(hostProblems(togglePreset(emptyFields('x'), 'wayland', withWayland).fields, withWayland).mounts).toBeUndefined();
  });

  it('turns the engine’s GPU refusal into words', () => {
    expect(nvidiaRuntimeMissing('could not select device driver "" with capabilities: [[gpu]]')).toMatch(
      /^This engine has no NVIDIA runtime/,
    );
    expect(nvidiaRuntimeMissing('port is already allocated')).toBeUndefined();
  });

  it('keeps Run from starting what the host lacks, pointing at the field', async () => {
    const transport = new FakeTransport()
      .reply('engine.hostResources', robotHost)
      .reply('containers.run', { id: 'x', name: 'x', started: true });
    const form = createRunFormStore({ run: createActionRunner(new BerthClient(transport), createActivityStore()), ...noTerminal });
    await form.getState().loadHost('busybox:latest');
    form.getState().openForm({ image: 'ros:humble' });
    form.getState().togglePreset('gpu');
    expect(await form.getState().submit(true)).toBe(false);
    expect(form.getState().errors.gpus).toMatch(/no NVIDIA runtime/);
    expect(transport.callsTo('containers.run')).toEqual([]);
    form.getState().togglePreset('gpu');
    expect(await form.getState().submit(true)).toBe(true);
  });
});
