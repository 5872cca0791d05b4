import { z } from 'zod';

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
  permissions: z.string().regex(/^[rwm]{1,3}$/).optional(),
});
export type DeviceSpec = z.infer<typeof deviceSpecSchema>;

const keyValue = z.object({ key: z.string().min(1), value: z.string() });

export const restartPolicySchema = z.enum(['no', 'always', 'unless-stopped', 'on-failure']);

export const runSpecSchema = z.object({
  image: z.string().min(1, 'Choose an image to run'),
  name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/, 'Use letters, digits, _ . or - (and start with a letter or digit)').optional(),
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
  autoRemove: z.boolean(),
  /** host, none, bridge or a network name; absent means the engine default. */
  network: z.string().optional(),
  devices: z.array(deviceSpecSchema),
  privileged: z.boolean(),
  /** `all` or a number of GPUs (`--gpus`). */
  gpus: z.union([z.literal('all'), z.number().int().min(1)]).optional(),
  labels: z.array(keyValue),
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
