import { z } from 'zod';
import { containerStateSchema, type ContainerSummary, type ImageSummary, type PortMapping } from '../../../shared/engine-types.js';
import type { NetworkSummary } from '../../../shared/network-types.js';
import type { VolumeSummary } from '../../../shared/volume-types.js';
import { BerthError } from '../../../shared/errors.js';
import { listedContainerLabels } from '../../../shared/live-contract.js';
import { exitCodeFromStatus, toImageSummary } from '../containers/container-mapping.js';
import { engineNetworkSchema } from '../networks/network-engine-json.js';
import { toNetworkSummaries } from '../networks/network-summaries.js';
import { toVolumeSummaries } from '../volumes/volume-mapping.js';

// The engine's replies are checked here, once, on their way into the model: what leaves the model
// is already in the contract's shape. Identity fields must be right; a descriptive field that is
// missing or odd on some engine version becomes "not said" instead of failing the whole list.

const text = z.string().catch('');
const labels = z.record(z.string(), z.string()).nullable().optional().catch(null);

const enginePortSchema = z.object({
  PrivatePort: z.number().int(),
  PublicPort: z.number().int().optional().catch(undefined),
  IP: z.string().optional().catch(undefined),
  Type: z.string().optional().catch(undefined),
});

const engineMountSchema = z.object({
  Type: z.string().optional().catch(undefined),
  Name: z.string().optional().catch(undefined),
  Destination: text,
  RW: z.boolean().optional().catch(undefined),
});

const engineEndpointSchema = z
  .object({ NetworkID: z.string().optional().catch(undefined), IPAddress: z.string().optional().catch(undefined) })
  .nullable()
  .catch(null);

/** One entry of `GET /containers/json?all=1`: the row's fields, plus what volumes and networks derive from it. */
const engineContainerEntrySchema = z.object({
  Id: z.string().min(1),
  Names: z.array(z.string()).nullable().optional().catch(null),
  Image: text,
  ImageID: text,
  Command: text,
  Created: z.number().catch(0),
  State: z.string().optional().catch(undefined),
  Status: text,
  Ports: z.array(enginePortSchema).nullable().optional().catch(null),
  Labels: labels,
  Mounts: z.array(engineMountSchema).nullable().optional().catch(null),
  NetworkSettings: z
    .object({ Networks: z.record(z.string(), engineEndpointSchema).nullable().optional().catch(null) })
    .nullable()
    .optional()
    .catch(null),
});
type EngineContainerEntry = z.output<typeof engineContainerEntrySchema>;

/** A named volume a container mounts. */
export interface HeldMount {
  readonly volume: string;
  readonly destination: string;
  readonly readOnly: boolean;
}

/** A network a container is on, as the container list names it. */
export interface HeldEndpoint {
  readonly networkName: string;
  /** Empty for a container that has never started on it. */
  readonly networkId: string;
  readonly ipv4: string | null;
}

/** A container as the model holds it: its row, and what volumes and networks derive from it. */
export interface HeldContainer {
  readonly summary: ContainerSummary;
  readonly mounts: readonly HeldMount[];
  readonly endpoints: readonly HeldEndpoint[];
}

function toPort(port: z.output<typeof enginePortSchema>): PortMapping {
  const protocol = port.Type === 'udp' || port.Type === 'sctp' ? port.Type : 'tcp';
  return {
    privatePort: port.PrivatePort,
    ...(port.PublicPort ? { publicPort: port.PublicPort } : {}),
    ...(port.IP ? { ip: port.IP } : {}),
    protocol,
  };
}

/** The labels the list uses, out of a container's (Compose alone puts a dozen long ones on each). */
function listedLabels(all: Readonly<Record<string, string>> | null | undefined): Record<string, string> {
  const kept: Record<string, string> = {};
  if (!all) return kept;
  for (const key of listedContainerLabels) {
    const value = all[key];
    if (value !== undefined) kept[key] = value;
  }
  return kept;
}

function toHeldContainer(c: EngineContainerEntry): HeldContainer {
  const state = containerStateSchema.safeParse(c.State);
  const mounts: HeldMount[] = [];
  for (const m of c.Mounts ?? []) {
    if (m.Type !== 'volume' || !m.Name || mounts.some((held) => held.volume === m.Name)) continue;
    mounts.push({ volume: m.Name, destination: m.Destination, readOnly: m.RW === false });
  }
  const endpoints = Object.entries(c.NetworkSettings?.Networks ?? {}).map(([networkName, e]) => ({
    networkName,
    networkId: e?.NetworkID ?? '',
    ipv4: e?.IPAddress ? e.IPAddress : null,
  }));
  return {
    summary: {
      id: c.Id,
      name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
      image: c.Image,
      imageId: c.ImageID,
      command: c.Command,
      created: c.Created,
      state: state.success ? state.data : 'dead',
      status: c.Status,
      exitCode: exitCodeFromStatus(c.Status),
      ports: (c.Ports ?? []).map(toPort),
      labels: listedLabels(c.Labels),
    },
    mounts,
    endpoints,
  };
}

