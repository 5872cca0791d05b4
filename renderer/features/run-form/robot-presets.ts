import type { HostResources } from '../../../shared/robot-run-contract.js';
import { containerXauthority, hostCookie, xauthProblem } from '../../../shared/xauth-check.js';
import {
  isBlankRow,
  rowId,
  type DeviceRow,
  type FieldErrors,
  type KeyValueRow,
  type MountRow,
  type RunFormFields,
} from './run-form-fields.js';

export type PresetId = 'ros-host' | 'serial' | 'camera' | 'joystick' | 'x11' | 'wayland' | 'gpu' | 'dri' | 'shm';

export interface Preset {
  id: PresetId;
  label: string;
}

export const presets: readonly Preset[] = [
  { id: 'ros-host', label: 'ROS on host network' },
  { id: 'serial', label: 'Serial device' },
  { id: 'camera', label: 'Camera' },
  { id: 'joystick', label: 'Joystick' },
  { id: 'x11', label: 'X11 display' },
  { id: 'wayland', label: 'Wayland display' },
  { id: 'gpu', label: 'GPU' },
  { id: 'dri', label: 'GPU (/dev/dri)' },
  { id: 'shm', label: 'Large /dev/shm' },
];

/** The size the shm preset gives /dev/shm: PyTorch data loaders and camera pipelines outgrow the engine's 64m. */
const largeShm = '1g';

const devicePatterns: Record<'serial' | 'camera' | 'joystick' | 'dri', RegExp> = {
  serial: /^\/dev\/tty(USB|ACM)\d+$/,
  camera: /^\/dev\/video\d+$/,
  joystick: /^\/dev\/input\/js\d+$/,
  dri: /^\/dev\/dri(\/|$)/,
};

/** The device a device preset adds: the first the engine's host really has, else the usual name (flagged as missing). */
function presetDevice(id: 'serial' | 'camera' | 'joystick' | 'dri', host: HostResources | null): string {
  switch (id) {
    case 'serial':
      return host?.serial[0] ?? '/dev/ttyUSB0';
    case 'camera':
      return host?.cameras[0] ?? '/dev/video0';
    case 'joystick':
      return host?.joysticks[0] ?? '/dev/input/js0';
    case 'dri':
      return '/dev/dri';
  }
}

/** `:0` for /tmp/.X11-unix/X0. */
function displayOf(host: HostResources | null): string {
  const socket = host?.x11[0];
  return socket ? `:${socket.replace(/^.*\/X/, '')}` : ':0';
}

function waylandSocket(host: HostResources | null): string {
  return host?.wayland[0] ?? '/run/user/1000/wayland-0';
}

/** What a preset adds, in docker words, for its chip. */
export function presetFlags(id: PresetId, host: HostResources | null): string {
  switch (id) {
    case 'ros-host':
      // ROS 2's DDS moves big messages through shared memory, which needs the host's IPC namespace.
      return '--network host --ipc host -e ROS_DOMAIN_ID=0';
    case 'serial':
    case 'camera':
    case 'joystick':
    case 'dri':
      return `--device ${presetDevice(id, host)}`;
    case 'x11': {
      const cookie = hostCookie(host?.xauth);
      const withCookie = cookie ? ` -v ${cookie.path}:${containerXauthority}:ro -e XAUTHORITY=${containerXauthority}` : '';
      return `-e DISPLAY=${displayOf(host)} -v /tmp/.X11-unix:/tmp/.X11-unix${withCookie}`;
    }
    case 'wayland': {
      const socket = waylandSocket(host);
      const dir = socket.replace(/\/[^/]+$/, '');
      return `-e WAYLAND_DISPLAY=${socket.replace(/^.*\//, '')} -e XDG_RUNTIME_DIR=${dir} -v ${socket}:${socket}`;
    }
    case 'gpu':
      return '--gpus all';
    case 'shm':
      return `--shm-size ${largeShm}`;
  }
}

const hasEnv = (rows: KeyValueRow[], key: string): boolean => rows.some((r) => r.key === key);
const withoutEnv = (rows: KeyValueRow[], ...keys: string[]): KeyValueRow[] => rows.filter((r) => !keys.includes(r.key) && !isBlankRow(r));

function upsertEnv(rows: KeyValueRow[], key: string, value: string): KeyValueRow[] {
  const kept = rows.filter((r) => !isBlankRow(r));
  const at = kept.findIndex((r) => r.key === key);
  if (at >= 0) return kept.map((r, i) => (i === at ? { ...r, value } : r));
  return [...kept, { id: rowId(), key, value }];
}

