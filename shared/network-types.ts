import { z } from 'zod';
import { containerStateSchema } from './engine-types.js';
import { gatewayProblem, subnetProblem } from './network-address.js';

/** A network ID (full or short) or name, as `docker network` commands accept them. */
export const networkRefSchema = z
  .string()
  .min(1, 'A network ID or name is required')
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'Not a network ID or name');

/** The networks every engine has (bridge only when the daemon was started with it). */
export const builtInNetworkNames = ['bridge', 'host', 'none'] as const;

/** One line for learners about each built-in network. */
export const builtInExplanations: Readonly<Record<(typeof builtInNetworkNames)[number], string>> = {
  bridge: 'The default network: containers started without --network join it and reach each other only by IP address, not by name.',
  host: 'No isolation: a container on it shares the computer’s own network stack and ports, which ROS 2 nodes often need for DDS discovery.',
  none: 'No network at all: a container on it has only its loopback interface.',
};

/** The same, in a few words for the list row. */
export const builtInShortNotes: Readonly<Record<(typeof builtInNetworkNames)[number], string>> = {
  bridge: 'Default when no --network is given',
  host: 'Computer’s own network (ROS)',
  none: 'No network, loopback only',
};

export function isBuiltInNetworkName(name: string): name is (typeof builtInNetworkNames)[number] {
  return (builtInNetworkNames as readonly string[]).includes(name);
}

/** A new network's name: what the engine accepts, minus the names of the built-in networks. */
export const networkNameSchema = z
  .string()
  .min(1, 'A network needs a name')
  .max(128, 'At most 128 characters')
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'Use letters, digits, _ . or - (and start with a letter or digit)')
  .refine((n) => !isBuiltInNetworkName(n), { message: 'host, none and bridge are the built-in networks’ names; choose another' });

export const networkContainerSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: containerStateSchema,
  /** The container's address on this network (no prefix); null while it is stopped or when it has none. */
  ipv4: z.string().nullable(),
});
export type NetworkContainer = z.infer<typeof networkContainerSchema>;

/**
 * Whether a container on a network stops the engine removing it: only one with a live endpoint
 * (running, paused, restarting). A stopped one does not, and fails to start once its network is gone.
 */
export function blocksRemoval(c: Pick<NetworkContainer, 'state'>): boolean {
  return c.state === 'running' || c.state === 'paused' || c.state === 'restarting';
}

export const ipamConfigSchema = z.object({ subnet: z.string().optional(), gateway: z.string().optional(), ipRange: z.string().optional() });
export type IpamConfig = z.infer<typeof ipamConfigSchema>;

export const networkSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  /** local, swarm or global. */
  scope: z.string(),
  /** Unix seconds; null when the engine did not say. */
  created: z.number().nullable(),
  internal: z.boolean(),
  attachable: z.boolean(),
  /** The swarm's routing-mesh network (`ingress`): managed by the swarm, never pruned here. */
  ingress: z.boolean(),
  ipv6: z.boolean(),
  /** host, none and the default bridge: they cannot be removed. */
  builtIn: z.boolean(),
  ipam: z.array(ipamConfigSchema),
  options: z.record(z.string(), z.string()),
  labels: z.record(z.string(), z.string()),
  /** Containers on this network, running or not, with their address on it. */
  containers: z.array(networkContainerSchema),
});
export type NetworkSummary = z.infer<typeof networkSummarySchema>;

/** What `networks.create` takes; also what the create form holds once it is valid. */
export const networkCreateSchema = z
  .strictObject({
    name: networkNameSchema,
    driver: z.enum(['bridge']).optional(),
    subnet: z.string().max(64).optional(),
    gateway: z.string().max(64).optional(),
    /** No route to the outside world: containers on it reach only each other. */
    internal: z.boolean().optional(),
    /** Standalone containers may join (matters for swarm overlay networks; harmless on a bridge). */
    attachable: z.boolean().optional(),
    labels: z
      .record(
        z
          .string()
          .min(1)
          .max(1024)
          .regex(/^[^=\s]+$/, 'A label key has no = or spaces'),
        z.string().max(10_000),
      )
      .optional(),
  })
  .superRefine((i, ctx) => {
    const subnet = i.subnet === undefined ? undefined : subnetProblem(i.subnet);
    if (subnet) ctx.addIssue({ code: 'custom', message: subnet, path: ['subnet'] });
    const gateway = i.gateway === undefined ? undefined : gatewayProblem(i.gateway, i.subnet);
    if (gateway) ctx.addIssue({ code: 'custom', message: gateway, path: ['gateway'] });
  });
export type NetworkCreateInput = z.infer<typeof networkCreateSchema>;

/** The outcome for one network of a bulk remove or a prune. */
export const networkRemovalSchema = z.object({
  /** The network's ID (what was sent when the engine no longer knows it). */
  id: z.string(),
  /** Its name, for showing; two networks may share one. */
  name: z.string(),
  removed: z.boolean(),
  /** Why not, in the engine's words. */
  reason: z.string().optional(),
});
export type NetworkRemoval = z.infer<typeof networkRemovalSchema>;

export const networkPrunePreviewSchema = z.object({
  /** User-defined local networks no container (running or stopped) is attached to. Swarm networks and ingress never appear. */
  networks: z.array(z.object({ id: z.string(), name: z.string(), driver: z.string(), created: z.number().nullable() })),
  /** User-defined local networks kept because containers are attached. */
  keptInUse: z.number().int(),
});
export type NetworkPrunePreview = z.infer<typeof networkPrunePreviewSchema>;