function notUnderstood(what: string, error: z.ZodError): BerthError {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (at ${issue.path.map(String).join('.')})` : '';
  return new BerthError({
    code: 'ENGINE_ERROR',
    message: `The engine’s ${what} was not understood${where}: ${issue?.message ?? 'unexpected reply'}`,
  });
}

const containerListSchema = z.array(engineContainerEntrySchema);

/** `GET /containers/json` (whole or filtered), checked once; a clear ENGINE_ERROR when it is not a container list. */
export function parseContainerList(reply: unknown): HeldContainer[] {
  const parsed = containerListSchema.safeParse(reply);
  if (!parsed.success) throw notUnderstood('container list', parsed.error);
  return parsed.data.map(toHeldContainer);
}

/** A volume's own fields; `usedBy` derives from the containers. */
export type VolumeBase = Omit<VolumeSummary, 'usedBy'>;

/** `GET /volumes` or one `GET /volumes/{name}`, checked (entries that are not volumes are left out, as the list does). */
export function parseVolumes(volumes: readonly unknown[]): VolumeBase[] {
  return toVolumeSummaries(volumes, []).map(({ usedBy: _usedBy, ...base }) => base);
}

/** A network's own fields; `containers` derives from the containers. */
export type NetworkBase = Omit<NetworkSummary, 'containers'>;

const networkListSchema = z.array(engineNetworkSchema);

/** `GET /networks` or one `GET /networks/{id}` (as a one-item list), checked. */
export function parseNetworks(reply: unknown): NetworkBase[] {
  const parsed = networkListSchema.safeParse(reply);
  if (!parsed.success) throw notUnderstood('network list', parsed.error);
  return toNetworkSummaries(parsed.data, []).map(({ containers: _containers, ...base }) => base);
}

const engineImageEntrySchema = z.object({
  Id: z.string().min(1),
  RepoTags: z.array(z.string()).nullable().optional().catch(null),
  RepoDigests: z.array(z.string()).nullable().optional().catch(null),
  Created: z.number().catch(0),
  Size: z.number().catch(0),
  Containers: z.number().int().optional().catch(undefined),
  Labels: labels,
});
const imageListSchema = z.array(engineImageEntrySchema);

/** `GET /images/json`, checked. */
export function parseImageList(reply: unknown): ImageSummary[] {
  const parsed = imageListSchema.safeParse(reply);
  if (!parsed.success) throw notUnderstood('image list', parsed.error);
  return parsed.data.map((i) =>
    toImageSummary({
      Id: i.Id,
      ParentId: '',
      RepoTags: i.RepoTags ?? undefined,
      RepoDigests: i.RepoDigests ?? undefined,
      Created: i.Created,
      Size: i.Size,
      VirtualSize: i.Size,
      SharedSize: -1,
      Containers: i.Containers ?? -1,
      Labels: i.Labels ?? {},
    }),
  );
}

const engineImageInspectSchema = z.object({
  Id: z.string().min(1),
  RepoTags: z.array(z.string()).nullable().optional().catch(null),
  RepoDigests: z.array(z.string()).nullable().optional().catch(null),
  Created: z.string().optional().catch(undefined),
  Size: z.number().catch(0),
  Config: z.object({ Labels: labels }).nullable().optional().catch(null),
});

/**
 * `GET /images/{ref}/json` as a row of `docker images`. The inspect document has what the list
 * entry has, its creation time as ISO text; the engine counts no containers in either (-1).
 */
export function parseImageInspect(reply: unknown): ImageSummary {
  const parsed = engineImageInspectSchema.safeParse(reply);
  if (!parsed.success) throw notUnderstood('image', parsed.error);
  const i = parsed.data;
  const createdMs = i.Created ? Date.parse(i.Created) : NaN;
  const [summary] = parseImageList([
    {
      Id: i.Id,
      RepoTags: i.RepoTags,
      RepoDigests: i.RepoDigests,
      Created: Number.isFinite(createdMs) ? Math.floor(createdMs / 1000) : 0,
      Size: i.Size,
      Containers: -1,
      Labels: i.Config?.Labels ?? null,
    },
  ]);
  return summary!;
}