function addMount(rows: MountRow[], source: string, target: string): MountRow[] {
  const kept = rows.filter((m) => !isBlankRow(m));
  if (kept.some((m) => m.target === target)) return kept;
  return [...kept, { id: rowId(), type: 'bind', source, target, readOnly: false }];
}

function addDevice(rows: DeviceRow[], hostPath: string): DeviceRow[] {
  const kept = rows.filter((d) => !isBlankRow(d));
  if (kept.some((d) => d.hostPath === hostPath)) return kept;
  return [...kept, { id: rowId(), hostPath, containerPath: '', permissions: '' }];
}

/** Whether the form holds what the preset adds (so its chip shows as on). */
export function isPresetOn(f: RunFormFields, id: PresetId): boolean {
  switch (id) {
    case 'ros-host':
      return f.networkMode === 'host' && f.ipc === 'host' && hasEnv(f.env, 'ROS_DOMAIN_ID');
    case 'serial':
    case 'camera':
    case 'joystick':
    case 'dri':
      return f.devices.some((d) => devicePatterns[id].test(d.hostPath));
    case 'x11':
      return f.mounts.some((m) => m.target === '/tmp/.X11-unix');
    case 'wayland':
      return hasEnv(f.env, 'WAYLAND_DISPLAY');
    case 'gpu':
      return f.gpuMode !== 'none';
    case 'shm':
      return f.shmSize.trim() !== '';
  }
}

/** A toggle's result: the fields, and what it changed besides its own flags (a conflict it resolved). */
export interface PresetResult {
  fields: RunFormFields;
  note: string | null;
}

/** Turns a preset on (adding its flags, resolving what conflicts with them) or off (taking them out again). */
export function togglePreset(f: RunFormFields, id: PresetId, host: HostResources | null): PresetResult {
  return isPresetOn(f, id) ? { fields: withoutPreset(f, id), note: null } : withPreset(f, id, host);
}

