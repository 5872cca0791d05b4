import type Docker from 'dockerode';
import { containerStateSchema, type ContainerSummary, type ImageSummary, type PortMapping } from '../../../shared/engine-types.js';

/** "Exited (137) 2 hours ago" → 137; null when the status carries no exit code. */
export function exitCodeFromStatus(status: string): number | null {
  const match = /^Exited \((-?\d+)\)/.exec(status);
  return match ? Number(match[1]) : null;
}

function toPort(port: Docker.Port): PortMapping {
  const protocol = port.Type === 'udp' || port.Type === 'sctp' ? port.Type : 'tcp';
  return {
    privatePort: port.PrivatePort,
    ...(port.PublicPort ? { publicPort: port.PublicPort } : {}),
    ...(port.IP ? { ip: port.IP } : {}),
    protocol,
  };
}

export function toContainerSummary(info: Docker.ContainerInfo): ContainerSummary {
  const state = containerStateSchema.safeParse(info.State);
  const status = info.Status ?? '';
  return {
    id: info.Id,
    name: (info.Names[0] ?? info.Id.slice(0, 12)).replace(/^\//, ''),
    image: info.Image,
    imageId: info.ImageID,
    command: info.Command,
    created: info.Created,
    state: state.success ? state.data : 'dead',
    status,
    exitCode: exitCodeFromStatus(status),
    ports: (info.Ports ?? []).map(toPort),
    labels: info.Labels ?? {},
  };
}

export function toImageSummary(info: Docker.ImageInfo): ImageSummary {
  const tags = (info.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>');
  const digests = (info.RepoDigests ?? []).filter((digest) => digest !== '<none>@<none>');
  return {
    id: info.Id,
    repoTags: tags,
    repoDigests: digests,
    created: info.Created,
    size: info.Size,
    containers: info.Containers ?? -1,
    labels: info.Labels ?? {},
  };
}
