import { z } from 'zod';
import { capabilityNameProblem, isCapabilityName } from './linux-capabilities.js';

/** What `docker run` can be told, as Berth's run form holds it. */
export const portBindingSchema = z.object({
  hostIp: z.string().optional(),
  /** Omitted: the engine picks a free port. */
  hostPort: z.number().int().min(1).max(65535).optional(),
  containerPort: z.number().int().min(1).max(65535),
  protocol: z.enum(['tcp', 'udp', 'sctp']),
});
export type PortBinding = z.infer<typeof portBindingSchema>;

export const mountSpecSchema = z.object({
  /** bind: a host path; volume: a named volume. */
  type: z.enum(['bind', 'volume']),
  source: z.string().min(1, 'A mount needs a source'),
  target: z.string().regex(/^\//, 'A mount target must be an absolute path in the container'),
  readOnly: z.boolean(),
});
export type MountSpec = z.infer<typeof mountSpecSchema>;

export const deviceSpecSchema = z.object({
  hostPath: z.string().regex(/^\//, 'A device is an absolute host path such as /dev/ttyUSB0'),
  containerPath: z.string().optional(),
  permissions: z
    .string()
    .regex(/^[rwm]{1,3}$/)
    .optional(),
});
export type DeviceSpec = z.infer<typeof deviceSpecSchema>;

const keyValue = z.object({ key: z.string().min(1), value: z.string() });

const capabilitySchema = z.string().refine(isCapabilityName, { error: (issue) => capabilityNameProblem(String(issue.input)) });

/** A DNS name as RFC 1123 allows it: labels of letters, digits and inner hyphens, joined by dots. */
const hostnamePattern = /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const hostnameMessage = 'A host name: letters, digits, - and dots (such as robot-1 or robot.local)';

/** `--add-host NAME:IP`: a line in the container's /etc/hosts; `host-gateway` is the host's own address. */
export const extraHostSchema = z.object({
  host: z.string().regex(hostnamePattern, hostnameMessage),
  ip: z.union([z.ipv4(), z.ipv6(), z.literal('host-gateway')]),
});
export type ExtraHost = z.infer<typeof extraHostSchema>;

/** The least memory the engine accepts as a limit (it refuses less with "Minimum memory limit allowed is 6MB"). */
export const minimumMemoryBytes = 6 * 1024 * 1024;

export const ipcModeSchema = z.enum(['host', 'private', 'shareable', 'none']);

export const restartPolicySchema = z.enum(['no', 'always', 'unless-stopped', 'on-failure']);

export const runSpecSchema = z
  .object({
    image: z.string().min(1, 'Choose an image to run'),
    name: z
      .string()
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/, 'Use letters, digits, _ . or - (and start with a letter or digit)')
      .optional(),
    /** Arguments after the image; empty means the image's CMD. */
    command: z.array(z.string()),
    /** Replaces the image's ENTRYPOINT when set. */
    entrypoint: z.array(z.string()).optional(),
    env: z.array(keyValue),
    ports: z.array(portBindingSchema),
    mounts: z.array(mountSpecSchema),
    workdir: z.string().optional(),
    user: z.string().optional(),
    restart: restartPolicySchema,
    restartMaxRetries: z.number().int().min(0).optional(),
    interactive: z.boolean(),
    tty: z.boolean(),
    /** `-d` with `-it`: keep it in the background rather than open a terminal on it (the form's choice; not an engine setting). */
    detach: z.boolean().optional(),
    autoRemove: z.boolean(),
    /** host, none, bridge or a network name; absent means the engine default. */
    network: z.string().optional(),
    devices: z.array(deviceSpecSchema),
    privileged: z.boolean(),
    /** `all` or a number of GPUs (`--gpus`). */
    gpus: z.union([z.literal('all'), z.number().int().min(1)]).optional(),
    labels: z.array(keyValue),
    /** `--cpus`: how many CPUs' worth of time it may use, such as 0.5 (the engine's NanoCpus). */
    cpus: z.number().positive('CPUs must be more than 0').multipleOf(1e-9, 'CPUs to at most 9 decimals').optional(),
    /** `--memory`, in bytes. */
    memory: z.number().int().min(minimumMemoryBytes, 'Memory must be at least 6m: the engine refuses less').optional(),
    /** `--memory-swap`, in bytes: memory plus swap; -1 is unlimited swap. */
    memorySwap: z.number().int().min(-1).optional(),
    /** `--shm-size`, in bytes: the size of /dev/shm (the engine's default is 64m). */
    shmSize: z.number().int().positive('Shared memory must be more than 0').optional(),
    capAdd: z.array(capabilitySchema).optional(),
    capDrop: z.array(capabilitySchema).optional(),
    /** `--ipc`: absent is the engine's default (private or shareable, by its configuration). */
    ipc: ipcModeSchema.optional(),
    /** `--pid host`: see and signal the host's processes. */
    pid: z.literal('host').optional(),
    hostname: z.string().regex(hostnamePattern, hostnameMessage).optional(),
    extraHosts: z.array(extraHostSchema).optional(),
  })
  .superRefine((spec, ctx) => {
    if (spec.memorySwap === undefined || spec.memorySwap === -1) return;
    if (spec.memory === undefined)
      ctx.addIssue({ code: 'custom', path: ['memorySwap'], message: 'Set a memory limit too: memory + swap counts from it' });
    else if (spec.memorySwap < spec.memory)
      ctx.addIssue({
        code: 'custom',
        path: ['memorySwap'],
        message: 'Memory + swap must be at least the memory limit (or -1 for unlimited swap)',
      });
  });
export type RunSpec = z.infer<typeof runSpecSchema>;

export function emptyRunSpec(image = ''): RunSpec {
  return {
    image,
    command: [],
    env: [],
    ports: [],
    mounts: [],
    restart: 'no',
    interactive: false,
    tty: false,
    autoRemove: false,
    devices: [],
    privileged: false,
    labels: [],
  };
}
