import { z } from 'zod';
import { defineCall } from './contract-kit.js';
import { containerRefSchema } from './container-ref.js';
import { jsonValueSchema } from './container-detail-types.js';
import { parseIpv4 } from './network-address.js';
import { formatCommand, withShellComment, type CommandWords } from './shell-command.js';
import {
  networkCreateSchema,
  networkPrunePreviewSchema,
  networkRefSchema,
  networkRemovalSchema,
  networkSummarySchema,
  type NetworkCreateInput,
} from './network-types.js';

/**
 * Contract entries for networks. Spread into `calls` in contract.ts.
 * Engine refusals pass through with the engine's reason (CONFLICT: in use, overlapping pool, ...).
 */

/** The `docker network create` line for a (possibly partly filled) form. */
export function formatNetworkCreate(i: Partial<NetworkCreateInput>): string {
  return formatCommand(networkCreateWords(i));
}

export function networkCreateWords(i: Partial<NetworkCreateInput>): CommandWords {
  const words = ['docker', 'network', 'create'];
  if (i.driver && i.driver !== 'bridge') words.push('--driver', i.driver);
  if (i.subnet) words.push('--subnet', i.subnet);
  if (i.gateway) words.push('--gateway', i.gateway);
  if (i.internal) words.push('--internal');
  if (i.attachable) words.push('--attachable');
  for (const [key, value] of Object.entries(i.labels ?? {})) words.push('--label', `${key}=${value}`);
  words.push(i.name || 'NAME');
  return words;
}

const pruneListing: CommandWords = ['docker', 'network', 'ls', '--filter', 'type=custom', '--filter', 'scope=local'];

const byNetwork = z.strictObject({ network: networkRefSchema });
const membership = z.strictObject({ network: networkRefSchema, container: containerRefSchema });
const ipv4Address = z.string().refine((a) => parseIpv4(a) !== undefined, 'Not an IPv4 address (four numbers 0-255 separated by dots)');

export const networkCalls = {
  /** Every network with its IPAM and the containers attached, from one network list and one container list. */
  'networks.list': defineCall({
    input: z.strictObject({}),
    output: z.array(networkSummarySchema),
    cliArgs: () => ['docker', 'network', 'ls', '--no-trunc'],
  }),
  'networks.inspect': defineCall({
    input: byNetwork,
    output: jsonValueSchema,
    cliArgs: (i) => ['docker', 'network', 'inspect', i.network],
  }),
  'networks.create': defineCall({ input: networkCreateSchema, output: z.object({ id: z.string() }), cliArgs: networkCreateWords }),
  /** CONFLICT with the engine's reason while containers are attached. */
  'networks.remove': defineCall({ input: byNetwork, output: z.null(), cliArgs: (i) => ['docker', 'network', 'rm', i.network] }),
  /** Removes each network in turn (by ID: two networks may share a name) and reports each. */
  'networks.removeMany': defineCall({
    input: z.strictObject({ networks: z.array(networkRefSchema).min(1, 'Choose at least one network').max(500) }),
    output: z.array(networkRemovalSchema),
    cliArgs: (i) => ['docker', 'network', 'rm', ...i.networks],
  }),
  /**
   * Removes the networks a prune preview listed, by ID, checking each again first: one that has
   * gained a container since (even a stopped one, which the engine would not protect) is kept.
   */
  'networks.prune': defineCall({
    input: z.strictObject({ networks: z.array(networkRefSchema).min(1, 'Nothing to prune').max(500) }),
    output: z.array(networkRemovalSchema),
    cliArgs: (i) => ['docker', 'network', 'rm', ...i.networks],
  }),
  /** The user-defined local networks no container is attached to: what prune would remove. Changes nothing. */
  'networks.prunePreview': defineCall({
    input: z.strictObject({}),
    output: networkPrunePreviewSchema,
    cliArgs: () => pruneListing,
    cli: () => withShellComment(formatCommand(pruneListing), 'minus those with containers'),
  }),
  /** With `ipv4Address`, a fixed address (the network must have a subnet given at creation). */
  'networks.connect': defineCall({
    input: z.strictObject({ network: networkRefSchema, container: containerRefSchema, ipv4Address: ipv4Address.optional() }),
    output: z.null(),
    cliArgs: (i) => ['docker', 'network', 'connect', ...(i.ipv4Address ? ['--ip', i.ipv4Address] : []), i.network, i.container],
  }),
  'networks.disconnect': defineCall({
    input: membership,
    output: z.null(),
    cliArgs: (i) => ['docker', 'network', 'disconnect', i.network, i.container],
  }),
} as const;