/** A preset applied on top of what the form already holds. */
export function withPreset(f: RunFormFields, id: PresetId, host: HostResources | null): PresetResult {
  switch (id) {
    case 'ros-host': {
      const fields: RunFormFields = {
        ...f,
        networkMode: 'host',
        customNetwork: '',
        ipc: 'host',
        env: upsertEnv(f.env, 'ROS_DOMAIN_ID', '0'),
      };
      // With the host's IPC namespace the container uses the host's /dev/shm: a size for its own is meaningless.
      if (f.shmSize.trim() === '') return { fields, note: null };
      return {
        fields: { ...fields, shmSize: '' },
        note: `--shm-size ${f.shmSize.trim()} taken out: with --ipc host the container shares the host's /dev/shm`,
      };
    }
    case 'serial':
    case 'camera':
    case 'joystick':
    case 'dri':
      return { fields: { ...f, devices: addDevice(f.devices, presetDevice(id, host)) }, note: null };
    case 'x11': {
      const fields = {
        ...f,
        env: upsertEnv(f.env, 'DISPLAY', displayOf(host)),
        mounts: addMount(f.mounts, '/tmp/.X11-unix', '/tmp/.X11-unix'),
      };
      // The X server's cookie, read-only, when the host has one (else the host check says what to do).
      const cookie = hostCookie(host?.xauth);
      if (!cookie) return { fields, note: null };
      const mounts = addMount(fields.mounts, cookie.path, containerXauthority).map((m) =>
        m.target === containerXauthority && m.source === cookie.path ? { ...m, readOnly: true } : m,
      );
      return { fields: { ...fields, env: upsertEnv(fields.env, 'XAUTHORITY', containerXauthority), mounts }, note: null };
    }
    case 'wayland': {
      const socket = waylandSocket(host);
      const env = upsertEnv(
        upsertEnv(f.env, 'WAYLAND_DISPLAY', socket.replace(/^.*\//, '')),
        'XDG_RUNTIME_DIR',
        socket.replace(/\/[^/]+$/, ''),
      );
      return { fields: { ...f, env, mounts: addMount(f.mounts, socket, socket) }, note: null };
    }
    case 'gpu':
      return { fields: { ...f, gpuMode: 'all', gpuCount: '' }, note: null };
    case 'shm': {
      const fields: RunFormFields = { ...f, shmSize: largeShm };
      if (f.ipc !== 'host') return { fields, note: null };
      return {
        fields: { ...fields, ipc: 'default' },
        note: `--ipc host taken out: a /dev/shm of its own (${largeShm}) replaces the host's, and ROS shared-memory transport between host and container stops`,
      };
    }
  }
}

/** Takes a preset's flags out again. */
export function withoutPreset(f: RunFormFields, id: PresetId): RunFormFields {
  switch (id) {
    case 'ros-host':
      return { ...f, networkMode: 'default', customNetwork: '', ipc: 'default', env: withoutEnv(f.env, 'ROS_DOMAIN_ID') };
    case 'serial':
    case 'camera':
    case 'joystick':
    case 'dri':
      return { ...f, devices: f.devices.filter((d) => !devicePatterns[id].test(d.hostPath) && !isBlankRow(d)) };
    case 'x11': {
      const xauthority = f.env.find((r) => r.key === 'XAUTHORITY')?.value;
      return {
        ...f,
        env: withoutEnv(f.env, 'DISPLAY', 'XAUTHORITY'),
        mounts: f.mounts.filter((m) => m.target !== '/tmp/.X11-unix' && !(xauthority && m.target === xauthority)),
      };
    }
    case 'wayland': {
      const socket = f.env.find((r) => r.key === 'XDG_RUNTIME_DIR')?.value ?? '';
      return {
        ...f,
        env: withoutEnv(f.env, 'WAYLAND_DISPLAY', 'XDG_RUNTIME_DIR'),
        mounts: f.mounts.filter((m) => !(socket && m.target.startsWith(`${socket}/wayland-`))),
      };
    }
    case 'gpu':
      return { ...f, gpuMode: 'none', gpuCount: '' };
    case 'shm':
      return { ...f, shmSize: '' };
  }
}

/** Every device the engine's host has, for the device path suggestions. */
export function hostDevices(host: HostResources | null): string[] {
  if (!host) return [];
  return [...host.serial, ...host.cameras, ...host.joysticks, ...(host.dri.length > 0 ? ['/dev/dri'] : []), ...host.dri];
}

const deviceKinds: Array<{ pattern: RegExp; kind: string; list: (h: HostResources) => string[] }> = [
  { pattern: devicePatterns.serial, kind: 'serial ports', list: (h) => h.serial },
  { pattern: devicePatterns.camera, kind: 'cameras', list: (h) => h.cameras },
  { pattern: devicePatterns.joystick, kind: 'joysticks', list: (h) => h.joysticks },
  { pattern: devicePatterns.dri, kind: 'GPU render nodes', list: (h) => (h.dri.length > 0 ? ['/dev/dri', ...h.dri] : []) },
];

/**
 * What the engine's host lacks for what the form asks, keyed by the field it belongs beside: a
 * device it does not have, a GPU without the NVIDIA runtime, a display with no socket. Empty
 * until the host has been read.
 */
export function hostProblems(f: RunFormFields, host: HostResources | null): FieldErrors {
  if (!host) return {};
  const problems: FieldErrors = {};
  f.devices.forEach((d, i) => {
    const kind = deviceKinds.find((k) => k.pattern.test(d.hostPath));
    if (!kind) return;
    const has = kind.list(host);
    if (has.includes(d.hostPath)) return;
    const message = `${d.hostPath} is not on the engine's host (its ${kind.kind}: ${has.length > 0 ? has.join(', ') : 'none'})`;
    problems[`devices.${i}.hostPath`] = message;
  });
  if (f.gpuMode !== 'none' && !host.nvidiaRuntime) {
    problems.gpus = `This engine has no NVIDIA runtime (docker info lists: ${host.runtimes.join(', ') || 'none'}), so --gpus fails${
      host.dri.length > 0 ? '; for an Intel or AMD GPU use the GPU (/dev/dri) preset' : ''
    }`;
  }
  if (f.mounts.some((m) => m.source === '/tmp/.X11-unix') && host.x11.length === 0) {
    problems.mounts = "No X11 display socket in /tmp/.X11-unix on the engine's host: is an X server running there?";
  } else {
    const display = f.env.find((r) => r.key === 'DISPLAY')?.value;
    const socket = display && /^:\d+/.test(display) ? `/tmp/.X11-unix/X${display.slice(1).split('.')[0]}` : undefined;
    if (socket && host.x11.length > 0 && !host.x11.includes(socket))
      problems.env = `DISPLAY=${display} has no socket on the engine's host (it has ${host.x11.map((s) => `:${s.replace(/^.*\/X/, '')}`).join(', ')})`;
  }
  const cookie = xauthProblem(f, host.xauth, host.xauthLooked);
  if (cookie && problems[cookie.field] === undefined) problems[cookie.field] = cookie.message;
  const wayland = f.mounts.find((m) => /\/wayland-\d+$/.test(m.source));
  if (wayland && !host.wayland.includes(wayland.source)) {
    problems.mounts = `${wayland.source} is not a Wayland socket on the engine's host (${host.wayland.length > 0 ? `it has ${host.wayland.join(', ')}` : 'it has none'})`;
  }
  return problems;
}
