import { z } from 'zod';
import { containerStateSchema } from './engine-types.js';

/** One filesystem layer as the engine stores it once on disk, however many images hold it. */
export const mapLayerSchema = z.object({
  /** The layer with everything below it: the same diff on another base is another layer. */
  chainId: z.string(),
  diffId: z.string(),
  /** Bytes, from the image's history; null when history and layers could not be matched. */
  size: z.number().nullable(),
  /** The instruction that made it, as the history records it ('' when unknown). */
  createdBy: z.string(),
});
export type MapLayer = z.infer<typeof mapLayerSchema>;

export const mapImageSchema = z.object({
  id: z.string(),
  /** `repo:tag` references; empty for a dangling image. */
  tags: z.array(z.string()),
  /** Unix seconds. */
  created: z.number(),
  size: z.number(),
  /** Chain IDs of its layers, base first; each is described once in the map's `layers`. */
  chain: z.array(z.string()),
  /** Why its layers could not be read (it went away meanwhile, the engine refused); its chain is then empty. */
  unreadable: z.string().optional(),
  /** The container a `docker commit` Berth saw made it from. */
  committedFrom: z.object({ containerId: z.string(), containerName: z.string() }).optional(),
});
export type MapImage = z.infer<typeof mapImageSchema>;

export const mapContainerSchema = z.object({
  id: z.string(),
  name: z.string(),
  imageId: z.string(),
  /** The image as the container names it (a tag, or an ID when the tag moved on). */
  image: z.string(),
  state: containerStateSchema,
});
export type MapContainer = z.infer<typeof mapContainerSchema>;

/** Images as stacks of layers, each layer once, and containers on their images. */
export const engineMapSchema = z.object({
  /** False while the engine is out of reach: the map is as last known. */
  live: z.boolean(),
  layers: z.array(mapLayerSchema),
  images: z.array(mapImageSchema),
  containers: z.array(mapContainerSchema),
});
export type EngineMap = z.infer<typeof engineMapSchema>;

/** A container's writable layer as `docker diff` lists it, cut short for the map. */
export const writableLayerSchema = z.object({
  /** Files first (entries no other entry lies under), then the folders above them. */
  changes: z.array(z.object({ path: z.string(), kind: z.enum(['changed', 'added', 'deleted']) })),
  /** How many entries `docker diff` listed in all. */
  total: z.number().int(),
});
export type WritableLayer = z.infer<typeof writableLayerSchema>;
