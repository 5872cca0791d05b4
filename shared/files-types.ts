import { z } from 'zod';
import { checkContainerPath, checkFileName } from './container-path.js';

/** Limits both ends agree on for the container Files tab. */
export const filesLimits = {
  /** One upload (all its files together); `docker cp` has no limit, the UI holds the bytes in memory. */
  uploadMaxBytes: 64 * 1024 * 1024,
  uploadMaxFiles: 200,
  /** Bytes per upload chunk call: well under the WebSocket transport's 4 MiB frame limit. */
  uploadChunkBytes: 1024 * 1024,
  /** The browser assembles a download in memory before saving it. */
  downloadMaxBytes: 512 * 1024 * 1024,
  /** The server pauses a download while this many sent bytes are not acknowledged by the client. */
  downloadWindowBytes: 4 * 1024 * 1024,
  /** The client acknowledges received bytes in steps of this size. */
  downloadAckEvery: 512 * 1024,
  /** At most this many entries in one listing; more is reported as a partial listing. */
  listMaxEntries: 20_000,
  /** Listing through the archive API reads at most this much of the tar stream. */
  archiveListMaxBytes: 64 * 1024 * 1024,
} as const;

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'Expected bytes');

/** An absolute path in the container; normalised (`/a/../b/` → `/b`). */
export const containerPathSchema = z
  .string()
  .superRefine((raw, ctx) => {
    const check = checkContainerPath(raw);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.error });
  })
  .transform((raw) => {
    const check = checkContainerPath(raw);
    return check.ok ? check.path : raw;
  });

export const fileNameSchema = z.string().superRefine((name, ctx) => {
  const check = checkFileName(name);
  if (!check.ok) ctx.addIssue({ code: 'custom', message: check.error });
});

export const fileKindSchema = z.enum(['file', 'dir', 'symlink', 'other']);
export type FileKind = z.infer<typeof fileKindSchema>;

export const fileEntrySchema = z.object({
  name: z.string(),
  kind: fileKindSchema,
  /** Bytes (a symlink: the length of its target; a directory: what the filesystem reports). */
  size: z.number(),
  /** Permission bits with setuid/setgid/sticky, as `chmod` takes them (0o7777 at most). */
  mode: z.number().int(),
  /** Milliseconds since the epoch; null when unknown. */
  mtime: z.number().nullable(),
  /** Where a symlink points, as stored in the link. */
  linkTarget: z.string().optional(),
  /** Whether a symlink leads to a directory; absent when not known (archive listings). */
  linkToDir: z.boolean().optional(),
});
export type FileEntry = z.infer<typeof fileEntrySchema>;

export const directoryListingSchema = z.object({
  /** The normalised path that was listed. */
  path: z.string(),
  entries: z.array(fileEntrySchema),
  /** How it was listed: a small `sh` script through exec (running containers) or the archive API. */
  method: z.enum(['exec', 'archive']),
  /** Set when the listing was cut short: says why (and so what may be missing). */
  partial: z.string().optional(),
});
export type DirectoryListing = z.infer<typeof directoryListingSchema>;

export const downloadMessageSchema = z.discriminatedUnion('kind', [
  /** First message: what is coming. `size` is known for a single file, not for a folder's tar. */
  z.object({
    kind: z.literal('start'),
    downloadId: z.string(),
    fileName: z.string(),
    format: z.enum(['file', 'tar']),
    size: z.number().nullable(),
  }),
  z.object({ kind: z.literal('data'), data: bytes }),
  z.object({ kind: z.literal('done'), bytes: z.number() }),
]);
export type DownloadMessage = z.infer<typeof downloadMessageSchema>;

export const uploadFileSchema = z.object({ name: fileNameSchema, size: z.number().int().min(0).max(filesLimits.uploadMaxBytes) });

export const uploadIdSchema = z.string().regex(/^[a-zA-Z0-9-]{8,64}$/, 'Not an upload ID');
export const downloadIdSchema = z.string().regex(/^[a-zA-Z0-9-]{8,64}$/, 'Not a download ID');
export const uploadChunkSchema = z.custom<Uint8Array>(
  (v) => v instanceof Uint8Array && v.byteLength > 0 && v.byteLength <= filesLimits.uploadChunkBytes,
  `Expected 1 to ${filesLimits.uploadChunkBytes} bytes`,
);

/** What an upload put into the container: each file is either written whole or not at all. */
export const uploadOutcomeSchema = z.object({
  written: z.array(z.string()),
  /** Files left as they were (their old content, if any, is unchanged), each with why. */
  notWritten: z.array(z.object({ name: z.string(), reason: z.string() })),
});
export type UploadOutcome = z.infer<typeof uploadOutcomeSchema>;

export const uploadResultSchema = uploadOutcomeSchema.extend({ dir: z.string(), bytes: z.number() });
export type UploadResult = z.infer<typeof uploadResultSchema>;
