import { z } from 'zod';
import { defineCall } from './contract-kit.js';
import { containerRefSchema } from './container-ref.js';
import { terminalSessionIdSchema } from './terminal-contract.js';
import { runSpecSchema } from './run-spec.js';
import { xauthSearchGlobs } from './xauth-check.js';

/** A container's settings read back into the run form (Run again). */
export const runAgainSchema = z.object({
  /** What `docker run` was told, without what the image or the engine supplied by themselves. */
  spec: runSpecSchema,
  /** Flags that made the container and that the form has no field for, as typed (`--read-only`, `--tmpfs /run`). */
  notCarried: z.array(z.string()),
  /** False when the image is gone: its CMD, ENV and labels could not be told apart and stay in the spec. */
  imageFound: z.boolean(),
});
export type RunAgain = z.infer<typeof runAgainSchema>;

/** An image reference the engine has: `busybox`, `busybox:1.36`, `localhost:5000/tools/busybox@sha256:…`. */
const imageRefSchema = z
  .string()
  .min(1, 'Choose a toolbox image')
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._/:@-]*$/, 'Not an image reference (such as busybox or busybox:1.36)');

/** Where the helper sees the host's root when asked about cookie files outside the searched folders. */
export const hostRootView = '/host/fs';

/**
 * What the helper prints, one `kind path` line each: the host's /dev, X11 and Wayland sockets,
 * mounted read-only under /host. Globs that match nothing stay unexpanded and are skipped.
 */
export const hostCheckScript = [
  'for p in /host/dev/ttyUSB* /host/dev/ttyACM*; do [ -e "$p" ] && echo "serial ${p#/host}"; done',
  'for p in /host/dev/video*; do [ -e "$p" ] && echo "camera ${p#/host}"; done',
  'for p in /host/dev/input/js*; do [ -e "$p" ] && echo "joystick ${p#/host}"; done',
  'for p in /host/dev/dri/*; do [ -e "$p" ] && echo "dri ${p#/host}"; done',
  'for p in /host/tmp/.X11-unix/X*; do [ -S "$p" ] && echo "x11 ${p#/host}"; done',
  'for p in /host/run/user/*/wayland-*; do [ -S "$p" ] && echo "wayland ${p#/host}"; done',
  // xauth cookies (shared/xauth-check.ts's xauthSearchGlobs): path, owner uid, mode, size.
  `for p in ${xauthSearchGlobs.map((g) => `/host${g}`).join(' ')}; do [ -f "$p" ] && echo "xauth \${p#/host} $(stat -c '%u %a %s' "$p")"; done`,
  // Cookie files the form mounts from elsewhere, passed as arguments (never spliced into the script),
  // looked up under the host's root mounted read-only at hostRootView.
  `for p in "$@"; do [ -f "${hostRootView}$p" ] && echo "xauth $p $(stat -c '%u %a %s' "${hostRootView}$p")"; done`,
  'true',
].join('\n');

/** A file on the engine's host to look at: absolute, one line, no `..` (it is read under a read-only view of /). */
const hostFilePathSchema = z
  .string()
  .max(1024)
  .regex(/^\/[^\n\r\0]*$/, 'An absolute path on the engine’s host')
  .refine((p) => !p.split('/').includes('..'), 'No .. in the path');

/** What the engine's host offers the robot presets (devices by kind, display sockets, container runtimes). */
export const hostResourcesSchema = z.object({
  serial: z.array(z.string()),
  cameras: z.array(z.string()),
  joysticks: z.array(z.string()),
  /** GPU render nodes under /dev/dri (Intel/AMD GPUs, no NVIDIA runtime needed). */
  dri: z.array(z.string()),
  /** X11 sockets such as /tmp/.X11-unix/X0 (display :0). */
  x11: z.array(z.string()),
  /** Wayland sockets such as /run/user/1000/wayland-0. */
  wayland: z.array(z.string()),
  /** xauth cookie files (absent from an older helper: not checked). */
  xauth: z.array(z.object({ path: z.string(), uid: z.number().int(), mode: z.string(), size: z.number().int() })).optional(),
  /** The extra paths the check looked at (`paths` of the call): one missing from `xauth` is not a file there. */
  xauthLooked: z.array(z.string()).optional(),
  runtimes: z.array(z.string()),
  nvidiaRuntime: z.boolean(),
});
export type HostResources = z.infer<typeof hostResourcesSchema>;

/** Contract entries for robot-ready runs: Run again, debug shells. Spread into `calls` in contract.ts. */
export const robotRunCalls = {
  'containers.runSpec': defineCall({
    input: z.strictObject({ id: containerRefSchema }),
    output: runAgainSchema,
    cliArgs: (i) => ['docker', 'inspect', i.id],
  }),
  /**
   * A shell for a container that has none: a toolbox container from `image` (one the engine has)
   * joining its PID and network namespaces; its files are under /proc/1/root. Removed when the
   * session ends. Input, output, resize and close go through the terminal.* entries.
   */
  'terminal.debugShell': defineCall({
    input: z.strictObject({
      containerId: containerRefSchema,
      image: imageRefSchema,
      cols: z.number().int().min(2).max(1000),
      rows: z.number().int().min(1).max(500),
    }),
    output: z.object({ sessionId: terminalSessionIdSchema, shell: z.string() }),
    cliArgs: (i) => [
      'docker',
      'run',
      '-it',
      '--rm',
      '--pid',
      `container:${i.containerId}`,
      '--network',
      `container:${i.containerId}`,
      i.image,
      'sh',
    ],
  }),
  /**
   * Reads the engine host's devices and display sockets through a short-lived helper container from
   * `image`; `paths` are cookie files the form mounts from outside the searched folders (their owner,
   * mode and size are read through a read-only view of the host's root).
   */
  'engine.hostResources': defineCall({
    input: z.strictObject({ image: imageRefSchema, paths: z.array(hostFilePathSchema).max(4).optional() }),
    output: hostResourcesSchema,
    cliArgs: (i) => [
      'docker',
      'run',
      '--rm',
      '--network',
      'none',
      '--volume',
      '/dev:/host/dev:ro',
      '--volume',
      '/tmp:/host/tmp:ro',
      '--volume',
      '/run:/host/run:ro',
      '--volume',
      '/home:/host/home:ro',
      '--volume',
      '/root:/host/root:ro',
      ...(i.paths?.length ? ['--volume', `/:${hostRootView}:ro`] : []),
      i.image,
      'sh',
      '-c',
      hostCheckScript,
      ...(i.paths?.length ? ['sh', ...i.paths] : []),
    ],
  }),
} as const;
