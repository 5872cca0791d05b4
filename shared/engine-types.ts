import { z } from 'zod';

/** The states the engine reports for a container (`State` in /containers/json). */
export const containerStateSchema = z.enum(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);
export type ContainerState = z.infer<typeof containerStateSchema>;

export const portMappingSchema = z.object({
  privatePort: z.number().int(),
  publicPort: z.number().int().optional(),
  ip: z.string().optional(),
  protocol: z.enum(['tcp', 'udp', 'sctp']),
});
export type PortMapping = z.infer<typeof portMappingSchema>;

export const containerSummarySchema = z.object({
  id: z.string(),
  /** Primary name without the leading slash, as `docker ps` prints it. */
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  command: z.string(),
  /** Unix seconds. */
  created: z.number(),
  state: containerStateSchema,
  /** The engine's human status, e.g. "Up 3 minutes" or "Exited (137) 2 hours ago". */
  status: z.string(),
  /** Parsed from the status for exited containers; null otherwise. */
  exitCode: z.number().int().nullable(),
  ports: z.array(portMappingSchema),
  labels: z.record(z.string(), z.string()),
});
export type ContainerSummary = z.infer<typeof containerSummarySchema>;

export const imageSummarySchema = z.object({
  id: z.string(),
  /** `repo:tag` references; empty for a dangling image. */
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  /** Unix seconds. */
  created: z.number(),
  /** Bytes, including layers shared with other images (what `docker images` shows). */
  size: z.number(),
  /** How many containers use the image, or -1 when the engine did not count. */
  containers: z.number().int(),
  labels: z.record(z.string(), z.string()),
});
export type ImageSummary = z.infer<typeof imageSummarySchema>;

/**
 * `not-answering`: the engine accepted a connection but a request got no answer in time (a hung
 * dockerd, a stalled network path); Berth pings it until it answers again.
 */
export const connectionStateSchema = z.enum(['connecting', 'connected', 'not-answering', 'disconnected']);
export type ConnectionState = z.infer<typeof connectionStateSchema>;

export const connectionStatusSchema = z.object({
  /** Which connection this is; Berth can hold several (local, a robot over SSH, ...). */
  connectionId: z.string(),
  state: connectionStateSchema,
  /** Where Berth looks for the engine, e.g. unix:///var/run/docker.sock. */
  endpoint: z.string(),
  engineVersion: z.string().optional(),
  apiVersion: z.string().optional(),
  os: z.string().optional(),
  /** What went wrong, in the engine's or the OS's words. */
  error: z.string().optional(),
  /** What the user can do about it. */
  hint: z.string().optional(),
  /** Increases each time the connection is (re-)established: a change means lists must be reloaded. */
  generation: z.number().int(),
  /**
   * Berth will not retry by itself until the user acts: an unknown host key to accept, a changed host
   * key, or an address it refuses (plain tcp:// off loopback). `error` says why.
   */
  refused: z.boolean().optional(),
  /** An SSH engine's host key that is not in known_hosts (accept it with acceptHostKey) or differs from it (refused). */
  hostKey: z
    .object({
      /** As known_hosts names it: `host` or `[host]:port`. */
      host: z.string(),
      keyType: z.string(),
      /** SHA256:… as `ssh-keygen -lf` prints it. */
      fingerprint: z.string(),
      problem: z.enum(['unknown', 'changed']),
    })
    .optional(),
});
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;

export const engineEventSchema = z.object({
  /** container, image, volume, network, daemon, ... */
  type: z.string(),
  /** start, die, destroy, pull, tag, ... (exec actions carry their command after a colon in the engine; kept whole). */
  action: z.string(),
  id: z.string(),
  /** The object's name when the engine gives one (container name, image reference). */
  name: z.string().optional(),
  /** Nanoseconds since the epoch, as the engine reports them. */
  timeNano: z.number(),
  /** die, exec_die: the process's exit code. */
  exitCode: z.number().int().optional(),
  /** Container events: the image the container was made from, as the engine names it. */
  image: z.string().optional(),
  /** kill: the signal sent. */
  signal: z.string().optional(),
  /** Volume mount/unmount, network connect/disconnect: the container's ID. */
  container: z.string().optional(),
  /** commit: the new image's ID, and the name it was given (if any). */
  imageId: z.string().optional(),
  imageRef: z.string().optional(),
});
export type EngineEvent = z.infer<typeof engineEventSchema>;
