import { z } from 'zod';
import { BerthError } from '../../../shared/errors.js';

// The engine's JSON is checked here, not trusted. Unknown fields are ignored, and a descriptive
// field that is missing or odd on some engine version becomes "not said". What decides which
// container is on which network (IDs, names, endpoints) must be right, though: a reply without it
// is refused with a clear error rather than shown as networks nobody uses, which prune would remove.

const optionalString = z.string().optional().catch(undefined);
const optionalBoolean = z.boolean().optional().catch(undefined);
const stringRecord = z.record(z.string(), z.string()).nullable().optional().catch(null);

const engineIpamConfigSchema = z.object({ Subnet: optionalString, Gateway: optionalString, IPRange: optionalString });

/** One entry of the engine's `GET /networks`: the fields Berth reads. */
export const engineNetworkSchema = z.object({
  Id: z.string().min(1),
  Name: z.string().min(1),
  Driver: optionalString,
  /** local, swarm or global. */
  Scope: optionalString,
  Created: optionalString,
  Internal: optionalBoolean,
  Attachable: optionalBoolean,
  /** The swarm routing-mesh network. */
  Ingress: optionalBoolean,
  EnableIPv6: optionalBoolean,
  IPAM: z
    .object({ Config: z.array(engineIpamConfigSchema).nullable().optional().catch(null) })
    .nullable()
    .optional()
    .catch(null),
  Options: stringRecord,
  Labels: stringRecord,
});
export type RawNetwork = z.output<typeof engineNetworkSchema>;

const engineEndpointSchema = z.object({ NetworkID: optionalString, IPAddress: optionalString }).nullable();

/** One entry of the engine's `GET /containers/json?all=1`: the fields Berth reads. */
export const engineContainerSchema = z.object({
  Id: z.string().min(1),
  Names: z.array(z.string()).nullable().optional().catch(null),
  State: optionalString,
  NetworkSettings: z
    .object({ Networks: z.record(z.string(), engineEndpointSchema).nullable().optional() })
    .nullable()
    .optional(),
});
export type RawContainer = z.output<typeof engineContainerSchema>;

function parseReply<T>(schema: z.ZodType<T>, reply: unknown, what: string): T {
  const parsed = schema.safeParse(reply);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (at ${issue.path.map(String).join('.')})` : '';
  throw new BerthError({
    code: 'ENGINE_ERROR',
    message: `The engine’s ${what} was not understood${where}: ${issue?.message ?? 'unexpected reply'}`,
  });
}

/** The engine's network list, checked; a clear ENGINE_ERROR when it is not one. */
export function parseEngineNetworks(reply: unknown): RawNetwork[] {
  return parseReply(z.array(engineNetworkSchema), reply, 'network list');
}

/** The engine's container list, checked; a clear ENGINE_ERROR when it is not one. */
export function parseEngineContainers(reply: unknown): RawContainer[] {
  return parseReply(z.array(engineContainerSchema), reply, 'container list');
}
